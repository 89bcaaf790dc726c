import { afterAll, describe, expect, it } from 'vitest';
import { deleteByPrefix, uniquePrefix } from '../support/database.js';
import { useTestService } from '../support/graphql-client.js';
import { toGlobalId } from '../../src/graphql/global-id.js';

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

  /** The list, and how many count queries (`… RETURN count(node) AS total`) reached the database for it. */
  const listed = async (variables: Record<string, unknown>) => {
    let reads = 0;
    const stop = suite.database.onQuery((event) => {
      if (event.mode === 'READ') reads += 1;
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
    expect(first.reads).toBe(2); // the page and the count
    const again = await listed({ region });
    expect(again).toMatchObject({ totalCount: 3, reads: 1 }); // the page only
    const next = await listed({ region, after: first.pageInfo.endCursor });
    expect(next).toMatchObject({ totalCount: 3, reads: 1 });
    expect([...first.nodes, ...next.nodes].map((node) => node.name).sort()).toEqual(['丙企业', '乙企业', '甲企业']);

    // Another filter is another count.
    expect(await listed({ region, qualifications: ['HIGH_TECH'] })).toMatchObject({ totalCount: 2, reads: 2 });

    // A write through the database: the next read counts afresh and sees it.
    await suite.database.write(
      `MATCH (region:Region {id: $region})
       CREATE (:Entity:Organization:Enterprise {id: $prefix + ':ent:d', name: '丁企业', qualifications: ['HIGH_TECH'], source: 'test'})-[:LOCATED_IN {source: 'test'}]->(region)`,
      { prefix, region: `${prefix}:region` },
    );
    expect(await listed({ region })).toMatchObject({ totalCount: 4, reads: 2 });
    expect(await listed({ region, qualifications: ['HIGH_TECH'] })).toMatchObject({ totalCount: 3, reads: 2 });
  });
});
