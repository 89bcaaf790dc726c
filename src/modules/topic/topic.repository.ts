/** Every Cypher query of the topic module (技术主题). */
import { Conditions, type RelationSpec, type SortOrder } from '../../graph/query.js';
import { BY_NAME, EXPERTISE_RANK, expertiseRank, recordId, textContains } from '../shared/filters.js';

export function topicConditions(filter: { nameContains?: string | null; narrowerThan?: string | null; topLevel?: boolean | null } | null | undefined): Conditions {
  const conditions = new Conditions();
  textContains(conditions, 'name', filter?.nameContains);
  if (filter?.narrowerThan) {
    const broader = conditions.param(recordId(filter.narrowerThan, ['Topic'], 'filter.narrowerThan'));
    conditions.add(`EXISTS { MATCH (node)-[:BROADER*1..]->(:Topic {id: ${broader}}) }`);
  }
  if (filter?.topLevel !== null && filter?.topLevel !== undefined) conditions.add(`${filter.topLevel ? 'NOT ' : ''}EXISTS { (node)-[:BROADER]->(:Topic) }`);
  return conditions;
}

const simple = (name: string, pattern: string, order: SortOrder = BY_NAME): RelationSpec => ({ name, body: `MATCH ${pattern} RETURN DISTINCT node, null AS edge`, order });

export const topicRelations = {
  broader: simple('topic.broader', '(parent)-[:BROADER]->(node:Topic)'),
  narrower: (order: SortOrder) => simple('topic.narrower', '(parent)<-[:BROADER]-(node:Topic)', order),
  experts: (minLevel: string | null | undefined): RelationSpec => ({
    name: 'topic.experts',
    body: `MATCH (parent)<-[r:HAS_EXPERTISE]-(node:Expert) WHERE ${EXPERTISE_RANK} >= $minRank RETURN node, properties(r) AS edge`,
    params: { minRank: expertiseRank(minLevel ?? 'BASIC') },
    order: { expression: "CASE edge.level WHEN 'EXPERT' THEN 3 WHEN 'ADVANCED' THEN 2 ELSE 1 END", direction: 'DESC', required: true },
  }),
  organizations: (kinds: readonly string[] | null | undefined, order: SortOrder): RelationSpec => ({
    name: 'topic.organizations',
    body: `MATCH (parent)<-[:FOCUSES_ON]-(node:Organization) WHERE $kinds IS NULL OR any(label IN labels(node) WHERE label IN $kinds) RETURN node, null AS edge`,
    params: { kinds: kinds?.length ? kinds : null },
    order,
  }),
  projects: (order: SortOrder) => simple('topic.projects', '(parent)<-[:ON_TOPIC]-(node:Project)', order),
  patents: (order: SortOrder) => simple('topic.patents', '(parent)<-[:ON_TOPIC]-(node:Patent)', order),
  demands: (statuses: readonly string[] | null | undefined, order: SortOrder): RelationSpec => ({
    name: 'topic.demands',
    body: 'MATCH (parent)<-[:REQUIRES]-(node:Demand) WHERE $statuses IS NULL OR node.status IN $statuses RETURN node, null AS edge',
    params: { statuses: statuses?.length ? statuses : null },
    order,
  }),
  segments: simple('topic.segments', '(parent)<-[:REQUIRES]-(node:ChainSegment)', { expression: 'node.order', direction: 'ASC' }),
};
