import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteByPrefix, openTestDatabase, uniquePrefix, withReads } from '../support/database.js';
import { startTestService, type Caller, type TestService } from '../support/graphql-client.js';
import { toGlobalId } from '../../src/graphql/global-id.js';
import { compiledKept, directAnswers } from '../../src/graphql/direct.js';
import { DatabaseUnavailableError } from '../../src/neo4j/errors.js';
import type { Database } from '../../src/neo4j/database.js';

/**
 * Queries made only of top-level lists or `node`/`nodes`, relations read ahead, properties and connection structure
 * are answered straight from their one read (src/graphql/direct.ts), without graphql-js's execution. Every answer must
 * be the one graphql-js gives: each operation below runs on a service answering directly and on one that never does
 * (`directAnswers: false`), over the same records, and the two responses must be the same text; which operations are
 * answered directly is checked too (an operation the direct way cannot answer goes to graphql-js whole).
 *
 * Fixture (this file's own records): 测试大学 (alias 测大) in 甲县 and 测试企业 (HIGH_TECH, founded 2010) in 乙县; topics
 * 根主题 ← 中间主题 ← 叶主题 (each narrower than the one before); 甲专家 (教授, LEADING, flexibly engaged, phone
 * 13800000000) works at 测试大学 (primary) and 测试企业, knows 叶主题 (EXPERT) and 根主题 (BASIC); 乙专家 (研究员) works at
 * 测试大学 (primary) and knows 中间主题 (ADVANCED); 丙专家 has no title (a non-null field in the schema) and works at
 * 测试企业 only; 测试企业 posted 测试需求 (REGULAR, OPEN, posted 2026-03-01, budget 50).
 */
