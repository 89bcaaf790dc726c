/**
 * Nested selections read in the list's own query. A top-level list (`experts(first: 20) { nodes { affiliations {
 * nodes { region { name } } } } }`) used to cost one round trip per level: the page, then each relation's batch, then
 * theirs. Here the list resolver looks ahead at the operation: every relation field selected under its nodes (to
 * `MAX_PREFETCH_DEPTH` levels) whose resolver was made by `connectionField`, `listField` or `oneField` is read in the
 * same Cypher query (`listQuery`'s prefetch), and the pages read are put into the request's loaders under the key
 * their resolver will ask for — so the resolvers run as before and find their answers waiting.
 *
 * Safety by construction: a page is stored under the key of the spec, page and total it was read for, so a resolver
 * only ever finds what it would have read itself; a field this module cannot read ahead (a resolver it does not know,
 * arguments it cannot work out, fragments that differ between the possible types) is simply loaded as before.
 *
 * The schema is read by shape (methods and properties of its own objects), never through graphql-js functions that
 * test `instanceof`: the schema Apollo serves may come from the other build (ESM/CommonJS) of graphql.
 */
import { Kind, type FieldNode, type GraphQLField, type GraphQLObjectType, type GraphQLResolveInfo, type GraphQLSchema, type SelectionSetNode, type ValueNode } from 'graphql';
import type { EntityModel } from '../graph/entity.js';
import { NODE_KINDS, type NodeKind } from '../graph/kinds.js';
import { embeddable, type Conditions, type PrefetchedRelation, type RelationPrefetch, type RelationSpec, type SortOrder } from '../graph/query.js';
import { pageRequest, type PageRequest } from './connection.js';
import type { Loaders, RelationReads } from './loaders.js';

/** The most items a plain (unpaginated) list field returns; a longer list is refused, never cut silently. */
export const PLAIN_LIST_LIMIT = 500;

/** Relation levels read ahead below a list's nodes. */
export const MAX_PREFETCH_DEPTH = 3;

/** How a relation field answers: a connection (paged), a plain list, or the first related item. */
export type RelationShape = 'connection' | 'list' | 'one';

export interface RelationField {
  shape: RelationShape;
  spec: (args: Record<string, unknown>) => RelationSpec;
}

/** The relation behind each resolver made by `connectionField`, `listField` and `oneField`. */
const relationResolvers = new WeakMap<object, RelationField>();

/** Marks a resolver as answering a relation, so that lists can read it ahead. */
export function relationResolver<R extends object>(resolver: R, field: RelationField): R {
  relationResolvers.set(resolver, field);
  return resolver;
}

/** Resolvers that read nothing of their parent but its id and kind (the global id, an organisation's kind). */
const idResolvers = new WeakSet<object>();

/** Resolvers that read one property of their parent and convert it (an enum checked, an absent list made empty): the property's name. */
const propertyResolvers = new WeakMap<object, string>();

/**
 * The resolver of a field whose value is the parent's property `property` (an entity's, or an edge's relationship
 * property), converted (checked against its closed set, defaulted): a read reads only that property for it, and a
 * direct answer calls it (see direct.ts).
 */
export function propertyResolver<P extends object, T>(property: string, convert: (value: unknown, parent: P) => T): (parent: P) => T {
  const resolver = (parent: P) => convert((parent as Record<string, unknown>)[property], parent);
  propertyResolvers.set(resolver, property);
  return resolver;
}

/** The fields (`Type.field`) answered by a property resolver: the property read, and the resolver. */
const propertyFields = new Map<string, { property: string; resolve: (parent: object) => unknown }>();

/** The fields (`Type.field`) answered by an id resolver (see `idResolver`), with the resolver. */
const idFields = new Map<string, (parent: EntityModel) => unknown>();

/** Marks a resolver as reading only its parent's id and kind, which every entity read includes. */
export function idResolver<R extends object>(resolver: R): R {
  idResolvers.add(resolver);
  return resolver;
}

