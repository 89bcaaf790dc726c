import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteByPrefix, openTestDatabase, uniquePrefix } from '../support/database.js';
import { startTestService, type TestService } from '../support/graphql-client.js';
import { importRecords } from '../support/fixtures.js';
import type { Database } from '../../src/neo4j/database.js';
import { checkLocatedIn, listQuery, runListQuery } from '../../src/graph/query.js';
import { facetTotal, prepareFacets } from '../../src/graph/facets.js';
import { migrate } from '../../src/graph/migrations.js';
import { toGlobalId } from '../../src/graphql/global-id.js';
import { BY_NAME } from '../../src/modules/shared/filters.js';
import { organizationConditions, organizationFacets } from '../../src/modules/organization/organization.repository.js';

/**
 * Province P ⊃ city C ⊃ counties A and B; province Q apart. Enterprises (name after the marker, region, qualifications):
 * b in A; a in A, high-tech; c in B, high-tech; d in C itself; e in both A and B, a tech SME; f in Q, high-tech.
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
      Enterprise: [enterprise('b', []), enterprise('a', ['HIGH_TECH']), enterprise('c', ['HIGH_TECH']), enterprise('d', []), enterprise('e', ['TECH_SME']), enterprise('f', ['HIGH_TECH'])],
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

/** Reads the warm-up's histograms (see `organizationFacets`); again if another writer's change dropped one meanwhile. */
async function prepareAll(database: Database): Promise<void> {
  for (let attempt = 0; attempt < 4; attempt += 1) {
    await Promise.all(organizationFacets().map((filter) => prepareFacets(database, filter)));
    if (organizationFacets().every((filter) => facetTotal(database, filter) !== undefined)) return;
  }
  throw new Error('the warm-up histograms could not be read');
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
    { filter: { region: 'C', qualifications: ['TECH_SME'] }, names: ['e'] },
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
    expect(namesOf(await database.read(choice.located!, query.params))).toEqual(names);
    // Every organisation of the fixture's regions is one of its enterprises: the organisations' list, from the index too.
    const organizations = listQuery('Organization', conditions, BY_NAME, { offset: 0, limit: 10 }, false);
    expect(namesOf(await database.read(organizations.overLabel!.located!, organizations.params))).toEqual(names);
    // A later page from the index: one item after the first, and the one after it (read to tell whether a next page exists).
    const later = listQuery('Enterprise', conditions, BY_NAME, { offset: 1, limit: 1 }, false);
    expect(namesOf(await database.read(later.overLabel!.located!, later.params))).toEqual(names.slice(1, 3));
    expect(totalOf(await database.read(query.total!.text, query.total!.params))).toBe(names.length);
    // The region's own count: its enterprises whatever their qualifications (hand-counted: A 3, B 2, C and P 5, Q 1).
    const inRegion = { A: 3, B: 2, C: 5, P: 5, Q: 1 }[filter.region];
    expect(totalOf(await database.read(choice.near.text, choice.near.params))).toBe(inRegion);
  });

  it('totals any region from a histogram of the label\'s regions and qualifications once it is read', async () => {
    // A label of the test's own on the fixture's six enterprises (a histogram reads every node of its label).
    const label = `RegionFacets${prefix.replace(/[^A-Za-z0-9]/g, '')}`;
    await database.write(`MATCH (node:Enterprise) WHERE node.id STARTS WITH $prefix SET node:${label}`, { prefix: `${prefix}:` });
    const query = (key: string, qualifications: string[]) =>
      listQuery(label, organizationConditions({ region: region(key), qualifications }), BY_NAME, { offset: 0, limit: 10 }, true);
    /** The total, and whether it was counted in Neo4j (its count query sent). */
    const total = async (key: string, qualifications: string[]) => {
      const asked = query(key, qualifications);
      const sent: string[] = [];
      const unsubscribe = database.onQuery((event) => sent.push(event.query ?? ''));
      try {
        const { total: value } = await runListQuery(database, asked);
        return { total: value, counted: sent.includes(asked.total!.text) };
      } finally {
        unsubscribe();
      }
    };
    // The first total is counted, then the histogram is read.
    expect(await total('C', ['HIGH_TECH'])).toEqual({ total: 2, counted: true });
    await prepareFacets(database, query('C', ['HIGH_TECH']).total!.facets!);
    // Then any region and qualification are totalled from it (by the fixture: e, in A and B, is one enterprise of C and P).
    expect(await total('P', ['TECH_SME'])).toEqual({ total: 1, counted: false });
    expect(await total('C', ['TECH_SME'])).toEqual({ total: 1, counted: false });
    expect(await total('B', ['TECH_SME'])).toEqual({ total: 1, counted: false });
    expect(await total('A', ['TECH_SME'])).toEqual({ total: 1, counted: false });
    expect(await total('A', ['HIGH_TECH'])).toEqual({ total: 1, counted: false });
    expect(await total('P', ['HIGH_TECH'])).toEqual({ total: 2, counted: false });
    expect(await total('Q', ['HIGH_TECH'])).toEqual({ total: 1, counted: false });
    expect(await total('Q', ['TECH_SME'])).toEqual({ total: 0, counted: false });
    // A write drops it: e becomes high-tech too, and C's high-tech total is counted again (a, c and e).
    await database.write('MATCH (node:Enterprise {id: $id}) SET node.qualifications = node.qualifications + $added', { id: `${prefix}:ent-e`, added: ['HIGH_TECH'] });
    expect(await total('C', ['HIGH_TECH'])).toEqual({ total: 3, counted: true });
  });

  it('pages a short page of a region over several requests alike', async () => {
    const conditions = organizationConditions({ region: region('C') });
    const second = listQuery('Enterprise', conditions, BY_NAME, { offset: 2, limit: 2 }, false);
    expect(namesOf(await database.read(second.text, second.params))).toEqual(['c', 'd', 'e']); // two and the one after, for hasNextPage
    expect(namesOf(await database.read(second.overLabel!.text, second.params))).toEqual(['c', 'd', 'e']);
    expect(namesOf(await database.read(second.overLabel!.located!, second.params))).toEqual(['c', 'd', 'e']);
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

  it("totals an organisation list's first request from the warm-up's histograms, a region alone from the region and qualifications' one", async () => {
    await prepareAll(database);
    /** The total through the API, and whether its count query was sent. */
    const counted = async (key: string, qualifications: string[]) => {
      const filter = { region: region(key), qualifications };
      const totalText = listQuery('Enterprise', organizationConditions(filter), BY_NAME, { offset: 0, limit: 1 }, true).total!.text;
      const sent: string[] = [];
      const unsubscribe = database.onQuery((event) => sent.push(event.query ?? ''));
      try {
        const result = await service.query<{ enterprises: { totalCount: number } }>(
          'query ($filter: EnterpriseFilter) { enterprises(first: 1, filter: $filter) { totalCount } }',
          { filter },
        );
        expect(result.errors).toBeUndefined();
        return { total: result.data!.enterprises.totalCount, counted: sent.includes(totalText) };
      } finally {
        unsubscribe();
      }
    };
    // By the fixture, with e made high-tech by the histogram test above: C's high-tech enterprises a, c and e; B's c
    // and e; P's tech SME e.
    expect(await counted('C', ['HIGH_TECH'])).toEqual({ total: 3, counted: false });
    expect(await counted('B', ['HIGH_TECH'])).toEqual({ total: 2, counted: false });
    expect(await counted('P', ['TECH_SME'])).toEqual({ total: 1, counted: false });
    // A region alone, from the same histogram (no histogram of its own is read): A's b, a and e.
    expect(facetTotal(database, organizationConditions({ region: region('A') }).facets('Enterprise')!)).toBe(3);
  });

  // Last: it renames and moves the fixture's enterprise b.
  it('keeps the LOCATED_IN index in step with renames, restores, imports, moves and records loaded without it', async () => {
    /** A region's enterprises by name, read from the LOCATED_IN index (names after the marker). */
    const located = async (key: string) => {
      const query = listQuery('Enterprise', organizationConditions({ region: region(key) }), BY_NAME, { offset: 0, limit: 10 }, false);
      return namesOf(await database.read(query.overLabel!.located!, query.params));
    };
    const b = toGlobalId('Enterprise', `${prefix}:ent-b`);
    const update = async (input: Record<string, unknown>) => {
      const result = await service.query<{ organizationUpdate: { userErrors: unknown[] } }>(
        'mutation ($input: OrganizationUpdateInput!) { organizationUpdate(input: $input) { userErrors { field message code } } }',
        { input },
        'admin',
      );
      expect(result.errors).toBeUndefined();
      expect(result.data!.organizationUpdate.userErrors).toEqual([]);
    };
    expect(await located('A')).toEqual(['a', 'b', 'e']);

    // Renamed through the API: b's name now sorts first.
    await update({ id: b, name: `${marker}0b` });
    expect(await located('A')).toEqual(['0b', 'a', 'e']);

    // The rename undone from the audit log.
    const changes = await service.query<{ changes: { nodes: Array<{ id: string; action: string }> } }>(
      'query ($filter: ChangeFilter) { changes(filter: $filter) { nodes { id action } } }',
      { filter: { entity: b } },
      'admin',
    );
    const [rename] = changes.data!.changes.nodes;
    expect(rename?.action).toBe('UPDATE');
    const restored = await service.query<{ restore: { userErrors: unknown[] } }>('mutation ($input: RestoreInput!) { restore(input: $input) { userErrors { code } } }', { input: { change: rename!.id } }, 'admin');
    expect(restored.data!.restore.userErrors).toEqual([]);
    expect(await located('A')).toEqual(['a', 'b', 'e']);

    // Renamed by an import of the record alone (an upsert): b's name now sorts last.
    await importRecords(database, 'region start rename', {
      nodes: { Enterprise: [{ id: `${prefix}:ent-b`, name: `${marker}zb`, foundedYear: 2010, employees: 50, rdSpending: 100, qualifications: [], source: 'test' }] },
      relationships: {},
    });
    expect(await located('A')).toEqual(['a', 'e', 'zb']);

    // Moved to B through the API.
    await update({ id: b, region: region('B') });
    expect(await located('A')).toEqual(['a', 'e']);
    expect(await located('B')).toEqual(['c', 'e', 'zb']);
    expect(await located('C')).toEqual(['a', 'c', 'd', 'e', 'zb']);

    // Written without the derived keys (by an older version, say): missing from the index until the migration derives them.
    await database.write('MATCH (:Enterprise {id: $id})-[located:LOCATED_IN]->() REMOVE located.regionId, located.memberName, located.memberId', { id: `${prefix}:ent-a` });
    expect(await located('A')).toEqual(['e']);
    expect((await migrate(database)).backfilled).toBeGreaterThanOrEqual(1);
    expect(await located('A')).toEqual(['a', 'e']);
    const [keys] = await database.read('MATCH (:Enterprise {id: $id})-[located:LOCATED_IN]->() RETURN located {.regionId, .memberName, .memberId} AS keys', { id: `${prefix}:ent-a` });
    expect(keys?.keys).toEqual({ regionId: `${prefix}:a`, memberName: `${marker}a`, memberId: `${prefix}:ent-a` });

    // Through the API, a page is read from the index only while every LOCATED_IN relationship is in step with its ends:
    // a record located by hand, around this code's writers, is listed all the same (read from the region).
    const page = async () => {
      const sent: string[] = [];
      const unsubscribe = database.onQuery((event) => sent.push(event.query ?? ''));
      try {
        const result = await service.query<{ enterprises: { nodes: Array<{ name: string }> } }>(
          'query ($region: ID!) { enterprises(first: 5, filter: { region: $region }, orderBy: { field: NAME, direction: ASC }) { nodes { name } } }',
          { region: region('A') },
        );
        expect(result.errors).toBeUndefined();
        return { names: result.data!.enterprises.nodes.map((node) => node.name.slice(marker.length)), fromIndex: sent.some((text) => text.includes('located.regionId = place')) };
      } finally {
        unsubscribe();
      }
    };
    expect(await checkLocatedIn(database)).toBe(true);
    expect(await page()).toEqual({ names: ['a', 'e'], fromIndex: true });
    await database.write(
      'MATCH (region:Region {id: $region}) CREATE (:Entity:Organization:Enterprise {id: $id, name: $name, qualifications: [], source: "test"})-[:LOCATED_IN {source: "test"}]->(region)',
      { region: `${prefix}:a`, id: `${prefix}:ent-g`, name: `${marker}g` },
    );
    expect(await checkLocatedIn(database)).toBe(false);
    expect(await page()).toEqual({ names: ['a', 'e', 'g'], fromIndex: false });
    await migrate(database);
    expect(await checkLocatedIn(database)).toBe(true);
    expect(await page()).toEqual({ names: ['a', 'e', 'g'], fromIndex: true });
  });
});