describe('direct answers', () => {
  const prefix = uniquePrefix();
  const id = (local: string) => `${prefix}:${local}`;
  const university = toGlobalId('University', id('univ'));
  const enterprise = toGlobalId('Enterprise', id('ent'));
  const databases: Database[] = [];
  let direct: TestService;
  let plain: TestService;
  let database: Database;

  beforeAll(async () => {
    database = openTestDatabase();
    const other = openTestDatabase();
    databases.push(database, other);
    direct = await startTestService(database);
    plain = await startTestService(other, { directAnswers: false });
    await database.write(
      `CREATE (r1:Entity:Region {id: $prefix + ':r1', name: '甲县', kind: 'COUNTY', source: 'test'}),
              (r2:Entity:Region {id: $prefix + ':r2', name: '乙县', kind: 'COUNTY', source: 'test'}),
              (u:Entity:Organization:University {id: $prefix + ':univ', name: '测试大学', aliases: ['测大'], source: 'test'})-[:LOCATED_IN {source: 'test'}]->(r1),
              (e:Entity:Organization:Enterprise {id: $prefix + ':ent', name: '测试企业', qualifications: ['HIGH_TECH'], foundedYear: 2010, employees: 40, source: 'test'})-[:LOCATED_IN {source: 'test'}]->(r2),
              (root:Entity:Topic {id: $prefix + ':root', name: '根主题', source: 'test'}),
              (mid:Entity:Topic {id: $prefix + ':mid', name: '中间主题', source: 'test'})-[:BROADER {source: 'test'}]->(root),
              (leaf:Entity:Topic {id: $prefix + ':leaf', name: '叶主题', source: 'test'})-[:BROADER {source: 'test'}]->(mid),
              (x1:Entity:Expert {id: $prefix + ':x1', name: '甲专家', title: '教授', kinds: ['LEADING'], flexibleEngagement: true, phone: '13800000000', source: 'test'}),
              (x2:Entity:Expert {id: $prefix + ':x2', name: '乙专家', title: '研究员', source: 'test'}),
              (x3:Entity:Expert {id: $prefix + ':x3', name: '丙专家', source: 'test'}),
              (x1)-[:AFFILIATED_WITH {primary: true, source: 'test'}]->(u), (x1)-[:AFFILIATED_WITH {primary: false, source: 'test'}]->(e),
              (x2)-[:AFFILIATED_WITH {primary: true, source: 'test'}]->(u), (x3)-[:AFFILIATED_WITH {primary: true, source: 'test'}]->(e),
              (x1)-[:HAS_EXPERTISE {level: 'EXPERT', source: 'test'}]->(leaf), (x1)-[:HAS_EXPERTISE {level: 'BASIC', source: 'test'}]->(root),
              (x2)-[:HAS_EXPERTISE {level: 'ADVANCED', source: 'test'}]->(mid),
              (d:Entity:Demand {id: $prefix + ':demand', title: '测试需求', mode: 'REGULAR', status: 'OPEN', postedOn: '2026-03-01', budget: 50.0, source: 'test'})-[:POSTED_BY {source: 'test'}]->(e)`,
      { prefix },
    );
  });
  afterAll(async () => {
    await deleteByPrefix(database, prefix);
    await direct?.close();
    await plain?.close();
    for (const each of databases) await each.close();
  });

  /** Both services' responses to the operation, as text, and whether the direct service answered it directly. */
  const both = async (query: string, variables: Record<string, unknown> = {}, caller: Caller = 'anonymous') => {
    const before = directAnswers.count;
    const answered = JSON.stringify(await direct.query(query, { org: university, ent: enterprise, ...variables }, caller));
    const directly = directAnswers.count - before === 1;
    const expected = JSON.stringify(await plain.query(query, { org: university, ent: enterprise, ...variables }, caller));
    return { answered, expected, directly };
  };

  const UNIVERSITY_EXPERTS = `experts(first: 20, filter: { organization: $org }, orderBy: { field: NAME, direction: ASC })`;

  it('answers a three-level list directly, as worked out from the fixture', async () => {
    const { answered, expected, directly } = await both(`query ($org: ID!) { ${UNIVERSITY_EXPERTS} {
      totalCount nodes { name affiliations { nodes { name region { name } } } expertise { edges { level node { name broader { name } } } } } } }`);
    expect(directly).toBe(true);
    expect(answered).toBe(expected);
    // 乙 (U+4E59) sorts before 甲 (U+7532); an expert's affiliations and expertise in the relations' own order (by name).
    expect(JSON.parse(answered)).toEqual({
      data: {
        experts: {
          totalCount: 2,
          nodes: [
            {
              name: '乙专家',
              affiliations: { nodes: [{ name: '测试大学', region: { name: '甲县' } }] },
              expertise: { edges: [{ level: 'ADVANCED', node: { name: '中间主题', broader: [{ name: '根主题' }] } }] },
            },
            {
              name: '甲专家',
              affiliations: { nodes: [{ name: '测试大学', region: { name: '甲县' } }, { name: '测试企业', region: { name: '乙县' } }] },
              expertise: {
                edges: [
                  { level: 'EXPERT', node: { name: '叶主题', broader: [{ name: '中间主题' }] } },
                  { level: 'BASIC', node: { name: '根主题', broader: [] } },
                ],
              },
            },
          ],
        },
      },
    });
  });

  it('answers node(id) directly: global ids, property resolvers (aliases, enums) and a nested page', async () => {
    const { answered, expected, directly } = await both(`query ($org: ID!, $ent: ID!) {
      u: node(id: $org) { __typename id ... on University { name aliases region { name } experts(first: 1) { totalCount pageInfo { hasNextPage endCursor } nodes { name kinds flexibleEngagement programmes talentCard } } } }
      e: node(id: $ent) { ... on Enterprise { name qualifications foundedYear } } }`);
    expect(directly).toBe(true);
    expect(answered).toBe(expected);
    const data = JSON.parse(answered).data;
    expect(data.u).toEqual({
      __typename: 'University',
      id: university,
      name: '测试大学',
      aliases: ['测大'],
      region: { name: '甲县' },
      experts: { totalCount: 2, pageInfo: { hasNextPage: true, endCursor: expect.any(String) }, nodes: [{ name: '乙专家', kinds: [], flexibleEngagement: false, programmes: [], talentCard: null }] },
    });
    expect(data.e).toEqual({ name: '测试企业', qualifications: ['HIGH_TECH'], foundedYear: 2010 });
  });

  it('keeps an operation compiled per variables: one text asked for two organisations answers each with its own experts', async () => {
    const query = `query ($org: ID!) { ${UNIVERSITY_EXPERTS} { nodes { name } } }`;
    const names = async (org: string) => {
      const { answered, expected, directly } = await both(query, { org });
      expect(answered).toBe(expected);
      expect(directly).toBe(true);
      return (JSON.parse(answered).data.experts.nodes as Array<{ name: string }>).map((expert) => expert.name);
    };
    // 丙 (U+4E19) and 乙 (U+4E59) sort before 甲 (U+7532).
    expect(await names(university)).toEqual(['乙专家', '甲专家']);
    expect(await names(enterprise)).toEqual(['丙专家', '甲专家']);
    expect(await names(university)).toEqual(['乙专家', '甲专家']);
  });

  it('keeps at most 500 compiled operations however many variations a client sends', async () => {
    expect(compiledKept().max).toBe(500);
    const query = 'query ($text: String!) { experts(first: 1, filter: { nameContains: $text }) { nodes { name } } }';
    for (let start = 0; start < 600; start += 20) {
      await Promise.all(Array.from({ length: 20 }, (_, index) => direct.query(query, { text: `没有这个名字${start + index}` })));
    }
    const kept = compiledKept().count;
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThanOrEqual(500);
  });

  const SAME_ANSWERS: Array<{ name: string; query: string; variables?: Record<string, unknown>; caller?: Caller; directly: boolean }> = [
    {
      name: 'aliases, named and inline fragments, __typename at every level, @skip and @include',
      query: `query ($org: ID!, $no: Boolean = true) { __typename
        first: ${UNIVERSITY_EXPERTS} { __typename ...Page totalCount @skip(if: $no) }
        again: experts(first: 1, filter: { organization: $org }) { edges { __typename cursor node { ... on Expert { name } title @include(if: $no) } } } }
        fragment Page on ExpertConnection { pageInfo { __typename hasNextPage hasPreviousPage startCursor endCursor } nodes { __typename id name } }`,
      directly: true,
    },
    {
      name: 'a later page from a cursor, nested pages with their own cursors and totals',
      query: `query ($org: ID!, $after: String) { experts(first: 1, after: $after, filter: { organization: $org }, orderBy: { field: NAME, direction: ASC }) {
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { name expertise(first: 1) { totalCount pageInfo { hasNextPage endCursor } edges { cursor level node { name } } } } } } }`,
      variables: { after: 'b2Zmc2V0OjA' },
      directly: true,
    },
    {
      name: 'interfaces: organisations of both kinds with their own fields, edges of affiliations with their properties',
      query: `query ($org: ID!) { ${UNIVERSITY_EXPERTS} { nodes { name affiliations { edges { primary node { __typename name ... on Enterprise { qualifications foundedYear } ... on University { aliases } } } } } } }`,
      directly: true,
    },
    {
      name: 'several top-level lists, a Date and enums, nodes(ids) with an unknown and a malformed id',
      query: `query ($org: ID!, $ent: ID!) { demands(first: 5, filter: { titleContains: "测试需求" }) { nodes { title mode status postedOn deadline budget postedBy { name } } }
        regions(first: 5, filter: { nameContains: "甲县" }) { nodes { name kind } }
        nodes(ids: [$ent, $org, "bm90LWFuLWlk", "RXhwZXJ0Om5vYm9keQ"]) { __typename ... on Organization { name } } }`,
      directly: true,
    },
    {
      // Asked first as an editor, then anonymously (next): the operation is compiled for each caller's rights.
      name: 'a personal field, for an editor (answered) and for an anonymous caller (hidden by graphql-js, with the reason)',
      query: `query ($org: ID!) { ${UNIVERSITY_EXPERTS} { nodes { name phone } } }`,
      caller: 'editor',
      directly: true,
    },
    { name: 'a personal field, anonymously', query: `query ($org: ID!) { ${UNIVERSITY_EXPERTS} { nodes { name phone } } }`, directly: false },
    {
      name: 'the explorer’s entity view: an organisation’s kind (read from its kind alone), property resolvers, nested pages in fragments',
      query: `query ($ent: ID!, $org: ID!) { e: node(id: $ent) { ...Entity } u: node(id: $org) { ...Entity } }
        fragment Entity on Node { __typename id
          ... on Organization { name region { name } aliases organizationKind topics(first: 30) { nodes { id name } } }
          ... on Enterprise { qualifications foundedYear employees }
          ... on Expert { name title kinds talentCard expertise(first: 30) { edges { level node { id name } } } } }`,
      directly: true,
    },
    { name: 'a root field with a resolver of its own beside a list', query: `query ($ent: ID!) { node(id: $ent) { ... on Enterprise { name } } serviceStatus { version } }`, directly: false },
    {
      name: 'relations below the read-ahead depth',
      query: `query ($org: ID!) { ${UNIVERSITY_EXPERTS} { nodes { affiliations { nodes { region { parent { name parent { name } } } } } } } }`,
      directly: false,
    },
    { name: 'a bad page size on a nested list (graphql-js reports it in place)', query: `query ($org: ID!) { ${UNIVERSITY_EXPERTS} { nodes { name expertise(first: 500) { totalCount } } } }`, directly: false },
    { name: 'a bad top-level cursor', query: `query ($org: ID!) { experts(first: 1, after: "bm90LWEtY3Vyc29y", filter: { organization: $org }) { nodes { name } } }`, directly: false },
    { name: 'a variable of the wrong type', query: `query ($n: Int) { regions(first: $n) { nodes { name } } }`, variables: { n: 'two' }, directly: false },
    { name: 'a mutation is never answered directly', query: `mutation { expertDelete(input: { id: "RXhwZXJ0Om5vYm9keQ" }) { deletedId } }`, caller: 'admin', directly: false },
  ];

  it.each(SAME_ANSWERS)('the same answer either way: $name', async ({ query, variables, caller, directly }) => {
    const result = await both(query, variables, caller);
    expect(result.answered).toBe(result.expected);
    expect({ directly: result.directly, refusal: result.directly ? null : directAnswers.lastRefusal }).toEqual({ directly, refusal: directly ? null : expect.any(String) });
  });

  it('a value graphql-js reports as an error (a missing non-null title) leaves the operation to graphql-js, which takes the read already made', async () => {
    const query = `query ($ent: ID!) { experts(first: 5, filter: { organization: $ent }) { nodes { name title } } }`;
    const reads: string[] = [];
    const stop = database.onQuery((event) => {
      if (event.mode === 'READ') reads.push(event.query ?? '');
    });
    let result;
    try {
      result = await both(query);
    } finally {
      stop();
    }
    expect(result.directly).toBe(false);
    expect(result.answered).toBe(result.expected);
    const answer = JSON.parse(result.answered);
    expect(answer.data).toBeNull();
    expect(answer.errors[0].path).toEqual(['experts', 'nodes', 0, 'title']);
    // The page was read once (its total is not asked): the direct attempt's read, taken by the list's resolver.
    expect(reads.filter((query) => query.includes('SKIP $offset LIMIT $limit'))).toHaveLength(1);
  });

  it('a read that fails is reported by graphql-js as any failed read is, and not tried twice', async () => {
    let listReads = 0;
    const failing = withReads(openTestDatabase(), async (query, parameters, real) => {
      if (query.includes('SKIP $offset LIMIT $limit')) {
        listReads += 1;
        throw new DatabaseUnavailableError('Neo4j cannot be reached: injected', 'UNREACHABLE');
      }
      return real.read(query, parameters);
    });
    const service = await startTestService(failing);
    try {
      const response = await service.post({ query: `query ($org: ID!) { ${UNIVERSITY_EXPERTS} { nodes { name } } }`, variables: { org: university } });
      expect(response.status).toBe(503);
      const body = (await response.json()) as { data: unknown; errors: Array<{ path: string[]; extensions: { code: string } }> };
      expect(body.data).toBeNull();
      expect(body.errors).toEqual([{ message: 'The database is unavailable; try again shortly.', path: ['experts'], extensions: { code: 'DATABASE_UNAVAILABLE' } }]);
      expect(listReads).toBe(1);
    } finally {
      await service.close();
      await failing.close();
    }
  });
});
