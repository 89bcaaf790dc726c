/**
 * `npm run codegen`: regenerates every generated file — the served schema (schema/*.graphql with its build
 * directives expanded), resolver types and the explorer's typed operations from it, and the seed format's JSON
 * Schema from the importer's validators. `--check` writes nothing and exits 1 when a file is stale.
 */
import { readFileSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { generatedFiles } from './generated-files.js';
import { projectRoot } from '../src/config.js';

const check = process.argv.includes('--check');
let stale = 0;
for (const file of await generatedFiles()) {
  const target = path.join(projectRoot, file.path);
  const current = existsSync(target) ? readFileSync(target, 'utf8') : null;
  if (current === file.content) continue;
  if (check) {
    stale += 1;
    process.stderr.write(`stale: ${file.path} (run npm run codegen)\n`);
  } else {
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, file.content);
    process.stdout.write(`wrote ${file.path}\n`);
  }
}
if (stale > 0) process.exit(1);
