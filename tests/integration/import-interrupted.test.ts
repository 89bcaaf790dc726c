import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { deleteByPrefix, openTestDatabase, uniquePrefix } from '../support/database.js';
import { graphUnder } from '../support/graph-snapshot.js';
import { importDataset } from '../../src/import/importer.js';
import { projectRoot } from '../../src/config.js';

const TOPICS = 3000;

/** A synthetic dataset big enough to kill an import half-way: topics in a hierarchy and experts holding them. */
function writeSyntheticDataset(prefix: string): string {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'kg-big-'));
  mkdirSync(path.join(folder, 'nodes'));
  mkdirSync(path.join(folder, 'relationships'));
  const write = (file: string, records: unknown[]) => writeFileSync(path.join(folder, file), JSON.stringify({ formatVersion: 1, records }));
  writeFileSync(path.join(folder, 'dataset.json'), JSON.stringify({ formatVersion: 1, name: 'synthetic' }));
  const topics = Array.from({ length: TOPICS }, (_, index) => ({ id: `${prefix}:topic:${index}`, name: `主题${index}`, aliases: [`topic ${index}`], source: 'synthetic' }));
  write('nodes/Topic.json', topics);
  write('nodes/Expert.json', Array.from({ length: 500 }, (_, index) => ({ id: `${prefix}:expert:${index}`, name: `专家${index}`, title: '研究员', source: 'synthetic' })));
  write('relationships/BROADER.json', topics.slice(1).map((topic, index) => ({ from: topic.id, to: `${prefix}:topic:${Math.floor(index / 10)}`, source: 'synthetic' })));
  write(
    'relationships/HAS_EXPERTISE.json',
    Array.from({ length: 500 }, (_, index) => ({ from: `${prefix}:expert:${index}`, to: `${prefix}:topic:${(index * 7) % TOPICS}`, level: 'ADVANCED', source: 'synthetic' })),
  );
  return folder;
}

/** Starts `npm run kg -- import` on the folder and kills it (SIGKILL) once some batches, but not all, are written. */
function importAndKillHalfway(folder: string): Promise<string> {
  const connection = inject('neo4j');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/kg.ts', 'import', folder, '--batch-size', '50'], {
      cwd: projectRoot,
      env: { ...process.env, NEO4J_URI: connection.uri, NEO4J_USER: connection.user, NEO4J_PASSWORD: connection.password },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const progress = [...output.matchAll(/nodes: (\d+)\/(\d+)/g)].at(-1);
      if (progress && Number(progress[1]) >= 500 && Number(progress[1]) < Number(progress[2])) child.kill('SIGKILL');
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('close', (code, signal) => (signal === 'SIGKILL' ? resolve(output) : reject(new Error(`import was not interrupted (exit ${code}):\n${output}`))));
  });
}

describe('an import killed half-way', () => {
  const database = openTestDatabase();
  const prefix = uniquePrefix();
  afterAll(async () => {
    await deleteByPrefix(database, prefix);
    await database.close();
  });

  it('completes when run again and yields the same graph as a clean run', async () => {
    const folder = writeSyntheticDataset(prefix);
    await importAndKillHalfway(folder);
    const partial = await graphUnder(database, prefix);
    expect(partial.nodes.length).toBeGreaterThan(0);
    expect(partial.nodes.length).toBeLessThan(TOPICS + 500);

    const resumed = await importDataset(database, folder);
    expect(resumed.nodesCreated).toBe(TOPICS + 500 - partial.nodes.length);
    const afterResume = await graphUnder(database, prefix);

    await deleteByPrefix(database, prefix);
    await importDataset(database, folder);
    const clean = await graphUnder(database, prefix);
    expect(afterResume.nodes).toHaveLength(TOPICS + 500);
    expect(afterResume.relationships).toHaveLength(TOPICS - 1 + 500);
    expect(afterResume).toEqual(clean);
  }, 120_000);
});