/** What a top-level list reads: the label, the conditions and the order its arguments give. */
export interface ListRead {
  label: string;
  conditions: Conditions;
  order: SortOrder;
}

/** The read behind each resolver made by `listResolver`: a top-level list of one label, as a connection. */
const listResolvers = new WeakMap<object, (args: Record<string, unknown>) => ListRead>();

/** Marks a resolver as answering a top-level list whose arguments give `read`. */
export function listRootResolver<R extends object, A>(resolver: R, read: (args: A) => ListRead): R {
  listResolvers.set(resolver, read as (args: Record<string, unknown>) => ListRead);
  return resolver;
}

/** The global ids a top-level entity field (`node`, `nodes`) asks for, by its resolver (see `entityRootResolver`). */
const entityRootResolvers = new WeakMap<object, (args: Record<string, unknown>) => readonly string[]>();

/** Marks a resolver as answering the entities of the global ids its arguments give (null for an id that names none). */
export function entityRootResolver<R extends object, A>(resolver: R, globalIds: (args: A) => readonly string[]): R {
  entityRootResolvers.set(resolver, globalIds as (args: Record<string, unknown>) => readonly string[]);
  return resolver;
}

/** The top-level entity fields of the served schema (`Query.node`, `Query.nodes`), by `Type.field`. */
const entityRootFields = new Map<string, (args: Record<string, unknown>) => readonly string[]>();

/** The top-level list fields of the served schema (`Query.experts`…), by `Type.field`. */
const listFields = new Map<string, (args: Record<string, unknown>) => ListRead>();

/**
 * The relation fields of the served schema, by `Type.field`. Learnt from the resolver map before the schema is built:
 * Apollo wraps every field's resolver (for its plugins' hooks), so the schema's own resolvers are not ours any more.
 */
const relationFields = new Map<string, RelationField>();

/**
 * The fields (`Type.field`, or `Interface.field`) with a resolver of their own other than a relation's or the id's:
 * what such a resolver reads of its parent is unknown, so selecting one reads every property. Every other field is
 * answered by the default resolver, which reads the parent's property of the field's name.
 */
const ownResolverFields = new Set<string>();

export function learnRelationFields(resolverMaps: readonly object[]): void {
  for (const resolvers of resolverMaps) {
    for (const [typeName, fields] of Object.entries(resolvers)) {
      if (typeof fields !== 'object' || fields === null) continue;
      for (const [fieldName, resolver] of Object.entries(fields)) {
        if (fieldName.startsWith('__')) continue;
        const relation = typeof resolver === 'function' ? relationResolvers.get(resolver) : undefined;
        const list = typeof resolver === 'function' ? listResolvers.get(resolver) : undefined;
        if (relation) relationFields.set(`${typeName}.${fieldName}`, relation);
        else if (typeof resolver === 'function' && idResolvers.has(resolver)) idFields.set(`${typeName}.${fieldName}`, resolver as (parent: EntityModel) => unknown);
        else if (typeof resolver === 'function' && propertyResolvers.has(resolver)) {
          propertyFields.set(`${typeName}.${fieldName}`, { property: propertyResolvers.get(resolver)!, resolve: resolver as (parent: object) => unknown });
        }
        else ownResolverFields.add(`${typeName}.${fieldName}`);
        if (list) listFields.set(`${typeName}.${fieldName}`, list);
        const entities = typeof resolver === 'function' ? entityRootResolvers.get(resolver) : undefined;
        if (entities) entityRootFields.set(`${typeName}.${fieldName}`, entities);
      }
    }
  }
}

/** The pages of plain lists and single items: one object each, so that their loaders' keys are worked out once. */
const LIST_PAGE: PageRequest = Object.freeze({ offset: 0, limit: PLAIN_LIST_LIMIT });
const ONE_PAGE: PageRequest = Object.freeze({ offset: 0, limit: 1 });

