import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteByPrefix, openTestDatabase, uniquePrefix } from '../support/database.js';
import { startTestService, type TestService } from '../support/graphql-client.js';
import { importRecords } from '../support/fixtures.js';
import type { Database } from '../../src/neo4j/database.js';
import { listQuery, runListQuery } from '../../src/graph/query.js';
import { prepareFacets } from '../../src/graph/facets.js';
import { toGlobalId } from '../../src/graphql/global-id.js';
import { BY_NAME } from '../../src/modules/shared/filters.js';
import { organizationConditions } from '../../src/modules/organization/organization.repository.js';

/**
 * Province P ⊃ city C ⊃ counties A and B; province Q apart. Enterprises (name after the marker, region, qualifications):
 * b in A; a in A, high-tech; c in B, high-tech; d in C itself; e in both A and B; f in Q, high-tech.
 */
async function loadFixture(database: Database, prefix: string, marker: string): Promise<void> {
  const id = (key: string) => `${prefix}:${key.toLowerCase()}`;
  const region = (key: string, kind: string) => ({ id: id(key), name: `${marker}${key}`, kind, source: 'test' });
  const enterprise = (key: string, qualifications: string[]) => ({ id: id(`ent-${key}`), name: `${marker}${key}`, foundedYear: 2010, employees: 50, rdSpending: 100, qualifications, source: 'test' });
  const located = [
    ['b', 'A'],
    ['a', 'A'],
    ['c', 'B'],
    ['d', 'C'],
    ['e', 'A'],
    ['e', 'B'],
    ['f', 'Q'],
  ];
  await importRecords(database, 'region start', {
    nodes: {
      Region: [region('P', 'PROVINCE'), region('Q', 'PROVINCE'), region('C', 'MUNICIPALITY'), region('A', 'COUNTY'), region('B', 'COUNTY')],
      Enterprise: [enterprise('b', []), enterprise('a', ['HIGH_TECH']), enterprise('c', ['HIGH_TECH']), enterprise('d', []), enterprise('e', []), enterprise('f', ['HIGH_TECH'])],
    },
    relationships: {
      PART_OF: [
        ['C', 'P'],
        ['A', 'C'],
        ['B', 'C'],
      ].map(([from, to]) => ({ from: id(from!), to: id(to!), source: 'test' })),
      LOCATED_IN: located.map(([from, to]) => ({ from: id(`ent-${from!}`), to: id(to!), source: 'test' })),
    },
  });
}

