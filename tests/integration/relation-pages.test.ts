import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteByPrefix, openTestDatabase, uniquePrefix } from '../support/database.js';
import { startTestService, type TestService } from '../support/graphql-client.js';
import { importDataset } from '../../src/import/importer.js';
import type { Database } from '../../src/neo4j/database.js';

/**
 * Topics only: 甲 has 7 narrower topics (甲-1 … 甲-7), 乙 has 2 (乙-1, 乙-2), and 丙 is narrower than 501 broader
 * topics (宽-000 … 宽-500) — one more than a plain list may return.
 */
/** Record ids are ASCII. */
const KEYS: Record<string, string> = { 甲: 'a', 乙: 'b', 丙: 'c' };

async function loadTopics(database: Database, prefix: string, marker: string): Promise<void> {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'kg-pages-'));
  mkdirSync(path.join(folder, 'nodes'));
  mkdirSync(path.join(folder, 'relationships'));
  const write = (file: string, records: unknown[]) => writeFileSync(path.join(folder, file), JSON.stringify({ formatVersion: 1, records }));
  const topic = (key: string, name: string) => ({ id: `${prefix}:topic:${KEYS[key] ?? key}`, name: `${marker}${name}`, source: 'test' });
  const children = (parent: string, count: number) => Array.from({ length: count }, (_, index) => topic(`${KEYS[parent]}-${index + 1}`, `${parent}-${index + 1}`));
  const wide = Array.from({ length: 501 }, (_, index) => topic(`wide-${index}`, `宽-${String(index).padStart(3, '0')}`));
  const nodes = [topic('甲', '父甲'), topic('乙', '父乙'), topic('丙', '丙'), ...children('甲', 7), ...children('乙', 2), ...wide];
  const broader = [
    ...children('甲', 7).map((child) => ({ from: child.id, to: `${prefix}:topic:a`, source: 'test' })),
    ...children('乙', 2).map((child) => ({ from: child.id, to: `${prefix}:topic:b`, source: 'test' })),
    ...wide.map((parent) => ({ from: `${prefix}:topic:c`, to: parent.id, source: 'test' })),
  ];
  writeFileSync(path.join(folder, 'dataset.json'), JSON.stringify({ formatVersion: 1, name: 'relation pages' }));
  write('nodes/Topic.json', nodes);
  write('relationships/BROADER.json', broader);
  try {
    await importDataset(database, folder);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

interface NarrowerPage {
  totalCount?: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: Array<{ name: string }>;
}

describe('nested connections page in the database; plain lists refuse what they cannot return whole', () => {
  let database: Database;
  let service: TestService;
  const prefix = uniquePrefix();
  const marker = `分页${prefix}`;

  beforeAll(async () => {
    database = openTestDatabase();
    await loadTopics(database, prefix, marker);
    service = await startTestService(database);
  });
  afterAll(async () => {
    await service.close();
    await deleteByPrefix(database, prefix);
    await database.close();
  });

  const names = (page: NarrowerPage) => page.nodes.map((node) => node.name.slice(marker.length));

  it('gives each parent of a batch its own page and total', async () => {
    const result = await service.query<{ topics: { nodes: Array<{ name: string; narrower: NarrowerPage }> } }>(
      `query ($marker: String!) {
        topics(filter: { nameContains: $marker }, first: 100) {
          nodes { name narrower(first: 3) { totalCount pageInfo { hasNextPage endCursor } nodes { name } } }
        }
      }`,
      { marker: `${marker}父` },
    );
    expect(result.errors).toBeUndefined();
    const byName = new Map(result.data!.topics.nodes.map((node) => [node.name.slice(marker.length), node.narrower]));
    expect([...byName.keys()]).toEqual(['父乙', '父甲']); // by name, in code-point order: 乙 U+4E59 before 甲 U+7532
    expect(names(byName.get('父甲')!)).toEqual(['甲-1', '甲-2', '甲-3']);
    expect(byName.get('父甲')!.totalCount).toBe(7);
    expect(byName.get('父甲')!.pageInfo.hasNextPage).toBe(true);
    expect(names(byName.get('父乙')!)).toEqual(['乙-1', '乙-2']);
    expect(byName.get('父乙')!.totalCount).toBe(2);
    expect(byName.get('父乙')!.pageInfo.hasNextPage).toBe(false);
  });

  it('continues from a cursor, and the last page says there is no next one', async () => {
    const pageOf = async (after: string | null, withTotal: boolean) => {
      const result = await service.query<{ topics: { nodes: Array<{ narrower: NarrowerPage }> } }>(
        `query ($marker: String!, $after: String) {
          topics(filter: { nameContains: $marker }) {
            nodes { narrower(first: 3, after: $after) { ${withTotal ? 'totalCount' : ''} pageInfo { hasNextPage endCursor } nodes { name } } }
          }
        }`,
        { marker: `${marker}父甲`, after },
      );
      expect(result.errors).toBeUndefined();
      return result.data!.topics.nodes[0]!.narrower;
    };
    const first = await pageOf(null, false);
    const second = await pageOf(first.pageInfo.endCursor, true);
    expect(names(second)).toEqual(['甲-4', '甲-5', '甲-6']);
    expect(second.totalCount).toBe(7);
    expect(second.pageInfo.hasNextPage).toBe(true);
    const third = await pageOf(second.pageInfo.endCursor, false);
    expect(names(third)).toEqual(['甲-7']);
    expect(third.pageInfo.hasNextPage).toBe(false);
  });

  it('refuses a plain list longer than 500 items with LIST_TOO_LONG, naming the field, instead of cutting it', async () => {
    const result = await service.query<{ topics: { nodes: Array<{ name: string; broader: Array<{ name: string }> }> } | null }>(
      `query ($marker: String!) { topics(filter: { nameContains: $marker }) { nodes { name broader { name } } } }`,
      { marker: `${marker}丙` },
    );
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0]!.extensions?.code).toBe('LIST_TOO_LONG');
    expect(result.errors![0]!.message).toContain('Topic.broader');
    expect(result.errors![0]!.message).toContain('more than 500');
    expect(result.errors![0]!.path).toEqual(['topics', 'nodes', 0, 'broader']);
  });

  it('returns a plain list of exactly the related items when it is short enough', async () => {
    const result = await service.query<{ topics: { nodes: Array<{ broader: Array<{ name: string }> }> } }>(
      `query ($marker: String!) { topics(filter: { nameContains: $marker }) { nodes { broader { name } } } }`,
      { marker: `${marker}乙-2` },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.topics.nodes[0]!.broader.map((topic) => topic.name)).toEqual([`${marker}父乙`]);
  });
});