/** The page a relation field's resolver asks its loader for. */
export function relationPage(shape: RelationShape, args: { first?: number | null; after?: string | null }): PageRequest {
  if (shape === 'connection') return pageRequest(args);
  return shape === 'list' ? LIST_PAGE : ONE_PAGE;
}

/** What field collection needs from the operation: the schema, the named fragments and the variables' values. */
export interface Walk {
  schema: GraphQLSchema;
  fragments: GraphQLResolveInfo['fragments'];
  variables: Record<string, unknown>;
}

/** The named type under any list and non-null wrappers. */
export function namedType(type: unknown): unknown {
  let current = type as { ofType?: unknown };
  while (current.ofType) current = current.ofType as { ofType?: unknown };
  return current;
}

/** The object types a value of `type` may be: itself, or the possible types of an interface or union. */
export function objectTypesOf(schema: GraphQLSchema, type: unknown): GraphQLObjectType[] {
  const named = namedType(type) as { resolveType?: unknown; getFields?: unknown };
  if (typeof named.getFields !== 'function' && !('resolveType' in named)) return []; // a scalar or an enum
  if ('resolveType' in named) return [...schema.getPossibleTypes(named as Parameters<GraphQLSchema['getPossibleTypes']>[0])];
  return [named as GraphQLObjectType];
}

function valueOf(node: ValueNode, variables: Record<string, unknown>): unknown {
  switch (node.kind) {
    case Kind.VARIABLE:
      return variables[node.name.value];
    case Kind.INT:
      return Number.parseInt(node.value, 10);
    case Kind.FLOAT:
      return Number.parseFloat(node.value);
    case Kind.STRING:
    case Kind.ENUM:
    case Kind.BOOLEAN:
      return node.value;
    case Kind.NULL:
      return null;
    case Kind.LIST:
      return node.values.map((value) => valueOf(value, variables));
    case Kind.OBJECT:
      return Object.fromEntries(node.fields.map((field) => [field.name.value, valueOf(field.value, variables)]));
  }
}

/** Whether `@skip` / `@include` leave the selection in. */
function included(walk: Walk, node: { directives?: readonly { name: { value: string }; arguments?: readonly { name: { value: string }; value: ValueNode }[] }[] }): boolean {
  for (const directive of node.directives ?? []) {
    const condition = directive.arguments?.find((argument) => argument.name.value === 'if');
    if (!condition) continue;
    const value = valueOf(condition.value, walk.variables);
    if (directive.name.value === 'skip' && value === true) return false;
    if (directive.name.value === 'include' && value !== true) return false;
  }
  return true;
}

/** Whether a fragment typed on `condition` applies to an object of `type`. */
function applies(walk: Walk, type: GraphQLObjectType, condition: string | undefined): boolean {
  if (!condition || condition === type.name || type.getInterfaces().some((face) => face.name === condition)) return true;
  const union = walk.schema.getType(condition) as { getTypes?: () => readonly GraphQLObjectType[] } | undefined;
  return typeof union?.getTypes === 'function' && union.getTypes().some((member) => member.name === type.name);
}

/** The fields selected on an object of `type`, by response key, through the fragments that apply to it. */
export function fieldsOn(walk: Walk, type: GraphQLObjectType, selectionSets: readonly SelectionSetNode[]): Map<string, FieldNode[]> {
  const fields = new Map<string, FieldNode[]>();
  const visited = new Set<string>();
  const collect = (selectionSet: SelectionSetNode) => {
    for (const selection of selectionSet.selections) {
      if (!included(walk, selection)) continue;
      if (selection.kind === Kind.FIELD) {
        const key = selection.alias?.value ?? selection.name.value;
        fields.set(key, [...(fields.get(key) ?? []), selection]);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (applies(walk, type, selection.typeCondition?.name.value)) collect(selection.selectionSet);
      } else if (!visited.has(selection.name.value)) {
        visited.add(selection.name.value);
        const fragment = walk.fragments[selection.name.value];
        if (fragment && applies(walk, type, fragment.typeCondition.name.value)) collect(fragment.selectionSet);
      }
    }
  };
  for (const selectionSet of selectionSets) collect(selectionSet);
  return fields;
}

