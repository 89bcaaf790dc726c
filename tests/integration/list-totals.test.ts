import { afterAll, describe, expect, it } from 'vitest';
import { deleteByPrefix, uniquePrefix } from '../support/database.js';
import { useTestService } from '../support/graphql-client.js';
import { toGlobalId } from '../../src/graphql/global-id.js';
import { facetsKept } from '../../src/graph/facets.js';

/**
 * A filtered list's totalCount is counted once per filter and kept until a write: the second read of the same filter,
 * and the next page of it, make no count query; a write (through the API or the database) is seen by the next read.
 */
describe("a list's totalCount, kept per filter until a write", () => {
  const suite = useTestService();
  const prefix = uniquePrefix();
  afterAll(() => deleteByPrefix(suite.database, prefix));

  const LIST = `query ($region: ID!, $after: String, $qualifications: [EnterpriseQualification!]) {
    enterprises(first: 2, after: $after, filter: { region: $region, qualifications: $qualifications }, orderBy: { field: NAME, direction: ASC }) {
      totalCount nodes { name } pageInfo { endCursor } } }`;
  type List = { enterprises: { totalCount: number; nodes: Array<{ name: string }>; pageInfo: { endCursor: string | null } } };

  /**
   * The list, and how many reads reached the database for it: besides those made in the background for the requests
   * after it (whether they start before this one ends is a race) — a histogram (src/graph/facets.ts) and the check of
   * the LOCATED_IN index (src/graph/query.ts).
   */
  const listed = async (variables: Record<string, unknown>) => {
    let reads = 0;
    const background = (query: string) => /AS values, count\(\*\) AS count/.test(query) || query.startsWith('MATCH (member)-[located:LOCATED_IN]->(region)');
    const stop = suite.database.onQuery((event) => {
      if (event.mode === 'READ' && !background(event.query ?? '')) reads += 1;
    });
    try {
      const result = await suite.service.query<List>(LIST, variables);
      expect(result.errors).toBeUndefined();
      return { ...result.data!.enterprises, reads };
    } finally {
      stop();
    }
  };

  it('counts a filter once, reuses the count for the same filter and its next page, and counts again after a write', async () => {
    // A region of this test's own with three enterprises (two of them high-tech): no other test's data matches.
    await suite.database.write(
      `CREATE (region:Entity:Region {id: $region, name: '计数测试县', kind: 'COUNTY', source: 'test'})
       CREATE (:Entity:Organization:Enterprise {id: $prefix + ':ent:a', name: '甲企业', qualifications: ['HIGH_TECH'], source: 'test'})-[:LOCATED_IN {source: 'test'}]->(region)
       CREATE (:Entity:Organization:Enterprise {id: $prefix + ':ent:b', name: '乙企业', qualifications: ['HIGH_TECH', 'TECH_SME'], source: 'test'})-[:LOCATED_IN {source: 'test'}]->(region)
       CREATE (:Entity:Organization:Enterprise {id: $prefix + ':ent:c', name: '丙企业', qualifications: [], source: 'test'})-[:LOCATED_IN {source: 'test'}]->(region)`,
      { prefix, region: `${prefix}:region` },
    );
    const region = toGlobalId('Region', `${prefix}:region`);

    const first = await listed({ region });
    expect(first.totalCount).toBe(3);
    // The region's count (which is the total: the region is the only condition), the label's (whether to start from the
    // region, see runListQuery) and the page.
    expect(first.reads).toBe(3);
    const again = await listed({ region });
    expect(again).toMatchObject({ totalCount: 3, reads: 1 }); // the page only
    const next = await listed({ region, after: first.pageInfo.endCursor });
    expect(next).toMatchObject({ totalCount: 3, reads: 1 });
    expect([...first.nodes, ...next.nodes].map((node) => node.name).sort()).toEqual(['丙企业', '乙企业', '甲企业']);

    // Another filter is another count (the region's and the label's are kept).
    expect(await listed({ region, qualifications: ['HIGH_TECH'] })).toMatchObject({ totalCount: 2, reads: 2 });

    // A write through the database: the next read counts afresh and sees it.
    await suite.database.write(
      `MATCH (region:Region {id: $region})
       CREATE (:Entity:Organization:Enterprise {id: $prefix + ':ent:d', name: '丁企业', qualifications: ['HIGH_TECH'], source: 'test'})-[:LOCATED_IN {source: 'test'}]->(region)`,
      { prefix, region: `${prefix}:region` },
    );
    expect(await listed({ region })).toMatchObject({ totalCount: 4, reads: 3 });
    expect(await listed({ region, qualifications: ['HIGH_TECH'] })).toMatchObject({ totalCount: 3, reads: 2 });
  });

  /**
   * Filters on an enterprise's own properties (years, qualifications…): after the first count, a histogram of the
   * properties filtered on is read in the background (src/graph/facets.ts), and other values and bounds on the same
   * properties are then totalled from it, with no count query; a write drops it at once.
   */
  const YEARS = `query ($from: Int, $to: Int, $qualifications: [EnterpriseQualification!]) {
    enterprises(first: 5, filter: { foundedYearFrom: $from, foundedYearTo: $to, qualifications: $qualifications }, orderBy: { field: NAME, direction: ASC }) {
      totalCount nodes { name } } }`;
  type Years = { enterprises: { totalCount: number; nodes: Array<{ name: string }> } };
  const byYears = async (variables: Record<string, unknown>) => {
    let counts = 0;
    let histograms = 0;
    const stop = suite.database.onQuery((event) => {
      if (event.query?.includes('RETURN count(node) AS total')) counts += 1;
      if (event.query?.includes('AS values, count(*) AS count')) histograms += 1;
    });
    try {
      const result = await suite.service.query<Years>(YEARS, variables);
      expect(result.errors).toBeUndefined();
      return { totalCount: result.data!.enterprises.totalCount, names: result.data!.enterprises.nodes.map((node) => node.name), counts, histograms };
    } finally {
      stop();
    }
  };

  it('totals other values of the same properties from a histogram, without counting, until a write', async () => {
    // Founded in years no other enterprise has (the sample's are before 2030).
    await suite.database.write(
      `CREATE (:Entity:Organization:Enterprise {id: $prefix + ':year:a', name: '年甲', foundedYear: 2991, qualifications: ['HIGH_TECH'], source: 'test'})
       CREATE (:Entity:Organization:Enterprise {id: $prefix + ':year:b', name: '年乙', foundedYear: 2993, qualifications: ['HIGH_TECH', 'TECH_SME'], source: 'test'})
       CREATE (:Entity:Organization:Enterprise {id: $prefix + ':year:c', name: '年丙', foundedYear: 2995, qualifications: [], source: 'test'})`,
      { prefix },
    );
    expect(await byYears({ from: 2990 })).toMatchObject({ totalCount: 3, names: ['年丙', '年乙', '年甲'].sort(), counts: 1 });
    await expect.poll(() => facetsKept(suite.database)).toBeGreaterThanOrEqual(1);

    // Never asked before, answered from the histogram of foundedYear: no count query, no histogram read.
    expect(await byYears({ from: 2992 })).toMatchObject({ totalCount: 2, counts: 0, histograms: 0 }); // 乙 2993, 丙 2995
    expect(await byYears({ from: 2992, to: 2994 })).toMatchObject({ totalCount: 1, names: ['年乙'], counts: 0, histograms: 0 });
    expect(await byYears({ to: 2991, from: 2991 })).toMatchObject({ totalCount: 1, names: ['年甲'], counts: 0 });
    // Another set of properties is another histogram: counted first.
    expect(await byYears({ from: 2992, qualifications: ['HIGH_TECH'] })).toMatchObject({ totalCount: 1, names: ['年乙'], counts: 1 });

    // A write: the histogram is dropped at once, and the next total is counted and sees it.
    await suite.database.write(
      `CREATE (:Entity:Organization:Enterprise {id: $prefix + ':year:d', name: '年丁', foundedYear: 2997, qualifications: ['HIGH_TECH'], source: 'test'})`,
      { prefix },
    );
    expect(await byYears({ from: 2992 })).toMatchObject({ totalCount: 3, counts: 1 });
  });
});
