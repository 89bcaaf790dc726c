/**
 * Browser tests of the web explorer: Debian's Chromium driven headless through playwright-core (no browser
 * download), against the service's real HTTP stack over the test Neo4j with the sample county.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { ensureExplorerBuilt } from '../../../tools/explorer-build.js';
import { openTestDatabase } from '../../support/database.js';
import { startTestService, tokenFor as mintTestToken, type TestService } from '../../support/graphql-client.js';
import type { Database } from '../../../src/neo4j/database.js';

/** Debian's Chromium (`apt-get install chromium`); CHROMIUM_PATH points elsewhere. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = path.join(path.dirname(new URL(import.meta.url).pathname), 'screenshots');

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

/** A fresh headless Chromium with its own throw-away profile (--user-data-dir); `close` removes the profile. */
export async function launchBrowser(options: { viewport?: { width: number; height: number } } = {}): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'explorer-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: options.viewport ?? { width: 1366, height: 900 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    // The pages forbid inline scripts (Content-Security-Policy); axe-core is injected as one, for the test only.
    bypassCSP: true,
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export interface ExplorerSuite {
  readonly database: Database;
  readonly service: TestService;
  readonly context: BrowserContext;
  /** The service's origin, e.g. http://127.0.0.1:41234. */
  readonly origin: string;
}

/** Builds the explorer if needed, starts the service and a browser before the suite; stops them after. */
export function useExplorer(): ExplorerSuite {
  const suite = {} as { database: Database; service: TestService; context: BrowserContext; origin: string; close?: () => Promise<void> };
  beforeAll(async () => {
    await ensureExplorerBuilt();
    suite.database = openTestDatabase();
    suite.service = await startTestService(suite.database);
    suite.origin = new URL(suite.service.url).origin;
    const browser = await launchBrowser();
    suite.context = browser.context;
    suite.close = browser.close;
  }, 180_000);
  afterAll(async () => {
    await suite.close?.();
    await suite.service?.close();
    await suite.database?.close();
  });
  return suite;
}

/** A new tab that records every URL it requests (to prove that nothing leaves this machine). */
export async function openPage(context: BrowserContext, url: string): Promise<{ page: Page; requests: string[] }> {
  const page = await context.newPage();
  const requests: string[] = [];
  page.on('request', (request) => {
    requests.push(request.url());
  });
  await page.goto(url);
  return { page, requests };
}

/** Saves a screenshot of the page under tests/e2e/explorer/screenshots/ (git-ignored). */
export async function screenshot(page: Page, name: string, fullPage = false): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage });
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[] }>;
}

/** Runs axe-core in the page and returns the serious and critical violations (id, help and where). */
export async function seriousAccessibilityViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axeSource });
  // Runs in the page (a string: this file is compiled without the DOM's types).
  const violations = (await page.evaluate(`axe.run(document, { resultTypes: ['violations'] }).then((result) => result.violations.map((violation) => ({
    id: violation.id, impact: violation.impact, help: violation.help, nodes: violation.nodes.map((node) => ({ target: node.target })) })))`)) as AxeViolation[];
  return violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical').map((violation) => `${violation.id} (${violation.impact}): ${violation.help} at ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

/** Asserts that a view has no serious or critical accessibility violation. */
export async function expectAccessible(page: Page): Promise<void> {
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
}

/** A computed CSS property of the element a locator points at (e.g. a gap badge's background colour). */
export async function computedStyle(locator: import('playwright-core').Locator, property: string): Promise<string> {
  await locator.waitFor();
  return locator.evaluate((element, name) => {
    const view = element.ownerDocument.defaultView as unknown as { getComputedStyle(target: unknown): Record<string, string> };
    return view.getComputedStyle(element)[name] ?? '';
  }, property);
}

/** Whether a URL stays on this machine. */
export function isLocal(url: string): boolean {
  if (url.startsWith('data:') || url.startsWith('blob:') || url.startsWith('about:')) return true;
  const { hostname } = new URL(url);
  return hostname === '127.0.0.1' || hostname === 'localhost' || hostname === '[::1]';
}

/** A token for `role` signed with the test services' secret, as an identity provider would issue it. */
export function tokenFor(role: 'viewer' | 'editor' | 'admin'): Promise<string> {
  return mintTestToken(role, `e2e-${role}`);
}

/** Signs in through the explorer's own dialog, as a person pasting a token would. */
export async function signInAs(page: Page, token: string): Promise<void> {
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByLabel('令牌（JWT）').fill(token);
  await page.getByRole('dialog').getByRole('button', { name: '登录' }).click();
  await expect.poll(() => page.getByText(/^已登录：/).count()).toBe(1);
}