function argumentsOf(walk: Walk, field: GraphQLField<unknown, unknown>, node: FieldNode): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const argument of field.args) {
    const given = node.arguments?.find((candidate) => candidate.name.value === argument.name);
    if (given) values[argument.name] = valueOf(given.value, walk.variables);
    else if (argument.defaultValue !== undefined) values[argument.name] = argument.defaultValue;
  }
  return values;
}

export const selectionSetsOf = (nodes: readonly FieldNode[]) => nodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));

/** The items a field's value holds (a connection's nodes, a list's or a single object): their types and selections. */
export function itemsOf(walk: Walk, shape: RelationShape, fieldType: unknown, nodes: readonly FieldNode[]): { types: GraphQLObjectType[]; selectionSets: SelectionSetNode[] } {
  if (shape !== 'connection') return { types: objectTypesOf(walk.schema, fieldType), selectionSets: selectionSetsOf(nodes) };
  const connection = namedType(fieldType) as GraphQLObjectType;
  const connectionFields = connection.getFields();
  const onConnection = fieldsOn(walk, connection, selectionSetsOf(nodes));
  const byName = (name: string) => [...onConnection.values()].flat().filter((node) => node.name.value === name);
  const selectionSets = selectionSetsOf(byName('nodes'));
  const edgeType = connectionFields.edges ? (namedType(connectionFields.edges.type) as GraphQLObjectType) : null;
  if (edgeType) {
    const onEdges = fieldsOn(walk, edgeType, selectionSetsOf(byName('edges')));
    selectionSets.push(...selectionSetsOf([...onEdges.values()].flat().filter((node) => node.name.value === 'node')));
  }
  return { types: connectionFields.nodes ? objectTypesOf(walk.schema, connectionFields.nodes.type) : [], selectionSets };
}

/**
 * The properties that the selections read of an item that may be of any of `types`: the names of the fields answered
 * by the default resolver, sorted; null (every property) when a selected field has a resolver of its own. Relation
 * fields read nothing of the item but its id, and the id and kind are always read.
 */
export function propertiesOf(walk: Walk, types: readonly GraphQLObjectType[], selectionSets: readonly SelectionSetNode[]): string[] | null {
  const properties = new Set<string>();
  for (const type of types) {
    const schemaFields = type.getFields();
    const owners = [type.name, ...type.getInterfaces().map((face) => face.name)];
    for (const nodes of fieldsOn(walk, type, selectionSets).values()) {
      const name = nodes[0]!.name.value;
      if (!(name in schemaFields) || relationFields.has(`${type.name}.${name}`)) continue;
      const property = propertyFields.get(`${type.name}.${name}`);
      if (property) {
        properties.add(property.property);
        continue;
      }
      if (owners.some((owner) => ownResolverFields.has(`${owner}.${name}`))) return null;
      if (name !== 'id' && !idFields.has(`${type.name}.${name}`)) properties.add(name);
    }
  }
  return [...properties].sort();
}

/**
 * The properties that a connection's `edges` selection reads of its relationships: the names of the edge fields other
 * than `node` and `cursor`, sorted; null (all) when one has a resolver of its own. None for a plain list or a single
 * item, which never show their relationships.
 */
