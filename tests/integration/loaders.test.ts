import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteByPrefix, openTestDatabase, uniquePrefix } from '../support/database.js';
import { startTestService, type TestService } from '../support/graphql-client.js';
import { importDataset } from '../../src/import/importer.js';
import type { Database } from '../../src/neo4j/database.js';
import { createLoaders } from '../../src/graphql/loaders.js';
import { expertRelations } from '../../src/modules/expert/expert.repository.js';

/** 50 experts, each affiliated with one of 10 organisations (in 5 regions) and holding 3 of 20 topics (under 4 broader ones). */
async function loadFiftyExperts(database: Database, prefix: string, marker: string): Promise<void> {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'kg-fifty-'));
  mkdirSync(path.join(folder, 'nodes'));
  mkdirSync(path.join(folder, 'relationships'));
  const write = (file: string, records: unknown[]) => writeFileSync(path.join(folder, file), JSON.stringify({ formatVersion: 1, records }));
  const id = (kind: string, index: number) => `${prefix}:${kind}:${index}`;
  const range = (count: number) => Array.from({ length: count }, (_, index) => index);
  writeFileSync(path.join(folder, 'dataset.json'), JSON.stringify({ formatVersion: 1, name: 'fifty experts' }));
  write('nodes/Region.json', range(5).map((index) => ({ id: id('region', index), name: `区域${index}`, kind: 'COUNTY', source: 'test' })));
  write('nodes/University.json', range(10).map((index) => ({ id: id('univ', index), name: `大学${index}`, source: 'test' })));
  write('nodes/Topic.json', range(24).map((index) => ({ id: id('topic', index), name: `主题${index}`, source: 'test' })));
  write('nodes/Expert.json', range(50).map((index) => ({ id: id('expert', index), name: `${marker}${index}`, title: '教授', source: 'test' })));
  write('relationships/LOCATED_IN.json', range(10).map((index) => ({ from: id('univ', index), to: id('region', index % 5), source: 'test' })));
  write('relationships/BROADER.json', range(20).map((index) => ({ from: id('topic', index), to: id('topic', 20 + (index % 4)), source: 'test' })));
  write('relationships/AFFILIATED_WITH.json', range(50).map((index) => ({ from: id('expert', index), to: id('univ', index % 10), primary: true, source: 'test' })));
  write(
    'relationships/HAS_EXPERTISE.json',
    range(150).map((index) => ({ from: id('expert', Math.floor(index / 3)), to: id('topic', (Math.floor(index / 3) + (index % 3) * 7) % 20), level: 'ADVANCED', source: 'test' })),
  );
  await importDataset(database, folder);
}

