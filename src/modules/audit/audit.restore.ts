/** Undoing a change from the audit log, in one write transaction with its own log entry. */
import type { ManagedTransaction } from 'neo4j-driver';
import { ENTITY_LABEL, labelsOf, type RelationshipType } from '../../graph/kinds.js';
import { derivedKeysOf, refreshLocatedIn } from '../../graph/derived.js';
import { lockNode, UserErrorsException, type Writer } from '../shared/mutations.js';
import { findChangeInTransaction } from './audit.repository.js';
import { appendChange, snapshotEntity } from '../shared/change-log.js';
import type { ChangeModel, EntitySnapshot, LinkSnapshot, SnapshotRelationship } from '../shared/change-log.model.js';

function cannotRestore(message: string): UserErrorsException {
  return new UserErrorsException([{ field: ['input', 'change'], message, code: 'CANNOT_RESTORE' }]);
}

function isEntitySnapshot(snapshot: EntitySnapshot | LinkSnapshot | null): snapshot is EntitySnapshot {
  return snapshot !== null && 'kind' in snapshot;
}

function isLinkSnapshot(snapshot: EntitySnapshot | LinkSnapshot | null): snapshot is LinkSnapshot {
  return snapshot !== null && 'from' in snapshot;
}

/** Creates the node's relationships of one type and direction to the others that still exist; returns how many were made. */
async function createRelationships(transaction: ManagedTransaction, id: string, type: RelationshipType, direction: 'out' | 'in', items: SnapshotRelationship[]): Promise<number> {
  if (items.length === 0) return 0;
  const pattern = direction === 'out' ? `(n)-[r:${type}]->(other)` : `(n)<-[r:${type}]-(other)`;
  const derived = direction === 'out' ? derivedKeysOf(type, 'n', 'r', 'other') : derivedKeysOf(type, 'other', 'r', 'n');
  const result = await transaction.run(
    `MATCH (n:${ENTITY_LABEL} {id: $id})
     UNWIND $items AS item
     MATCH (other:${ENTITY_LABEL} {id: item.other})
     CREATE ${pattern} SET r = item.properties ${derived}
     RETURN count(r) AS created`,
    { id, items: items.map((item) => ({ other: item.other, properties: item.properties })) },
  );
  return Number(result.records[0]?.get('created') ?? 0);
}

function groupKey(relationship: Pick<SnapshotRelationship, 'type' | 'direction'>): string {
  return `${relationship.type}|${relationship.direction}`;
}

function groups(relationships: SnapshotRelationship[]): Map<string, SnapshotRelationship[]> {
  const grouped = new Map<string, SnapshotRelationship[]>();
  for (const relationship of relationships) grouped.set(groupKey(relationship), [...(grouped.get(groupKey(relationship)) ?? []), relationship]);
  return grouped;
}

const canonical = (items: SnapshotRelationship[] | undefined) =>
  JSON.stringify((items ?? []).map((item) => [item.other, item.properties]).sort((a, b) => String(a[0]).localeCompare(String(b[0]))));

async function restoreDeletion(transaction: ManagedTransaction, change: ChangeModel, before: EntitySnapshot): Promise<void> {
  const existing = await transaction.run(`MATCH (n:${ENTITY_LABEL} {id: $id}) RETURN n.id AS id`, { id: change.entityId });
  if (existing.records.length > 0) throw cannotRestore(`${change.entityId} exists again; change it with an update instead`);
  const labels = labelsOf(before.kind).map((label) => `:${label}`).join('');
  await transaction.run(`CREATE (n${labels}) SET n = $properties`, { properties: before.properties });
  for (const items of groups(before.relationships).values()) {
    await createRelationships(transaction, change.entityId, items[0]!.type, items[0]!.direction, items);
  }
  for (const adjustment of change.adjustments) {
    await transaction.run(`MATCH (n:${ENTITY_LABEL} {id: $id}) WHERE n[$property] = $to SET n[$property] = $from`, adjustment);
  }
}

