/**
 * What every create/update/delete mutation shares: records validated by the importer's own validators (so
 * the API and the seed files obey the same rules), references checked in one query, business errors returned
 * as userErrors, and each mutation written in one write transaction.
 */
import { randomBytes } from 'node:crypto';
import type { GraphQLResolveInfo } from 'graphql';
import type { ManagedTransaction } from 'neo4j-driver';
import type { GraphQLContext } from '../../graphql/context.js';
import { z } from 'zod';
import type { EntityModel } from '../../graph/entity.js';
import { ENTITY_LABEL, labelsOf, NODE_KINDS, type NodeKind, type RelationshipType } from '../../graph/kinds.js';
import { kindOf } from '../../graph/projection.js';
import { parseRows } from '../../graph/rows.js';
import { recordsOf } from '../../neo4j/values.js';
import type { Database } from '../../neo4j/database.js';
import { ConstraintViolationError, DatabaseRejectedInputError } from '../../neo4j/errors.js';
import { NODE_SCHEMAS, RELATIONSHIP_SCHEMAS } from '../../graph/format.js';
import { DERIVED_PROPERTIES, refreshLocatedIn, withDerivedProperties } from '../../graph/derived.js';
import { fromGlobalId } from '../../graphql/global-id.js';
import { findEntitiesByIds } from '../../graph/entities.js';
import { calendarDate } from '../../clock.js';
import { appendChange, snapshotEntity } from './change-log.js';
import type { Actor, Adjustment, ChangeModel } from './change-log.model.js';

export type UserErrorCode = 'INVALID_INPUT' | 'NOT_FOUND' | 'ALREADY_EXISTS' | 'STILL_REFERENCED' | 'WOULD_ORPHAN' | 'CANNOT_RESTORE';

export interface UserError {
  field: string[];
  message: string;
  code: UserErrorCode;
}

/** Thrown inside a mutation to abort it with business errors; caught by `runMutation`. */
export class UserErrorsException extends Error {
  constructor(readonly userErrors: UserError[]) {
    super(userErrors.map((error) => error.message).join('; '));
  }
}

/** The writer of one mutation: the request's database, its caller (role checked before execution) and one clock reading. */
export function writerOf(context: GraphQLContext, info: Pick<GraphQLResolveInfo, 'fieldName'>): Writer {
  const viewer = context.viewer;
  const now = context.clock.now();
  return {
    database: context.database,
    actor: { subject: viewer?.subject ?? 'anonymous', role: viewer?.role ?? 'viewer', operation: info.fieldName },
    now,
    today: calendarDate(now, context.clock.timeZone),
  };
}

/** A payload that failed: the userErrors, and `failed`'s values for the payload's non-null fields (null for the rest). */
type Outcome<T extends object, F extends object> = (T | F) & { userErrors: UserError[] };

/** Runs a mutation body with its writer; business errors come back as `{ userErrors }` beside the `failed` values. */
export async function runMutation<T extends object, F extends object>(
  context: GraphQLContext,
  info: Pick<GraphQLResolveInfo, 'fieldName'>,
  body: (writer: Writer) => Promise<T>,
  failed: F,
): Promise<Outcome<T, F>> {
  try {
    return { ...(await body(writerOf(context, info))), userErrors: [] };
  } catch (error) {
    const failure = (userErrors: UserError[]): Outcome<T, F> => ({ ...failed, userErrors });
    if (error instanceof UserErrorsException) return failure(error.userErrors);
    if (error instanceof ConstraintViolationError) return failure([{ field: ['input'], message: 'An object with this id already exists.', code: 'ALREADY_EXISTS' }]);
    if (error instanceof DatabaseRejectedInputError && error.property) return failure([{ field: ['input', error.property], message: error.publicMessage, code: 'INVALID_INPUT' }]);
    throw error;
  }
}

/** What a failed delete answers besides its userErrors. */
export const NOTHING_DELETED = { deletedId: null, detached: [], adjusted: [], change: null };

