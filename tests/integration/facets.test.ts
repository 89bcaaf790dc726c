import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Conditions } from '../../src/graph/query.js';
import { facetTotal, prepareFacets, type FacetFilter } from '../../src/graph/facets.js';
import { allOf, anyOf, between, flag, locatedWithin, oneOf, present } from '../../src/modules/shared/filters.js';
import { toGlobalId } from '../../src/graphql/global-id.js';
import type { Database } from '../../src/neo4j/database.js';
import { deleteByPrefix, openTestDatabase, uniquePrefix } from '../support/database.js';

/**
 * Totals counted from a histogram (src/graph/facets.ts) against the same totals counted by Neo4j, on generated nodes
 * holding values of every type a property can hold — the format's (a list of strings, a year, a boolean) and others an
 * outside writer could leave (a year as text or a fraction, a list of numbers, a boolean as 1, a list where a scalar
 * belongs), and the regions each node is in — and generated filters built by the same helpers the lists use. Where Neo4j counts, the histogram's total
 * is the same or absent (then Neo4j counts, as before); where every list property holds a list or nothing, it is
 * never absent.
 */
describe('totals from histograms agree with Neo4j on generated values', () => {
  let database: Database;
  const prefix = uniquePrefix();
  // A label of this test's own: the histogram reads every node of the label.
  const label = `FacetProbe_${prefix.replace(/[^A-Za-z0-9]/g, '')}`;

  /** Regions of this test's own: R0 ⊃ R1 ⊃ R3, R0 ⊃ R2; R4 apart. */
  const REGIONS = ['R0', 'R1', 'R2', 'R3', 'R4'] as const;
  const regionId = (key: string) => `${prefix}:${key}`;

  beforeAll(async () => {
    database = openTestDatabase();
    await database.write(
      `UNWIND $regions AS id CREATE (:Entity:Region {id: id, name: id, kind: 'COUNTY'})
       WITH count(*) AS created
       UNWIND $partOf AS link MATCH (below:Region {id: link[0]}), (above:Region {id: link[1]}) CREATE (below)-[:PART_OF]->(above)`,
      { regions: REGIONS.map(regionId), partOf: [['R1', 'R0'], ['R2', 'R0'], ['R3', 'R1']].map((pair) => pair.map(regionId)) },
    );
  });
  afterAll(async () => {
    await deleteByPrefix(database, prefix);
    await database.close();
  });

  const letter = fc.constantFrom('A', 'B', 'C');
  const letters = fc.uniqueArray(letter, { minLength: 1, maxLength: 3 });
  const absent = fc.constant(undefined);
  const node = fc.record({
    tags: fc.oneof(absent, fc.array(letter, { minLength: 1, maxLength: 3 }), fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 2 })),
    year: fc.oneof(absent, { arbitrary: fc.integer({ min: 1999, max: 2001 }), weight: 3 }, fc.constant(1999.5), fc.constant('2000'), fc.boolean()),
    active: fc.oneof(absent, fc.boolean(), fc.constant(1), fc.constant('true')),
    kind: fc.oneof(absent, letter, fc.constant(2), fc.constant(['A'])),
    // Relationships, not properties: the regions the node is in.
    in: fc.uniqueArray(fc.constantFrom(...REGIONS), { maxLength: 2 }),
  });
  type Probe = { tags?: unknown; year?: unknown; active?: unknown; kind?: unknown; in: string[] };
  const condition = fc.oneof(
    fc.record({ helper: fc.constant('anyOf' as const), values: letters }),
    fc.record({ helper: fc.constant('allOf' as const), values: letters }),
    fc.record({ helper: fc.constant('oneOf' as const), values: letters }),
    fc.record({ helper: fc.constant('between' as const), from: fc.option(fc.integer({ min: 1999, max: 2001 }), { nil: undefined }), to: fc.option(fc.integer({ min: 1999, max: 2001 }), { nil: undefined }) }),
    fc.record({ helper: fc.constant('flag' as const), wanted: fc.boolean() }),
    fc.record({ helper: fc.constant('present' as const), wanted: fc.boolean() }),
    fc.record({ helper: fc.constant('within' as const), region: fc.constantFrom(...REGIONS) }),
  );
  /**
   * The histogram's total once read. Another writer's commit seen meanwhile (the sample's loader, Neo4j's own index
   * work just after a start) drops the histogram, as it should: then it is read again, a few times at most (undefined
   * every time is also the answer where a value cannot be judged).
   */
  const histogramTotal = async (facets: FacetFilter) => {
    let total: number | undefined;
    for (let attempt = 0; attempt < 4 && total === undefined; attempt += 1) {
      await prepareFacets(database, facets);
      total = facetTotal(database, facets);
    }
    return total;
  };
  type Condition = typeof condition extends fc.Arbitrary<infer T> ? T : never;

  const conditionsOf = (list: readonly Condition[]) => {
    const conditions = new Conditions();
    for (const item of list) {
      if (item.helper === 'anyOf') anyOf(conditions, 'tags', item.values);
      else if (item.helper === 'allOf') allOf(conditions, 'tags', item.values);
      else if (item.helper === 'oneOf') oneOf(conditions, 'kind', item.values);
      else if (item.helper === 'between') between(conditions, 'year', item.from, item.to);
      else if (item.helper === 'flag') flag(conditions, 'active', item.wanted);
      else if (item.helper === 'within') locatedWithin(conditions, toGlobalId('Region', regionId(item.region)), 'filter.region');
      else present(conditions, 'year', item.wanted);
    }
    return conditions;
  };

  it('gives the count Neo4j gives, for every filter made only of property conditions', async () => {
    let compared = 0;
    // Half the graphs have a scalar where a list belongs (Cypher fails on it, or not, depending on the filter).
    const graph = fc.tuple(fc.array(node, { minLength: 1, maxLength: 12 }), fc.option(fc.nat(), { freq: 2, nil: undefined })).map(([probes, scalarAt]) =>
      scalarAt === undefined ? probes : probes.map((probe, index) => (index === scalarAt % probes.length ? { ...probe, tags: 'A' } : probe)),
    );
    await fc.assert(
      fc.asyncProperty(graph, fc.array(fc.array(condition, { minLength: 1, maxLength: 3 }), { minLength: 2, maxLength: 6 }), async (nodes: Probe[], filters) => {
        await database.write(`MATCH (n:${label}) DETACH DELETE n`);
        await database.write(
          `UNWIND $nodes AS node CREATE (n:Entity:${label}) SET n = node.properties
           WITH n, node UNWIND node.in AS id MATCH (region:Region {id: id}) CREATE (n)-[:LOCATED_IN]->(region)`,
          {
            nodes: nodes.map(({ in: regions, ...properties }, index) => ({
              properties: { id: `${prefix}:probe:${index}`, ...Object.fromEntries(Object.entries(properties).filter(([, value]) => value !== undefined)) },
              in: regions.map(regionId),
            })),
          },
        );
        const listsEverywhere = nodes.every((probe) => probe.tags === undefined || Array.isArray(probe.tags));
        for (const filter of filters) {
          const conditions = conditionsOf(filter);
          // A range open at both ends adds no condition: a filter of only such ranges filters nothing (an unfiltered
          // total comes from the count store, not a histogram).
          const facets = conditions.facets(label);
          if (!facets && conditions.parts.length === 0) continue;
          if (!facets) throw new Error('property and region conditions only: a histogram must be able to count them');
          const fromFacets = await histogramTotal(facets);
          let counted: number | Error;
          try {
            const rows = await database.read(`${conditions.matchWhere(label)} RETURN count(node) AS total`, conditions.params);
            counted = Number(rows[0]!.total);
          } catch (error) {
            counted = error as Error;
          }
          const what = JSON.stringify({ nodes, filter });
          if (listsEverywhere) {
            expect(counted, what).toBeTypeOf('number');
            expect(fromFacets, what).toBe(counted);
            compared += 1;
          } else if (typeof counted === 'number' && fromFacets !== undefined) {
            expect(fromFacets, what).toBe(counted);
          }
        }
      }),
      { numRuns: 40 },
    );
    // About 20 graphs of 40 with lists everywhere, two filters at least each.
    expect(compared).toBeGreaterThan(20);
  });

  it('totals a filter on some of a histogram\'s properties from it, with no histogram of its own', async () => {
    await database.write(`MATCH (n:${label}) DETACH DELETE n`);
    // x (kind A) in R3, y (kind A) in R2, z (kind B) in R3, w (no kind) in none.
    await database.write(
      `UNWIND $nodes AS node CREATE (n:Entity:${label} {id: $prefix + ':' + node.key}) SET n.kind = node.kind
       WITH n, node UNWIND node.in AS region MATCH (r:Region {id: region}) CREATE (n)-[:LOCATED_IN]->(r)`,
      {
        prefix,
        nodes: [
          { key: 'x', kind: 'A', in: [regionId('R3')] },
          { key: 'y', kind: 'A', in: [regionId('R2')] },
          { key: 'z', kind: 'B', in: [regionId('R3')] },
          { key: 'w', kind: null, in: [] },
        ],
      },
    );
    const filter = (build: (conditions: Conditions) => void) => {
      const conditions = new Conditions();
      build(conditions);
      return conditions.facets(label)!;
    };
    const within = (conditions: Conditions, key: string) => locatedWithin(conditions, toGlobalId('Region', regionId(key)), 'filter.region');
    const both = filter((c) => (oneOf(c, 'kind', ['A']), within(c, 'R0')));
    const kindAlone = filter((c) => oneOf(c, 'kind', ['A']));
    const regionAlone = filter((c) => within(c, 'R1'));
    let totals: Array<number | undefined> = [];
    for (let attempt = 0; attempt < 4; attempt += 1) {
      await prepareFacets(database, both);
      totals = [facetTotal(database, both), facetTotal(database, kindAlone), facetTotal(database, regionAlone)];
      if (totals.every((total) => total !== undefined)) break;
    }
    // Kind A in R0: x (R3 below R1 below R0) and y (R2); kind A anywhere: x, y; in R1: x and z (R3).
    expect(totals).toEqual([2, 2, 2]);
    expect(facetTotal(database, filter((c) => oneOf(c, 'kind', ['B'])))).toBe(1); // z
    expect(facetTotal(database, filter((c) => within(c, 'R4')))).toBe(0);
  });

  it('by hand: four nodes, and filters whose totals are worked out from them', async () => {
    await database.write(`MATCH (n:${label}) DETACH DELETE n`);
    await database.write(
      `CREATE (:Entity:${label} {id: $prefix + ':a', tags: ['A', 'B'], year: 2001, active: true, kind: 'A'}),
              (:Entity:${label} {id: $prefix + ':b', tags: ['B'], year: 1999, kind: 'B'}),
              (:Entity:${label} {id: $prefix + ':c', year: '2003', active: false}),
              (:Entity:${label} {id: $prefix + ':d', tags: ['C', 'A'], year: 2003.5, active: 1, kind: 'A'})`,
      { prefix },
    );
    // a in R3, b in R2 and R4, c in none, d in R1.
    await database.write(
      `UNWIND $located AS pair MATCH (n:${label} {id: $prefix + ':' + pair[0]}), (region:Region {id: pair[1]}) CREATE (n)-[:LOCATED_IN]->(region)`,
      { prefix, located: [['a', 'R3'], ['b', 'R2'], ['b', 'R4'], ['d', 'R1']].map(([node, region]) => [node, regionId(region!)]) },
    );
    const within = (conditions: Conditions, key: string) => locatedWithin(conditions, toGlobalId('Region', regionId(key)), 'filter.region');
    const total = async (build: (conditions: Conditions) => void) => {
      const conditions = new Conditions();
      build(conditions);
      return histogramTotal(conditions.facets(label)!);
    };
    expect(await total((c) => anyOf(c, 'tags', ['A']))).toBe(2); // a, d
    expect(await total((c) => allOf(c, 'tags', ['A', 'B']))).toBe(1); // a
    expect(await total((c) => between(c, 'year', 2000, null))).toBe(2); // a (2001), d (2003.5); c's '2003' is text
    expect(await total((c) => between(c, 'year', 2001, null))).toBe(2); // a (2001, on the bound), d
    expect(await total((c) => between(c, 'year', 2001, 2001))).toBe(1); // a
    expect(await total((c) => between(c, 'year', null, 2001))).toBe(2); // a, b
    expect(await total((c) => flag(c, 'active', false))).toBe(2); // b (absent), c (false); d's 1 is neither false nor true
    expect(await total((c) => flag(c, 'active', true))).toBe(1); // a
    expect(await total((c) => present(c, 'year', false))).toBe(0);
    expect(await total((c) => (oneOf(c, 'kind', ['A']), between(c, 'year', 2002, null)))).toBe(1); // d
    expect(await total((c) => within(c, 'R0'))).toBe(3); // a (R3 below R1 below R0), b (R2), d (R1)
    expect(await total((c) => within(c, 'R1'))).toBe(2); // a, d
    expect(await total((c) => within(c, 'R4'))).toBe(1); // b
    expect(await total((c) => (within(c, 'R0'), anyOf(c, 'tags', ['B'])))).toBe(2); // a, b
    expect(await total((c) => (within(c, 'R1'), within(c, 'R4')))).toBe(0); // none is in both
    expect(await total((c) => (within(c, 'R2'), within(c, 'R4')))).toBe(1); // b
  });
});
