/** What a repository pages by, and what a page holds: the graph layer's side of Relay connections (src/graphql/connection.ts). */

/** A validated page request: skip `offset` items, take `limit`. */
export interface PageRequest {
  offset: number;
  limit: number;
}

/** An item of a page: the node and the edge's own properties. */
export interface PageItem<TNode, TProperties extends object = Record<string, unknown>> {
  node: TNode;
  edge?: TProperties;
}
