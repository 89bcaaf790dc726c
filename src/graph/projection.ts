/**
 * Cypher projections of entities and relationships. Only whitelisted names (labels, property names checked here) are
 * ever spliced into query text.
 *
 * Read-ahead pages are projected packed (see packed.ts): each node as `[kind, id, …properties]` and each edge as the
 * list of its properties, in the order the reader named them, where the reader names them; a map where it reads every
 * property.
 */
import { ENTITY_LABEL, ORGANIZATION_LABEL } from './kinds.js';

/** The Cypher expression giving a node variable's kind (its label other than Entity and Organization). */
export function kindOf(variable: string): string {
  return `[label IN labels(${variable}) WHERE NOT label IN ['${ENTITY_LABEL}', '${ORGANIZATION_LABEL}']][0]`;
}

/** A property name that may be spliced into a projection (the names come from the schema's fields; checked all the same). */
const PROPERTY_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Throws, naming `what`, unless every one of `properties` may be spliced into a projection. */
function checkPropertyNames(properties: readonly string[], what: string): void {
  const bad = properties.find((property) => !PROPERTY_NAME.test(property));
  if (bad !== undefined) throw new Error(`${what}: "${bad}" is not a property name`);
}

/**
 * The map projection that becomes an EntityModel: every property, or only `properties` (with the id and the kind
 * always) when the reader knows which it will use — a model read so is kept only under a key naming those properties.
 */
export function entityProjection(variable: string, properties: readonly string[] | null = null): string {
  if (properties === null) return `${variable} {.*, nodeKind: ${kindOf(variable)}}`;
  checkPropertyNames(properties, 'entityProjection');
  const selected = [...new Set(['id', ...properties])].map((property) => `.${property}`);
  return `${variable} {${selected.join(', ')}, nodeKind: ${kindOf(variable)}}`;
}

/** The properties a packed node holds after its kind and id, in order: each named once, the id never. */
export function nodeProperties(properties: readonly string[]): string[] {
  checkPropertyNames(properties, 'packed node');
  return [...new Set(properties)].filter((property) => property !== 'id');
}

/** The properties a packed edge holds, in order: each named once. */
export function edgeProperties(properties: readonly string[]): string[] {
  checkPropertyNames(properties, 'packed edge');
  return [...new Set(properties)];
}

/** A related node, packed: `[kind, id, …properties]`, or the map of `entityProjection` when every property is read (null). */
export function packedEntity(variable: string, properties: readonly string[] | null): string {
  if (properties === null) return entityProjection(variable, null);
  return `[${[kindOf(variable), `${variable}.id`, ...nodeProperties(properties).map((property) => `${variable}.${property}`)].join(', ')}]`;
}

/**
 * A related item's edge, packed: its named properties as a list (null for an item with no relationship properties at
 * all, as a relation without them returns), null when none are read, the whole map when every one is (null).
 */
export function packedEdge(variable: string, properties: readonly string[] | null): string {
  if (properties === null) return variable;
  if (properties.length === 0) return 'null';
  return `CASE WHEN ${variable} IS NULL THEN null ELSE [${edgeProperties(properties).map((property) => `${variable}.${property}`).join(', ')}] END`;
}

