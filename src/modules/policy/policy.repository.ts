/** Every Cypher query of the policy module: policies (政策) and indicators (指标). */
import { NODE_KINDS } from '../../graph/kinds.js';
import { Conditions, type RelationSpec, type SortOrder } from '../../graph/query.js';
import { BY_NAME, between, locatedWithin, oneOf, recordId, textContains } from '../shared/filters.js';

export interface PolicyFilterInput {
  nameContains?: string | null;
  kinds?: readonly string[] | null;
  yearFrom?: number | null;
  yearTo?: number | null;
  issuedBy?: string | null;
  industry?: string | null;
  beneficiary?: string | null;
}

export function policyConditions(filter: PolicyFilterInput | null | undefined): Conditions {
  const conditions = new Conditions();
  if (!filter) return conditions;
  textContains(conditions, 'name', filter.nameContains);
  oneOf(conditions, 'kind', filter.kinds);
  between(conditions, 'year', filter.yearFrom, filter.yearTo);
  if (filter.issuedBy) {
    conditions.add(`EXISTS { MATCH (node)<-[:ISSUED]-(:GovernmentAgency {id: ${conditions.param(recordId(filter.issuedBy, ['GovernmentAgency'], 'filter.issuedBy'))}}) }`);
  }
  if (filter.industry) {
    conditions.add(`EXISTS { MATCH (node)-[:FOR_INDUSTRY]->(:Industry {id: ${conditions.param(recordId(filter.industry, ['Industry'], 'filter.industry'))}}) }`);
  }
  if (filter.beneficiary) {
    conditions.add(`EXISTS { MATCH (node)-[:BENEFITS]->(:Entity {id: ${conditions.param(recordId(filter.beneficiary, NODE_KINDS, 'filter.beneficiary'))}}) }`);
  }
  return conditions;
}

export function indicatorConditions(filter: { nameContains?: string | null; region?: string | null; cluster?: string | null } | null | undefined): Conditions {
  const conditions = new Conditions();
  if (!filter) return conditions;
  textContains(conditions, 'name', filter.nameContains);
  locatedWithin(conditions, filter.region, 'filter.region', '(node)-[:MEASURES]->', '<-[:MEASURES]-(node)');
  if (filter.cluster) {
    conditions.add(`EXISTS { MATCH (node)<-[:CONTRIBUTES_TO]-(:IndustryCluster {id: ${conditions.param(recordId(filter.cluster, ['IndustryCluster'], 'filter.cluster'))}}) }`);
  }
  return conditions;
}

const simple = (name: string, pattern: string, order: SortOrder = BY_NAME): RelationSpec => ({ name, body: `MATCH ${pattern} RETURN node, null AS edge`, order });

export const policyRelations = {
  issuedBy: simple('policy.issuedBy', '(parent)<-[:ISSUED]-(node:GovernmentAgency)'),
  beneficiaries: simple('policy.beneficiaries', '(parent)-[:BENEFITS]->(node:Entity)'),
  industries: simple('forIndustry.industries', '(parent)-[:FOR_INDUSTRY]->(node:Industry)'),
  indicatorRegions: simple('indicator.regions', '(parent)-[:MEASURES]->(node:Region)'),
  indicatorClusters: simple('indicator.clusters', '(parent)<-[:CONTRIBUTES_TO]-(node:IndustryCluster)'),
};

