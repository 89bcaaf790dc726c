/**
 * The fixed, named workload of the scale benchmark. Each workload asks one question three ways: through our
 * GraphQL API ("ours"), as hand-written Cypher through the driver ("floor", served by bench/scale/floor-server.ts)
 * and, for the generic ones, through a server built with @neo4j/graphql 7 ("peer"). The parameters of each
 * request are drawn from a fixed list of record ids of the generated dataset, so every system sees the same
 * requests in the same order.
 *
 * The floor answers the same question with the same result shape; for matching, chains and links, whose scoring
 * and gap rules live in our services, it is one query with a simplified score (shared topics weighted by level
 * and rarity) — the cost of answering in one round trip, not a byte-identical ranking.
 */
import { toGlobalId } from '../../src/graphql/global-id.js';
import type { NodeKind } from '../../src/graph/kinds.js';
import { SyntheticProvince } from '../../tools/generate/generate.js';

export const WORKLOAD_NAMES = [
  'lookup',
  'filteredList',
  'regionList',
  'search',
  'nested3',
  'expertSearch',
  'partnerRecommendations',
  'demandMatches',
  'industryChain',
  'connections',
  'neighborhood',
] as const;
export type WorkloadName = (typeof WORKLOAD_NAMES)[number];

/** One request's parameters: record ids (the floor's) and plain values. */
type Params = Record<string, string | number | string[]>;

export interface Workload {
  name: WorkloadName;
  description: string;
  /** Our GraphQL operation; its variables come from `oursVariables`. */
  ours: { query: string; variables: (params: Params) => Record<string, unknown> };
  /** The floor's Cypher; its parameters are the request's params as they are. */
  floor: string;
  /** The peer's GraphQL operation (generic workloads only). */
  peer?: { query: string; variables: (params: Params) => Record<string, unknown> };
  /** The list of request parameters, cycled through. */
  params: (province: SyntheticProvince) => Params[];
  /**
   * Our server keeps this workload's answers (or, for search, its totals) per question until a write: the cells, which
   * cycle through the list, then mostly measure questions asked before, so each question's first answer is measured on
   * its own too (see run.ts).
   */
  keepsAnswers?: boolean;
}

