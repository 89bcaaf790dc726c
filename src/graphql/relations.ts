import type { EntityModel } from '../graph/entity.js';
import type { GraphQLResolveInfo } from 'graphql';
import { findEntitiesReadingAhead, listQuery, runListQuery, type RelationSpec } from '../graph/query.js';
import type { DirectRead, GraphQLContext } from './context.js';
import { EVERYTHING, type RelatedPage, type RelationReads } from './loaders.js';
import { pageRequest, selectsField, toConnection, type ConnectionModel, type PageRequest } from './connection.js';
import { ListTooLongError, NotFoundError } from './errors.js';
import { fromGlobalId } from './global-id.js';
import { PLAIN_LIST_LIMIT, PerField, itemsPrefetch, listPrefetch, listRootResolver, primePrefetched, relationPage, relationReads, relationResolver, type ListRead } from './prefetch.js';

/**
 * A connection of the parent's related items, batched with every sibling parent asking the same; the page is cut
 * in the database and the total counted only when the selection asks for `totalCount`.
 */
export async function relatedConnection(
  context: GraphQLContext,
  parent: EntityModel,
  spec: RelationSpec,
  page: PageRequest,
  reads: RelationReads,
): Promise<ConnectionModel<EntityModel>> {
  const related = await context.loaders.relation(spec, page, reads).load(parent.id);
  return toConnection(related.items, page, related.total ?? 0);
}

/**
 * All related items as a plain list (for small, natural lists such as a segment's upstream). A list longer than
 * PLAIN_LIST_LIMIT is an error for this field (the rest of the answer stands), not a silently shortened list.
 */
export async function relatedList(context: GraphQLContext, parent: EntityModel, spec: RelationSpec, fieldName: string, reads: RelationReads = EVERYTHING): Promise<EntityModel[]> {
  return listOf(await context.loaders.relation(spec, relationPage('list', {}), reads).load(parent.id), parent, fieldName);
}

/** The items of a plain list's page; more than PLAIN_LIST_LIMIT is refused (see relatedList). */
function listOf(related: RelatedPage, parent: EntityModel, fieldName: string): EntityModel[] {
  if (related.items.length > PLAIN_LIST_LIMIT) {
    throw new ListTooLongError(`${fieldName}: more than ${PLAIN_LIST_LIMIT} items are related to ${parent.id}; this list is not paginated, so it is refused rather than cut`);
  }
  return related.items.map((item) => item.node);
}

/** The first related item, or null. */
export async function relatedOne(context: GraphQLContext, parent: EntityModel, spec: RelationSpec, reads: RelationReads = EVERYTHING): Promise<EntityModel | null> {
  const related = await context.loaders.relation(spec, relationPage('one', {}), reads).load(parent.id);
  return related.items[0]?.node ?? null;
}

/** One entity by record id; an id that no longer names an entity is an error, as null in a non-null field is. */
export async function loadEntity(context: GraphQLContext, id: string): Promise<EntityModel> {
  const entity = await context.loaders.entityById.load(id);
  if (entity === null) throw new NotFoundError(`no entity has the id ${id} (deleted while the request ran?)`);
  return entity;
}

/** Entities by record id, in the order of `ids`; an id that no longer names an entity is an error, as a missing item of a non-null list is. */
export async function loadEntities(context: GraphQLContext, ids: readonly string[]): Promise<EntityModel[]> {
  const loaded = await context.loaders.entityById.loadMany(ids);
  return loaded.map((entity, index) => {
    if (entity instanceof Error) throw entity;
    if (entity === null) throw new NotFoundError(`no entity has the id ${ids[index]} (deleted while the request ran?)`);
    return entity;
  });
}

/**
 * Entities by record id (null for an id that names none) for a field that returns them (`node`, `nodes`): the
 * relations selected under them are read in the same query, as a top-level list reads them (see prefetch.ts), and of
 * the entities only the properties their selection reads; with no relation selected they come through the request's
 * batching loader, whole.
 */
export async function entitiesReadingAhead(context: GraphQLContext, info: GraphQLResolveInfo, ids: readonly string[]): Promise<Array<EntityModel | null>> {
  const made = context.directReads.get(info.fieldNodes[0]!);
  const read = made && 'entities' in made ? made : null;
  const { prefetch, properties } = read ?? itemsPrefetch(info);
  if (!read && prefetch.length === 0) {
    const loaded = await context.loaders.entityById.loadMany(ids);
    return loaded.map((entity) => {
      if (entity instanceof Error) throw entity;
      return entity;
    });
  }
  const found = await (read?.entities ?? findEntitiesReadingAhead(context.database, ids, prefetch, properties));
  for (const { node, prefetched } of found) {
    // Only a whole entity answers for its id elsewhere in the request; one read for its selection's fields does not.
    if (properties === null) context.loaders.entityById.prime(node.id, node);
    primePrefetched(context.loaders, prefetch, node, prefetched);
  }
  const byId = new Map(found.map(({ node }) => [node.id, node]));
  return ids.map((id) => byId.get(id) ?? null);
}

/** The record ids of global ids, once each (a malformed one names nothing). */
export function recordIdsOf(globalIds: readonly string[]): string[] {
  return [...new Set(globalIds.flatMap((globalId) => fromGlobalId(globalId)?.id ?? []))];
}

