import type { NodeKind } from './kinds.js';

/**
 * A node as the API layer receives it from a repository: its kind, its record id (not the global id) and its
 * properties as plain JavaScript values. This is the codegen mapper of every node type.
 */
export interface EntityModel {
  kind: NodeKind;
  id: string;
  [property: string]: unknown;
}