function edgePropertiesOf(walk: Walk, shape: RelationShape, fieldType: unknown, nodes: readonly FieldNode[]): string[] | null {
  if (shape !== 'connection') return [];
  const connection = namedType(fieldType) as GraphQLObjectType;
  const edgesField = connection.getFields().edges;
  if (!edgesField) return [];
  const edgeType = namedType(edgesField.type) as GraphQLObjectType;
  const schemaFields = edgeType.getFields();
  const owners = [edgeType.name, ...edgeType.getInterfaces().map((face) => face.name)];
  const onEdges = [...fieldsOn(walk, connection, selectionSetsOf(nodes)).values()].flat().filter((node) => node.name.value === 'edges');
  const properties = new Set<string>();
  for (const fieldNodes of fieldsOn(walk, edgeType, selectionSetsOf(onEdges)).values()) {
    const name = fieldNodes[0]!.name.value;
    if (name === 'node' || name === 'cursor' || !(name in schemaFields)) continue;
    const property = propertyFields.get(`${edgeType.name}.${name}`);
    if (property) properties.add(property.property);
    else if (owners.some((owner) => ownResolverFields.has(`${owner}.${name}`))) return null;
    else properties.add(name);
  }
  return [...properties].sort();
}

/** Whether a connection field's selection asks for `totalCount` (as its resolver decides `withTotal`). */
export function asksTotal(walk: Walk, fieldType: unknown, nodes: readonly FieldNode[]): boolean {
  const connection = namedType(fieldType) as GraphQLObjectType;
  return [...fieldsOn(walk, connection, selectionSetsOf(nodes)).values()].flat().some((node) => node.name.value === 'totalCount');
}

/** What one selected field would read, for an object of `type`; null when it cannot be read ahead. */
function prefetchOf(walk: Walk, type: GraphQLObjectType, nodes: readonly FieldNode[], depth: number): RelationPrefetch | null {
  const field = type.getFields()[nodes[0]!.name.value];
  const relation = field ? relationFields.get(`${type.name}.${field.name}`) : undefined;
  if (!field || !relation) return null;
  const args = argumentsOf(walk, field, nodes[0]!);
  const spec = relation.spec(args);
  if (!embeddable(spec)) return null;
  const page = relationPage(relation.shape, args as { first?: number | null; after?: string | null });
  const withTotal = relation.shape === 'connection' && asksTotal(walk, field.type, nodes);
  const items = itemsOf(walk, relation.shape, field.type, nodes);
  return {
    spec,
    page,
    withTotal,
    kinds: null,
    properties: propertiesOf(walk, items.types, items.selectionSets),
    edgeProperties: edgePropertiesOf(walk, relation.shape, field.type, nodes),
    nested: planPrefetch(walk, items.types, items.selectionSets, depth - 1),
  };
}

const isNodeKind = (name: string): name is NodeKind => (NODE_KINDS as readonly string[]).includes(name);

const signatureOf = (prefetch: RelationPrefetch) =>
  JSON.stringify([prefetch.spec.name, prefetch.spec.params ?? {}, prefetch.spec.order ?? null, prefetch.page, prefetch.withTotal, prefetch.properties, prefetch.edgeProperties]);

/** The response key each planned relation was selected under. */
const planKeys = new WeakMap<RelationPrefetch, string>();

/** The response key a relation of `planPrefetch`'s plan was selected under. */
export const planKey = (plan: RelationPrefetch): string | undefined => planKeys.get(plan);

/**
 * How the field `name` of `type` is answered: a relation's resolver (read ahead), a top-level list's, the global id's,
 * a property resolver's, a resolver of its own (of the type or of one of its interfaces), or the default resolver (the
 * parent's property of the field's name).
 */