/** Validates a whole record of `kind` with the seed format's rules; input field names may differ from record fields. */
export function validateRecord(kind: NodeKind, record: Record<string, unknown>, inputFieldOf: Record<string, string> = {}): Record<string, unknown> {
  const schema: z.ZodType<Record<string, unknown>> = NODE_SCHEMAS[kind];
  const result = schema.safeParse(record);
  if (result.success) return Object.fromEntries(Object.entries(result.data).filter(([, value]) => value !== null && value !== undefined));
  throw new UserErrorsException(
    result.error.issues.map((issue) => {
      const recordField = String(issue.path[0] ?? (issue.code === 'unrecognized_keys' ? issue.keys[0] : ''));
      const inputField = inputFieldOf[recordField] ?? recordField;
      const message =
        issue.code === 'unrecognized_keys'
          ? `${issue.keys.map((key) => inputFieldOf[key] ?? key).join(', ')}: not a field of a ${kind}`
          : `${inputField}: ${issue.message}`;
      return { field: ['input', inputField].filter(Boolean), message, code: 'INVALID_INPUT' as const };
    }),
  );
}

const idKindSchema = z.object({ id: z.string(), kind: z.enum(NODE_KINDS) });

/** A reference given in an input: the input field, the global id and the kinds it may denote. */
export interface Reference {
  field: string[];
  globalId: string;
  kinds: readonly NodeKind[];
}

/** Resolves references to record ids in one query; every unknown, malformed or wrong-kind id becomes a userError. */
export async function resolveReferences(database: Database, references: Reference[]): Promise<string[]> {
  const errors: UserError[] = [];
  const label = (reference: Reference) => reference.field.filter((part) => !/^\d+$/.test(part)).at(-1);
  const decoded = references.map((reference) => {
    const id = fromGlobalId(reference.globalId);
    if (!id) errors.push({ field: reference.field, message: `${label(reference)}: "${reference.globalId}" is not a valid id`, code: 'INVALID_INPUT' });
    else if (!reference.kinds.includes(id.kind)) {
      errors.push({ field: reference.field, message: `${label(reference)}: expected a ${reference.kinds.join(' or ')}, got a ${id.kind}`, code: 'INVALID_INPUT' });
    }
    return id;
  });
  const wanted = decoded.filter((id): id is NonNullable<typeof id> => id !== null).map((id) => id.id);
  const rows = wanted.length
    ? await database.read(`UNWIND $ids AS id MATCH (n:${ENTITY_LABEL} {id: id}) RETURN n.id AS id, ${kindOf('n')} AS kind`, { ids: wanted })
    : [];
  const existing = new Map(parseRows(idKindSchema, rows, 'resolveReferences').map((row) => [row.id, row.kind]));
  decoded.forEach((id, index) => {
    const reference = references[index]!;
    if (id && reference.kinds.includes(id.kind) && existing.get(id.id) !== id.kind) {
      errors.push({ field: reference.field, message: `${label(reference)}: no ${id.kind} has the id "${reference.globalId}"`, code: 'NOT_FOUND' });
    }
  });
  if (errors.length > 0) throw new UserErrorsException(errors);
  return decoded.map((id) => id?.id ?? '');
}

/** The record id for a new object: `<prefix>:<slug>`, the slug checked, or a generated one. */
export function newRecordId(prefix: string, slug: string | null | undefined): string {
  if (slug === null || slug === undefined) return `${prefix}:${randomBytes(5).toString('hex').replace(/^\d/, 'n')}`;
  if (!/^[a-z][a-z0-9-]{0,80}$/.test(slug)) {
    throw new UserErrorsException([{ field: ['input', 'slug'], message: 'slug: lowercase ASCII letters, digits and hyphens, starting with a letter', code: 'INVALID_INPUT' }]);
  }
  return `${prefix}:${slug}`;
}

/** The record a mutation acts on, by global id; NOT_FOUND (as a userError) when it denotes nothing of the expected kinds. */
export async function existingTarget<TKind extends NodeKind>(database: Database, globalId: string, kinds: readonly TKind[], field = 'id'): Promise<{ id: string; kind: TKind }> {
  const [id] = await resolveReferences(database, [{ field: ['input', field], globalId, kinds }]);
  // resolveReferences has thrown unless the id denotes a record of one of `kinds`.
  const kind = kinds.find((candidate) => candidate === fromGlobalId(globalId)?.kind);
  if (id === undefined || kind === undefined) throw new Error(`existingTarget: ${globalId} resolved to nothing`);
  return { id, kind };
}

