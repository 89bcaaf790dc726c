/**
 * Builds the web explorer (explorer/ → explorer/dist/) with Vite when the build is missing or older than its sources.
 * `npm start` and the browser tests call it, so a fresh clone needs no extra command; `--force` always rebuilds.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { projectRoot } from '../src/config.js';

export const EXPLORER_DIR = path.join(projectRoot, 'explorer');
export const EXPLORER_DIST = path.join(EXPLORER_DIR, 'dist');
const STAMP = path.join(EXPLORER_DIST, '.sources-hash');

function filesUnder(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) return entry.name === 'dist' || entry.name === 'node_modules' ? [] : filesUnder(full);
    return [full];
  });
}

/** A hash of everything the build reads: the explorer's sources and the locked dependency versions. */
export function explorerSourcesHash(): string {
  const hash = createHash('sha256');
  const files = [...filesUnder(EXPLORER_DIR), path.join(projectRoot, 'package-lock.json')].sort();
  for (const file of files) {
    hash.update(path.relative(projectRoot, file));
    hash.update(readFileSync(file));
  }
  return hash.digest('hex');
}

/** Whether explorer/dist holds a build of the current sources. */
export function explorerBuildIsCurrent(): boolean {
  return existsSync(path.join(EXPLORER_DIST, 'index.html')) && existsSync(STAMP) && readFileSync(STAMP, 'utf8') === explorerSourcesHash();
}

/** Builds the explorer unless the build is current; resolves to whether it built. */
export async function ensureExplorerBuilt(options: { force?: boolean; log?: (line: string) => void } = {}): Promise<boolean> {
  if (!options.force && explorerBuildIsCurrent()) return false;
  const log = options.log ?? (() => {});
  const started = Date.now();
  const hash = explorerSourcesHash();
  log('building the web explorer (explorer/ → explorer/dist/)…');
  const { build } = await import('vite');
  await build({ configFile: path.join(EXPLORER_DIR, 'vite.config.ts'), logLevel: 'warn' });
  writeFileSync(STAMP, hash);
  log(`web explorer built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return true;
}

/** The gzipped sizes the browser downloads first: the explorer page's own scripts (not the lazily loaded ones). */
export function initialScriptFiles(): string[] {
  const html = readFileSync(path.join(EXPLORER_DIST, 'index.html'), 'utf8');
  return [...html.matchAll(/<(?:script[^>]+src|link[^>]+rel="modulepreload"[^>]+href)="\/([^"]+\.js)"/g)].map((match) => path.join(EXPLORER_DIST, match[1] ?? ''));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const force = process.argv.includes('--force');
  const built = await ensureExplorerBuilt({ force, log: (line) => process.stdout.write(`${line}\n`) });
  if (!built) process.stdout.write(`web explorer is up to date (${path.relative(projectRoot, EXPLORER_DIST)}, ${statSync(path.join(EXPLORER_DIST, 'index.html')).mtime.toISOString()})\n`);
}
