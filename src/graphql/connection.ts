import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import type { EntityModel } from '../graph/entity.js';
import { BadUserInputError } from './errors.js';
import type { PageItem, PageRequest } from '../graph/page.js';

export type { PageItem, PageRequest };

/** The most items one page may hold; larger `first` values are refused, not silently cut. */
export const MAX_PAGE_SIZE = 100;


/** An edge as resolvers return it: the node plus the edge's own properties (relationship properties, a score). */
export type EdgeModel<TNode, TProperties extends object = Record<string, unknown>> = TProperties & {
  cursor: string;
  node: TNode;
};

export interface ConnectionModel<TNode, TProperties extends object = Record<string, unknown>> {
  edges: Array<EdgeModel<TNode, TProperties>>;
  nodes: TNode[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  totalCount: number;
}

/** The codegen mappers of every connection and edge type whose nodes are entities. */
export type EntityConnectionModel = ConnectionModel<EntityModel>;
export type EntityEdgeModel = EdgeModel<EntityModel>;

export function encodeCursor(offset: number): string {
  return Buffer.from(`offset:${offset}`, 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): number {
  const match = /^offset:(\d{1,9})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match?.[1]) throw new BadUserInputError(`after: "${cursor}" is not a cursor of this list`, 'after');
  return Number(match[1]);
}

/** Validates `first`/`after` (first between 0 and 100) and turns them into an offset and a limit. */
export function pageRequest(args: { first?: number | null; after?: string | null }): PageRequest {
  const first = args.first ?? 20;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw new BadUserInputError(`first: expected a whole number from 0 to ${MAX_PAGE_SIZE}, got ${first}`, 'first');
  }
  const offset = args.after ? decodeCursor(args.after) + 1 : 0;
  return { offset, limit: first };
}


/**
 * Builds a connection from up to `limit + 1` items fetched from `offset` (the extra one only tells whether a
 * next page exists) and the total count.
 */
export function toConnection<TNode, TProperties extends object = Record<string, unknown>>(
  items: Array<PageItem<TNode, TProperties>>,
  page: PageRequest,
  totalCount: number,
): ConnectionModel<TNode, TProperties> {
  const visible = items.slice(0, page.limit);
  const edges = visible.map((item, index): EdgeModel<TNode, TProperties> => Object.assign({}, item.edge, { cursor: encodeCursor(page.offset + index), node: item.node }));
  return {
    edges,
    nodes: visible.map((item) => item.node),
    pageInfo: {
      hasNextPage: items.length > page.limit,
      hasPreviousPage: page.offset > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount,
  };
}

/**
 * Whether the operation selects `field` directly under the current field (e.g. is totalCount asked for?), through
 * any nesting of fragment spreads and inline fragments.
 */
export function selectsField(info: GraphQLResolveInfo, field: string): boolean {
  const visited = new Set<string>();
  const within = (selectionSet: SelectionSetNode | undefined): boolean =>
    selectionSet?.selections.some((selection) => {
      if (selection.kind === Kind.FIELD) return selection.name.value === field;
      if (selection.kind === Kind.INLINE_FRAGMENT) return within(selection.selectionSet);
      if (visited.has(selection.name.value)) return false;
      visited.add(selection.name.value);
      return within(info.fragments[selection.name.value]?.selectionSet);
    }) ?? false;
  return info.fieldNodes.some((node) => within(node.selectionSet));
}
