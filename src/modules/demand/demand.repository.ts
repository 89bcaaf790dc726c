/** Every Cypher query of the demand module (技术需求, 揭榜挂帅). */
import { NODE_KINDS } from '../../graph/kinds.js';
import { Conditions, type RelationSpec } from '../../graph/query.js';
import { BY_NAME, aboutTopic, oneOf, recordId, textContains } from '../shared/filters.js';

export interface DemandFilterInput {
  titleContains?: string | null;
  modes?: readonly string[] | null;
  statuses?: readonly string[] | null;
  industry?: string | null;
  topic?: string | null;
  postedBy?: string | null;
}

export function demandConditions(filter: DemandFilterInput | null | undefined): Conditions {
  const conditions = new Conditions();
  if (!filter) return conditions;
  textContains(conditions, 'title', filter.titleContains);
  oneOf(conditions, 'mode', filter.modes);
  oneOf(conditions, 'status', filter.statuses);
  if (filter.industry) {
    conditions.add(`EXISTS { MATCH (node)-[:FOR_INDUSTRY]->(:Industry {id: ${conditions.param(recordId(filter.industry, ['Industry'], 'filter.industry'))}}) }`);
  }
  aboutTopic(conditions, filter.topic, 'REQUIRES', 'filter.topic');
  if (filter.postedBy) {
    conditions.add(`EXISTS { MATCH (node)<-[:POSTED]-(:Entity {id: ${conditions.param(recordId(filter.postedBy, NODE_KINDS, 'filter.postedBy'))}}) }`);
  }
  return conditions;
}

export const demandRelations = {
  postedBy: { name: 'demand.postedBy', body: 'MATCH (parent)<-[:POSTED]-(node:Organization) RETURN node, null AS edge', order: BY_NAME } satisfies RelationSpec,
  takenBy: { name: 'demand.takenBy', body: 'MATCH (parent)-[r:TAKEN_BY]->(node:Entity) RETURN node, properties(r) AS edge', order: BY_NAME } satisfies RelationSpec,
};