/** A set of relationships of one type between the node and targets, replacing what the node had of that type and direction. */
export interface LinkSet {
  type: RelationshipType;
  direction: 'out' | 'in';
  /** Each target with the relationship's properties and, for error messages, where in the input it was given. */
  targets: Array<{ id: string; properties?: Record<string, unknown>; field?: string[] }>;
}

/**
 * Validates every link's properties with the seed format's relationship rules (the importer's own), so that what
 * the API stores always exports and re-imports cleanly; each problem is a userError at its input field. A target
 * listed twice in one set is refused too: the seed format allows one relationship of a type between two records.
 */
export function validateLinkProperties(links: readonly LinkSet[]): void {
  const errors: UserError[] = [];
  for (const link of links) {
    const seen = new Set<string>();
    link.targets.forEach((target, index) => {
      if (!seen.has(target.id)) return void seen.add(target.id);
      const field = target.field ?? ['input', link.type, String(index)];
      errors.push({ field, message: `${field.slice(1).join('.')}: listed twice`, code: 'INVALID_INPUT' });
    });
    const record: z.ZodObject<z.ZodRawShape, z.core.$strict> = RELATIONSHIP_SCHEMAS[link.type];
    const schema = record.omit({ from: true, to: true });
    link.targets.forEach((target, index) => {
      const result = schema.safeParse(target.properties ?? {});
      if (result.success) return;
      for (const issue of result.error.issues) {
        const property = String(issue.path[0] ?? '');
        const field = [...(target.field ?? ['input', link.type, String(index)]), property].filter(Boolean);
        errors.push({ field, message: `${field.slice(1).join('.')}: ${issue.message}`, code: 'INVALID_INPUT' });
      }
    });
  }
  if (errors.length > 0) throw new UserErrorsException(errors);
}

/** Creates or replaces the node with `properties` and sets the given link sets, in the caller's transaction. */
export async function writeNode(
  transaction: ManagedTransaction,
  kind: NodeKind,
  id: string,
  properties: Record<string, unknown>,
  links: LinkSet[],
  mode: 'create' | 'update',
): Promise<void> {
  const stored = withDerivedProperties(properties);
  const labels = labelsOf(kind).map((label) => `:${label}`).join('');
  await transaction.run(mode === 'create' ? `CREATE (n${labels}) SET n = $properties` : `MATCH (n${labels} {id: $id}) SET n = $properties`, {
    id,
    properties: { ...stored, id },
  });
  for (const link of links) {
    const pattern = link.direction === 'out' ? '(n)-[r:TYPE]->(target)' : '(n)<-[r:TYPE]-(target)';
    const anchored = pattern.replace('(n)', `(n:${ENTITY_LABEL} {id: $id})`).replace('TYPE', link.type).replace('(target)', '()');
    if (mode === 'update') await transaction.run(`MATCH ${anchored} DELETE r`, { id });
    await transaction.run(
      `MATCH (n:${ENTITY_LABEL} {id: $id})
       UNWIND $targets AS item
       MATCH (target:${ENTITY_LABEL} {id: item.id})
       CREATE ${pattern.replace('TYPE', link.type)} SET r = item.properties`,
      { id, targets: link.targets.map((target) => ({ id: target.id, properties: target.properties ?? {} })) },
    );
  }
  // Its name and its regions as its LOCATED_IN relationships carry them (see DERIVED_RELATIONSHIP_PROPERTIES).
  await transaction.run(`MATCH (n:${ENTITY_LABEL} {id: $id}) ${refreshLocatedIn('n')}`, { id });
}

/** Who writes, through which database, at what time: what every mutation needs besides its input. */
export interface Writer {
  database: Database;
  actor: Actor;
  /** The instant of the mutation (audit timestamps). */
  now: Date;
  /** The county's calendar date at that instant (default dates such as a demand's `postedOn`). */
  today: string;
}

/** What a delete removed and adjusted, and its audit-log entry. */
export interface DeletionModel {
  detached: Array<{ type: string; count: number }>;
  adjusted: string[];
  change: ChangeModel;
}

