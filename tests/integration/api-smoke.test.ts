import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteByPrefix, openTestDatabase, uniquePrefix } from '../support/database.js';
import { startTestService, useTestService, type TestService } from '../support/graphql-client.js';
import { loadMiniCounty } from '../support/fixtures.js';
import { fromGlobalId, toGlobalId } from '../../src/graphql/global-id.js';
import type { Database } from '../../src/neo4j/database.js';

describe('the read API over the mini county', () => {
  let database: Database;
  let service: TestService;
  const prefix = uniquePrefix();
  const gid = (kind: Parameters<typeof toGlobalId>[0], id: string) => toGlobalId(kind, `${prefix}:${id}`);

  beforeAll(async () => {
    database = openTestDatabase();
    await loadMiniCounty(database, prefix);
    service = await startTestService(database);
  });
  afterAll(async () => {
    await service.close();
    await deleteByPrefix(database, prefix);
    await database.close();
  });

  it('resolves an expert with affiliations, expertise, projects and patents', async () => {
    const result = await service.query(
      `query ($id: ID!) { node(id: $id) { ... on Expert { name title talentCard kinds programmes flexibleEngagement
          primaryAffiliation { name organizationKind ... on University { region { name parent { name } zones { name } } } }
          affiliations { totalCount edges { primary role since node { name } } }
          expertise { edges { level node { name broader { name } } } }
          projects { edges { role node { name lead { ... on University { name } } participants { edges { role node { ... on Enterprise { name } ... on Expert { name } } } } } } }
          patents { nodes { title owners { nodes { name } } inventors { nodes { name } } } } } } }`,
      { id: gid('Expert', 'expert:wang') },
    );
    expect(result.errors).toBeUndefined();
    // tests/fixtures/mini-county: Expert.json (expert:wang), AFFILIATED_WITH (农业大学 primary 教授 2012; 星创天地), HAS_EXPERTISE
    // (冷链保存 EXPERT, broader 食品科学; 生猪育种 ADVANCED), 农业大学 LOCATED_IN 示例市 (no parent, no zone), proj:smoke led
    // by 农业大学 with participants 王示例 and 老腊肉食品 (应用示范), patent:smoke owned by 农业大学 and invented by 王示例.
    expect(result.data).toEqual({
      node: {
        name: '王示例',
        title: '教授',
        talentCard: 'A_CARD',
        kinds: ['LEADING'],
        programmes: ['WESTERN_LIGHT'],
        flexibleEngagement: true,
        primaryAffiliation: { name: '示例农业大学', organizationKind: 'UNIVERSITY', region: { name: '示例市', parent: null, zones: [] } },
        affiliations: {
          totalCount: 2,
          edges: [
            { primary: true, role: '教授', since: 2012, node: { name: '示例农业大学' } },
            { primary: false, role: null, since: null, node: { name: '示例星创天地' } },
          ],
        },
        expertise: {
          edges: [
            { level: 'EXPERT', node: { name: '冷链保存', broader: [{ name: '食品科学' }] } },
            { level: 'ADVANCED', node: { name: '生猪育种', broader: [] } },
          ],
        },
        projects: {
          edges: [
            {
              role: 'PARTICIPANT',
              node: {
                name: '老腊肉低盐熏制工艺研究',
                lead: { name: '示例农业大学' },
                participants: {
                  edges: [
                    { role: null, node: { name: '王示例' } },
                    { role: '应用示范', node: { name: '示例老腊肉食品有限公司' } },
                  ],
                },
              },
            },
          ],
        },
        patents: { nodes: [{ title: '一种腊肉低盐熏制方法', owners: { nodes: [{ name: '示例农业大学' }] }, inventors: { nodes: [{ name: '王示例' }] } }] },
      },
    });
  });

  it('filters enterprises by qualification and by whether they have an R&D partner', async () => {
    const result = await service.query<{ withPartner: { nodes: Array<{ name: string }> }; without: { totalCount: number; nodes: Array<{ name: string }> } }>(
      `query ($region: ID!) {
        withPartner: enterprises(filter: { region: $region, qualifications: [HIGH_TECH], hasRdPartner: true }) { nodes { name } }
        without: enterprises(filter: { region: $region, qualifications: [HIGH_TECH], hasRdPartner: false }) { totalCount nodes { name } }
      }`,
      { region: gid('Region', 'region:county') },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.withPartner.nodes.map((node) => node.name)).toEqual(['示例老腊肉食品有限公司']);
    expect(result.data?.without).toEqual({ totalCount: 1, nodes: [{ name: '示例中药材科技有限公司' }] });
  });

  it('searches Chinese text with highlights', async () => {
    const result = await service.query<{ search: { edges: Array<{ score: number; highlights: Array<{ field: string; fragments: string[] }>; node: { id: string } }> } }>(
      `{ search(query: "冷链保存", first: 50) { totalCount edges { score highlights { field fragments } node { ... on Node { id } } } } }`,
    );
    expect(result.errors).toBeUndefined();
    const mine = result.data?.search.edges.filter((edge) => [gid('Topic', 'topic:preserve'), gid('Demand', 'demand:cold')].includes(edge.node.id)) ?? [];
    expect(mine).toHaveLength(2);
    const topicHit = mine.find((edge) => edge.node.id === gid('Topic', 'topic:preserve'));
    expect(topicHit?.highlights).toContainEqual({ field: 'name', fragments: ['«冷链保存»'] });
    const topicsOnly = await service.query<{ search: { nodes: Array<{ __typename: string; id: string }> } }>(
      `{ search(query: "冷链保存", kinds: [TOPIC], first: 50) { nodes { __typename ... on Node { id } } } }`,
    );
    expect(new Set(topicsOnly.data?.search.nodes.map((node) => node.__typename))).toEqual(new Set(['Topic']));
    // Of this file's records, only the topic 冷链保存 (not the demand 老腊肉冷链保存技术攻关) when only topics are asked for.
    expect(topicsOnly.data?.search.nodes.map((node) => node.id).filter((id) => fromGlobalId(id)?.id.startsWith(`${prefix}:`))).toEqual([gid('Topic', 'topic:preserve')]);
  });

  it('finds Chinese names by pinyin initials or syllables typed from the start', async () => {
    const result = await service.query<{ search: { edges: Array<{ highlights: Array<{ field: string; fragments: string[] }>; node: { id: string } }> } }>(
      `{ search(query: "slnydx", first: 20) { edges { highlights { field fragments } node { ... on Node { id } } } } }`,
    );
    expect(result.errors).toBeUndefined();
    const university = result.data?.search.edges.find((edge) => edge.node.id === gid('University', 'univ:agri'));
    expect(university?.highlights).toEqual([{ field: 'pinyin', fragments: ['«slnydx»'] }]);
  });
});

