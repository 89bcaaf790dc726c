/** Every Cypher query of the organisation module: list filters and the relations of organisations. */
import { ORGANIZATION_KINDS, type OrganizationKind } from '../../graph/kinds.js';
import { Conditions, type RelationSpec, type SortOrder } from '../../graph/query.js';
import { BY_NAME, aboutTopic, allOf, between, locatedWithin, oneOf, recordId, textContains } from '../shared/filters.js';
import type { FacetFilter } from '../../graph/facets.js';
import { toGlobalId } from '../../graphql/global-id.js';

/** Filter fields shared by every organisation list (the union of the schema's organisation filter inputs). */
export interface OrganizationFilterInput {
  kinds?: readonly OrganizationKind[] | null;
  nameContains?: string | null;
  region?: string | null;
  topic?: string | null;
  industry?: string | null;
  qualifications?: readonly string[] | null;
  hasRdPartner?: boolean | null;
  segment?: string | null;
  foundedYearFrom?: number | null;
  foundedYearTo?: number | null;
  kindsOfPlatform?: readonly string[] | null;
  levels?: readonly string[] | null;
  host?: string | null;
}

/** Conditions over `node` for an organisation filter. */
export function organizationConditions(filter: OrganizationFilterInput | null | undefined): Conditions {
  const conditions = new Conditions();
  if (!filter) return conditions;
  if (filter.kinds && filter.kinds.length > 0) {
    conditions.add(filter.kinds.map((kind) => `node:${ORGANIZATION_KINDS.includes(kind) ? kind : 'Organization'}`).join(' OR '));
  }
  textContains(conditions, 'name', filter.nameContains);
  locatedWithin(conditions, filter.region, 'filter.region');
  aboutTopic(conditions, filter.topic, 'FOCUSES_ON', 'filter.topic');
  if (filter.industry) {
    const industry = conditions.param(recordId(filter.industry, ['Industry'], 'filter.industry'));
    conditions.add(
      `EXISTS { MATCH (node)-[:IN_INDUSTRY|SERVES]->(:Industry {id: ${industry}}) }
       OR EXISTS { MATCH (node)-[:IN_SEGMENT]->(:ChainSegment)<-[:HAS_SEGMENT]-(:Industry {id: ${industry}}) }
       OR EXISTS { MATCH (node)-[:LEADS|PARTICIPATES_IN]->(:Project)-[:FOR_INDUSTRY]->(:Industry {id: ${industry}}) }`,
    );
  }
  allOf(conditions, 'qualifications', filter.qualifications);
  if (filter.hasRdPartner !== null && filter.hasRdPartner !== undefined) {
    conditions.add(`${filter.hasRdPartner ? '' : 'NOT '}EXISTS { MATCH (node)-[:COOPERATES_WITH]-(partner) WHERE partner:University OR partner:ResearchInstitute }`);
  }
  if (filter.segment) {
    const segment = conditions.param(recordId(filter.segment, ['ChainSegment'], 'filter.segment'));
    conditions.add(`EXISTS { MATCH (node)-[:IN_SEGMENT]->(:ChainSegment {id: ${segment}}) }`);
  }
  between(conditions, 'foundedYear', filter.foundedYearFrom, filter.foundedYearTo);
  oneOf(conditions, 'kind', filter.kindsOfPlatform);
  oneOf(conditions, 'level', filter.levels);
  if (filter.host) {
    const host = conditions.param(recordId(filter.host, ORGANIZATION_KINDS, 'filter.host'));
    conditions.add(`EXISTS { MATCH (node)<-[:HOSTS]-(:Organization {id: ${host}}) }`);
  }
  return conditions;
}

/**
 * The histograms read ahead by the warm-up (src/keep-warm.ts, at start and after each change): per organisation kind,
 * its records' regions and the values its list filters choose from (an enterprise's qualifications, a platform's kind
 * and level). An official's usual list — the high-tech enterprises of a county, a city's incubators — is then totalled
 * from its first request, and so is a region alone or those values alone (see facets.ts). The values given here only
 * name the properties.
 */
export function organizationFacets(): FacetFilter[] {
  const region = toGlobalId('Region', 'any');
  const filters: Array<[OrganizationKind, OrganizationFilterInput]> = [
    ['Enterprise', { region, qualifications: ['HIGH_TECH'] }],
    ['Platform', { region, kindsOfPlatform: ['INCUBATOR'], levels: ['NATIONAL'] }],
    ['University', { region }],
    ['ResearchInstitute', { region }],
    ['GovernmentAgency', { region }],
  ];
  return filters.flatMap(([kind, filter]) => organizationConditions(filter).facets(kind) ?? []);
}