const refuseOrphansRow = z.object({ orphans: z.array(z.string()) });

/** Refuses a cascade that would leave a patent without owner or a demand without poster; nothing is written. */
async function refuseOrphans(transaction: ManagedTransaction, id: string): Promise<void> {
  const result = await transaction.run(
    `MATCH (n:${ENTITY_LABEL} {id: $id})
     OPTIONAL CALL (n) { MATCH (n)-[:OWNS]->(patent:Patent) WHERE COUNT { (patent)<-[:OWNS]-() } = 1 RETURN collect('专利「' + patent.title + '」 (its only owner)') AS patents }
     OPTIONAL CALL (n) { MATCH (n)-[:POSTED]->(demand:Demand) WHERE COUNT { (demand)<-[:POSTED]-() } = 1 RETURN collect('需求「' + demand.title + '」 (its only poster)') AS demands }
     RETURN patents + demands AS orphans`,
    { id },
  );
  const [found] = parseRows(refuseOrphansRow, recordsOf(result), 'refuseOrphans');
  const orphans = found?.orphans ?? [];
  if (orphans.length > 0) {
    const shown = orphans.slice(0, 5).join('; ');
    throw new UserErrorsException([
      {
        field: ['input', 'id'],
        message: `cascade refused: it would leave ${orphans.length} record(s) invalid: ${shown}${orphans.length > 5 ? '; …' : ''}. Give them another owner or poster, or delete them first`,
        code: 'WOULD_ORPHAN',
      },
    ]);
  }
}

const reopenDemandsTakenOnlyByRow = z.object({ id: z.string(), previous: z.string() });

/** Reopens MATCHED / IN_PROGRESS demands whose only taker is the node: a taken demand must have a taker. */
async function reopenDemandsTakenOnlyBy(transaction: ManagedTransaction, id: string): Promise<Adjustment[]> {
  const result = await transaction.run(
    `MATCH (demand:Demand)-[:TAKEN_BY]->(:${ENTITY_LABEL} {id: $id})
     WHERE demand.status IN ['MATCHED', 'IN_PROGRESS'] AND COUNT { (demand)-[:TAKEN_BY]->() } = 1
     WITH demand, demand.status AS previous SET demand.status = 'OPEN'
     RETURN demand.id AS id, previous ORDER BY demand.id`,
    { id },
  );
  return parseRows(reopenDemandsTakenOnlyByRow, recordsOf(result), 'reopenDemandsTakenOnlyBy').map(({ id, previous }) => ({ id, property: 'status', from: previous, to: 'OPEN' }));
}

/**
 * Deletes the node and its links in one write transaction with its audit entry — refusing with STILL_REFERENCED
 * when other objects refer to it (unless `cascade`), and with WOULD_ORPHAN when the cascade would leave a record
 * invalid; demands left without their only taker are reopened and reported.
 */
export async function deleteNode(
  { database, actor, now }: Writer,
  target: { id: string; kind: NodeKind },
  ownTypes: readonly string[],
  cascade: boolean,
): Promise<DeletionModel> {
  return database.writeTransaction(async (transaction) => {
    await lockNode(transaction, target.id);
    const before = await snapshotEntity(transaction, target.id);
    if (!before) throw new UserErrorsException([{ field: ['input', 'id'], message: 'id: the record no longer exists', code: 'NOT_FOUND' }]);
    const references = countByType(before.relationships.filter((relationship) => !ownTypes.includes(relationship.type)));
    if (!cascade && references.length > 0) {
      throw new UserErrorsException([
        {
          field: ['input', 'id'],
          message: `still referenced by ${references.map((reference) => `${reference.count} ${reference.type}`).join(', ')}; remove those links first or pass cascade: true to remove them with it`,
          code: 'STILL_REFERENCED',
        },
      ]);
    }
    await refuseOrphans(transaction, target.id);
    const adjustments = await reopenDemandsTakenOnlyBy(transaction, target.id);
    await transaction.run(`MATCH (n:${ENTITY_LABEL} {id: $id}) DETACH DELETE n`, { id: target.id });
    const detached = countByType(before.relationships);
    const change = await appendChange(transaction, actor, now, {
      action: 'DELETE',
      entityId: target.id,
      entityKind: before.kind,
      before,
      after: null,
      detached: Object.fromEntries(detached.map((item) => [item.type, item.count])),
      adjustments,
    });
    return {
      detached,
      adjusted: adjustments.map((adjustment) => `${adjustment.id}: ${adjustment.property} ${String(adjustment.from)} → ${String(adjustment.to)} (its only taker was deleted)`),
      change,
    };
  });
}

