/**
 * What every create/update/delete mutation shares: records validated by the importer's own validators (so
 * the API and the seed files obey the same rules), references checked in one query, business errors returned
 * as userErrors, and each mutation written in one write transaction.
 */
import { randomBytes } from 'node:crypto';
import type { ManagedTransaction } from 'neo4j-driver';
import type { z } from 'zod';
import type { EntityModel } from '../../graph/entity.js';
import { ENTITY_LABEL, labelsOf, type NodeKind, type RelationshipType } from '../../graph/kinds.js';
import { entityProjection, kindOf } from '../../graph/query.js';
import type { Database } from '../../neo4j/database.js';
import { ConstraintViolationError } from '../../neo4j/errors.js';
import { NODE_SCHEMAS } from '../../import/format.js';
import { DERIVED_PROPERTIES, withDerivedProperties } from '../../graph/derived.js';
import { fromGlobalId } from '../../graphql/global-id.js';
import { findEntitiesByIds } from '../node/node.repository.js';

export type UserErrorCode = 'INVALID_INPUT' | 'NOT_FOUND' | 'ALREADY_EXISTS' | 'STILL_REFERENCED';

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

/** Runs a mutation body; business errors come back as `{ userErrors }`, with every payload field null. */
export async function runMutation<T extends object>(body: () => Promise<T>): Promise<T & { userErrors: UserError[] }> {
  try {
    return { ...(await body()), userErrors: [] };
  } catch (error) {
    if (error instanceof UserErrorsException) return { userErrors: error.userErrors } as T & { userErrors: UserError[] };
    if (error instanceof ConstraintViolationError) {
      return { userErrors: [{ field: ['input'], message: 'An object with this id already exists.', code: 'ALREADY_EXISTS' }] } as T & { userErrors: UserError[] };
    }
    throw error;
  }
}

/** Validates a whole record of `kind` with the seed format's rules; input field names may differ from record fields. */
export function validateRecord(kind: NodeKind, record: Record<string, unknown>, inputFieldOf: Record<string, string> = {}): Record<string, unknown> {
  const result = (NODE_SCHEMAS[kind] as z.ZodType<Record<string, unknown>>).safeParse(record);
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
  const existing = new Map(rows.map((row) => [row.id as string, row.kind as NodeKind]));
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

/** Loads the object a mutation acts on; NOT_FOUND (as a userError) when the id denotes nothing of the expected kinds. */
export async function existingEntity(database: Database, globalId: string, kinds: readonly NodeKind[], field = 'id'): Promise<EntityModel> {
  const [id] = await resolveReferences(database, [{ field: ['input', field], globalId, kinds }]);
  const rows = await database.read(`MATCH (node:${ENTITY_LABEL} {id: $id}) RETURN ${entityProjection('node')} AS node`, { id });
  return rows[0]!.node as EntityModel;
}

/** A set of relationships of one type between the node and targets, replacing what the node had of that type and direction. */
export interface LinkSet {
  type: RelationshipType;
  direction: 'out' | 'in';
  targets: Array<{ id: string; properties?: Record<string, unknown> }>;
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
}

/** Relationship types that describe the object itself and go with it on delete; any other link counts as a reference. */
export async function referencesTo(database: Database, id: string, ownTypes: readonly string[]): Promise<Array<{ type: string; count: number }>> {
  const rows = await database.read(
    `MATCH (n:${ENTITY_LABEL} {id: $id})-[r]-() WHERE NOT type(r) IN $ownTypes RETURN type(r) AS type, count(r) AS count ORDER BY type`,
    { id, ownTypes },
  );
  return rows.map((row) => ({ type: row.type as string, count: Number(row.count) }));
}

/** Deletes the node and its links — refusing with STILL_REFERENCED when other objects refer to it, unless `cascade`. */
export async function deleteNode(database: Database, id: string, ownTypes: readonly string[], cascade: boolean): Promise<void> {
  if (!cascade) {
    const references = await referencesTo(database, id, ownTypes);
    if (references.length > 0) {
      throw new UserErrorsException([
        {
          field: ['input', 'id'],
          message: `still referenced by ${references.map((reference) => `${reference.count} ${reference.type}`).join(', ')}; remove those links first or pass cascade: true to remove them with it`,
          code: 'STILL_REFERENCED',
        },
      ]);
    }
  }
  await database.write(`MATCH (n:${ENTITY_LABEL} {id: $id}) DETACH DELETE n`, { id });
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

/** Creates a validated record with its links in one write transaction; ALREADY_EXISTS (on the slug) when the id is taken. */
export async function createEntity(database: Database, kind: NodeKind, id: string, record: Record<string, unknown>, links: LinkSet[]): Promise<EntityModel> {
  const [taken] = await findEntitiesByIds(database, [id]);
  if (taken) throw new UserErrorsException([{ field: ['input', 'slug'], message: `slug: "${id}" is taken`, code: 'ALREADY_EXISTS' }]);
  await database.writeTransaction((transaction) => writeNode(transaction, kind, id, record, links, 'create'));
  return (await findEntitiesByIds(database, [id]))[0]!;
}

/** Replaces a record's properties and the given link sets in one write transaction; returns the record as stored. */
export async function updateEntity(database: Database, kind: NodeKind, id: string, record: Record<string, unknown>, links: LinkSet[]): Promise<EntityModel> {
  await database.writeTransaction((transaction) => writeNode(transaction, kind, id, record, links, 'update'));
  return (await findEntitiesByIds(database, [id]))[0]!;
}
