/** Every Cypher query of the region module (区域 and cooperation zones). */
import { Conditions, type RelationSpec, type SortOrder } from '../../graph/query.js';
import { BY_NAME, oneOf, recordId, textContains } from '../shared/filters.js';

export function regionConditions(
  filter: { nameContains?: string | null; kinds?: readonly string[] | null; within?: string | null; zone?: string | null } | null | undefined,
): Conditions {
  const conditions = new Conditions();
  if (!filter) return conditions;
  textContains(conditions, 'name', filter.nameContains);
  oneOf(conditions, 'kind', filter.kinds);
  if (filter.within) {
    conditions.add(`EXISTS { MATCH (node)-[:PART_OF*1..]->(:Region {id: ${conditions.param(recordId(filter.within, ['Region'], 'filter.within'))}}) }`);
  }
  if (filter.zone) {
    conditions.add(`EXISTS { MATCH (node)-[:PART_OF*0..]->(:Region)-[:IN_ZONE]->(:Region {id: ${conditions.param(recordId(filter.zone, ['Region'], 'filter.zone'))}}) }`);
  }
  return conditions;
}

export const regionRelations = {
  parent: { name: 'region.parent', body: 'MATCH (parent)-[:PART_OF]->(node:Region) RETURN node, null AS edge', order: BY_NAME } satisfies RelationSpec,
  children: (kinds: readonly string[] | null | undefined, order: SortOrder): RelationSpec => ({
    name: 'region.children',
    body: 'MATCH (parent)<-[:PART_OF]-(node:Region) WHERE $kinds IS NULL OR node.kind IN $kinds RETURN node, null AS edge',
    params: { kinds: kinds?.length ? kinds : null },
    order,
  }),
  zones: { name: 'region.zones', body: 'MATCH (parent)-[:IN_ZONE]->(node:Region) RETURN node, null AS edge', order: BY_NAME } satisfies RelationSpec,
  members: (order: SortOrder): RelationSpec => ({ name: 'region.members', body: 'MATCH (parent)<-[:IN_ZONE]-(node:Region) RETURN node, null AS edge', order }),
  organizations: (kinds: readonly string[] | null | undefined, includeSubRegions: boolean, order: SortOrder): RelationSpec => ({
    name: 'region.organizations',
    body: `MATCH (parent)<-[:PART_OF*0..]-(place:Region)<-[:LOCATED_IN]-(node:Organization)
           WHERE ($includeSubRegions OR place = parent) AND ($kinds IS NULL OR any(label IN labels(node) WHERE label IN $kinds))
           RETURN DISTINCT node, null AS edge`,
    params: { kinds: kinds?.length ? kinds : null, includeSubRegions },
    order,
  }),
  indicators: (order: SortOrder): RelationSpec => ({ name: 'region.indicators', body: 'MATCH (parent)<-[:MEASURES]-(node:Indicator) RETURN node, null AS edge', order }),
};
