/**
 * Writing the audit log (变更记录), which every mutation does: `(:Change)` nodes, outside the `Entity` label so no
 * query, export or count of the graph sees them. Every function here runs inside the caller's write transaction,
 * so a change and its log entry commit together or not at all. Reading and restoring are the audit module's.
 */
import { randomUUID } from 'node:crypto';
import type { ManagedTransaction } from 'neo4j-driver';
import { z } from 'zod';
import { ENTITY_LABEL, NODE_KINDS, RELATIONSHIP_TYPE_NAMES } from '../../graph/kinds.js';
import { kindOf } from '../../graph/projection.js';
import { ROLES } from '../../auth/roles.js';
import { recordsOf } from '../../neo4j/values.js';
import { parseRows } from '../../graph/rows.js';
import { withoutDerivedRelationshipProperties } from '../../graph/derived.js';
import { holderReach, markHoldersStale } from '../../graph/holder-marks.js';
import type { Actor, Adjustment, ChangeAction, ChangeModel, EntitySnapshot, LinkSnapshot } from './change-log.model.js';

export const CHANGE_LABEL = 'Change';

const relationshipSchema = z.object({
  type: z.enum(RELATIONSHIP_TYPE_NAMES),
  direction: z.enum(['out', 'in']),
  other: z.string(),
  properties: z.record(z.string(), z.unknown()),
});
const entitySnapshotSchema = z.object({
  kind: z.enum(NODE_KINDS),
  properties: z.record(z.string(), z.unknown()),
  relationships: z.array(relationshipSchema),
});
const linkSnapshotSchema = z.object({ type: z.enum(RELATIONSHIP_TYPE_NAMES), from: z.string(), to: z.string(), properties: z.record(z.string(), z.unknown()) });
const snapshotSchema = z.union([entitySnapshotSchema, linkSnapshotSchema]).nullable();
const adjustmentsSchema = z.array(
  z.object({ id: z.string(), property: z.string(), from: z.unknown(), to: z.unknown() }).transform(({ id, property, from, to }): Adjustment => ({ id, property, from, to })),
);
const changeRowSchema = z.object({
  id: z.string(),
  at: z.string(),
  actor: z.string(),
  role: z.enum(ROLES),
  operation: z.string(),
  action: z.enum(['CREATE', 'UPDATE', 'DELETE', 'LINK_CREATE', 'LINK_UPDATE', 'LINK_DELETE', 'RESTORE']),
  entityId: z.string(),
  entityKind: z.enum(NODE_KINDS),
  entityName: z.string().nullable(),
  before: z.string().nullable(),
  after: z.string().nullable(),
  detached: z.string().nullable(),
  adjustments: z.string().nullable(),
  restoredChange: z.string().nullable(),
});

/** Parses a stored change; a row that does not match fails loudly here, not in a resolver. */
export function parseChange(row: unknown): ChangeModel {
  const stored = changeRowSchema.parse(row);
  const json = (text: string | null): unknown => (text === null ? null : JSON.parse(text));
  return {
    ...stored,
    before: snapshotSchema.parse(json(stored.before)),
    after: snapshotSchema.parse(json(stored.after)),
    detached: z.record(z.string(), z.number()).nullable().parse(json(stored.detached)),
    adjustments: adjustmentsSchema.parse(json(stored.adjustments) ?? []),
  };
}

/** The record with every property and relationship, read inside `transaction`; null when it does not exist. */
export async function snapshotEntity(transaction: ManagedTransaction, id: string): Promise<EntitySnapshot | null> {
  const result = await transaction.run(
    `MATCH (n:${ENTITY_LABEL} {id: $id})
     RETURN ${kindOf('n')} AS kind, properties(n) AS properties,
       [(n)-[r]->(m:${ENTITY_LABEL}) | {type: type(r), direction: 'out', other: m.id, properties: properties(r)}] +
       [(n)<-[r]-(m:${ENTITY_LABEL}) | {type: type(r), direction: 'in', other: m.id, properties: properties(r)}] AS relationships`,
    { id },
  );
  const [snapshot] = parseRows(entitySnapshotSchema, recordsOf(result), 'snapshotEntity');
  if (!snapshot) return null;
  for (const relationship of snapshot.relationships) relationship.properties = withoutDerivedRelationshipProperties(relationship.properties);
  snapshot.relationships.sort((a, b) => `${a.type}|${a.direction}|${a.other}`.localeCompare(`${b.type}|${b.direction}|${b.other}`));
  return snapshot;
}

/** What one change records besides who and when. */
export interface ChangeEntry {
  action: ChangeAction;
  entityId: string;
  entityKind: EntitySnapshot['kind'];
  before: EntitySnapshot | LinkSnapshot | null;
  after: EntitySnapshot | LinkSnapshot | null;
  detached?: Record<string, number>;
  adjustments?: Adjustment[];
  restoredChange?: string;
}

function nameOf(entry: ChangeEntry): string | null {
  for (const snapshot of [entry.after, entry.before]) {
    if (snapshot && 'kind' in snapshot) {
      const { name, title } = snapshot.properties;
      if (typeof name === 'string') return name;
      if (typeof title === 'string') return title;
    }
  }
  return null;
}

/**
 * Appends one entry to the audit log in `transaction`, and marks stale the kept holder lists of the topics the change
 * reaches (see src/graph/holder-marks.ts): every write of the graph logs its change, so none goes around the store. Returns
 * the entry as stored.
 */
export async function appendChange(transaction: ManagedTransaction, actor: Actor, at: Date, entry: ChangeEntry): Promise<ChangeModel> {
  const stored = {
    id: randomUUID(),
    at: at.toISOString(),
    actor: actor.subject,
    role: actor.role,
    operation: actor.operation,
    action: entry.action,
    entityId: entry.entityId,
    entityKind: entry.entityKind,
    entityName: nameOf(entry),
    before: entry.before === null ? null : JSON.stringify(entry.before),
    after: entry.after === null ? null : JSON.stringify(entry.after),
    detached: entry.detached ? JSON.stringify(entry.detached) : null,
    adjustments: entry.adjustments && entry.adjustments.length > 0 ? JSON.stringify(entry.adjustments) : null,
    restoredChange: entry.restoredChange ?? null,
  };
  await transaction.run(`CREATE (change:${CHANGE_LABEL}) SET change = $stored`, { stored });
  await markHoldersStale(transaction, holderReach(entry.entityId, entry.before, entry.after));
  return parseChange(stored);
}
