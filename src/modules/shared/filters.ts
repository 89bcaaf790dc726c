/**
 * Filter conditions and sort orders shared by the modules. Each helper adds one parameterised condition over
 * the variable `node`; ids arrive as global ids and are checked for their kind.
 */
import type { NodeKind } from '../../graph/kinds.js';
import type { Conditions, SortOrder } from '../../graph/query.js';
import { propertyTests } from '../../graph/facets.js';
import { expectGlobalId } from '../../graphql/global-id.js';

/** Every sortable field of every `…OrderField` enum, as a Cypher expression over `node`. */
const ORDER_EXPRESSIONS: Record<string, string> = {
  NAME: 'node.name',
  TITLE: 'node.title',
  FOUNDED_YEAR: 'node.foundedYear',
  EMPLOYEES: 'node.employees',
  RD_SPENDING: 'node.rdSpending',
  REVENUE: 'node.revenue',
  LEVEL: "CASE node.level WHEN 'COUNTY' THEN 1 WHEN 'MUNICIPAL' THEN 2 WHEN 'NATIONAL' THEN 3 END",
  ESTABLISHED_YEAR: 'node.establishedYear',
  START_YEAR: 'node.startYear',
  FUNDING: 'node.funding',
  FILED_YEAR: 'node.filedYear',
  GRANTED_YEAR: 'node.grantedYear',
  POSTED_ON: 'node.postedOn',
  DEADLINE: 'node.deadline',
  BUDGET: 'node.budget',
  YEAR: 'node.year',
  TARGET_YEAR: 'node.targetYear',
  POPULATION: 'node.population',
  CHAIN_ORDER: 'node.order',
};

/** Turns an `{ field, direction }` order input into a sort order; unknown fields cannot occur (closed enums). */
export function sortOrder(order: { field: string; direction: 'ASC' | 'DESC' } | null | undefined, fallback: SortOrder): SortOrder {
  if (!order) return fallback;
  const expression = ORDER_EXPRESSIONS[order.field];
  if (!expression) throw new Error(`No sort expression for order field ${order.field}`);
  return { expression, direction: order.direction, ...(REQUIRED_ORDER_FIELDS.has(order.field) ? { required: true } : {}) };
}

/** Order fields every record of their kinds has (the import requires them): their order needs no "missing last" key, so an index can serve it. */
const REQUIRED_ORDER_FIELDS = new Set(['NAME', 'TITLE']);

export const BY_NAME: SortOrder = { expression: 'node.name', direction: 'ASC', required: true };

/** The record id behind a global id given in a filter or input, checked to be of one of `kinds`. */
export function recordId(globalId: string, kinds: readonly NodeKind[], argumentName: string): string {
  return expectGlobalId(globalId, kinds, argumentName).id;
}

/** Case-insensitive substring of a property, or of any alias when the kind has aliases. */
export function textContains(conditions: Conditions, property: 'name' | 'title', text: string | null | undefined): void {
  if (!text) return;
  const value = conditions.param(text.toLowerCase());
  conditions.add(`toLower(node.${property}) CONTAINS ${value} OR any(alias IN coalesce(node.aliases, []) WHERE toLower(alias) CONTAINS ${value})`);
}

/** From `node` to the regions it is in. */
const LOCATED = '(node)-[:LOCATED_IN]->';

/**
 * Located in the region or any region below it: `via` walks from `node` to the region it is in, `back` the same way
 * from the region to `node` (the start of a read from the region, see `Conditions.startNear`).
 */
export function locatedWithin(
  conditions: Conditions,
  regionGlobalId: string | null | undefined,
  argumentName: string,
  via = LOCATED,
  back = '<-[:LOCATED_IN]-(node)',
): void {
  if (!regionGlobalId) return;
  const id = recordId(regionGlobalId, ['Region'], argumentName);
  const region = conditions.param(id);
  conditions.startNear(
    `(:Region {id: ${region}})<-[:PART_OF*0..]-(:Region)${back}`,
    `EXISTS { MATCH ${via}(:Region)-[:PART_OF*0..]->(:Region {id: ${region}}) }`,
    propertyTests.within(via, id),
    via === LOCATED ? region : null,
  );
}

/** Linked by `relationship` to the topic or to any narrower topic. */
export function aboutTopic(conditions: Conditions, topicGlobalId: string | null | undefined, relationship: string, argumentName: string): void {
  if (!topicGlobalId) return;
  const topic = conditions.param(recordId(topicGlobalId, ['Topic'], argumentName));
  conditions.add(`EXISTS { MATCH (node)-[:${relationship}]->(:Topic)-[:BROADER*0..]->(:Topic {id: ${topic}}) }`);
}

/** The list property holds at least one of `values`. */
export function anyOf(conditions: Conditions, property: string, values: readonly string[] | null | undefined): void {
  if (!values || values.length === 0) return;
  conditions.addOnProperty(`any(value IN coalesce(node.${property}, []) WHERE value IN ${conditions.param(values)})`, propertyTests.anyOf(property, values));
}

/** The list property holds every one of `values`. */
export function allOf(conditions: Conditions, property: string, values: readonly string[] | null | undefined): void {
  if (!values || values.length === 0) return;
  conditions.addOnProperty(`all(required IN ${conditions.param(values)} WHERE required IN coalesce(node.${property}, []))`, propertyTests.allOf(property, values));
}

/** The scalar property equals one of `values`. */
export function oneOf(conditions: Conditions, property: string, values: readonly string[] | null | undefined): void {
  if (!values || values.length === 0) return;
  conditions.addOnProperty(`node.${property} IN ${conditions.param(values)}`, propertyTests.oneOf(property, values));
}

/** The boolean property, false when absent, is `wanted`. */
export function flag(conditions: Conditions, property: string, wanted: boolean | null | undefined): void {
  if (wanted === null || wanted === undefined) return;
  conditions.addOnProperty(`coalesce(node.${property}, false) = ${conditions.param(wanted)}`, propertyTests.flag(property, wanted));
}

/** The property has a value (`wanted` true) or has none. */
export function present(conditions: Conditions, property: string, wanted: boolean | null | undefined): void {
  if (wanted === null || wanted === undefined) return;
  conditions.addOnProperty(`node.${property} IS ${wanted ? 'NOT ' : ''}NULL`, propertyTests.present(property, wanted));
}

/** The property lies within [from, to], either bound optional. */
export function between(conditions: Conditions, property: string, from: number | null | undefined, to: number | null | undefined): void {
  if (from !== null && from !== undefined) conditions.addOnProperty(`node.${property} >= ${conditions.param(from)}`, propertyTests.atLeast(property, from));
  if (to !== null && to !== undefined) conditions.addOnProperty(`node.${property} <= ${conditions.param(to)}`, propertyTests.atMost(property, to));
}

/** A relationship from `node` to the entity with the given record id exists (pattern uses `target`). */
export function linkedTo(conditions: Conditions, pattern: string, targetId: string): void {
  conditions.add(`EXISTS { MATCH ${pattern} WHERE target.id = ${conditions.param(targetId)} }`);
}

/** Expertise levels in rising order, for "at least this level" comparisons. */
export const EXPERTISE_RANK = "CASE r.level WHEN 'BASIC' THEN 1 WHEN 'ADVANCED' THEN 2 WHEN 'EXPERT' THEN 3 END";
export function expertiseRank(level: string): number {
  return { BASIC: 1, ADVANCED: 2, EXPERT: 3 }[level] ?? 1;
}