const VARIANTS = 64;
const gid = (kind: NodeKind, id: string) => toGlobalId(kind, id);
const spread = (count: number, limit = VARIANTS) => Array.from({ length: Math.min(limit, count) }, (_, index) => Math.floor((index * count) / Math.min(limit, count)));
/** Lucene query over the full-text index, the same fields and boosts as our search. */
const luceneOf = (text: string) => {
  const escaped = text.replace(/[+\-&|!(){}[\]^"~*?:\\/]/g, (character) => `\\${character}`);
  return `name:(${escaped})^3 OR title:(${escaped})^3 OR aliasText:(${escaped})^2 OR description:(${escaped}) OR pinyin:(${escaped})`;
};
/** Popular fine-grained topics (the Zipf head), where the needs of real users cluster. */
const popularTopicNames = (province: SyntheticProvince) => {
  const first = province.plan.topicRoots + province.plan.topicMiddle;
  return Array.from({ length: VARIANTS }, (_, rank) => province.topicName(first + rank * 3));
};
const MATCH_SELECTION = 'matches { nodes { score label reasons { kind contribution summary } } }';

export const WORKLOADS: Workload[] = [
  {
    name: 'lookup',
    description: 'one enterprise by id, with its region',
    ours: {
      query: 'query ($id: ID!) { node(id: $id) { ... on Enterprise { id name foundedYear employees qualifications region { name } } } }',
      variables: (params) => ({ id: gid('Enterprise', params.id as string) }),
    },
    floor: `MATCH (n:Enterprise {id: $id})
            RETURN n {.id, .name, .foundedYear, .employees, .qualifications, region: COLLECT { MATCH (n)-[:LOCATED_IN]->(r:Region) RETURN r {.name} }[0]} AS node`,
    peer: {
      query: 'query ($id: ID!) { enterprises(where: { id: { eq: $id } }) { id name foundedYear employees qualifications locatedIn { name } } }',
      variables: (params) => ({ id: params.id }),
    },
    params: (province) => spread(province.plan.counts.Enterprise, 256).map((index) => ({ id: province.id('Enterprise', index) })),
  },
  {
    name: 'filteredList',
    // Our server keeps a list's total per filter until a write (the page is read afresh): a filter's first request counts
    // its matches, later ones read the kept total, so the first requests are measured on their own.
    keepsAnswers: true,
    description: 'enterprises with a qualification founded since a year, first 20 by name, with totalCount',
    ours: {
      query: `query ($qualification: EnterpriseQualification!, $from: Int!) {
        enterprises(first: 20, filter: { qualifications: [$qualification], foundedYearFrom: $from }, orderBy: { field: NAME, direction: ASC }) {
          totalCount nodes { id name foundedYear } } }`,
      variables: (params) => ({ qualification: params.qualification, from: params.from }),
    },
    floor: `CALL () { MATCH (n:Enterprise) WHERE $qualification IN n.qualifications AND n.foundedYear >= $from RETURN count(n) AS totalCount }
            CALL () { MATCH (n:Enterprise) WHERE $qualification IN n.qualifications AND n.foundedYear >= $from
                      WITH n ORDER BY n.name, n.id LIMIT 20 RETURN collect(n {.id, .name, .foundedYear}) AS nodes }
            RETURN totalCount, nodes`,
    peer: {
      query: `query ($qualification: String!, $from: Float!) {
        enterprisesConnection(first: 20, where: { qualifications: { includes: $qualification }, foundedYear: { gte: $from } }, sort: [{ name: ASC }, { id: ASC }]) {
          totalCount edges { node { id name foundedYear } } } }`,
      variables: (params) => ({ qualification: params.qualification, from: params.from }),
    },
    params: () =>
      Array.from({ length: VARIANTS }, (_, index) => ({
        qualification: ['HIGH_TECH', 'TECH_SME', 'ABOVE_DESIGNATED_SIZE', 'SPECIALIZED'][index % 4]!,
        from: 1990 + ((index * 7) % 31),
      })),
  },
  {
    name: 'regionList',
    // As filteredList: totals kept per filter until a write. The region is a county, a municipality or the province.
    keepsAnswers: true,
    description: 'enterprises with a qualification in a region (a county, a municipality or the province, with the regions below it), first 20 by name, with totalCount',
    ours: {
      query: `query ($region: ID!, $qualification: EnterpriseQualification!) {
        enterprises(first: 20, filter: { region: $region, qualifications: [$qualification] }, orderBy: { field: NAME, direction: ASC }) {
          totalCount nodes { id name foundedYear } } }`,
      variables: (params) => ({ region: gid('Region', params.region as string), qualification: params.qualification }),
    },
    floor: `CALL () { MATCH (:Region {id: $region})<-[:PART_OF*0..]-(:Region)<-[:LOCATED_IN]-(n:Enterprise) WHERE $qualification IN n.qualifications
                      RETURN count(DISTINCT n) AS totalCount }
            CALL () { MATCH (:Region {id: $region})<-[:PART_OF*0..]-(:Region)<-[:LOCATED_IN]-(n:Enterprise) WHERE $qualification IN n.qualifications
                      WITH DISTINCT n ORDER BY n.name, n.id LIMIT 20 RETURN collect(n {.id, .name, .foundedYear}) AS nodes }
            RETURN totalCount, nodes`,
    peer: {
      // @neo4j/graphql has no variable-length paths: the region itself, or one or two PART_OF steps below it (the depth
      // of the generated regions).
      query: `query ($region: ID!, $qualification: String!) {
        enterprisesConnection(first: 20, sort: [{ name: ASC }, { id: ASC }], where: { qualifications: { includes: $qualification }, locatedIn: { some: { OR: [
          { id: { eq: $region } }, { partOf: { some: { id: { eq: $region } } } }, { partOf: { some: { partOf: { some: { id: { eq: $region } } } } } }
        ] } } }) { totalCount edges { node { id name foundedYear } } } }`,
      variables: (params) => ({ region: params.region, qualification: params.qualification }),
    },
    params: (province) =>
      Array.from({ length: VARIANTS }, (_, index) => {
        const { municipalities, counties } = province.plan;
        const region = index % 8 === 0 ? 0 : index % 8 <= 2 ? province.municipalityRegion(index % municipalities) : province.countyRegion((index * 7) % counties);
        return { region: province.id('Region', region), qualification: ['HIGH_TECH', 'TECH_SME', 'ABOVE_DESIGNATED_SIZE', 'SPECIALIZED'][index % 4]! };
      }),
  },
  {
    name: 'search',
    // Our server keeps a search's total per text until a write (the page is read afresh).
    keepsAnswers: true,
    description: 'Chinese full-text search over every kind, 20 hits with scores and totalCount',
    ours: {
      query: 'query ($text: String!) { search(query: $text, first: 20) { totalCount edges { score node { ... on Node { id } } } } }',
      variables: (params) => ({ text: params.text }),
    },
    floor: `CALL db.index.fulltext.queryNodes('entity_text', $lucene) YIELD node, score
            WITH collect({id: node.id, score: score}) AS hits
            RETURN size(hits) AS totalCount, hits[0..20] AS hits`,
    params: (province) => popularTopicNames(province).map((text) => ({ text, lucene: luceneOf(text) })),
  },
  {
    name: 'nested3',
    description: "20 experts of a university by name, each with affiliations → region and expertise (level) → broader topics",
    ours: {
      query: `query ($organization: ID!) { experts(first: 20, filter: { organization: $organization }, orderBy: { field: NAME, direction: ASC }) {
        nodes { name affiliations { nodes { name region { name } } } expertise { edges { level node { name broader { name } } } } } } }`,
      variables: (params) => ({ organization: gid('University', params.organization as string) }),
    },
    floor: `MATCH (:University {id: $organization})<-[:AFFILIATED_WITH]-(x:Expert)
            WITH x ORDER BY x.name, x.id LIMIT 20
            RETURN x.name AS name,
              COLLECT { MATCH (x)-[:AFFILIATED_WITH]->(o) RETURN {name: o.name, region: COLLECT { MATCH (o)-[:LOCATED_IN]->(r) RETURN {name: r.name} }[0]} } AS affiliations,
              COLLECT { MATCH (x)-[h:HAS_EXPERTISE]->(t) RETURN {level: h.level, name: t.name, broader: COLLECT { MATCH (t)-[:BROADER]->(b) RETURN {name: b.name} }} } AS expertise`,
    peer: {
      query: `query ($organization: ID!) { experts(limit: 20, sort: [{ name: ASC }, { id: ASC }], where: { affiliatedWith: { some: { id: { eq: $organization } } } }) {
        name affiliatedWith { name locatedIn { name } } hasExpertiseConnection { edges { properties { level } node { name broader { name } } } } } }`,
      variables: (params) => ({ organization: params.organization }),
    },
    params: (province) => spread(province.plan.counts.University, 16).map((index) => ({ organization: province.id('University', index) })),
  },
  {
    name: 'expertSearch',
    keepsAnswers: true,
    description: 'experts for a need in free text (a popular topic name), top 10 with reasons',
    ours: {
      query: `query ($text: String!) { expertSearch(need: { text: $text }, first: 10) { ${MATCH_SELECTION} } }`,
      variables: (params) => ({ text: params.text }),
    },
    floor: `CALL db.index.fulltext.queryNodes('entity_text', $lucene) YIELD node, score WHERE node:Topic
            WITH node AS topic ORDER BY score DESC LIMIT 5
            MATCH (narrower:Topic)-[:BROADER*0..1]->(topic)
            WITH DISTINCT narrower, topic, COUNT { (narrower)<-[:HAS_EXPERTISE]-() } AS holders
            MATCH (x:Expert)-[h:HAS_EXPERTISE]->(narrower)
            WITH x, sum(CASE h.level WHEN 'EXPERT' THEN 3.0 WHEN 'ADVANCED' THEN 2.0 ELSE 1.0 END
                        * CASE WHEN narrower = topic THEN 1.0 ELSE 0.5 END / log(2.0 + holders)) AS score,
                 collect(DISTINCT narrower.name) AS topics
            ORDER BY score DESC, x.id LIMIT 10
            RETURN x.id AS id, x.name AS label, score, topics`,
    params: (province) => popularTopicNames(province).map((text) => ({ text, lucene: luceneOf(text) })),
  },
  {
    name: 'partnerRecommendations',
    keepsAnswers: true,
    description: 'partners for an enterprise (shared topics, not yet cooperating), top 10 with reasons',
    ours: {
      query: `query ($id: ID!) { partnerRecommendations(for: $id, first: 10) { ${MATCH_SELECTION} } }`,
      variables: (params) => ({ id: gid('Enterprise', params.id as string) }),
    },
    floor: `MATCH (e:Enterprise {id: $id})-[:FOCUSES_ON]->(t:Topic)
            WITH e, t, COUNT { (t)<-[:HAS_EXPERTISE|FOCUSES_ON]-() } AS holders
            MATCH (candidate)-[:HAS_EXPERTISE|FOCUSES_ON]->(t)
            WHERE candidate <> e AND (candidate:Expert OR candidate:University OR candidate:ResearchInstitute OR candidate:Enterprise OR candidate:Platform)
            WITH e, candidate, sum(1.0 / log(2.0 + holders)) AS score, collect(t.name) AS topics
            WHERE NOT EXISTS { (e)-[:COOPERATES_WITH]-(candidate) }
            ORDER BY score DESC, candidate.id LIMIT 10
            RETURN candidate.id AS id, coalesce(candidate.name, candidate.title) AS label, score, topics`,
    params: (province) => spread(province.plan.counts.Enterprise).map((index) => ({ id: province.id('Enterprise', index) })),
  },
  {
    name: 'demandMatches',
    keepsAnswers: true,
    description: 'candidates for a posted demand (its required topics), top 10 with reasons',
    ours: {
      query: `query ($id: ID!) { demandMatches(demandId: $id, first: 10) { ${MATCH_SELECTION} } }`,
      variables: (params) => ({ id: gid('Demand', params.id as string) }),
    },
    floor: `MATCH (d:Demand {id: $id})-[:REQUIRES]->(t:Topic)
            WITH d, t, COUNT { (t)<-[:HAS_EXPERTISE|FOCUSES_ON]-() } AS holders
            MATCH (candidate)-[:HAS_EXPERTISE|FOCUSES_ON]->(t)
            WHERE candidate:Expert OR candidate:University OR candidate:ResearchInstitute OR candidate:Enterprise OR candidate:Platform
            WITH candidate, sum(1.0 / log(2.0 + holders)) AS score, collect(t.name) AS topics
            WHERE NOT EXISTS { (candidate)<-[:POSTED]-() }
            ORDER BY score DESC, candidate.id LIMIT 10
            RETURN candidate.id AS id, coalesce(candidate.name, candidate.title) AS label, score, topics`,
    params: (province) => spread(province.plan.counts.Demand).map((index) => ({ id: province.id('Demand', index) })),
  },
  {
    name: 'industryChain',
    keepsAnswers: true,
    description: "an industry's chain: each segment's support counts and gaps with 3 candidates each",
    ours: {
      query: `query ($id: ID!) { industryChain(industry: $id) { segments { segment { name } depth
        support { localEnterprises rdPartners platforms experts recentProjects }
        gaps { kind reason candidates(first: 3) { score actor { __typename } } } } } }`,
      variables: (params) => ({ id: gid('Industry', params.id as string) }),
    },
    floor: `MATCH (i:Industry {id: $id})-[:HAS_SEGMENT]->(s:ChainSegment)
            WITH i, s, COUNT { (i)<-[:SERVES]-(:Platform) } AS platforms,
                 COUNT { (s)<-[:IN_SEGMENT]-(:Enterprise) } AS enterprises,
                 COUNT { (s)<-[:IN_SEGMENT]-(e:Enterprise) WHERE EXISTS { (e)-[:COOPERATES_WITH]-(p) WHERE p:University OR p:ResearchInstitute } } AS rdPartners,
                 COUNT { MATCH (s)-[:REQUIRES]->(:Topic)<-[:HAS_EXPERTISE]-(x:Expert) RETURN DISTINCT x } AS experts
            CALL (s, enterprises, rdPartners, experts) {
              WITH s WHERE enterprises = 0 OR rdPartners = 0 OR experts < 3
              MATCH (s)-[:REQUIRES]->(:Topic)<-[:HAS_EXPERTISE|FOCUSES_ON]-(candidate)
              WITH candidate, count(*) AS score ORDER BY score DESC, candidate.id LIMIT 3
              RETURN collect({id: candidate.id, score: score}) AS candidates
            }
            RETURN s.name AS segment, s.order AS depth, enterprises, rdPartners, platforms, experts, candidates ORDER BY s.order`,
    params: (province) => spread(province.plan.counts.Industry, 16).map((index) => ({ id: province.id('Industry', index) })),
  },
  {
    name: 'connections',
    keepsAnswers: true,
    description: 'up to 5 shortest paths (≤ 4 hops, as the budget states) from an enterprise to a university',
    ours: {
      query: 'query ($from: ID!, $to: ID!) { connections(from: $from, to: $to, maxHops: 4, first: 5) { found shortestLength paths { length text } } }',
      variables: (params) => ({ from: gid('Enterprise', params.from as string), to: gid('University', params.to as string) }),
    },
    floor: `MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
            MATCH path = allShortestPaths((a)-[*..4]-(b))
            WITH path LIMIT 5
            RETURN length(path) AS length, [n IN nodes(path) | coalesce(n.name, n.title)] AS names`,
    params: (province) =>
      spread(province.plan.counts.Enterprise).map((index, position) => ({
        from: province.id('Enterprise', index),
        to: province.id('University', (position * 5) % province.plan.counts.University),
      })),
  },
  {
    name: 'neighborhood',
    description: 'the entities within 2 hops of an enterprise, at most 200, with the edges among them',
    ours: {
      query: 'query ($id: ID!) { neighborhood(id: $id, depth: 2, limit: 200) { truncated nodes { kind label } edges { kind from { id } to { id } } } }',
      variables: (params) => ({ id: gid('Enterprise', params.id as string) }),
    },
    floor: `MATCH (c:Entity {id: $id})
            MATCH path = (c)-[*1..2]-(n)
            WITH path LIMIT 400
            UNWIND relationships(path) AS r
            WITH collect(DISTINCT r) AS edges
            UNWIND edges AS r
            UNWIND [startNode(r), endNode(r)] AS n
            WITH edges, collect(DISTINCT n)[0..200] AS nodes
            RETURN [n IN nodes | {kind: labels(n)[-1], label: coalesce(n.name, n.title)}] AS nodes,
                   [r IN edges | {kind: type(r), from: startNode(r).id, to: endNode(r).id}] AS edges`,
    params: (province) => spread(province.plan.counts.Enterprise).map((index) => ({ id: province.id('Enterprise', index) })),
  },
];

export function workloadNamed(name: string): Workload {
  const workload = WORKLOADS.find((item) => item.name === name);
  if (!workload) throw new Error(`unknown workload "${name}": expected one of ${WORKLOAD_NAMES.join(', ')}`);
  return workload;
}
