import type { NodeKind } from './kinds.js';

/**
 * A node as the API layer receives it from a repository: its node kind, its record id (not the global id) and its
 * properties as plain JavaScript values. This is the codegen mapper of every node type.
 */
export interface EntityModel {
  /** The node's kind (its label). Named so as not to clash with the `kind` property some kinds have. */
  nodeKind: NodeKind;
  id: string;
  [property: string]: unknown;
}
