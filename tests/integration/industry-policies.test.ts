import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteByPrefix, openTestDatabase, uniquePrefix } from '../support/database.js';
import { startTestService, type TestService } from '../support/graphql-client.js';
import { importDataset } from '../../src/import/importer.js';
import type { Database } from '../../src/neo4j/database.js';

describe("an industry's policies: those that target it and those that name it as a beneficiary", () => {
  let database: Database;
  let service: TestService;
  const prefix = uniquePrefix();
  const marker = `政策产业${prefix}`;

  beforeAll(async () => {
    database = openTestDatabase();
    const folder = mkdtempSync(path.join(os.tmpdir(), 'kg-policies-'));
    mkdirSync(path.join(folder, 'nodes'));
    mkdirSync(path.join(folder, 'relationships'));
    const write = (file: string, records: unknown[]) => writeFileSync(path.join(folder, file), JSON.stringify({ formatVersion: 1, records }));
    const id = (key: string) => `${prefix}:${key}`;
    writeFileSync(path.join(folder, 'dataset.json'), JSON.stringify({ formatVersion: 1, name: 'industry policies' }));
    write('nodes/Industry.json', [{ id: id('industry'), name: marker, source: 'test' }]);
    write('nodes/Policy.json', [
      { id: id('a'), name: `${marker}甲·面向`, kind: 'VOUCHER', year: 2023, source: 'test' },
      { id: id('b'), name: `${marker}乙·受益`, kind: 'VOUCHER', year: 2024, source: 'test' },
      { id: id('c'), name: `${marker}丙·两者`, kind: 'VOUCHER', year: 2025, source: 'test' },
      { id: id('d'), name: `${marker}丁·无关`, kind: 'VOUCHER', year: 2025, source: 'test' },
    ]);
    write('relationships/FOR_INDUSTRY.json', [
      { from: id('a'), to: id('industry'), source: 'test' },
      { from: id('c'), to: id('industry'), source: 'test' },
    ]);
    write('relationships/BENEFITS.json', [
      { from: id('b'), to: id('industry'), source: 'test' },
      { from: id('c'), to: id('industry'), source: 'test' },
    ]);
    try {
      await importDataset(database, folder);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
    service = await startTestService(database);
  });
  afterAll(async () => {
    await service.close();
    await deleteByPrefix(database, prefix);
    await database.close();
  });

  it('lists 甲 (targets it), 乙 (names it as beneficiary) and 丙 (both) once each, newest first, and not 丁', async () => {
    const result = await service.query<{ industries: { nodes: Array<{ policies: { totalCount: number; nodes: Array<{ name: string; year: number }> } }> } }>(
      'query ($marker: String!) { industries(filter: { nameContains: $marker }) { nodes { policies { totalCount nodes { name year } } } } }',
      { marker },
    );
    expect(result.errors).toBeUndefined();
    const policies = result.data!.industries.nodes[0]!.policies;
    expect(policies.totalCount).toBe(3);
    expect(policies.nodes.map((policy) => policy.name.slice(marker.length))).toEqual(['丙·两者', '乙·受益', '甲·面向']);
  });
});
