import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generatedFiles } from '../../tools/generated-files.js';
import { projectRoot } from '../../src/config.js';

describe('generated files', () => {
  it('are what `npm run codegen` produces from schema/, the explorer\'s operations and the seed format (not stale, not hand-edited)', async () => {
    const files = await generatedFiles();
    expect(files.map((file) => file.path)).toEqual(expect.arrayContaining(['src/generated/schema.graphql', 'src/generated/graphql.ts', 'explorer/src/generated/graphql.ts', 'seeds/format.schema.json']));
    for (const file of files) {
      const target = path.join(projectRoot, file.path);
      expect(existsSync(target), `${file.path} exists`).toBe(true);
      expect(readFileSync(target, 'utf8'), `${file.path} is stale: run npm run codegen`).toBe(file.content);
    }
  }, 60_000);
});
