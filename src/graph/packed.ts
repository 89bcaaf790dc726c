/**
 * The packed form of what a list reads ahead (see `readAhead` in query.ts): each related page as
 * `[total, items]`, each item as `[node, edge, nested pages]`, each node as `[kind, id, …properties]` and each edge as
 * the list of its properties, in the order the reader named them. A list costs the driver far less to decode than a
 * map, whose every key is a string decoded and defined on a fresh object: at 10k, decoding the maps of a 20-item,
 * three-level list was a fifth of the server's CPU. Where the reader reads every property (null), a node or an edge
 * stays a map. The `unpack…` functions check the shape at the repository boundary and give back the models.
 */
import { entitySchema } from './rows.js';
import { NODE_KINDS, type NodeKind } from './kinds.js';
import { nodeProperties, edgeProperties } from './projection.js';
import type { EntityModel } from './entity.js';
import type { PageItem } from './page.js';
import { z } from 'zod';

/** A packed value that does not have the shape its query gives it: a bug in the query, reported with where it was. */
function shapeError(where: string, expected: string, value: unknown): Error {
  const seen = Array.isArray(value) ? `a list of ${value.length}` : value === null ? 'null' : typeof value;
  return new Error(`${where}: expected ${expected}, got ${seen}`);
}

/** What unpacking a read-ahead page needs of its relation (a `RelationPrefetch` of query.ts): the properties read, and the relations nested below. */
export interface PackedRelation {
  properties: readonly string[] | null;
  edgeProperties: readonly string[] | null;
  nested: readonly PackedRelation[];
}

/** One node's page of one prefetched relation: what `loadRelation` answers for it, plus each item's nested pages. */
export interface PrefetchedRelation {
  items: Array<PageItem<EntityModel> & { prefetched: PrefetchedRelation[] }>;
  total: number | null;
}

const KINDS: ReadonlySet<string> = new Set(NODE_KINDS);
const edgeMapSchema = z.record(z.string(), z.unknown());

/** How a relation's items are unpacked: its node's and edge's property names, worked out once per page. */
interface Layout {
  relation: PackedRelation;
  node: string[] | null;
  edge: string[] | null;
}

const layouts = new WeakMap<PackedRelation, Layout>();

function layoutOf(relation: PackedRelation): Layout {
  let layout = layouts.get(relation);
  if (!layout) {
    layout = {
      relation,
      node: relation.properties === null ? null : nodeProperties(relation.properties),
      edge: relation.edgeProperties === null ? null : edgeProperties(relation.edgeProperties),
    };
    layouts.set(relation, layout);
  }
  return layout;
}

function unpackEntity(value: unknown, names: string[] | null, where: string): EntityModel {
  if (names === null) {
    const parsed = entitySchema.safeParse(value);
    if (!parsed.success) throw new Error(`${where}: ${z.prettifyError(parsed.error)}`);
    return parsed.data;
  }
  if (!Array.isArray(value) || value.length !== names.length + 2) throw shapeError(where, `[kind, id, ${names.join(', ')}]`, value);
  const [kind, id] = value as unknown[];
  if (typeof kind !== 'string' || !KINDS.has(kind)) throw new Error(`${where}: expected a node kind first, got ${JSON.stringify(kind)}`);
  if (typeof id !== 'string') throw new Error(`${where}: expected the id (a string) second, got ${JSON.stringify(id)}`);
  const entity: EntityModel = { nodeKind: kind as NodeKind, id };
  for (let index = 0; index < names.length; index += 1) entity[names[index]!] = value[index + 2];
  return entity;
}

function unpackEdge(value: unknown, names: string[] | null, where: string): Record<string, unknown> | undefined {
  if (value === null || value === undefined) return undefined;
  if (names === null) {
    const parsed = edgeMapSchema.safeParse(value);
    if (!parsed.success) throw new Error(`${where}: ${z.prettifyError(parsed.error)}`);
    return parsed.data;
  }
  if (!Array.isArray(value) || value.length !== names.length) throw shapeError(where, `[${names.join(', ')}]`, value);
  const edge: Record<string, unknown> = {};
  for (let index = 0; index < names.length; index += 1) edge[names[index]!] = value[index];
  return edge;
}

function unpackPage(layout: Layout, value: unknown, where: string): PrefetchedRelation {
  if (!Array.isArray(value) || value.length !== 2) throw shapeError(where, '[total, items]', value);
  const [total, items] = value as unknown[];
  if (total !== null && !(typeof total === 'number' && Number.isInteger(total) && total >= 0)) throw new Error(`${where}: expected the total (a count or null), got ${JSON.stringify(total)}`);
  if (!Array.isArray(items)) throw shapeError(`${where}.items`, 'a list', items);
  return {
    total,
    items: items.map((item: unknown, index) => {
      const at = `${where}.items[${index}]`;
      if (!Array.isArray(item) || item.length !== 3) throw shapeError(at, '[node, edge, nested pages]', item);
      const node = unpackEntity(item[0], layout.node, `${at}.node`);
      const edge = unpackEdge(item[1], layout.edge, `${at}.edge`);
      const prefetched = unpackPrefetched(layout.relation.nested, item[2], `${at}.prefetched`);
      return edge === undefined ? { node, prefetched } : { node, edge, prefetched };
    }),
  };
}

/** The page of one relation read ahead (its value in `readAhead` of query.ts), checked and unpacked. */
export function unpackRelation(relation: PackedRelation, value: unknown, where: string): PrefetchedRelation {
  return unpackPage(layoutOf(relation), value, where);
}

/** The pages of the relations of `prefetch` read ahead for one node (its `[…values]`), checked and unpacked, in order. */
export function unpackPrefetched(prefetch: readonly PackedRelation[], value: unknown, where: string): PrefetchedRelation[] {
  if (!Array.isArray(value) || value.length !== prefetch.length) throw shapeError(where, `the pages of ${prefetch.length} relations`, value);
  return prefetch.map((relation, index) => unpackRelation(relation, value[index], `${where}[${index}]`));
}
