/**
 * The explorer as served: offline (no request leaves this machine), GraphiQL bundled, explicit messages when the
 * database is down or the service is not ready, budgets (initial JavaScript, first view, 500 drawn nodes), tablet
 * layout and keyboard use — in Chromium against the sample county.
 */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { initialScriptFiles } from '../../../tools/explorer-build.js';
import { createHttpService } from '../../../src/server.js';
import { openDatabase } from '../../../src/neo4j/database.js';
import { silentLogger } from '../../support/database.js';
import { expectAccessible, isLocal, launchBrowser, openPage, screenshot, useExplorer } from './support.js';

const globalId = (kind: string, id: string) => Buffer.from(`${kind}:${id}`).toString('base64url');

async function text(locator: Locator): Promise<string> {
  await locator.waitFor();
  return (await locator.innerText()).trim();
}

describe('the web explorer as served', () => {
  const suite = useExplorer();

  it('loads every view and GraphiQL without a single request leaving this machine', async () => {
    const views = [
      '/',
      '/search?q=西南大学',
      `/entity/${globalId('University', 'univ:swu')}`,
      `/experts?q=${encodeURIComponent('中药材提取物和制剂加工')}`,
      `/partners?for=${globalId('Enterprise', 'ent:yunji-shipin')}`,
      '/demands',
      `/demands/${globalId('Demand', 'demand:agri-pv-intercrop')}`,
      `/chain?industry=${globalId('Industry', 'industry:laorou')}`,
      `/connect?from=${globalId('Enterprise', 'ent:qinggang-laorou')}&to=${globalId('University', 'univ:swu')}`,
      `/valley?cluster=${globalId('IndustryCluster', 'cluster:medicine-valley')}`,
      '/graphiql',
    ];
    const everyRequest: string[] = [];
    for (const view of views) {
      const { page, requests } = await openPage(suite.context, `${suite.origin}${view}`);
      await page.waitForLoadState('networkidle');
      everyRequest.push(...requests);
      await page.close();
    }
    expect(everyRequest.length).toBeGreaterThan(views.length * 2);
    expect(everyRequest.filter((url) => !isLocal(url))).toEqual([]);
  });

  it('serves GraphiQL at /graphiql with the query behind a view one click away, and sends browsers from /graphql to it', async () => {
    const { page } = await openPage(suite.context, `${suite.origin}/chain?industry=${globalId('Industry', 'industry:laorou')}`);
    await page.locator('.chain-column').first().waitFor();
    const link = page.getByRole('link', { name: '在 GraphiQL 中打开' });
    const target = new URL((await link.getAttribute('href')) ?? '', suite.origin);
    expect(target.pathname).toBe('/graphiql');
    expect(target.searchParams.get('query')).toMatch(/^query IndustryChain\(/);
    expect(JSON.parse(target.searchParams.get('variables') ?? '{}')).toEqual({ industry: globalId('Industry', 'industry:laorou'), candidates: 3 });

    await page.goto(target.toString());
    await page.locator('.graphiql-container').waitFor();
    // The editor fills itself after the page has loaded: wait for its text.
    await expect.poll(async () => page.locator('.graphiql-query-editor').innerText(), { timeout: 20_000 }).toContain('industryChain(industry: $industry');
    await page.getByRole('button', { name: /Execute query/ }).click();
    // The result editor draws only the lines in view: the answer's first lines name the industry.
    await expect.poll(async () => page.locator('.result-window').innerText(), { timeout: 20_000 }).toMatch(/"industryChain"[\s\S]*"name": "老腊肉"/);
    await screenshot(page, 'graphiql');

    const redirected = await fetch(`${suite.origin}/graphql`, { headers: { accept: 'text/html' }, redirect: 'manual' });
    expect(redirected.status).toBe(302);
    expect(redirected.headers.get('location')).toBe('/graphiql');
    const graphql = await fetch(`${suite.origin}/graphql?query=${encodeURIComponent('{ serviceStatus { nodeCount } }')}`, { headers: { accept: 'application/json', 'apollo-require-preflight': 'true' } });
    expect(((await graphql.json()) as { data: { serviceStatus: { nodeCount: number } } }).data.serviceStatus.nodeCount).toBe(577);
  });

  it('serves hashed assets for a year, pages fresh, a URL for every view, and 404 elsewhere', async () => {
    const home = await fetch(`${suite.origin}/`);
    expect(home.headers.get('cache-control')).toBe('no-cache');
    expect(home.headers.get('content-security-policy')).toContain("default-src 'self'");
    const html = await home.text();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const asset = await fetch(`${suite.origin}${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    for (const view of ['/search?q=x', `/entity/${globalId('University', 'univ:swu')}`, '/experts', '/partners', '/demands', '/demands/new', '/chain', '/connect', '/valley']) {
      const response = await fetch(`${suite.origin}${view}`);
      expect(response.status, view).toBe(200);
      expect(await response.text(), view).toBe(html);
    }
    expect((await fetch(`${suite.origin}/no-such-page`)).status).toBe(404);
    expect((await fetch(`${suite.origin}/assets/no-such-file.js`)).status).toBe(404);
    expect(await (await fetch(`${suite.origin}/explorer/config.json`)).json()).toEqual({ editingRequiresSignIn: true });
  });

  it('keeps the initial JavaScript within 300 KB gzipped and the first view usable within 1.5 s', async () => {
    const initialBytes = initialScriptFiles().reduce((sum, file) => sum + gzipSync(readFileSync(file)).length, 0);
    expect(initialBytes).toBeGreaterThan(5_000);
    expect(initialBytes).toBeLessThanOrEqual(300 * 1024);

    const page = await suite.context.newPage();
    await page.goto(`${suite.origin}/search?q=${encodeURIComponent('老腊肉')}`);
    await page.locator('.search-result').first().waitFor();
    // Again with a warm server, as a second visitor would see it: navigation start to the first result shown.
    const started = Date.now();
    await page.goto(`${suite.origin}/search?q=${encodeURIComponent('冷链')}`);
    await page.locator('.search-result').first().waitFor();
    const firstView = Date.now() - started;
    expect(firstView).toBeLessThanOrEqual(1_500);
    await page.close();
  });

  it('stays responsive with 500 nodes drawn', async () => {
    const page = await suite.context.newPage();
    const started = Date.now();
    await page.goto(`${suite.origin}/entity/${globalId('Region', 'region:xiquan-town')}?depth=3&limit=500`);
    const canvas = page.locator('.graph-canvas[data-ready="true"]');
    await canvas.waitFor({ timeout: 60_000 });
    const drawnAfter = Date.now() - started;
    expect(Number(await canvas.getAttribute('data-node-count'))).toBe(500);
    expect(drawnAfter).toBeLessThan(15_000);
    await canvas.focus();
    const before = await text(page.locator('#graph-selected'));
    const pressed = Date.now();
    await page.keyboard.press('ArrowRight');
    await page.locator('#graph-selected').filter({ hasNotText: before }).waitFor();
    expect(Date.now() - pressed).toBeLessThan(1_000);
    await screenshot(page, 'graph-500');
    await page.close();
  });

  it('says clearly when the service is not ready, overloaded, or asks for sign-in or a role', async () => {
    const cases: Array<[number, string, string]> = [
      [503, 'NOT_READY', '服务正在启动（数据库迁移或数据导入尚未完成），请稍后重试。'],
      [503, 'DATABASE_UNAVAILABLE', '数据库暂时不可用，请稍后重试。'],
      [503, 'SERVICE_OVERLOADED', '服务繁忙，请稍后重试。'],
      [401, 'UNAUTHENTICATED', '需要登录：请用有效的令牌登录后再试。'],
      [403, 'FORBIDDEN', '权限不足：此操作需要编辑者权限。'],
    ];
    for (const [status, code, message] of cases) {
      const page = await suite.context.newPage();
      await page.route('**/graphql', (route) => route.fulfill({ status, contentType: 'application/json', body: JSON.stringify({ errors: [{ message: code, extensions: { code } }] }) }));
      await page.goto(`${suite.origin}/demands`);
      expect(await text(page.getByRole('alert').locator('p')), code).toBe(message);
      expect(await page.getByRole('button', { name: '重试' }).count()).toBe(1);
      await page.close();
    }
  });

  it('shows "database unavailable" (never a blank page) when Neo4j cannot be reached', async () => {
    const unreachable = openDatabase({ uri: 'bolt://127.0.0.1:1', user: 'neo4j', password: 'irrelevant', database: 'neo4j' });
    const http = await createHttpService(unreachable, silentLogger);
    const url = await http.listen(0, '127.0.0.1');
    http.setReady(true);
    try {
      const page = await suite.context.newPage();
      await page.goto(`${new URL(url).origin}/search?q=${encodeURIComponent('西南大学')}`);
      // Never blank: while the request waits (the driver retries for about 30 s against a closed port) the page says it
      // is loading; once the service's health check has found the database down (a few seconds after it starts: on a
      // loaded machine, possibly before the page asks) requests are refused at once and the page goes straight to why.
      const loadingOrWhy = page.locator('[role="status"]:has-text("正在加载…"), [role="alert"]').first();
      await loadingOrWhy.waitFor();
      expect((await loadingOrWhy.innerText()).trim()).toMatch(/^(正在加载…$|[\s\S]*数据库暂时不可用)/);
      const alert = page.getByRole('alert').locator('p');
      await alert.waitFor({ timeout: 50_000 });
      expect(await text(alert)).toBe('数据库暂时不可用，请稍后重试。');
      await screenshot(page, 'database-down');
      await page.close();
    } finally {
      await http.close();
      await unreachable.close();
    }
  }, 90_000);

  it('fits a tablet screen and works by keyboard alone (skip link, search-as-you-type, results)', async () => {
    const tablet = await launchBrowser({ viewport: { width: 768, height: 1024 } });
    try {
      const page = await tablet.context.newPage();
      await page.goto(`${suite.origin}/partners`);
      await page.keyboard.press('Tab');
      expect(await page.evaluate('document.activeElement.textContent')).toBe('跳到主要内容');
      await page.keyboard.press('Enter');
      for (let step = 0; step < 10 && (await page.evaluate('document.activeElement.getAttribute("role")')) !== 'combobox'; step += 1) await page.keyboard.press('Tab');
      await page.keyboard.type('云吉食品');
      await page.getByRole('option', { name: /X县云吉食品有限公司/ }).waitFor();
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      expect(await text(page.locator('[data-testid="match"] .match-label').first())).toBe('西南大学（嘉林区）');
      expect(await page.evaluate('document.documentElement.scrollWidth <= document.documentElement.clientWidth')).toBe(true);
      await expectAccessible(page);
      await screenshot(page, 'tablet-partners');
    } finally {
      await tablet.close();
    }
  });
});
