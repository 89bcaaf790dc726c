import { describe, expect, it } from 'vitest';
import { useTestService } from '../support/graphql-client.js';
import { toGlobalId } from '../../src/graphql/global-id.js';

interface Reason {
  kind: string;
  contribution: number;
  summary: string;
  summaryEn: string;
  topics: Array<{ name: string }>;
  projects: Array<{ name: string; startYear: number }>;
  patents: Array<{ title: string }>;
  path: Array<{ id: string }>;
  regions: Array<{ name: string }>;
}
interface Match {
  label: string;
  score: number;
  alreadyCooperating: boolean;
  possibleConflict: boolean;
  conflictReason: string | null;
  candidate: { __typename: string; id: string; name: string };
  reasons: Reason[];
}
interface Result {
  noKnownTopic: boolean;
  suggestedTopics: Array<{ name: string }>;
  interpretedTopics: Array<{ topic: { name: string }; weight: number; rarity: number; origin: string }>;
  matches: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: Match[] };
}

const RESULT = `noKnownTopic suggestedTopics { name } interpretedTopics { topic { name } weight rarity origin }
  matches { totalCount pageInfo { hasNextPage endCursor } nodes { label score alreadyCooperating possibleConflict conflictReason
    candidate { __typename ... on Node { id } ... on Expert { name } ... on Enterprise { name } ... on University { name } ... on ResearchInstitute { name } ... on Platform { name } }
    reasons { kind contribution summary summaryEn topics { name } projects { name startYear } patents { title } path { id } regions { name } } } }`;

