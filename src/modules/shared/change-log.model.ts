import type { Role } from '../../auth/roles.js';
import type { NodeKind, RelationshipType } from '../../graph/kinds.js';

/** Who makes a write, and through which mutation: recorded with every change. */
export interface Actor {
  subject: string;
  role: Role;
  operation: string;
}

/** One relationship of a record, seen from the record. */
export interface SnapshotRelationship {
  type: RelationshipType;
  direction: 'out' | 'in';
  other: string;
  properties: Record<string, unknown>;
}

/** A record as it stood: its kind, every property and every relationship. */
export interface EntitySnapshot {
  kind: NodeKind;
  properties: Record<string, unknown>;
  relationships: SnapshotRelationship[];
}

/** A link between two records, as it stood. */
export interface LinkSnapshot {
  type: RelationshipType;
  from: string;
  to: string;
  properties: Record<string, unknown>;
}

/** A property of another record that a change set as a side effect (e.g. a demand reopened). */
export interface Adjustment {
  id: string;
  property: string;
  from: unknown;
  to: unknown;
}

export type ChangeAction = 'CREATE' | 'UPDATE' | 'DELETE' | 'LINK_CREATE' | 'LINK_UPDATE' | 'LINK_DELETE' | 'RESTORE';

/** An audit-log entry as stored and as the `Change` type's resolvers receive it (the codegen mapper). */
export interface ChangeModel {
  id: string;
  at: string;
  actor: string;
  role: Role;
  operation: string;
  action: ChangeAction;
  entityId: string;
  entityKind: NodeKind;
  entityName: string | null;
  before: EntitySnapshot | LinkSnapshot | null;
  after: EntitySnapshot | LinkSnapshot | null;
  detached: Record<string, number> | null;
  adjustments: Adjustment[];
  restoredChange: string | null;
}