describe('a region filter reads from the region or over the label, with the same answer', () => {
  let database: Database;
  let service: TestService;
  const prefix = uniquePrefix();
  const marker = `区起${prefix}`;
  const region = (key: string) => toGlobalId('Region', `${prefix}:${key.toLowerCase()}`);

  beforeAll(async () => {
    database = openTestDatabase();
    await loadFixture(database, prefix, marker);
    service = await startTestService(database);
  });
  afterAll(async () => {
    await service.close();
    await deleteByPrefix(database, prefix);
    await database.close();
  });

  /** Worked out from the fixture: names in order, and the total. */
  const cases: Array<{ filter: { region: string; qualifications?: string[] }; names: string[] }> = [
    { filter: { region: 'A' }, names: ['a', 'b', 'e'] },
    { filter: { region: 'B' }, names: ['c', 'e'] },
    { filter: { region: 'C' }, names: ['a', 'b', 'c', 'd', 'e'] },
    { filter: { region: 'P' }, names: ['a', 'b', 'c', 'd', 'e'] },
    { filter: { region: 'Q' }, names: ['f'] },
    { filter: { region: 'C', qualifications: ['HIGH_TECH'] }, names: ['a', 'c'] },
    { filter: { region: 'A', qualifications: ['HIGH_TECH'] }, names: ['a'] },
  ];

  const namesOf = (rows: unknown[]) => rows.map((row) => ((row as { node: { name: string } }).node.name).slice(marker.length));
  const totalOf = (rows: unknown[]) => (rows[0] as { total: number }).total;

  it.each(cases)('$filter: both pages and both totals agree with the fixture', async ({ filter, names }) => {
    const conditions = organizationConditions({ region: region(filter.region), qualifications: filter.qualifications ?? null });
    const query = listQuery('Enterprise', conditions, BY_NAME, { offset: 0, limit: 10 }, true);
    expect(query.overLabel).not.toBeNull();
    const choice = query.overLabel!;
    expect(namesOf(await database.read(query.text, query.params))).toEqual(names);
    expect(namesOf(await database.read(choice.text, query.params))).toEqual(names);
    expect(totalOf(await database.read(query.total!.text, query.total!.params))).toBe(names.length);
    // The region's own count: its enterprises whatever their qualifications (hand-counted: A 3, B 2, C and P 5, Q 1).
    const inRegion = { A: 3, B: 2, C: 5, P: 5, Q: 1 }[filter.region];
    expect(totalOf(await database.read(choice.near.text, choice.near.params))).toBe(inRegion);
  });

  it('totals a region holding every node of the label from its other filters\' histogram', async () => {
    // A label of the test's own on P's five enterprises (a–e: all of them in P, by the fixture), none elsewhere.
    const label = `WholeRegion${prefix.replace(/[^A-Za-z0-9]/g, '')}`;
    await database.write(`MATCH (node:Enterprise) WHERE node.id STARTS WITH $prefix AND node.id <> $outside SET node:${label}`, { prefix: `${prefix}:`, outside: `${prefix}:ent-f` });
    const query = (key: string, qualifications: string[]) =>
      listQuery(label, organizationConditions({ region: region(key), qualifications }), BY_NAME, { offset: 0, limit: 10 }, true);
    const counted = async (key: string, qualifications: string[]) => {
      const sent: string[] = [];
      const unsubscribe = database.onQuery((event) => sent.push(event.query ?? ''));
      try {
        const { total } = await runListQuery(database, query(key, qualifications));
        return { total, counts: sent.filter((text) => text.includes('RETURN count(node) AS total')).length };
      } finally {
        unsubscribe();
      }
    };
    // The first total is counted (from P), besides P's reach and the label's count; then the histogram is read.
    expect(await counted('P', ['HIGH_TECH'])).toEqual({ total: 2, counts: 3 });
    await prepareFacets(database, query('P', ['HIGH_TECH']).overLabel!.whole!);
    // Then any qualification in P is totalled from it: HIGH_TECH a and c; TECH_SME none; no qualification asked, all five.
    expect(await counted('P', ['TECH_SME'])).toEqual({ total: 0, counts: 0 });
    expect(await counted('P', ['HIGH_TECH'])).toEqual({ total: 2, counts: 0 });
    // A region holding only some of them (A: a, b, e) is counted from the region: HIGH_TECH a (A's reach and its
    // total counted; the label's count is kept from before).
    expect(await counted('A', ['HIGH_TECH'])).toEqual({ total: 1, counts: 2 });
  });

  it('pages a short page of a region over several requests alike', async () => {
    const conditions = organizationConditions({ region: region('C') });
    const second = listQuery('Enterprise', conditions, BY_NAME, { offset: 2, limit: 2 }, false);
    expect(namesOf(await database.read(second.text, second.params))).toEqual(['c', 'd', 'e']); // two and the one after, for hasNextPage
    expect(namesOf(await database.read(second.overLabel!.text, second.params))).toEqual(['c', 'd', 'e']);
  });

  it('through the API, a small region is read from the region, and its count is its total (no second count)', async () => {
    const sent: string[] = [];
    const unsubscribe = database.onQuery((event) => sent.push(event.query ?? ''));
    let result;
    try {
      result = await service.query<{ enterprises: { totalCount: number; nodes: Array<{ name: string }> } }>(
        `query ($region: ID!) { enterprises(first: 3, filter: { region: $region }, orderBy: { field: NAME, direction: ASC }) { totalCount nodes { name } } }`,
        { region: region('C') },
      );
    } finally {
      unsubscribe();
    }
    expect(result.errors).toBeUndefined();
    expect(result.data!.enterprises.totalCount).toBe(5);
    expect(result.data!.enterprises.nodes.map((node) => node.name.slice(marker.length))).toEqual(['a', 'b', 'c']);
    const fromRegion = sent.filter((text) => text.trimStart().startsWith('MATCH (:Region'));
    // The region's count (which is also the total) and the page, both from the region; the label's count from the count store.
    expect(fromRegion).toHaveLength(2);
    expect(sent.filter((text) => /RETURN count\(node\) AS total/.test(text))).toHaveLength(2);
  });
});
