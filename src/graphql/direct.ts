/**
 * Direct answers. A query whose every selected field is a top-level list's (`experts`, `enterprises`…), a relation
 * that the list reads ahead (see prefetch.ts), an entity's property or global id, or a connection's own structure
 * (`nodes`, `edges`, `cursor`, `pageInfo`, `totalCount`) is answered from the list's one read, shaped straight into
 * the response: graphql-js's execution, a resolver call, an argument object and a result object per field of every
 * item, was most of what a nested list cost the server beyond its query (at 10k, a 20-expert, three-level list spent
 * more of its CPU there than in the query and its decoding).
 *
 * Same answers by construction: the operation is compiled against the served schema before anything is read, and any
 * field it cannot answer so — a resolver of its own, a personal field hidden from this caller, a relation not read
 * ahead, arguments its resolver would read otherwise — leaves the whole operation to graphql-js, as before. Values
 * are completed as graphql-js completes them (the field type's own `serialize`, non-null and list wrappers); a value
 * graphql-js would report as an error, or a failed read, also leaves the operation to graphql-js, whose list resolver
 * then takes the read already made (`GraphQLContext.directReads`) instead of reading again, and reports what went wrong
 * in its usual way. Tests compare both ways' answers on the same operations.
 */
import { createRequire } from 'node:module';
import { HeaderMap, type ApolloServerPlugin, type GraphQLResponse } from '@apollo/server';
import { LRUCache } from 'lru-cache';
import { Kind, type FieldNode, type FragmentDefinitionNode, type GraphQLField, type GraphQLObjectType, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import type { Database } from '../neo4j/database.js';
import type { EntityModel } from '../graph/entity.js';
import { findEntitiesReadingAhead, listQuery, runListQuery, type PrefetchedRelation, type RelationPrefetch } from '../graph/query.js';
import { byGlobalIds, recordIdsOf } from './relations.js';
import { hasRole } from '../auth/roles.js';
import { hasDirective } from './authorization.js';
import type { DirectRead, GraphQLContext } from './context.js';
import { encodeCursor, pageRequest, type PageRequest } from './connection.js';
import {
  MAX_PREFETCH_DEPTH,
  PLAIN_LIST_LIMIT,
  asksTotal,
  fieldRole,
  fieldsOn,
  itemsOf,
  namedType,
  planKey,
  planPrefetch,
  propertiesOf,
  relationPage,
  selectionSetsOf,
  type ListRead,
  type RelationShape,
  type Walk,
} from './prefetch.js';

/**
 * graphql's functions as Apollo's schema knows them. They test `instanceof`, and under a bundler the `graphql` this
 * module imports may be the package's other build (ESM/CommonJS); Node's `require` gives the build Node itself loads.
 */
const schemaRealm = createRequire(import.meta.url)('graphql') as typeof import('graphql');

/** An operation (or a value of it) that is not answered directly: graphql-js answers it. */
class NotDirect extends Error {
  override name = 'NotDirect';
}

/** Shapes one entity (with the pages read ahead under it) into the response object its selection asks for. */
type ItemShaper = (node: EntityModel, prefetched: readonly PrefetchedRelation[]) => Record<string, unknown>;

/** Writes one selected field of an entity into its response object. */
type FieldWriter = (target: Record<string, unknown>, node: EntityModel, prefetched: readonly PrefetchedRelation[]) => void;

/** What compiling needs beyond the walk: whether the caller sees personal fields. */
interface Compile extends Walk {
  seesPersonal: boolean;
}

/**
 * The completion of a field's values as graphql-js completes them: non-null and list wrappers (read once, by the type's
 * printed form), then `named` for each value of the named type; a value graphql-js would report is NotDirect.
 */
function completer(type: unknown, where: string, named: (type: unknown) => (value: unknown) => unknown): (value: unknown) => unknown {
  const printed = String(type);
  const inner = (type as { ofType?: unknown }).ofType;
  if (printed.endsWith('!')) {
    const complete = completer(inner, where, named);
    return (value) => {
      if (value === null || value === undefined) throw new NotDirect(`${where}: null in a non-null field`);
      return complete(value);
    };
  }
  if (printed.startsWith('[')) {
    const complete = completer(inner, where, named);
    return (value) => {
      if (value === null || value === undefined) return null;
      if (!Array.isArray(value)) throw new NotDirect(`${where}: not a list`);
      return value.map(complete);
    };
  }
  const complete = named(type);
  return (value) => (value === null || value === undefined ? null : complete(value));
}

/** The completion of a leaf field's values: its wrappers, then the scalar's or enum's own `serialize`. */
function leafCompleter(type: unknown, where: string): (value: unknown) => unknown {
  return completer(type, where, (leaf) => {
    const serialize = (leaf as { serialize?: (value: unknown) => unknown }).serialize;
    if (typeof serialize !== 'function') throw new NotDirect(`${where}: not a leaf`);
    return (value) => {
      let serialized;
      try {
        serialized = serialize.call(leaf, value);
      } catch (error) {
        throw new NotDirect(`${where}: ${String(error)}`);
      }
      if (serialized === undefined) throw new NotDirect(`${where}: no value`);
      return serialized;
    };
  });
}

/** Shaped objects as they are: only their wrappers (nullability, lists) are checked. */
const asShaped = () => (value: unknown) => value;

/** A property resolver's value; what it throws leaves the operation to graphql-js, which reports it. */
function resolveProperty<P extends object>(resolve: (parent: P) => unknown, parent: P, where: string): unknown {
  try {
    return resolve(parent);
  } catch (error) {
    throw new NotDirect(`${where}: ${String(error)}`);
  }
}

/** The field's arguments as its resolver receives them (coerced by graphql, defaults applied). */
function argumentsOf(compile: Compile, field: GraphQLField<unknown, unknown>, node: FieldNode): Record<string, unknown> {
  try {
    return schemaRealm.getArgumentValues(field as Parameters<typeof schemaRealm.getArgumentValues>[0], node, compile.variables);
  } catch (error) {
    throw new NotDirect(`arguments of ${field.name}: ${String(error)}`);
  }
}

const isPersonal = (field: GraphQLField<unknown, unknown>) => hasDirective(field, 'personal');

const sameRead = (plan: RelationPrefetch, spec: RelationPrefetch['spec'], page: PageRequest) =>
  JSON.stringify([plan.spec.name, plan.spec.params ?? {}, plan.spec.order ?? null, plan.page]) === JSON.stringify([spec.name, spec.params ?? {}, spec.order ?? null, page]);

/**
 * The writer of a relation field: finds the page read ahead for it among the parent's (the plan selected under the
 * same key for the parent's type, reading what the field's own arguments read) and shapes it by the relation's shape.
 */
function relationWriter(compile: Compile, type: GraphQLObjectType, key: string, nodes: readonly FieldNode[], shape: RelationShape, spec: (args: Record<string, unknown>) => RelationPrefetch['spec'], plans: readonly RelationPrefetch[]): FieldWriter {
  const field = type.getFields()[nodes[0]!.name.value]!;
  const index = plans.findIndex((plan) => planKey(plan) === key && (plan.kinds === null || (plan.kinds as readonly string[]).includes(type.name)));
  const plan = plans[index];
  if (!plan) throw new NotDirect(`${type.name}.${field.name} is not read ahead`);
  const args = argumentsOf(compile, field, nodes[0]!);
  let page: PageRequest;
  let read: RelationPrefetch['spec'];
  try {
    page = relationPage(shape, args as { first?: number | null; after?: string | null });
    read = spec(args);
  } catch (error) {
    throw new NotDirect(`${type.name}.${field.name}: ${String(error)}`);
  }
  if (!sameRead(plan, read, page)) throw new NotDirect(`${type.name}.${field.name} reads otherwise than read ahead`);
  const where = `${type.name}.${field.name}`;
  if (shape === 'connection') {
    const connection = compileConnection(compile, field.type, nodes, plan, page);
    return (target, _node, prefetched) => {
      target[key] = connection(prefetched[index]!);
    };
  }
  const items = itemsOf(compile, shape, field.type, nodes);
  const item = compileItems(compile, items.types, items.selectionSets, plan.nested);
  const nonNull = String(field.type).endsWith('!');
  return (target, _node, prefetched) => {
    const value = prefetched[index]!.items;
    if (shape === 'list') {
      if (value.length > PLAIN_LIST_LIMIT) throw new NotDirect(`${where}: longer than a plain list may be`);
      target[key] = value.map((entry) => item(entry.node, entry.prefetched));
    } else if (value[0]) target[key] = item(value[0].node, value[0].prefetched);
    else if (nonNull) throw new NotDirect(`${where}: null in a non-null field`);
    else target[key] = null;
  };
}

/** The shaper of entities that may be of any of `types`, for their selection; `plans` are the relations read ahead under them. */
function compileItems(compile: Compile, types: readonly GraphQLObjectType[], selectionSets: readonly SelectionSetNode[], plans: readonly RelationPrefetch[]): ItemShaper {
  const byType = new Map<string, FieldWriter[]>();
  for (const type of types) {
    const writers: FieldWriter[] = [];
    for (const [key, nodes] of fieldsOn(compile, type, selectionSets)) {
      const name = nodes[0]!.name.value;
      if (name === '__typename') {
        writers.push((target) => void (target[key] = type.name));
        continue;
      }
      const field = type.getFields()[name];
      if (!field) throw new NotDirect(`${type.name}.${name} is not a field`);
      if (isPersonal(field) && !compile.seesPersonal) throw new NotDirect(`${type.name}.${name} is hidden from this caller`);
      const role = fieldRole(type, name);
      if (role.role === 'relation') writers.push(relationWriter(compile, type, key, nodes, role.relation.shape, role.relation.spec, plans));
      else if (role.role === 'id') {
        const where = `${type.name}.${name}`;
        const complete = leafCompleter(field.type, where);
        writers.push((target, node) => void (target[key] = complete(resolveProperty(role.resolve, node, where))));
      }
      else if (role.role === 'property') {
        const where = `${type.name}.${name}`;
        const complete = leafCompleter(field.type, where);
        writers.push((target, node) => void (target[key] = complete(resolveProperty(role.resolve, node, where))));
      }
      else if (role.role === 'default') {
        if (field.args.length > 0) throw new NotDirect(`${type.name}.${name} takes arguments`);
        const where = `${type.name}.${name}`;
        const complete = leafCompleter(field.type, where);
        writers.push((target, node) => void (target[key] = complete(node[name])));
      } else throw new NotDirect(`${type.name}.${name} has a resolver of its own`);
    }
    byType.set(type.name, writers);
  }
  return (node, prefetched) => {
    const writers = byType.get(node.nodeKind);
    if (!writers) throw new NotDirect(`a ${node.nodeKind} where ${types.map((type) => type.name).join(' or ')} is expected`);
    const target: Record<string, unknown> = {};
    for (const write of writers) write(target, node, prefetched);
    return target;
  };
}

/** The fields of a connection's own types (the connection, its edges and page info): answered by the default resolver (or one of `roles`) only. */
function ownFieldsOf(compile: Compile, type: GraphQLObjectType, selectionSets: readonly SelectionSetNode[], roles: readonly string[] = ['default']): Array<[string, string, FieldNode[]]> {
  return [...fieldsOn(compile, type, selectionSets)].map(([key, nodes]) => {
    const name = nodes[0]!.name.value;
    if (name !== '__typename' && (!type.getFields()[name] || !roles.includes(fieldRole(type, name).role))) throw new NotDirect(`${type.name}.${name} has a resolver of its own`);
    return [key, name, nodes];
  });
}

/** The shaper of a connection's page, as `toConnection` builds it and graphql-js completes it. */
function compileConnection(compile: Compile, fieldType: unknown, nodes: readonly FieldNode[], plan: Pick<RelationPrefetch, 'nested' | 'withTotal'>, page: PageRequest): (value: PrefetchedRelation) => Record<string, unknown> {
  const connection = namedType(fieldType) as GraphQLObjectType;
  const items = itemsOf(compile, 'connection', fieldType, nodes);
  const writers: Array<(target: Record<string, unknown>, value: PrefetchedRelation, visible: PrefetchedRelation['items']) => void> = [];
  for (const [key, name, fieldNodes] of ownFieldsOf(compile, connection, selectionSetsOf(nodes))) {
    const field = connection.getFields()[name];
    if (name === '__typename') writers.push((target) => void (target[key] = connection.name));
    else if (name === 'totalCount') {
      if (!plan.withTotal) throw new NotDirect(`${connection.name}.totalCount is not read`);
      const complete = leafCompleter(field!.type, `${connection.name}.totalCount`);
      writers.push((target, value) => void (target[key] = complete(value.total ?? 0)));
    } else if (name === 'nodes') {
      const item = compileItems(compile, items.types, selectionSetsOf(fieldNodes), plan.nested);
      writers.push((target, _value, visible) => void (target[key] = visible.map((entry) => item(entry.node, entry.prefetched))));
    } else if (name === 'edges') {
      const edge = compileEdge(compile, namedType(field!.type) as GraphQLObjectType, items.types, fieldNodes, plan, page);
      writers.push((target, _value, visible) => void (target[key] = visible.map((entry, index) => edge(entry, index))));
    } else if (name === 'pageInfo') {
      const info = compilePageInfo(compile, namedType(field!.type) as GraphQLObjectType, fieldNodes, page);
      writers.push((target, value, visible) => void (target[key] = info(value.items.length > page.limit, visible.length)));
    } else throw new NotDirect(`${connection.name}.${name} is not a connection's own field`);
  }
  return (value) => {
    const visible = value.items.slice(0, page.limit);
    const target: Record<string, unknown> = {};
    for (const write of writers) write(target, value, visible);
    return target;
  };
}

/** The shaper of one edge of a connection's page (its cursor, its relationship's fields and its node), as `toConnection` builds it. */
function compileEdge(
  compile: Compile,
  edgeType: GraphQLObjectType,
  types: readonly GraphQLObjectType[],
  nodes: readonly FieldNode[],
  plan: Pick<RelationPrefetch, 'nested'>,
  page: PageRequest,
): (entry: PrefetchedRelation['items'][number], index: number) => Record<string, unknown> {
  const writers: Array<(target: Record<string, unknown>, entry: PrefetchedRelation['items'][number], index: number) => void> = [];
  for (const [key, name, fieldNodes] of ownFieldsOf(compile, edgeType, selectionSetsOf(nodes), ['default', 'property'])) {
    const field = edgeType.getFields()[name];
    if (name === '__typename') writers.push((target) => void (target[key] = edgeType.name));
    else if (name === 'cursor') writers.push((target, _entry, index) => void (target[key] = encodeCursor(page.offset + index)));
    else if (name === 'node') {
      const item = compileItems(compile, types, selectionSetsOf(fieldNodes), plan.nested);
      writers.push((target, entry) => void (target[key] = item(entry.node, entry.prefetched)));
    } else {
      if (field!.args.length > 0) throw new NotDirect(`${edgeType.name}.${name} takes arguments`);
      if (isPersonal(field!) && !compile.seesPersonal) throw new NotDirect(`${edgeType.name}.${name} is hidden from this caller`);
      const where = `${edgeType.name}.${name}`;
      const role = fieldRole(edgeType, name);
      const complete = leafCompleter(field!.type, where);
      if (role.role === 'property') writers.push((target, entry) => void (target[key] = complete(resolveProperty(role.resolve, entry.edge ?? {}, where))));
      else writers.push((target, entry) => void (target[key] = complete(entry.edge?.[name])));
    }
  }
  return (entry, index) => {
    const target: Record<string, unknown> = {};
    for (const write of writers) write(target, entry, index);
    return target;
  };
}

/** The shaper of a page's `pageInfo`, as `toConnection` builds it. */
function compilePageInfo(compile: Compile, pageInfo: GraphQLObjectType, nodes: readonly FieldNode[], page: PageRequest): (hasNextPage: boolean, shown: number) => Record<string, unknown> {
  const own = new Set(['__typename', 'hasNextPage', 'hasPreviousPage', 'startCursor', 'endCursor']);
  const fields = ownFieldsOf(compile, pageInfo, selectionSetsOf(nodes)).map(([key, name]) => {
    if (!own.has(name)) throw new NotDirect(`${pageInfo.name}.${name} is not a page's own field`);
    return { key, name, complete: name === '__typename' ? (value: unknown) => value : leafCompleter(pageInfo.getFields()[name]!.type, `${pageInfo.name}.${name}`) };
  });
  return (hasNextPage, shown) => {
    const values: Record<string, unknown> = {
      __typename: pageInfo.name,
      hasNextPage,
      hasPreviousPage: page.offset > 0,
      startCursor: shown > 0 ? encodeCursor(page.offset) : null,
      endCursor: shown > 0 ? encodeCursor(page.offset + shown - 1) : null,
    };
    const target: Record<string, unknown> = {};
    for (const { key, name, complete } of fields) target[key] = complete(values[name]);
    return target;
  };
}

/** One top-level field of the operation, compiled: its read (none for `__typename`) and the shaper of its answer. */
interface DirectRoot {
  key: string;
  node: FieldNode;
  read: ((database: Database) => { made: DirectRead; value: Promise<unknown> }) | null;
  shape: (value: unknown) => unknown;
}

/** A top-level list: its page read with the relations below it, shaped as a connection. */
function compileList(compile: Compile, field: GraphQLField<unknown, unknown>, nodes: readonly FieldNode[], list: ListRead, page: PageRequest): Omit<DirectRoot, 'key' | 'node'> {
  const items = itemsOf(compile, 'connection', field.type, nodes);
  const prefetch = planPrefetch(compile, items.types, items.selectionSets, MAX_PREFETCH_DEPTH);
  const properties = propertiesOf(compile, items.types, items.selectionSets);
  const withTotal = asksTotal(compile, field.type, nodes);
  const shape = compileConnection(compile, field.type, nodes, { nested: prefetch, withTotal }, page);
  const query = listQuery(list.label, list.conditions, list.order, page, withTotal, prefetch, properties);
  return {
    read: (database) => {
      const made = { prefetch, page: runListQuery(database, query) };
      return { made, value: made.page };
    },
    shape: (value) => shape(value as PrefetchedRelation),
  };
}

/** `node(id)` or `nodes(ids)`: the entities of the ids read with the relations below them, each shaped or null. */
function compileEntities(compile: Compile, field: GraphQLField<unknown, unknown>, nodes: readonly FieldNode[], globalIds: readonly string[]): Omit<DirectRoot, 'key' | 'node'> {
  const many = String(field.type).replace(/!$/, '').startsWith('[');
  const items = itemsOf(compile, many ? 'list' : 'one', field.type, nodes);
  const prefetch = planPrefetch(compile, items.types, items.selectionSets, MAX_PREFETCH_DEPTH);
  const properties = propertiesOf(compile, items.types, items.selectionSets);
  const item = compileItems(compile, items.types, items.selectionSets, prefetch);
  const ids = recordIdsOf(globalIds);
  const complete = completer(field.type, `Query.${field.name}`, asShaped);
  return {
    read: (database) => {
      const made = { prefetch, properties, entities: ids.length > 0 ? findEntitiesReadingAhead(database, ids, prefetch, properties) : Promise.resolve([]) };
      return { made, value: made.entities };
    },
    shape: (value) => {
      const found = value as Array<{ node: EntityModel; prefetched: PrefetchedRelation[] }>;
      const prefetchedOf = new Map(found.map((entry) => [entry.node.id, entry.prefetched]));
      const shaped = byGlobalIds(globalIds, new Map(found.map((entry) => [entry.node.id, entry.node]))).map((node) => (node ? item(node, prefetchedOf.get(node.id)!) : null));
      return complete(many ? shaped : (shaped[0] ?? null));
    },
  };
}

/** Compiles the operation's root fields; throws when one cannot be answered directly. */
function compileOperation(compile: Compile, selectionSet: SelectionSetNode): DirectRoot[] {
  const query = compile.schema.getQueryType();
  if (!query) throw new NotDirect('no query type');
  return [...fieldsOn(compile, query, [selectionSet])].map(([key, nodes]): DirectRoot => {
    const name = nodes[0]!.name.value;
    if (name === '__typename') return { key, node: nodes[0]!, read: null, shape: () => query.name };
    const field = query.getFields()[name];
    const role = field ? fieldRole(query, name) : null;
    if (!field || !role) throw new NotDirect(`Query.${name} is not a field`);
    const args = argumentsOf(compile, field, nodes[0]!);
    if (role.role === 'list') return { key, node: nodes[0]!, ...compileList(compile, field, nodes, role.read(args), pageRequest(args as { first?: number | null; after?: string | null })) };
    if (role.role === 'entities') return { key, node: nodes[0]!, ...compileEntities(compile, field, nodes, role.globalIds(args)) };
    throw new NotDirect(`Query.${name} is not a top-level list or entity field`);
  });
}

/** A number per operation node (Apollo keeps a parsed document per query text), for the keys of `compiledOperations`. */
const operationNumbers = new WeakMap<OperationDefinitionNode, number>();
let operationsNumbered = 0;

/**
 * How many compiled operations (an operation with one set of variables' values and one caller's rights) are kept, in
 * all: one operation is asked with many values (a list for each organisation), and a bound on the whole keeps a client
 * sending endless variations from filling the memory (each entry holds a few kilobytes of closures).
 */
const COMPILED_KEPT = 500;

/** Compiled operations (or why they cannot be answered directly), the least recently used dropped first. */
const compiledOperations = new LRUCache<string, { roots: DirectRoot[] } | { refusal: Error }>({ max: COMPILED_KEPT });

/**
 * The operation compiled for these variables and this caller's rights, or why it cannot be answered directly: worked
 * out once and kept, since compiling depends on nothing else (the schema, the variables' values, whether personal
 * fields are shown) and compiled roots hold no request's state.
 */
function compiledFor(operation: OperationDefinitionNode, variables: Record<string, unknown>, seesPersonal: boolean, compileOf: () => Compile): { roots: DirectRoot[] } | { refusal: Error } {
  let number = operationNumbers.get(operation);
  if (number === undefined) {
    number = operationsNumbered += 1;
    operationNumbers.set(operation, number);
  }
  const key = JSON.stringify([number, variables, seesPersonal]);
  let compiled = compiledOperations.get(key);
  if (!compiled) {
    try {
      compiled = { roots: compileOperation(compileOf(), operation.selectionSet) };
    } catch (error) {
      compiled = { refusal: error instanceof Error ? error : new Error(String(error)) };
    }
    compiledOperations.set(key, compiled);
  }
  return compiled;
}

/** Answers the operation directly when it can (see above); null leaves it to graphql-js. */
async function answerDirectly(context: GraphQLContext, compiled: { roots: DirectRoot[] } | { refusal: Error }): Promise<Record<string, unknown> | null> {
  // Not answerable directly, or arguments a resolver refuses (a bad `first`): graphql-js answers, or reports it in place.
  if ('refusal' in compiled) return refused(context, compiled.refusal);
  const { roots } = compiled;
  const reads = roots.map((root) => {
    if (!root.read) return Promise.resolve(null);
    const { made, value } = root.read(context.database);
    value.catch(() => undefined); // reported by graphql-js's resolver, which takes this read (see `directReads`)
    context.directReads.set(root.node, made);
    return value;
  });
  let values;
  try {
    values = await Promise.all(reads);
  } catch (error) {
    return refused(context, error);
  }
  try {
    const data: Record<string, unknown> = {};
    roots.forEach((root, index) => {
      data[root.key] = root.shape(values[index]);
    });
    directAnswers.count += 1;
    return data;
  } catch (error) {
    if (error instanceof NotDirect) return refused(context, error);
    throw error;
  }
}

/** Leaves the operation to graphql-js, saying why (at debug level, and in `directAnswers.lastRefusal`). */
function refused(context: GraphQLContext, error: unknown): null {
  const reason = error instanceof Error ? error.message : String(error);
  directAnswers.lastRefusal = reason;
  context.logger.debug({ reason }, 'not answered directly: graphql-js answers');
  return null;
}

/** How many compiled operations are kept (for tests and diagnostics; at most COMPILED_KEPT). */
export const compiledKept = (): { count: number; max: number } => ({ count: compiledOperations.size, max: COMPILED_KEPT });

/** How many operations were answered directly, and why the last one left to graphql-js was (for tests and diagnostics). */
export const directAnswers: { count: number; lastRefusal: string | null } = { count: 0, lastRefusal: null };

/** The fragments of a document, by name. */
function fragmentsOf(definitions: readonly { kind: string }[]): Record<string, FragmentDefinitionNode> {
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[(definition as FragmentDefinitionNode).name.value] = definition as FragmentDefinitionNode;
  return fragments;
}

/** The plugin that answers the queries it can directly (see above). */
export function directAnswerPlugin(): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async responseForOperation({ operation, document, schema, request, contextValue }): Promise<GraphQLResponse | null> {
          if (operation.operation !== 'query') return null;
          const coerced = schemaRealm.getVariableValues(schema as Parameters<typeof schemaRealm.getVariableValues>[0], operation.variableDefinitions ?? [], request.variables ?? {});
          if (coerced.errors) return null;
          const variables = coerced.coerced;
          const seesPersonal = hasRole(contextValue.viewer?.role, 'editor');
          // The fragments are gathered only when the operation is compiled, not for every request.
          const compiled = compiledFor(operation, variables, seesPersonal, () => ({ schema, fragments: fragmentsOf(document.definitions), variables, seesPersonal }));
          const data = await answerDirectly(contextValue, compiled);
          return data === null ? null : { http: { status: undefined, headers: new HeaderMap() }, body: { kind: 'single', singleResult: { data } } };
        },
      };
    },
  };
}