const relationOf = (name: string, body: string, order?: SortOrder, params?: Record<string, unknown>): RelationSpec => ({ name, body, order, params });

export const organizationRelations = {
  region: relationOf('organization.region', 'MATCH (parent)-[:LOCATED_IN]->(node:Region) RETURN node, null AS edge', BY_NAME),
  topics: relationOf('organization.topics', 'MATCH (parent)-[:FOCUSES_ON]->(node:Topic) RETURN node, null AS edge', BY_NAME),
  experts: (order: SortOrder) =>
    relationOf('organization.experts', 'MATCH (parent)<-[r:AFFILIATED_WITH]-(node:Expert) RETURN node, properties(r) AS edge', order),
  cooperations: (kinds: readonly string[] | null | undefined, partnerKinds: readonly string[] | null | undefined) =>
    relationOf(
      'organization.cooperations',
      `MATCH (parent)-[r:COOPERATES_WITH]-(node:Organization)
       WHERE ($kinds IS NULL OR r.kind IN $kinds) AND ($partnerKinds IS NULL OR any(label IN labels(node) WHERE label IN $partnerKinds))
       RETURN node, properties(r) AS edge`,
      { expression: 'edge.since', direction: 'DESC' },
      { kinds: kinds?.length ? kinds : null, partnerKinds: partnerKinds?.length ? partnerKinds : null },
    ),
  hostedPlatforms: (order: SortOrder) => relationOf('organization.hostedPlatforms', 'MATCH (parent)-[:HOSTS]->(node:Platform) RETURN node, null AS edge', order),
  industries: relationOf('enterprise.industries', 'MATCH (parent)-[:IN_INDUSTRY]->(node:Industry) RETURN node, null AS edge', BY_NAME),
  segments: relationOf(
    'enterprise.segments',
    'MATCH (parent)-[:IN_SEGMENT]->(node:ChainSegment) RETURN node, null AS edge',
    { expression: 'node.order', direction: 'ASC' },
  ),
  postedDemands: (statuses: readonly string[] | null | undefined, order: SortOrder) =>
    relationOf(
      'organization.postedDemands',
      'MATCH (parent)-[:POSTED]->(node:Demand) WHERE $statuses IS NULL OR node.status IN $statuses RETURN node, null AS edge',
      order,
      { statuses: statuses?.length ? statuses : null },
    ),
  platformHosts: relationOf('platform.hosts', 'MATCH (parent)<-[:HOSTS]-(node:Organization) RETURN node, null AS edge', BY_NAME),
  platformIndustries: relationOf('platform.industries', 'MATCH (parent)-[:SERVES]->(node:Industry) RETURN node, null AS edge', BY_NAME),
  issuedPolicies: (order: SortOrder) => relationOf('agency.issuedPolicies', 'MATCH (parent)-[:ISSUED]->(node:Policy) RETURN node, null AS edge', order),
};

/** Relations that organisations and experts share (both can lead projects, own patents, take demands, benefit). */
export const actorRelations = {
  projects: (role: 'LEAD' | 'PARTICIPANT' | null | undefined, order: SortOrder) =>
    relationOf(
      'actor.projects',
      `MATCH (parent)-[r:LEADS|PARTICIPATES_IN]->(node:Project)
       WITH node, collect(r) AS links
       WITH node, [link IN links WHERE type(link) = 'LEADS'] AS leads, [link IN links WHERE type(link) = 'PARTICIPATES_IN'] AS participations
       WITH node, CASE WHEN size(leads) > 0 THEN 'LEAD' ELSE 'PARTICIPANT' END AS role,
            head(participations).role AS participantRole, coalesce(head(leads), head(participations)).source AS source
       WHERE $role IS NULL OR role = $role
       RETURN node, {role: role, participantRole: participantRole, source: source} AS edge`,
      order,
      { role: role ?? null },
    ),
  patents: (order: SortOrder) => relationOf('actor.patents', 'MATCH (parent)-[:OWNS|INVENTED]->(node:Patent) RETURN DISTINCT node, null AS edge', order),
  takenDemands: relationOf(
    'actor.takenDemands',
    'MATCH (parent)<-[r:TAKEN_BY]-(node:Demand) RETURN node, properties(r) AS edge',
    { expression: 'node.postedOn', direction: 'DESC' },
  ),
  benefitingPolicies: (order: SortOrder) =>
    relationOf('actor.benefitingPolicies', 'MATCH (parent)<-[:BENEFITS]-(node:Policy) RETURN node, null AS edge', order),
};