/** The sample county is loaded read-only by the global setup; these tests only read it. */
describe('matching over the sample county', () => {
  const suite = useTestService();

  const expectExplained = (matches: Match[]) => {
    expect(matches.length).toBeGreaterThan(0);
    for (const match of matches) {
      const sum = match.reasons.reduce((total, reason) => total + reason.contribution, 0);
      expect(Math.abs(sum - match.score)).toBeLessThan(1e-3);
      expect(match.score).toBeGreaterThan(0);
      expect(match.score).toBeLessThanOrEqual(1);
      expect(match.reasons.some((reason) => reason.kind === 'TOPIC_OVERLAP')).toBe(true);
      for (const reason of match.reasons) {
        expect(reason.summary.length).toBeGreaterThan(2);
        expect(reason.summaryEn.length).toBeGreaterThan(2);
      }
    }
    expect(matches.map((match) => match.score)).toEqual([...matches.map((match) => match.score)].sort((a, b) => b - a));
  };

  it('expertSearch maps a Chinese need to topics and ranks experts with reasons that add up to the score', async () => {
    const result = await suite.service.query<{ expertSearch: Result }>(`{ expertSearch(need: { text: "中药材提取物和制剂加工" }, first: 5) { ${RESULT} } }`);
    expect(result.errors).toBeUndefined();
    const search = result.data!.expertSearch;
    expect(search.noKnownTopic).toBe(false);
    expect(search.interpretedTopics.map((topic) => topic.topic.name)).toEqual(expect.arrayContaining(['提取工艺', '制剂工艺']));
    // 中药材·提取物 is named: its three required topics (提取工艺, 分离纯化, 中药质量标准) count as one concept, 0.9/√3 = 0.5196
    // each; 提取工艺 is also the best text-profile match (0.6), which is kept as the stronger reading.
    expect(search.interpretedTopics.find((topic) => topic.topic.name === '分离纯化')).toMatchObject({ weight: 0.5196, origin: '产业链环节「中药材·提取物」所需技术' });
    expect(search.interpretedTopics.find((topic) => topic.topic.name === '提取工艺')).toMatchObject({ weight: 0.6, origin: '文本与主题「提取工艺」的资料相符' });
    expectExplained(search.matches.nodes);
    expect(search.matches.nodes.every((match) => match.candidate.__typename === 'Expert')).toBe(true);
    const evidence = search.matches.nodes.flatMap((match) => match.reasons).filter((reason) => reason.kind === 'PATENT_EVIDENCE');
    expect(evidence.length).toBeGreaterThan(0);
    expect(evidence[0]!.patents.length).toBeGreaterThan(0);
  });

  it('pages with first/after and caps first at 50', async () => {
    const first = await suite.service.query<{ expertSearch: Result }>(`{ expertSearch(need: { text: "老腊肉保存和溯源" }, first: 2) { ${RESULT} } }`);
    const page = first.data!.expertSearch.matches;
    expect(page.nodes).toHaveLength(2);
    expect(page.pageInfo.hasNextPage).toBe(true);
    const second = await suite.service.query<{ expertSearch: Result }>(
      `query ($after: String) { expertSearch(need: { text: "老腊肉保存和溯源" }, first: 2, after: $after) { ${RESULT} } }`,
      { after: page.pageInfo.endCursor },
    );
    expect(second.data!.expertSearch.matches.nodes[0]!.candidate.id).not.toBe(page.nodes[1]!.candidate.id);
    const tooMany = await suite.service.query(`{ expertSearch(need: { text: "老腊肉" }, first: 51) { noKnownTopic } }`);
    expect(tooMany.errors?.[0]).toMatchObject({ message: 'first: at most 50 matches per page, got 51', extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('says when a need names no known topic, suggests the nearest topics, and returns no noise', async () => {
    const result = await suite.service.query<{ expertSearch: Result }>(`{ expertSearch(need: { text: "量子计算芯片设计" }) { ${RESULT} } }`);
    const search = result.data!.expertSearch;
    expect(search.noKnownTopic).toBe(true);
    expect(search.matches.totalCount).toBe(0);
    expect(search.suggestedTopics.length).toBeGreaterThan(0);
    expect(search.suggestedTopics.map((topic) => topic.name).join('')).toMatch(/设计|计/);
  });

  it('tells two experts with the same name apart', async () => {
    const result = await suite.service.query<{ expertSearch: Result }>(
      `{ a: expertSearch(need: { text: "冷链保存 气调包装" }, first: 20) { ${RESULT} } b: expertSearch(need: { text: "中药材GAP规范化种植" }, first: 20) { ${RESULT} } }`,
    );
    const labels = [...(result.data as unknown as Record<string, Result>).a!.matches.nodes, ...(result.data as unknown as Record<string, Result>).b!.matches.nodes]
      .filter((match) => match.candidate.name === '周砚秋')
      .map((match) => match.label);
    expect(new Set(labels).size).toBe(2);
    expect(labels.join(' ')).toMatch(/周砚秋（教授，西南大学）/);
  });

  it('filters experts without changing scores', async () => {
    const all = await suite.service.query<{ expertSearch: Result }>(`{ expertSearch(need: { text: "中药材提取物和制剂加工" }, first: 50) { ${RESULT} } }`);
    const cards = await suite.service.query<{ expertSearch: Result }>(
      `{ expertSearch(need: { text: "中药材提取物和制剂加工" }, filters: { talentCards: [A_CARD, B_CARD] }, first: 50) { ${RESULT} } }`,
    );
    const filtered = cards.data!.expertSearch.matches.nodes;
    expect(filtered.length).toBeGreaterThan(0);
    expect(filtered.length).toBeLessThan(all.data!.expertSearch.matches.nodes.length);
    const scoreOf = new Map(all.data!.expertSearch.matches.nodes.map((match) => [match.candidate.id, match.score]));
    for (const match of filtered) expect(match.score).toBe(scoreOf.get(match.candidate.id));
  });

  it('partnerRecommendations for an enterprise flags existing cooperation and competitors instead of hiding them', async () => {
    const result = await suite.service.query<{ partnerRecommendations: Result }>(
      `query ($for: ID!) { partnerRecommendations(for: $for, first: 50) { ${RESULT} } }`,
      { for: toGlobalId('Enterprise', 'ent:qinggang-laorou') },
    );
    expect(result.errors).toBeUndefined();
    const matches = result.data!.partnerRecommendations.matches.nodes;
    expectExplained(matches);
    expect(matches.some((match) => match.alreadyCooperating)).toBe(true);
    const competitor = matches.find((match) => match.possibleConflict && match.candidate.__typename === 'Enterprise');
    expect(matches.find((match) => match.candidate.id === toGlobalId("Enterprise", "ent:daling-chuanwei"))?.conflictReason).toMatch(/同在产业链环节.*「老腊肉·制作」/);
    expect(competitor).toBeDefined();
    expect(matches.some((match) => match.candidate.id === toGlobalId('Enterprise', 'ent:qinggang-laorou'))).toBe(false);
    const cooperating = matches.find((match) => match.alreadyCooperating)!;
    expect(cooperating.reasons.find((reason) => reason.kind === 'GRAPH_PROXIMITY')?.summary).toBe('已与需求方建立合作关系');
  });

  it('partnerRecommendations for an industry proposes only the kinds asked for, with geography', async () => {
    const result = await suite.service.query<{ partnerRecommendations: Result }>(
      `query ($for: ID!) { partnerRecommendations(for: $for, kinds: [UNIVERSITY, RESEARCH_INSTITUTE], first: 10) { ${RESULT} } }`,
      { for: toGlobalId('Industry', 'industry:laorou') },
    );
    const matches = result.data!.partnerRecommendations.matches.nodes;
    expectExplained(matches);
    expect(new Set(matches.map((match) => match.candidate.__typename))).toEqual(new Set(['University', 'ResearchInstitute']));
    expect(matches.flatMap((match) => match.reasons).some((reason) => reason.kind === 'GEOGRAPHY' && reason.regions.length > 0)).toBe(true);
  });

  it('demandMatches ranks who could take an open challenge (揭榜挂帅)', async () => {
    const result = await suite.service.query<{ demandMatches: Result }>(`query ($id: ID!) { demandMatches(demandId: $id, first: 5) { ${RESULT} } }`, {
      id: toGlobalId('Demand', 'demand:herbs-formulation'),
    });
    expect(result.errors).toBeUndefined();
    expectExplained(result.data!.demandMatches.matches.nodes);
  });

  it('answers unknown ids (and ids whose record is of another kind) with NOT_FOUND and ids of the wrong kind with BAD_USER_INPUT', async () => {
    const unknown = await suite.service.query(`query ($id: ID!) { demandMatches(demandId: $id) { noKnownTopic } }`, { id: toGlobalId('Demand', 'demand:nope') });
    expect(unknown.errors?.[0]).toMatchObject({ message: 'demandId: no Demand has this id', extensions: { code: 'NOT_FOUND' } });
    // An id saying Demand for a record that is an enterprise: no such demand either (the matcher would read the enterprise's need).
    const mislabelled = await suite.service.query(`query ($id: ID!) { demandMatches(demandId: $id) { noKnownTopic } }`, { id: toGlobalId('Demand', 'ent:qinggang-laorou') });
    expect(mislabelled.errors?.[0]).toMatchObject({ message: 'demandId: no Demand has this id', extensions: { code: 'NOT_FOUND' } });
    const wrongKind = await suite.service.query(`query ($id: ID!) { partnerRecommendations(for: $id) { noKnownTopic } }`, { id: toGlobalId('Topic', 'topic:extraction') });
    expect(wrongKind.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const empty = await suite.service.query(`{ expertSearch(need: {}) { noKnownTopic } }`);
    expect(empty.errors?.[0]).toMatchObject({ message: 'need: give text, topics or an industry', extensions: { code: 'BAD_USER_INPUT' } });
  });
});
