/** Every Cypher query of the industry module: clusters (产业集群), industries (产业) and chain segments (产业链环节). */
import { Conditions, type RelationSpec, type SortOrder } from '../../graph/query.js';
import { BY_NAME, aboutTopic, oneOf, recordId, textContains } from '../shared/filters.js';

export function clusterConditions(filter: { nameContains?: string | null } | null | undefined): Conditions {
  const conditions = new Conditions();
  textContains(conditions, 'name', filter?.nameContains);
  return conditions;
}

export function industryConditions(filter: { nameContains?: string | null; cluster?: string | null } | null | undefined): Conditions {
  const conditions = new Conditions();
  textContains(conditions, 'name', filter?.nameContains);
  if (filter?.cluster) {
    conditions.add(`EXISTS { MATCH (node)-[:IN_CLUSTER]->(:IndustryCluster {id: ${conditions.param(recordId(filter.cluster, ['IndustryCluster'], 'filter.cluster'))}}) }`);
  }
  return conditions;
}

export function segmentConditions(
  filter: { nameContains?: string | null; industry?: string | null; positions?: readonly string[] | null; requiredTopic?: string | null } | null | undefined,
): Conditions {
  const conditions = new Conditions();
  textContains(conditions, 'name', filter?.nameContains);
  if (filter?.industry) {
    conditions.add(`EXISTS { MATCH (node)<-[:HAS_SEGMENT]-(:Industry {id: ${conditions.param(recordId(filter.industry, ['Industry'], 'filter.industry'))}}) }`);
  }
  oneOf(conditions, 'position', filter?.positions);
  aboutTopic(conditions, filter?.requiredTopic, 'REQUIRES', 'filter.requiredTopic');
  return conditions;
}

const simple = (name: string, pattern: string, order: SortOrder = BY_NAME): RelationSpec => ({ name, body: `MATCH ${pattern} RETURN node, null AS edge`, order });
export const CHAIN_ORDER: SortOrder = { expression: 'node.order', direction: 'ASC' };

export const industryRelations = {
  clusterIndustries: (order: SortOrder) => simple('cluster.industries', '(parent)<-[:IN_CLUSTER]-(node:Industry)', order),
  clusterIndicators: (order: SortOrder) => simple('cluster.indicators', '(parent)-[:CONTRIBUTES_TO]->(node:Indicator)', order),
  clusters: simple('industry.clusters', '(parent)-[:IN_CLUSTER]->(node:IndustryCluster)'),
  segments: simple('industry.segments', '(parent)-[:HAS_SEGMENT]->(node:ChainSegment)', CHAIN_ORDER),
  enterprises: (order: SortOrder) =>
    ({
      name: 'industry.enterprises',
      body: `CALL (parent) {
               MATCH (parent)<-[:IN_INDUSTRY]-(node:Enterprise) RETURN node
               UNION
               MATCH (parent)-[:HAS_SEGMENT]->(:ChainSegment)<-[:IN_SEGMENT]-(node:Enterprise) RETURN node
             }
             RETURN node, null AS edge`,
      order,
    }) satisfies RelationSpec,
  platforms: (order: SortOrder) => simple('industry.platforms', '(parent)<-[:SERVES]-(node:Platform)', order),
  projects: (order: SortOrder) => simple('industry.projects', '(parent)<-[:FOR_INDUSTRY]-(node:Project)', order),
  demands: (statuses: readonly string[] | null | undefined, order: SortOrder): RelationSpec => ({
    name: 'industry.demands',
    body: 'MATCH (parent)<-[:FOR_INDUSTRY]-(node:Demand) WHERE $statuses IS NULL OR node.status IN $statuses RETURN node, null AS edge',
    params: { statuses: statuses?.length ? statuses : null },
    order,
  }),
  // Policies that target the industry (FOR_INDUSTRY) or name it as a beneficiary (BENEFITS), each once.
  policies: (order: SortOrder): RelationSpec => ({
    name: 'industry.policies',
    body: 'MATCH (parent)<-[:FOR_INDUSTRY|BENEFITS]-(node:Policy) RETURN DISTINCT node, null AS edge',
    order,
  }),
  segmentIndustry: simple('segment.industry', '(parent)<-[:HAS_SEGMENT]-(node:Industry)'),
  upstream: simple('segment.upstream', '(parent)<-[:UPSTREAM_OF]-(node:ChainSegment)', CHAIN_ORDER),
  downstream: simple('segment.downstream', '(parent)-[:UPSTREAM_OF]->(node:ChainSegment)', CHAIN_ORDER),
  segmentEnterprises: (order: SortOrder) => simple('segment.enterprises', '(parent)<-[:IN_SEGMENT]-(node:Enterprise)', order),
  requiredTopics: simple('requires.topics', '(parent)-[:REQUIRES]->(node:Topic)'),
};