describe('nested fields resolve through per-request DataLoaders', () => {
  let database: Database;
  let service: TestService;
  const prefix = uniquePrefix();
  const marker = `批量专家${prefix}`;

  beforeAll(async () => {
    database = openTestDatabase();
    await loadFiftyExperts(database, prefix, marker);
    service = await startTestService(database);
  });
  afterAll(async () => {
    await service.close();
    await deleteByPrefix(database, prefix);
    await database.close();
  });

  async function roundTripsOf(first: number): Promise<{ roundTrips: number; experts: number; topics: number }> {
    let roundTrips = 0;
    const unsubscribe = database.onQuery(() => (roundTrips += 1));
    const result = await service.query<{ experts: { nodes: Array<{ affiliations: { nodes: Array<{ region: { name: string } }> }; expertise: { nodes: Array<{ broader: unknown[] }> } }> } }>(
      `query ($marker: String!, $first: Int!) {
        experts(first: $first, filter: { nameContains: $marker }) {
          nodes {
            name
            affiliations { nodes { name ... on University { region { name } } } }
            expertise { nodes { name broader { name } } }
          }
        }
      }`,
      { marker, first },
    );
    unsubscribe();
    expect(result.errors).toBeUndefined();
    const experts = result.data?.experts.nodes ?? [];
    expect(experts.every((expert) => expert.affiliations.nodes[0]?.region.name)).toBe(true);
    return { roundTrips, experts: experts.length, topics: experts.flatMap((expert) => expert.expertise.nodes).length };
  }

  it('a 3-level query over 50 items costs one round trip, not one per item or per level', async () => {
    const fifty = await roundTripsOf(50);
    expect(fifty).toMatchObject({ experts: 50, topics: 150 });
    // The experts, with their affiliations (→ the universities' regions) and expertise (→ broader topics) read ahead in
    // the same query (src/graphql/prefetch.ts); one round trip per field per level without it.
    expect(fifty.roundTrips).toBe(1);
    const five = await roundTripsOf(5);
    expect(five.roundTrips).toBe(fifty.roundTrips);
  });

  it('nodes by id read the relations selected under them in their own round trip, however many ids', async () => {
    const listed = await service.query<{ experts: { nodes: Array<{ id: string }> } }>('query ($marker: String!) { experts(first: 50, filter: { nameContains: $marker }) { nodes { id } } }', { marker });
    const ids = listed.data!.experts.nodes.map((expert) => expert.id);
    expect(ids).toHaveLength(50);
    const roundTripsFor = async (some: string[]) => {
      let roundTrips = 0;
      const unsubscribe = database.onQuery(() => (roundTrips += 1));
      const result = await service.query<{ nodes: Array<{ affiliations: { nodes: Array<{ region: { name: string } | null }> } }> }>(
        'query ($ids: [ID!]!) { nodes(ids: $ids) { ... on Expert { affiliations { nodes { region { name } } } } } }',
        { ids: some },
      );
      unsubscribe();
      expect(result.errors).toBeUndefined();
      expect(result.data!.nodes.every((expert) => expert.affiliations.nodes[0]?.region?.name)).toBe(true);
      return roundTrips;
    };
    // the experts by id with their affiliations and the organisations' regions (read ahead, see prefetch.ts)
    expect(await roundTripsFor(ids)).toBe(1);
    expect(await roundTripsFor(ids.slice(0, 5))).toBe(1);
  });

  it('a page read ahead is found at once by an equal spec, and only for the same page, total and properties', async () => {
    const loaders = createLoaders(database);
    const page = { offset: 0, limit: 20 };
    const parentId = `${prefix}:expert:0`;
    const value = { items: [], total: null };
    const reads = { withTotal: false, properties: ['name'], edgeProperties: ['since'] };
    loaders.primeRelation(expertRelations.affiliations, page, reads, parentId, value);
    // An equal spec made afresh (as fields whose relation depends on their arguments make them) shares the page.
    expect(loaders.kept({ ...expertRelations.affiliations }, page, { ...reads, properties: ['name'] }, parentId)).toBe(value);
    expect(loaders.kept(expertRelations.affiliations, { offset: 0, limit: 20 }, reads, parentId)).toBe(value);
    // Anything else is not what was read: another parent, page, total, set of properties or relation.
    expect(loaders.kept(expertRelations.affiliations, page, reads, `${prefix}:expert:1`)).toBeUndefined();
    expect(loaders.kept(expertRelations.affiliations, { offset: 20, limit: 20 }, reads, parentId)).toBeUndefined();
    expect(loaders.kept(expertRelations.affiliations, page, { ...reads, withTotal: true }, parentId)).toBeUndefined();
    expect(loaders.kept(expertRelations.affiliations, page, { ...reads, properties: ['name', 'title'] }, parentId)).toBeUndefined();
    expect(loaders.kept(expertRelations.affiliations, page, { ...reads, properties: null }, parentId)).toBeUndefined();
    expect(loaders.kept(expertRelations.affiliations, page, { ...reads, edgeProperties: [] }, parentId)).toBeUndefined();
    expect(loaders.kept(expertRelations.affiliations, page, { ...reads, edgeProperties: null }, parentId)).toBeUndefined();
    expect(loaders.kept({ ...expertRelations.affiliations, name: 'other' }, page, reads, parentId)).toBeUndefined();
    // The same page through the batching loader, without a round trip.
    let roundTrips = 0;
    const unsubscribe = database.onQuery(() => (roundTrips += 1));
    expect(await loaders.relation(expertRelations.affiliations, page, reads).load(parentId)).toBe(value);
    // A page read ahead after its loader was made is found by that loader too.
    const later = { items: [], total: null };
    const loader = loaders.relation(expertRelations.affiliations, page, reads);
    loaders.primeRelation(expertRelations.affiliations, page, reads, `${prefix}:expert:2`, later);
    expect(await loader.load(`${prefix}:expert:2`)).toBe(later);
    unsubscribe();
    expect(roundTrips).toBe(0);
  });
});