async function restoreUpdate(transaction: ManagedTransaction, change: ChangeModel, before: EntitySnapshot, after: EntitySnapshot): Promise<void> {
  await lockNode(transaction, change.entityId);
  const current = await snapshotEntity(transaction, change.entityId);
  if (!current) throw cannotRestore(`${change.entityId} has been deleted since; restore its deletion first`);
  await transaction.run(`MATCH (n:${ENTITY_LABEL} {id: $id}) SET n = $properties WITH n ${refreshLocatedIn('n')}`, { id: change.entityId, properties: before.properties });
  const beforeGroups = groups(before.relationships);
  const afterGroups = groups(after.relationships);
  for (const key of new Set([...beforeGroups.keys(), ...afterGroups.keys()])) {
    if (canonical(beforeGroups.get(key)) === canonical(afterGroups.get(key))) continue;
    // Every group holds at least one relationship, all of the key's type and direction.
    const { type, direction } = (beforeGroups.get(key) ?? afterGroups.get(key))![0]!;
    const pattern = direction === 'out' ? `(n)-[r:${type}]->()` : `(n)<-[r:${type}]-()`;
    await transaction.run(`MATCH ${pattern.replace('(n)', `(n:${ENTITY_LABEL} {id: $id})`)} DELETE r`, { id: change.entityId });
    await createRelationships(transaction, change.entityId, type, direction, beforeGroups.get(key) ?? []);
  }
}

async function restoreLink(transaction: ManagedTransaction, change: ChangeModel): Promise<void> {
  const link = isLinkSnapshot(change.before) ? change.before : isLinkSnapshot(change.after) ? change.after : null;
  if (!link) throw cannotRestore(`change ${change.id} records no link`);
  const match = `MATCH (a:${ENTITY_LABEL} {id: $from})-[r:${link.type}]->(b:${ENTITY_LABEL} {id: $to})`;
  const ends = { from: link.from, to: link.to };
  await lockNode(transaction, link.from);
  if (change.action === 'LINK_CREATE') {
    await transaction.run(`${match} DELETE r`, ends);
  } else if (change.action === 'LINK_UPDATE') {
    const updated = await transaction.run(`${match} SET r = $properties ${derivedKeysOf(link.type, 'a', 'r', 'b')} RETURN count(r) AS count`, { ...ends, properties: link.properties });
    if (Number(updated.records[0]?.get('count') ?? 0) === 0) throw cannotRestore('the link no longer exists; restore its deletion first');
  } else {
    const present = await transaction.run(`${match} RETURN count(r) AS count`, ends);
    if (Number(present.records[0]?.get('count') ?? 0) > 0) throw cannotRestore('the link exists again');
    const created = await transaction.run(
      `MATCH (a:${ENTITY_LABEL} {id: $from}), (b:${ENTITY_LABEL} {id: $to}) CREATE (a)-[r:${link.type}]->(b) SET r = $properties ${derivedKeysOf(link.type, 'a', 'r', 'b')} RETURN count(r) AS count`,
      { ...ends, properties: link.properties },
    );
    if (Number(created.records[0]?.get('count') ?? 0) === 0) throw cannotRestore('one end of the link no longer exists');
  }
}

/** Undoes the change `changeId`; returns the RESTORE entry that records it. */
export async function restoreChange(writer: Writer, changeId: string): Promise<ChangeModel> {
  return writer.database.writeTransaction(async (transaction) => {
    const change = await findChangeInTransaction(transaction, changeId);
    if (!change) throw new UserErrorsException([{ field: ['input', 'change'], message: `change: no change has the id "${changeId}"`, code: 'NOT_FOUND' }]);
    const currentBefore = change.action.startsWith('LINK_') ? null : await snapshotEntity(transaction, change.entityId);
    switch (change.action) {
      case 'DELETE':
        if (!isEntitySnapshot(change.before)) throw cannotRestore('the change holds no record to restore');
        await restoreDeletion(transaction, change, change.before);
        break;
      case 'UPDATE':
        if (!isEntitySnapshot(change.before) || !isEntitySnapshot(change.after)) throw cannotRestore('the change holds no record to restore');
        await restoreUpdate(transaction, change, change.before, change.after);
        break;
      case 'LINK_CREATE':
      case 'LINK_UPDATE':
      case 'LINK_DELETE':
        await restoreLink(transaction, change);
        break;
      case 'CREATE':
        throw cannotRestore('a creation is undone by deleting the record');
      case 'RESTORE':
        throw cannotRestore('a restore is undone by restoring the original change again or by an update');
      default: {
        const unexpected: never = change.action;
        throw new Error(`unknown change action ${String(unexpected)}`);
      }
    }
    const restored = change.action.startsWith('LINK_') ? null : await snapshotEntity(transaction, change.entityId);
    return appendChange(transaction, writer.actor, writer.now, {
      action: 'RESTORE',
      entityId: change.entityId,
      entityKind: change.entityKind,
      before: change.action.startsWith('LINK_') ? change.after : currentBefore,
      after: change.action.startsWith('LINK_') ? change.before : restored,
      restoredChange: change.id,
    });
  });
}