export function fieldRole(
  type: GraphQLObjectType,
  name: string,
):
  | { role: 'relation'; relation: RelationField }
  | { role: 'list'; read: (args: Record<string, unknown>) => ListRead }
  | { role: 'entities'; globalIds: (args: Record<string, unknown>) => readonly string[] }
  | { role: 'property'; resolve: (parent: object) => unknown }
  | { role: 'id'; resolve: (parent: EntityModel) => unknown }
  | { role: 'own' | 'default' } {
  const relation = relationFields.get(`${type.name}.${name}`);
  if (relation) return { role: 'relation', relation };
  const property = propertyFields.get(`${type.name}.${name}`);
  if (property) return { role: 'property', resolve: property.resolve };
  const read = listFields.get(`${type.name}.${name}`);
  if (read) return { role: 'list', read };
  const globalIds = entityRootFields.get(`${type.name}.${name}`);
  if (globalIds) return { role: 'entities', globalIds };
  const owners = [type.name, ...type.getInterfaces().map((face) => face.name)];
  const identity = idFields.get(`${type.name}.${name}`);
  if (identity) return { role: 'id', resolve: identity };
  return owners.some((owner) => ownResolverFields.has(`${owner}.${name}`) || idFields.has(`${owner}.${name}`)) ? { role: 'own' } : { role: 'default' };
}

/**
 * The relations to read ahead for objects that may be of any of `types`, given their selections: a field selected
 * the same way on every type (the same relation, arguments and page), to `depth` levels.
 */
export function planPrefetch(walk: Walk, types: readonly GraphQLObjectType[], selectionSets: readonly SelectionSetNode[], depth: number): RelationPrefetch[] {
  if (depth <= 0 || types.length === 0 || selectionSets.length === 0) return [];
  const perType = types.map((type) => fieldsOn(walk, type, selectionSets));
  const plans: RelationPrefetch[] = [];
  for (const key of new Set(perType.flatMap((fields) => [...fields.keys()]))) {
    try {
      // The types on which the key is selected, and what it reads on each: read ahead only when it reads the same on all.
      const selectedOn = types.flatMap((type, index) => {
        const nodes = perType[index]!.get(key);
        return nodes ? [{ type, prefetch: prefetchOf(walk, type, nodes, depth) }] : [];
      });
      const first = selectedOn[0]?.prefetch;
      if (!first || !selectedOn.every(({ prefetch }) => prefetch !== null && signatureOf(prefetch) === signatureOf(first))) continue;
      const kinds = selectedOn.map(({ type }) => type.name);
      const plan = kinds.length === types.length ? first : kinds.every(isNodeKind) ? { ...first, kinds } : null;
      if (!plan) continue;
      planKeys.set(plan, key);
      plans.push(plan);
    } catch {
      // Arguments the resolver will refuse (a bad `first`, a malformed cursor): it reports them itself, in place.
    }
  }
  return plans;
}

const walkOf = (info: GraphQLResolveInfo): Walk => ({ schema: info.schema, fragments: info.fragments, variables: info.variableValues });

/** The relations to read ahead below the items of a field resolved with `info`, and the properties the items' selection reads (null: every one). */
function readAheadOf(info: GraphQLResolveInfo, shape: RelationShape): { prefetch: RelationPrefetch[]; properties: string[] | null } {
  const walk = walkOf(info);
  const items = itemsOf(walk, shape, info.returnType, info.fieldNodes);
  return { prefetch: planPrefetch(walk, items.types, items.selectionSets, MAX_PREFETCH_DEPTH), properties: propertiesOf(walk, items.types, items.selectionSets) };
}

/** The read-ahead plan for the nodes of a top-level list connection resolved with `info`, and the properties its nodes' selection reads. */
export const listPrefetch = (info: GraphQLResolveInfo) => readAheadOf(info, 'connection');

/**
 * Values worked out once per operation (its variables object) and field (its nodes): the arguments and the selection
 * of a field come from its nodes and the variables only, and the sibling parents of a list (a hundred resolvers below
 * a list of 20 experts) ask with the same field nodes. A computation that throws keeps nothing: each parent reports it.
 */
export class PerField<T> {
  private readonly kept = new WeakMap<object, WeakMap<readonly FieldNode[], T>>();

