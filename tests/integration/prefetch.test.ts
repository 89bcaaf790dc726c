import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteByPrefix, uniquePrefix } from '../support/database.js';
import { useTestService } from '../support/graphql-client.js';
import { toGlobalId } from '../../src/graphql/global-id.js';

/**
 * A top-level list reads the relations selected under its nodes in its own query (src/graphql/prefetch.ts): the answer
 * is the same as when each level is loaded on its own, in one database round trip instead of one per level; what
 * cannot be read ahead is loaded as before.
 *
 * Fixture (this file's own records): 测试大学 in 甲县 and 测试企业 in 乙县; topics 根主题 ← 中间主题 ← 叶主题 (each
 * narrower than the one before it); 甲专家 works at 测试大学 (primary) and 测试企业, knows 叶主题 (EXPERT) and 根主题
 * (BASIC); 乙专家 works at 测试大学 (primary) and knows 中间主题 (ADVANCED).
 */
describe('nested selections of a list, read in the list’s query', () => {
  const suite = useTestService();
  const prefix = uniquePrefix();
  const university = toGlobalId('University', `${prefix}:univ`);

  beforeAll(async () => {
    await suite.database.write(
      `CREATE (r1:Entity:Region {id: $prefix + ':r1', name: '甲县', kind: 'COUNTY', source: 'test'}),
              (r2:Entity:Region {id: $prefix + ':r2', name: '乙县', kind: 'COUNTY', source: 'test'}),
              (u:Entity:Organization:University {id: $prefix + ':univ', name: '测试大学', source: 'test'})-[:LOCATED_IN {source: 'test'}]->(r1),
              (e:Entity:Organization:Enterprise {id: $prefix + ':ent', name: '测试企业', source: 'test'})-[:LOCATED_IN {source: 'test'}]->(r2),
              (root:Entity:Topic {id: $prefix + ':root', name: '根主题', source: 'test'}),
              (mid:Entity:Topic {id: $prefix + ':mid', name: '中间主题', source: 'test'})-[:BROADER {source: 'test'}]->(root),
              (leaf:Entity:Topic {id: $prefix + ':leaf', name: '叶主题', source: 'test'})-[:BROADER {source: 'test'}]->(mid),
              (x1:Entity:Expert {id: $prefix + ':x1', name: '甲专家', source: 'test'}),
              (x2:Entity:Expert {id: $prefix + ':x2', name: '乙专家', source: 'test'}),
              (x1)-[:AFFILIATED_WITH {primary: true, source: 'test'}]->(u), (x1)-[:AFFILIATED_WITH {primary: false, source: 'test'}]->(e),
              (x2)-[:AFFILIATED_WITH {primary: true, source: 'test'}]->(u),
              (x1)-[:HAS_EXPERTISE {level: 'EXPERT', source: 'test'}]->(leaf), (x1)-[:HAS_EXPERTISE {level: 'BASIC', source: 'test'}]->(root),
              (x2)-[:HAS_EXPERTISE {level: 'ADVANCED', source: 'test'}]->(mid)`,
      { prefix },
    );
  });
  afterAll(() => deleteByPrefix(suite.database, prefix));

  /** The answer, how many read round trips it took, and the Cypher they sent. */
  const run = async (query: string, variables: Record<string, unknown> = {}) => {
    const sent: string[] = [];
    const stop = suite.database.onQuery((event) => {
      if (event.mode === 'READ') sent.push(event.query ?? '');
    });
    try {
      const result = await suite.service.query(query, { org: university, ...variables });
      expect(result.errors).toBeUndefined();
      return { data: result.data, reads: sent.length, sent };
    } finally {
      stop();
    }
  };

  const EXPERTS = (selection: string, variables = '') => `query ($org: ID!${variables}) {
    experts(first: 20, filter: { organization: $org }, orderBy: { field: NAME, direction: ASC }) { nodes { name ${selection} } } }`;

  it('three levels (affiliations → region, expertise → broader, with a nested total) in one round trip', async () => {
    const { data, reads } = await run(
      EXPERTS(`affiliations { totalCount edges { primary node { name region { name } } } }
               expertise { edges { level node { name broader { name } } } }`),
    );
    expect(data).toEqual({
      experts: {
        nodes: [
          // 乙 (U+4E59) sorts before 甲 (U+7532)
          {
            name: '乙专家',
            affiliations: { totalCount: 1, edges: [{ primary: true, node: { name: '测试大学', region: { name: '甲县' } } }] },
            expertise: { edges: [{ level: 'ADVANCED', node: { name: '中间主题', broader: [{ name: '根主题' }] } }] },
          },
          {
            name: '甲专家',
            affiliations: {
              totalCount: 2,
              edges: [
                { primary: true, node: { name: '测试大学', region: { name: '甲县' } } },
                { primary: false, node: { name: '测试企业', region: { name: '乙县' } } },
              ],
            },
            expertise: {
              edges: [
                { level: 'EXPERT', node: { name: '叶主题', broader: [{ name: '中间主题' }] } },
                { level: 'BASIC', node: { name: '根主题', broader: [] } },
              ],
            },
          },
        ],
      },
    });
    expect(reads).toBe(1);
  });

  it('pages, aliases with different arguments and fragments read ahead the same way, each under its own arguments', async () => {
    const { data, reads } = await run(
      EXPERTS(`first: expertise(first: 1) { edges { level node { name } } pageInfo { hasNextPage } }
               deep: expertise(minLevel: EXPERT) { edges { node { ...topicName } } }
               ... on Expert { primaryAffiliation { name } }`) + ' fragment topicName on Topic { name }',
    );
    expect(data).toEqual({
      experts: {
        nodes: [
          { name: '乙专家', first: { edges: [{ level: 'ADVANCED', node: { name: '中间主题' } }], pageInfo: { hasNextPage: false } }, deep: { edges: [] }, primaryAffiliation: { name: '测试大学' } },
          { name: '甲专家', first: { edges: [{ level: 'EXPERT', node: { name: '叶主题' } }], pageInfo: { hasNextPage: true } }, deep: { edges: [{ node: { name: '叶主题' } }] }, primaryAffiliation: { name: '测试大学' } },
        ],
      },
    });
    expect(reads).toBe(1);
  });

  it('a field selected in a fragment on some of the possible types is read ahead for those types only', async () => {
    const { data, reads } = await run(EXPERTS('affiliations { nodes { name ... on University { region { name } } } }'));
    expect(data).toEqual({
      experts: {
        nodes: [
          { name: '乙专家', affiliations: { nodes: [{ name: '测试大学', region: { name: '甲县' } }] } },
          { name: '甲专家', affiliations: { nodes: [{ name: '测试大学', region: { name: '甲县' } }, { name: '测试企业' }] } },
        ],
      },
    });
    expect(reads).toBe(1);
  });

  it('a field that reads differently on different types is loaded as before: same answer, one round trip per way', async () => {
    const { data, reads } = await run(
      EXPERTS(`affiliations { nodes { name ... on University { experts(first: 1) { nodes { name } } } ... on Enterprise { experts(first: 2) { nodes { name } } } } }`),
    );
    expect(data).toEqual({
      experts: {
        nodes: [
          { name: '乙专家', affiliations: { nodes: [{ name: '测试大学', experts: { nodes: [{ name: '乙专家' }] } }] } },
          {
            name: '甲专家',
            affiliations: { nodes: [{ name: '测试大学', experts: { nodes: [{ name: '乙专家' }] } }, { name: '测试企业', experts: { nodes: [{ name: '甲专家' }] } }] },
          },
        ],
      },
    });
    expect(reads).toBe(3); // the list with the affiliations; the university's first expert; the enterprise's first two
  });

  it('a field left out by @skip stays out of the answer', async () => {
    const { data, reads } = await run(EXPERTS('expertise @skip(if: $skipTopics) { edges { node { name } } }', ', $skipTopics: Boolean!'), { skipTopics: true });
    expect(data).toEqual({ experts: { nodes: [{ name: '乙专家' }, { name: '甲专家' }] } });
    expect(reads).toBe(1);
  });

  it('a bad argument below the list is reported at its own field, as before', async () => {
    const result = await suite.service.query(EXPERTS('expertise(first: 101) { edges { node { name } } }'), { org: university });
    expect(result.errors?.[0]).toMatchObject({ message: 'first: expected a whole number from 0 to 100, got 101', path: ['experts', 'nodes', 0, 'expertise'] });
  });

  it("the page's extra item, read only to tell that a next page exists, reads nothing ahead and leaves no page behind", async () => {
    // a: the first expert by name (乙专家); 甲专家 is read too, as the item after the page. b: 甲专家's affiliations again,
    // four levels below node(id) (beyond the read ahead, so through the loader, where a page left by a would be found).
    const { data, sent } = await run(`query ($org: ID!) {
      a: experts(first: 1, filter: { organization: $org }, orderBy: { field: NAME, direction: ASC }) { pageInfo { hasNextPage } nodes { name affiliations { nodes { name } } } }
      b: node(id: $org) { ... on University { experts(first: 5) { nodes { name affiliations { nodes { name experts(first: 5) { nodes { name affiliations { nodes { name } } } } } } } } } }
    }`);
    const { a, b } = data as {
      a: { pageInfo: { hasNextPage: boolean }; nodes: unknown[] };
      b: { experts: { nodes: Array<{ affiliations: { nodes: Array<{ name: string; experts: { nodes: unknown[] } }> } }> } };
    };
    expect(a).toEqual({ pageInfo: { hasNextPage: true }, nodes: [{ name: '乙专家', affiliations: { nodes: [{ name: '测试大学' }] } }] });
    // 乙专家 → 测试大学 → its experts, each with every affiliation (甲专家: both, primary first)
    expect(b.experts.nodes[0]!.affiliations.nodes[0]!.experts.nodes).toEqual([
      { name: '乙专家', affiliations: { nodes: [{ name: '测试大学' }] } },
      { name: '甲专家', affiliations: { nodes: [{ name: '测试大学' }, { name: '测试企业' }] } },
    ]);
    const list = sent.find((query) => query.includes('$shown'));
    expect(list).toMatch(/WITH item0 AS parent WHERE \(shown\)/); // the extra item's pages are not read
  });

  it('node(id) and nodes(ids) read the relations selected under the entities in the same round trip', async () => {
    const x1 = toGlobalId('Expert', `${prefix}:x1`);
    const x2 = toGlobalId('Expert', `${prefix}:x2`);
    const one = await run(`query ($id: ID!) { node(id: $id) { ... on Expert { name affiliations { nodes { name region { name } } } expertise { edges { level node { name broader { name } } } } } } }`, { id: x1 });
    expect(one.data).toEqual({
      node: {
        name: '甲专家',
        affiliations: { nodes: [{ name: '测试大学', region: { name: '甲县' } }, { name: '测试企业', region: { name: '乙县' } }] },
        // EXPERT before BASIC; 根主题 has no broader topic
        expertise: { edges: [{ level: 'EXPERT', node: { name: '叶主题', broader: [{ name: '中间主题' }] } }, { level: 'BASIC', node: { name: '根主题', broader: [] } }] },
      },
    });
    expect(one.reads).toBe(1);
    expect(one.sent[0]).toContain('RETURN item0 {.id, .name, nodeKind:'); // of the expert, only what its selection reads
    expect(one.sent[0]).not.toContain('.*');

    // In the order asked, a repeated id answered twice, an unknown id and an id of the wrong kind as null.
    const unknown = toGlobalId('Expert', `${prefix}:nobody`);
    const wrongKind = toGlobalId('Topic', `${prefix}:x2`);
    const many = await run(`query ($ids: [ID!]!) { nodes(ids: $ids) { ... on Expert { name affiliations { nodes { region { name } } } } } }`, { ids: [x2, unknown, x1, wrongKind, x2] });
    const x2Answer = { name: '乙专家', affiliations: { nodes: [{ region: { name: '甲县' } }] } };
    expect(many.data).toEqual({ nodes: [x2Answer, null, { name: '甲专家', affiliations: { nodes: [{ region: { name: '甲县' } }, { region: { name: '乙县' } }] } }, null, x2Answer] });
    expect(many.reads).toBe(1);

    // With no relation selected, the entities come through the batching loader: still one round trip.
    const plain = await run(`query ($ids: [ID!]!) { nodes(ids: $ids) { ... on Expert { name } } }`, { ids: [x1, x2] });
    expect(plain.data).toEqual({ nodes: [{ name: '甲专家' }, { name: '乙专家' }] });
    expect(plain.reads).toBe(1);

    // One expert asked for twice in one request, read ahead for a few fields and through the loader for others: each
    // answer has its own fields (an entity read for some fields never answers for the whole entity).
    await suite.database.write("MATCH (x:Expert {id: $id}) SET x.title = '研究员'", { id: `${prefix}:x1` });
    const both = await run(`query ($id: ID!) { a: node(id: $id) { ... on Expert { name affiliations { nodes { name } } } } b: node(id: $id) { ... on Expert { title name } } }`, { id: x1 });
    expect(both.data).toEqual({ a: { name: '甲专家', affiliations: { nodes: [{ name: '测试大学' }, { name: '测试企业' }] } }, b: { title: '研究员', name: '甲专家' } });
  });

  describe('only the properties the selection reads', () => {
    it('reads the selected fields of each level, not every property', async () => {
      const { data, sent } = await run(EXPERTS('affiliations { nodes { name region { name } } }'));
      expect(data).toEqual({
        experts: {
          nodes: [
            { name: '乙专家', affiliations: { nodes: [{ name: '测试大学', region: { name: '甲县' } }] } },
            { name: '甲专家', affiliations: { nodes: [{ name: '测试大学', region: { name: '甲县' } }, { name: '测试企业', region: { name: '乙县' } }] } },
          ],
        },
      });
      expect(sent).toHaveLength(1);
      expect(sent[0]).not.toContain('.*');
      expect(sent[0]).toContain('item0 {.id, .name, nodeKind:'); // the experts
      expect(sent[0]).toContain('item1.id, item1.name]'); // their affiliations, packed
      expect(sent[0]).toContain('item2.id, item2.name]'); // and those's regions
    });

    it("reads of the relationships only what the edges show: the selected edge fields, none without edges, a property resolver's property", async () => {
      const selection = 'expertise { edges { level node { name } } } plain: expertise { nodes { name } } affiliations { edges { primary node { name } } }';
      const { data, sent } = await run(EXPERTS(selection));
      // From the fixture: 乙专家 knows 中间主题 (ADVANCED); 甲专家 knows 叶主题 (EXPERT) then 根主题 (BASIC), strongest first.
      expect(data).toEqual({
        experts: {
          nodes: [
            { name: '乙专家', expertise: { edges: [{ level: 'ADVANCED', node: { name: '中间主题' } }] }, plain: { nodes: [{ name: '中间主题' }] }, affiliations: { edges: [{ primary: true, node: { name: '测试大学' } }] } },
            {
              name: '甲专家',
              expertise: { edges: [{ level: 'EXPERT', node: { name: '叶主题' } }, { level: 'BASIC', node: { name: '根主题' } }] },
              plain: { nodes: [{ name: '叶主题' }, { name: '根主题' }] },
              affiliations: { edges: [{ primary: true, node: { name: '测试大学' } }, { primary: false, node: { name: '测试企业' } }] },
            },
          ],
        },
      });
      expect(sent).toHaveLength(1);
      // Items are read packed, [node, edge, nested pages] (see src/graph/packed.ts).
      expect(sent[0]).toContain('ELSE [link1.level] END'); // expertise { edges { level } }: the level only
      expect(sent[0]).toMatch(/item1\.name\], null, \[/); // plain: nodes only, no edge
      expect(sent[0]).toContain('ELSE [link1.primary] END'); // AffiliationEdge.primary converts its own property: that one only
      // Loaded rather than read ahead (below node(id) of a university, four levels down), the same edges.
      const below = await run(`query ($org: ID!) { node(id: $org) { ... on University { experts(first: 5) { nodes { name affiliations { nodes { name experts(first: 5) { nodes { name expertise { edges { level } } } } } } } } } } }`);
      const deepest = (below.data as { node: { experts: { nodes: Array<{ affiliations: { nodes: Array<{ experts: { nodes: Array<{ name: string; expertise: { edges: Array<{ level: string }> } }> } }> } }> } } }).node.experts.nodes[0]!.affiliations.nodes[0]!.experts.nodes;
      expect(deepest).toEqual([
        { name: '乙专家', expertise: { edges: [{ level: 'ADVANCED' }] } },
        { name: '甲专家', expertise: { edges: [{ level: 'EXPERT' }, { level: 'BASIC' }] } },
      ]);
    });

    it('two aliases of one relation with different fields each get their own fields', async () => {
      await suite.database.write("MATCH (u:University {id: $id}) SET u.description = '一所测试用的大学', u.website = 'https://test.example.edu.cn'", { id: `${prefix}:univ` });
      const { data } = await run(EXPERTS('a: affiliations { nodes { name } } b: affiliations { nodes { description website } }'));
      expect(data).toEqual({
        experts: {
          nodes: [
            { name: '乙专家', a: { nodes: [{ name: '测试大学' }] }, b: { nodes: [{ description: '一所测试用的大学', website: 'https://test.example.edu.cn' }] } },
            {
              name: '甲专家',
              a: { nodes: [{ name: '测试大学' }, { name: '测试企业' }] },
              b: { nodes: [{ description: '一所测试用的大学', website: 'https://test.example.edu.cn' }, { description: null, website: null }] },
            },
          ],
        },
      });
    });

    it('a field with a resolver of its own reads every property; below the read-ahead depth and beside node(id), the same answers', async () => {
      await suite.database.write("MATCH (x:Expert {id: $id}) SET x.talentCard = 'A', x.flexibleEngagement = true, x.title = '教授'", { id: `${prefix}:x2` });
      // talentCard and flexibleEngagement convert their own property (a property resolver): only those are read.
      const converted = await run(`query ($org: ID!) { node(id: $org) { ... on University { experts(first: 5) { nodes { name talentCard flexibleEngagement } } } } }`);
      expect(converted.data).toEqual({ node: { experts: { nodes: [{ name: '乙专家', talentCard: 'A_CARD', flexibleEngagement: true }, { name: '甲专家', talentCard: null, flexibleEngagement: false }] } } });
      expect(converted.sent.some((query) => query.includes('.*'))).toBe(false);
      expect(converted.sent.some((query) => query.includes('.talentCard') && query.includes('.flexibleEngagement'))).toBe(true);
      // An indicator's progress has a resolver of its own (it reads the indicator's values): indicators read ahead are read whole.
      // 甲县's indicator: baseline 1.0 (2020), target 3.0 (2030), recorded 2.0 — halfway.
      await suite.database.write(
        `MATCH (r:Region {id: $region})
         CREATE (:Entity:Indicator {id: $id, name: '测试指标', unit: '%', baselineYear: 2020, baselineValue: 1.0, targetYear: 2030, targetValue: 3.0,
                 recordedYear: 2024, recordedValue: 2.0, source: 'test'})-[:MEASURES {source: 'test'}]->(r)`,
        { region: `${prefix}:r1`, id: `${prefix}:indicator` },
      );
      const own = await run(`query ($r1: ID!) { node(id: $r1) { ... on Region { indicators { nodes { name progress { progressRatio } } } } } }`, { r1: toGlobalId('Region', `${prefix}:r1`) });
      expect(own.data).toEqual({ node: { indicators: { nodes: [{ name: '测试指标', progress: { progressRatio: 0.5 } }] } } });
      expect(own.sent.some((query) => query.includes('.*'))).toBe(true);
      // organizationKind reads nothing but the organisation's kind: nothing is read whole for it.
      const kind = await run(`query ($org: ID!) { node(id: $org) { ... on University { organizationKind experts(first: 5) { nodes { name } } } } }`);
      expect(kind.data).toEqual({ node: { organizationKind: 'UNIVERSITY', experts: { nodes: [{ name: '乙专家' }, { name: '甲专家' }] } } });
      expect(kind.sent.some((query) => query.includes('.*') || query.includes('.organizationKind'))).toBe(false);

      // Four levels: the fourth is loaded after the read-ahead, and the expert read narrowly in the list is read in full by node(id).
      const x2 = toGlobalId('Expert', `${prefix}:x2`);
      const deep = await run(
        `query ($org: ID!, $x2: ID!) {
          experts(first: 20, filter: { organization: $org }, orderBy: { field: NAME, direction: ASC }) {
            nodes { name affiliations(first: 3) { nodes { name experts(first: 5) { nodes { name affiliations(first: 3) { nodes { name region { name } } } } } } } } }
          node(id: $x2) { ... on Expert { name title affiliations { nodes { name } } } } }`,
        { x2 },
      );
      const universityExperts = {
        name: '测试大学',
        experts: {
          nodes: [
            { name: '乙专家', affiliations: { nodes: [{ name: '测试大学', region: { name: '甲县' } }] } },
            { name: '甲专家', affiliations: { nodes: [{ name: '测试大学', region: { name: '甲县' } }, { name: '测试企业', region: { name: '乙县' } }] } },
          ],
        },
      };
      const enterpriseExperts = { name: '测试企业', experts: { nodes: [{ name: '甲专家', affiliations: { nodes: [{ name: '测试大学', region: { name: '甲县' } }, { name: '测试企业', region: { name: '乙县' } }] } }] } };
      expect(deep.data).toEqual({
        experts: { nodes: [{ name: '乙专家', affiliations: { nodes: [universityExperts] } }, { name: '甲专家', affiliations: { nodes: [universityExperts, enterpriseExperts] } }] },
        node: { name: '乙专家', title: '教授', affiliations: { nodes: [{ name: '测试大学' }] } },
      });
    });
  });
});
