/**
 * Cypher projections of entities and relationships. Only whitelisted names (labels, property names checked here) are
 * ever spliced into query text.
 *
 * Read-ahead pages are projected packed (see packed.ts): each node as `[kind, id, …properties]` and each edge as the
 * list of its properties, in the order the reader named them, where the reader names them; a map where it reads every
 * property.
 */
import { ENTITY_LABEL, NODE_KINDS, ORGANIZATION_LABEL, type NodeKind } from './kinds.js';

/**
 * The Cypher expression giving a node variable's kind (its label other than Entity and Organization); the kind itself,
 * as a literal, when the query matched the node by it (`known`): every node has one kind, and reading its labels for
 * each item of a nested list is work for nothing (about 5 % of a three-level read's time in Neo4j, measured).
 */
export function kindOf(variable: string, known: NodeKind | null = null): string {
  if (known !== null) return `'${known}'`;
  return `[label IN labels(${variable}) WHERE NOT label IN ['${ENTITY_LABEL}', '${ORGANIZATION_LABEL}']][0]`;
}

/** `label` when it is a node kind (a label that only nodes of that kind carry), null otherwise (Entity, Organization). */
export function asKind(label: string): NodeKind | null {
  return (NODE_KINDS as readonly string[]).includes(label) ? (label as NodeKind) : null;
}

/** Label expressions binding `node` in a relation's body: `(node:Region)`, `(node:Expert)`… (with what follows the label). */
const NODE_LABEL = /\bnode:([A-Za-z_][A-Za-z0-9_]*)([^A-Za-z0-9_]|$)/g;

/**
 * The kind of every node a relation's body returns as `node`, when the body says it: it matches `node` only with one
 * kind's label (`(node:Region)`, never `node:A|B`, a second kind or a bare `(node)`) and never binds `node` otherwise
 * (`… AS node`). Null when the body does not say (an interface's label, several kinds, a renamed variable).
 */
export function boundKind(body: string): NodeKind | null {
  if (/\bAS\s+node\b/i.test(body) || /\(node\s*\)/.test(body) || /\(node\s*\{/.test(body)) return null;
  const labels = [...body.matchAll(NODE_LABEL)];
  if (labels.length === 0 || labels.some(([, , next]) => next === '|' || next === '&' || next === ':')) return null;
  const kinds = new Set(labels.map(([, label]) => label!));
  if (kinds.size !== 1) return null;
  return asKind([...kinds][0]!);
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
export function entityProjection(variable: string, properties: readonly string[] | null = null, known: NodeKind | null = null): string {
  if (properties === null) return `${variable} {.*, nodeKind: ${kindOf(variable, known)}}`;
  checkPropertyNames(properties, 'entityProjection');
  const selected = [...new Set(['id', ...properties])].map((property) => `.${property}`);
  return `${variable} {${selected.join(', ')}, nodeKind: ${kindOf(variable, known)}}`;
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
export function packedEntity(variable: string, properties: readonly string[] | null, known: NodeKind | null = null): string {
  if (properties === null) return entityProjection(variable, null, known);
  return `[${[kindOf(variable, known), `${variable}.id`, ...nodeProperties(properties).map((property) => `${variable}.${property}`)].join(', ')}]`;
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