  get(info: GraphQLResolveInfo, compute: () => T): T {
    let byField = this.kept.get(info.variableValues);
    if (!byField) {
      byField = new WeakMap();
      this.kept.set(info.variableValues, byField);
    }
    let value = byField.get(info.fieldNodes);
    if (value === undefined) {
      value = compute();
      byField.set(info.fieldNodes, value);
    }
    return value;
  }
}

/**
 * What a relation field's selection reads (its total, its items' properties and its edges', null: all), as its
 * read-ahead reads them; worked out once per field of an operation's execution.
 */
const relationReadsKept = new PerField<RelationReads>();

export function relationReads(info: GraphQLResolveInfo, shape: RelationShape): RelationReads {
  return relationReadsKept.get(info, () => {
    const walk = walkOf(info);
    const items = itemsOf(walk, shape, info.returnType, info.fieldNodes);
    return {
      withTotal: shape === 'connection' && asksTotal(walk, info.returnType, info.fieldNodes),
      properties: propertiesOf(walk, items.types, items.selectionSets),
      edgeProperties: edgePropertiesOf(walk, shape, info.returnType, info.fieldNodes),
    };
  });
}

/**
 * The read-ahead plan for the entities a field resolved with `info` returns by id (`node`, `nodes`): the relations
 * selected under them, and the properties their selection reads (null: every one).
 */
export const itemsPrefetch = (info: GraphQLResolveInfo) => readAheadOf(info, 'list');

/** Puts the pages read ahead for one parent (and, below, for each of its items) into the request's loaders. */
export function primePrefetched(loaders: Loaders, prefetch: readonly RelationPrefetch[], parent: EntityModel, values: readonly PrefetchedRelation[]): void {
  prefetch.forEach((relation, index) => {
    const value = values[index];
    if (!value || (relation.kinds && !relation.kinds.includes(parent.nodeKind))) return;
    const items = value.items.map(({ node, edge }) => ({ node, edge }));
    loaders.primeRelation(relation.spec, relation.page, relation, parent.id, { items, total: value.total });
    for (const item of value.items) primePrefetched(loaders, relation.nested, item.node, item.prefetched);
  });
}

/**
 * What a subgraph field's selection (`neighborhood`) reads of its entities and relationships: the properties its
 * nodes' `node`, its edges' `from` and `to`, and the nodes' `label` (name or title) read, as a list's nodes read them
 * (null: all); every property, and the relationships' properties, when it asks for `export` (a graph file holds them).
 */
export function subgraphReads(info: GraphQLResolveInfo): { properties: string[] | null; edgeProperties: boolean } {
  const walk = walkOf(info);
  const subgraph = namedType(info.returnType) as GraphQLObjectType;
  const named = (fields: Map<string, FieldNode[]>, name: string) => [...fields.values()].flat().filter((node) => node.name.value === name);
  const onSubgraph = fieldsOn(walk, subgraph, selectionSetsOf(info.fieldNodes));
  if (named(onSubgraph, 'export').length > 0) return { properties: null, edgeProperties: true };
  const fieldsOfSubgraph = subgraph.getFields();
  const graphNode = namedType(fieldsOfSubgraph.nodes?.type) as GraphQLObjectType;
  const graphEdge = namedType(fieldsOfSubgraph.edges?.type) as GraphQLObjectType;
  const onNodes = fieldsOn(walk, graphNode, selectionSetsOf(named(onSubgraph, 'nodes')));
  const onEdges = fieldsOn(walk, graphEdge, selectionSetsOf(named(onSubgraph, 'edges')));
  const entitySelections = selectionSetsOf([...named(onNodes, 'node'), ...named(onEdges, 'from'), ...named(onEdges, 'to')]);
  const properties = propertiesOf(walk, objectTypesOf(walk.schema, graphNode.getFields().node?.type), entitySelections);
  return { properties: properties && [...new Set([...properties, 'name', 'title'])].sort(), edgeProperties: false };
}