function countByType(relationships: ReadonlyArray<{ type: string }>): Array<{ type: string; count: number }> {
  const counts = new Map<string, number>();
  for (const relationship of relationships) counts.set(relationship.type, (counts.get(relationship.type) ?? 0) + 1);
  return [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([type, count]) => ({ type, count }));
}

/**
 * Takes the node's write lock for the rest of the transaction, so that what the transaction reads next is the
 * latest committed state and no concurrent write can interleave (no lost updates).
 */
export async function lockNode(transaction: ManagedTransaction, id: string): Promise<void> {
  await transaction.run(`MATCH (n:${ENTITY_LABEL} {id: $id}) SET n.\`__lock\` = true REMOVE n.\`__lock\``, { id });
}

/** The input's own record fields: everything but the control and reference fields the mutation handles itself. */
export function recordFieldsOf(input: Record<string, unknown>, controlFields: ReadonlySet<string>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(input).filter(([key]) => !controlFields.has(key)));
}

/** Builds a record for update: the current properties, with given input fields replacing (null clears). */
export function mergeForUpdate(current: EntityModel, changes: Record<string, unknown>): Record<string, unknown> {
  const { nodeKind: _kind, ...properties } = current;
  const merged: Record<string, unknown> = { ...properties };
  for (const derived of DERIVED_PROPERTIES) delete merged[derived];
  for (const [field, value] of Object.entries(changes)) {
    if (value === undefined) continue;
    if (value === null) delete merged[field];
    else merged[field] = value;
  }
  return merged;
}

/** Creates a validated record with its links and its audit entry in one write transaction; ALREADY_EXISTS when the id is taken. */
export async function createEntity(
  { database, actor, now }: Writer,
  kind: NodeKind,
  id: string,
  record: Record<string, unknown>,
  links: LinkSet[],
): Promise<EntityModel> {
  validateLinkProperties(links);
  await database.writeTransaction(async (transaction) => {
    const taken = await transaction.run(`MATCH (n:${ENTITY_LABEL} {id: $id}) RETURN n.id AS id`, { id });
    if (taken.records.length > 0) throw new UserErrorsException([{ field: ['input', 'slug'], message: `slug: "${id}" is taken`, code: 'ALREADY_EXISTS' }]);
    await writeNode(transaction, kind, id, record, links, 'create');
    const after = await snapshotEntity(transaction, id);
    await appendChange(transaction, actor, now, { action: 'CREATE', entityId: id, entityKind: kind, before: null, after });
  });
  return (await findEntitiesByIds(database, [id]))[0]!;
}

/**
 * Changes a record in one write transaction: takes its lock, reads its latest state, builds and validates the new
 * record from it (`buildRecord` may throw userErrors), writes it with the given link sets and its audit entry.
 * Concurrent updates of one record therefore merge field by field: none is lost.
 */
export async function updateEntity(
  { database, actor, now }: Writer,
  target: { id: string; kind: NodeKind },
  buildRecord: (current: EntityModel) => Record<string, unknown>,
  links: LinkSet[],
): Promise<EntityModel> {
  validateLinkProperties(links);
  await database.writeTransaction(async (transaction) => {
    await lockNode(transaction, target.id);
    const before = await snapshotEntity(transaction, target.id);
    if (!before) throw new UserErrorsException([{ field: ['input', 'id'], message: 'id: the record no longer exists', code: 'NOT_FOUND' }]);
    const record = buildRecord({ ...before.properties, id: target.id, nodeKind: before.kind });
    await writeNode(transaction, target.kind, target.id, record, links, 'update');
    const after = await snapshotEntity(transaction, target.id);
    await appendChange(transaction, actor, now, { action: 'UPDATE', entityId: target.id, entityKind: target.kind, before, after });
  });
  return (await findEntitiesByIds(database, [target.id]))[0]!;
}