describe('totalCount however it is asked for', () => {
  const suite = useTestService();

  it('counts the same directly, through a fragment inside a fragment, and through an inline fragment', async () => {
    // seeds/sample-county/nodes/Enterprise.json holds 101 records.
    const direct = await suite.service.query<{ enterprises: { totalCount: number } }>('{ enterprises(first: 1) { totalCount } }');
    const nested = await suite.service.query<{ enterprises: { totalCount: number } }>(
      'query { enterprises(first: 1) { ...Outer } } fragment Outer on EnterpriseConnection { ...Inner } fragment Inner on EnterpriseConnection { totalCount }',
    );
    const inline = await suite.service.query<{ enterprises: { totalCount: number } }>('{ enterprises(first: 1) { ... on EnterpriseConnection { ... { totalCount } } } }');
    expect([direct.data?.enterprises.totalCount, nested.data?.enterprises.totalCount, inline.data?.enterprises.totalCount]).toEqual([101, 101, 101]);
  });
});

describe('one-character search', () => {
  const suite = useTestService();

  it('reports the number of matches, not the rows fetched plus the offset', async () => {
    // 44 records of seeds/sample-county hold 腊 in a name, title or alias (counted by hand over nodes/*.json).
    const QUERY = 'query ($first: Int!) { search(query: "腊", first: $first) { totalCount edges { node { __typename } } } }';
    const small = await suite.service.query<{ search: { totalCount: number; edges: unknown[] } }>(QUERY, { first: 2 });
    const large = await suite.service.query<{ search: { totalCount: number; edges: unknown[] } }>(QUERY, { first: 100 });
    expect([small.data?.search.totalCount, small.data?.search.edges.length]).toEqual([44, 2]);
    expect([large.data?.search.totalCount, large.data?.search.edges.length]).toEqual([44, 44]);
  });
});