/** The entities of global ids, in their order: null for an id that is malformed or names nothing of its kind. */
export function byGlobalIds<T extends { nodeKind: string }>(globalIds: readonly string[], found: ReadonlyMap<string, T>): Array<T | null> {
  return globalIds.map((globalId) => {
    const decoded = fromGlobalId(globalId);
    const entity = decoded ? found.get(decoded.id) : undefined;
    return entity && entity.nodeKind === decoded?.kind ? entity : null;
  });
}

/**
 * A top-level list of one label as a connection; the total is counted only when the operation asks for it, and the
 * relations selected under its nodes are read in the same query (see prefetch.ts). A read already made for the same
 * field by an attempt at a direct answer (see direct.ts) is taken instead of reading again.
 */
export async function listConnection(context: GraphQLContext, info: GraphQLResolveInfo, list: ListRead, args: { first?: number | null; after?: string | null }): Promise<ConnectionModel<EntityModel>> {
  const page = pageRequest(args);
  const made = context.directReads.get(info.fieldNodes[0]!);
  const read = made && 'page' in made ? made : readList(context, info, list, page);
  const { items, total } = await read.page;
  const { prefetch } = read;
  for (const item of items) primePrefetched(context.loaders, prefetch, item.node, item.prefetched);
  return toConnection(
    items.map(({ node }) => ({ node })),
    page,
    total,
  );
}

/** A top-level list's page read as its resolver reads it: the relations selected below read ahead, the total when selected. */
function readList(context: GraphQLContext, info: GraphQLResolveInfo, list: ListRead, page: PageRequest): Extract<DirectRead, { page: unknown }> {
  const { prefetch, properties } = listPrefetch(info);
  return { prefetch, page: runListQuery(context.database, listQuery(list.label, list.conditions, list.order, page, selectsField(info, 'totalCount'), prefetch, properties)) };
}

/** The resolver of a top-level list whose arguments give what it reads (see `ListRead`); direct answers know it by this. */
export function listResolver<A extends { first?: number | null; after?: string | null }>(read: (args: A) => ListRead) {
  return listRootResolver((_parent: unknown, args: A, context: GraphQLContext, info: GraphQLResolveInfo) => listConnection(context, info, read(args), args), read);
}

/** The arguments of nested list fields: paging, and the order and narrowing arguments some of them declare. */
export interface FieldArgs {
  first?: number | null;
  after?: string | null;
  orderBy?: { field: string; direction: 'ASC' | 'DESC' } | null;
  kinds?: readonly string[] | null;
  partnerKinds?: readonly string[] | null;
  statuses?: readonly string[] | null;
  role?: 'LEAD' | 'PARTICIPANT' | null;
  minLevel?: string | null;
  includeSubRegions?: boolean | null;
}

/**
 * A connection field over a relation; the relation may depend on the field's arguments (order, filters). A page read
 * ahead by the list above is answered at once, without a promise: below a list of 20 experts with their expertise and
 * its broader topics, a hundred resolvers find their pages waiting.
 */
export function connectionField(spec: RelationSpec | ((args: FieldArgs) => RelationSpec)) {
  const specOf = (args: FieldArgs) => (typeof spec === 'function' ? spec(args) : spec);
  return relationResolver(
    (parent: EntityModel, args: FieldArgs, context: GraphQLContext, info: GraphQLResolveInfo): ConnectionModel<EntityModel> | Promise<ConnectionModel<EntityModel>> => {
      const { relation, page } = connectionReads.get(info, () => ({ relation: specOf(args), page: pageRequest(args) }));
      const reads = relationReads(info, 'connection');
      const kept = context.loaders.kept(relation, page, reads, parent.id);
      if (kept) return toConnection(kept.items, page, kept.total ?? 0);
      return relatedConnection(context, parent, relation, page, reads);
    },
    { shape: 'connection', spec: specOf },
  );
}

/** What a connection field reads (its relation and page), worked out from its arguments once per operation and field. */
const connectionReads = new PerField<{ relation: RelationSpec; page: PageRequest }>();

/** A plain list field over a relation (small, natural lists); a page read ahead is answered at once. */
export function listField(spec: RelationSpec) {
  return relationResolver(
    (parent: EntityModel, _args: unknown, context: GraphQLContext, info: GraphQLResolveInfo): EntityModel[] | Promise<EntityModel[]> => {
      const fieldName = `${info.parentType.name}.${info.fieldName}`;
      const reads = relationReads(info, 'list');
      const kept = context.loaders.kept(spec, relationPage('list', {}), reads, parent.id);
      return kept ? listOf(kept, parent, fieldName) : relatedList(context, parent, spec, fieldName, reads);
    },
    { shape: 'list', spec: () => spec },
  );
}

/** A single-object field over a relation (the first related item, or null); a page read ahead is answered at once. */
export function oneField(spec: RelationSpec) {
  return relationResolver(
    (parent: EntityModel, _args: unknown, context: GraphQLContext, info: GraphQLResolveInfo): EntityModel | null | Promise<EntityModel | null> => {
      const reads = relationReads(info, 'one');
      const kept = context.loaders.kept(spec, relationPage('one', {}), reads, parent.id);
      return kept ? (kept.items[0]?.node ?? null) : relatedOne(context, parent, spec, reads);
    },
    { shape: 'one', spec: () => spec },
  );
}
