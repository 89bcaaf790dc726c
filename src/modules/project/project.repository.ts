/** Every Cypher query of the project module: projects (科技项目) and patents (专利). */
import { ORGANIZATION_KINDS } from '../../graph/kinds.js';
import { Conditions, type RelationSpec, type SortOrder } from '../../graph/query.js';
import { BY_NAME, aboutTopic, between, oneOf, present, recordId, textContains } from '../shared/filters.js';

export interface ProjectFilterInput {
  nameContains?: string | null;
  levels?: readonly string[] | null;
  modes?: readonly string[] | null;
  startYearFrom?: number | null;
  startYearTo?: number | null;
  industry?: string | null;
  topic?: string | null;
  organization?: string | null;
  expert?: string | null;
}

export function projectConditions(filter: ProjectFilterInput | null | undefined): Conditions {
  const conditions = new Conditions();
  if (!filter) return conditions;
  textContains(conditions, 'name', filter.nameContains);
  oneOf(conditions, 'level', filter.levels);
  oneOf(conditions, 'mode', filter.modes);
  between(conditions, 'startYear', filter.startYearFrom, filter.startYearTo);
  if (filter.industry) {
    conditions.add(`EXISTS { MATCH (node)-[:FOR_INDUSTRY]->(:Industry {id: ${conditions.param(recordId(filter.industry, ['Industry'], 'filter.industry'))}}) }`);
  }
  aboutTopic(conditions, filter.topic, 'ON_TOPIC', 'filter.topic');
  if (filter.organization) {
    const organization = conditions.param(recordId(filter.organization, ORGANIZATION_KINDS, 'filter.organization'));
    conditions.add(`EXISTS { MATCH (node)<-[:LEADS|PARTICIPATES_IN]-(:Organization {id: ${organization}}) }`);
  }
  if (filter.expert) {
    conditions.add(`EXISTS { MATCH (node)<-[:LEADS|PARTICIPATES_IN]-(:Expert {id: ${conditions.param(recordId(filter.expert, ['Expert'], 'filter.expert'))}}) }`);
  }
  return conditions;
}

export interface PatentFilterInput {
  titleContains?: string | null;
  kinds?: readonly string[] | null;
  filedYearFrom?: number | null;
  filedYearTo?: number | null;
  granted?: boolean | null;
  topic?: string | null;
  owner?: string | null;
  inventor?: string | null;
}

export function patentConditions(filter: PatentFilterInput | null | undefined): Conditions {
  const conditions = new Conditions();
  if (!filter) return conditions;
  textContains(conditions, 'title', filter.titleContains);
  oneOf(conditions, 'kind', filter.kinds);
  between(conditions, 'filedYear', filter.filedYearFrom, filter.filedYearTo);
  present(conditions, 'grantedYear', filter.granted);
  aboutTopic(conditions, filter.topic, 'ON_TOPIC', 'filter.topic');
  if (filter.owner) {
    conditions.add(`EXISTS { MATCH (node)<-[:OWNS]-(:Organization {id: ${conditions.param(recordId(filter.owner, ORGANIZATION_KINDS, 'filter.owner'))}}) }`);
  }
  if (filter.inventor) {
    conditions.add(`EXISTS { MATCH (node)<-[:INVENTED]-(:Expert {id: ${conditions.param(recordId(filter.inventor, ['Expert'], 'filter.inventor'))}}) }`);
  }
  return conditions;
}

const simple = (name: string, pattern: string, order: SortOrder = BY_NAME): RelationSpec => ({ name, body: `MATCH ${pattern} RETURN node, null AS edge`, order });

export const projectRelations = {
  lead: simple('project.lead', '(parent)<-[:LEADS]-(node:Entity)'),
  participants: {
    name: 'project.participants',
    body: 'MATCH (parent)<-[r:PARTICIPATES_IN]-(node:Entity) WHERE NOT EXISTS { (node)-[:LEADS]->(parent) } RETURN node, properties(r) AS edge',
    order: BY_NAME,
  } satisfies RelationSpec,
  topics: simple('onTopic.topics', '(parent)-[:ON_TOPIC]->(node:Topic)'),
  industries: simple('forIndustry.industries', '(parent)-[:FOR_INDUSTRY]->(node:Industry)'),
  owners: simple('patent.owners', '(parent)<-[:OWNS]-(node:Organization)'),
  inventors: simple('patent.inventors', '(parent)<-[:INVENTED]-(node:Expert)'),
};
