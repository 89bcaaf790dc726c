/** Every Cypher query of the expert module. */
import { ENTITY_LABEL, ORGANIZATION_KINDS } from '../../graph/kinds.js';
import { Conditions, type RelationSpec } from '../../graph/query.js';
import { EXPERTISE_RANK, anyOf, expertiseRank, flag, locatedWithin, oneOf, recordId, textContains } from '../shared/filters.js';

export interface ExpertFilterInput {
  nameContains?: string | null;
  talentCards?: readonly string[] | null;
  programmes?: readonly string[] | null;
  kinds?: readonly string[] | null;
  flexibleEngagement?: boolean | null;
  topic?: string | null;
  minExpertiseLevel?: string | null;
  organization?: string | null;
  region?: string | null;
}

/** Conditions over `node` for the expert filter. */
export function expertConditions(filter: ExpertFilterInput | null | undefined): Conditions {
  const conditions = new Conditions();
  if (!filter) return conditions;
  textContains(conditions, 'name', filter.nameContains);
  oneOf(conditions, 'talentCard', filter.talentCards);
  anyOf(conditions, 'programmes', filter.programmes);
  anyOf(conditions, 'kinds', filter.kinds);
  flag(conditions, 'flexibleEngagement', filter.flexibleEngagement);
  if (filter.topic || filter.minExpertiseLevel) {
    const topic = filter.topic ? conditions.param(recordId(filter.topic, ['Topic'], 'filter.topic')) : null;
    const rank = conditions.param(expertiseRank(filter.minExpertiseLevel ?? 'BASIC'));
    conditions.add(
      `EXISTS { MATCH (node)-[r:HAS_EXPERTISE]->(held:Topic) WHERE ${EXPERTISE_RANK} >= ${rank}
        ${topic ? `AND EXISTS { MATCH (held)-[:BROADER*0..]->(:Topic {id: ${topic}}) }` : ''} }`,
    );
  }
  if (filter.organization) {
    const organization = conditions.param(recordId(filter.organization, ORGANIZATION_KINDS, 'filter.organization'));
    // Start from the organisation (by the id index) and walk to its experts, rather than test every expert.
    conditions.startAt(
      `(:${ENTITY_LABEL} {id: ${organization}})<-[:AFFILIATED_WITH]-(node)`,
      `EXISTS { MATCH (node)-[:AFFILIATED_WITH]->(:${ENTITY_LABEL} {id: ${organization}}) }`,
    );
  }
  locatedWithin(conditions, filter.region, 'filter.region', '(node)-[:AFFILIATED_WITH]->(:Organization)-[:LOCATED_IN]->', '<-[:LOCATED_IN]-(:Organization)<-[:AFFILIATED_WITH]-(node)');
  return conditions;
}

export const expertRelations = {
  affiliations: {
    name: 'expert.affiliations',
    body: 'MATCH (parent)-[r:AFFILIATED_WITH]->(node:Organization) RETURN node, properties(r) AS edge',
    order: { expression: 'coalesce(edge.primary, false)', direction: 'DESC', required: true },
  } satisfies RelationSpec,
  primaryAffiliation: {
    name: 'expert.primaryAffiliation',
    body: 'MATCH (parent)-[r:AFFILIATED_WITH]->(node:Organization) RETURN node, properties(r) AS edge',
    order: { expression: 'coalesce(edge.primary, false)', direction: 'DESC', required: true },
  } satisfies RelationSpec,
  expertise: (minLevel: string | null | undefined): RelationSpec => ({
    name: 'expert.expertise',
    body: `MATCH (parent)-[r:HAS_EXPERTISE]->(node:Topic) WHERE ${EXPERTISE_RANK} >= $minRank RETURN node, properties(r) AS edge`,
    params: { minRank: expertiseRank(minLevel ?? 'BASIC') },
    order: { expression: "CASE edge.level WHEN 'EXPERT' THEN 3 WHEN 'ADVANCED' THEN 2 ELSE 1 END", direction: 'DESC', required: true },
  }),
};

