/** Reading the audit log (`(:Change)` nodes, written by every mutation through shared/change-log.ts). */
import type { ManagedTransaction } from 'neo4j-driver';
import { countSchema, parseRows } from '../../graph/rows.js';
import type { Database } from '../../neo4j/database.js';
import { cypherInt, recordsOf } from '../../neo4j/values.js';
import { CHANGE_LABEL, parseChange } from '../shared/change-log.js';
import type { ChangeModel } from '../shared/change-log.model.js';

/** A filter over the audit log; every given condition must hold. */
export interface ChangeFilter {
  entityId?: string;
  actor?: string;
  since?: string;
}

const RETURNED = ['id', 'at', 'actor', 'role', 'operation', 'action', 'entityId', 'entityKind', 'entityName', 'before', 'after', 'detached', 'adjustments', 'restoredChange']
  .map((field) => `${field}: change.${field}`)
  .join(', ');

/** A page of changes, newest first, and how many match. */
export async function findChanges(database: Database, filter: ChangeFilter, offset: number, limit: number): Promise<{ changes: ChangeModel[]; total: number }> {
  const where = `WHERE ($entityId IS NULL OR change.entityId = $entityId) AND ($actor IS NULL OR change.actor = $actor) AND ($since IS NULL OR change.at >= $since)`;
  const parameters = { entityId: filter.entityId ?? null, actor: filter.actor ?? null, since: filter.since ?? null };
  const [rows, counts] = await Promise.all([
    database.read(`MATCH (change:${CHANGE_LABEL}) ${where} RETURN change {${RETURNED}} AS change ORDER BY change.at DESC, change.id SKIP $offset LIMIT $limit`, {
      ...parameters,
      offset: cypherInt(offset),
      limit: cypherInt(limit),
    }),
    database.read(`MATCH (change:${CHANGE_LABEL}) ${where} RETURN count(change) AS total`, parameters),
  ]);
  return { changes: rows.map((row) => parseChange(row.change)), total: parseRows(countSchema, counts, 'findChanges count')[0]?.total ?? 0 };
}

/** One change by id, read inside `transaction`; null when there is none. */
export async function findChangeInTransaction(transaction: ManagedTransaction, id: string): Promise<ChangeModel | null> {
  const result = await transaction.run(`MATCH (change:${CHANGE_LABEL} {id: $id}) RETURN change {${RETURNED}} AS change`, { id });
  const [row] = recordsOf(result);
  return row ? parseChange(row.change) : null;
}
