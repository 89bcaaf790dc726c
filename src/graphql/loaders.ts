import DataLoader from 'dataloader';
import type { EntityModel } from '../graph/entity.js';
import type { Database } from '../neo4j/database.js';
import { findEntitiesByIds } from '../graph/entities.js';
import { loadRelation, type RelationSpec } from '../graph/query.js';
import type { PageItem, PageRequest } from './connection.js';

/** A page of related items of one parent, with the parent's total. */
export interface RelatedPage {
  items: Array<PageItem<EntityModel>>;
  /** The parent's number of related items, when asked for (null otherwise). */
  total: number | null;
}

/** The per-request DataLoaders; each batches every key asked for in one tick into one round trip. */
export interface Loaders {
  entityById: DataLoader<string, EntityModel | null>;
  /**
   * The loader of one relation with one set of arguments, keyed by parent record id; counts the total when `withTotal`;
   * reads only `properties` of the related items (null: all), so a page read for some fields never answers for others.
   */
  relation(spec: RelationSpec, page: PageRequest, reads?: RelationReads): DataLoader<string, RelatedPage>;
  /** Puts a page read ahead (by a list's own query) where `relation(…).load(parentId)` and `kept` will find it. */
  primeRelation(spec: RelationSpec, page: PageRequest, reads: RelationReads, parentId: string, value: RelatedPage): void;
  /**
   * The page put there by `primeRelation`, at once (no promise, no tick): a resolver that finds its page read ahead
   * answers synchronously, and graphql completes the items below it in the same pass.
   */
  kept(spec: RelationSpec, page: PageRequest, reads: RelationReads, parentId: string): RelatedPage | undefined;
}

/** What a page of a relation reads besides its items' ids: the total, the items' properties and the edges' (null: all). */
export interface RelationReads {
  withTotal: boolean;
  properties: readonly string[] | null;
  edgeProperties: readonly string[] | null;
}

/** Every property of the items and of their relationships, no total: what a caller that does not know its selection reads. */
export const EVERYTHING: RelationReads = { withTotal: false, properties: null, edgeProperties: null };

/** Keys worked out from objects that do not change (specs, property lists), once per object. */
const objectKeys = new WeakMap<object, string>();

function keyOf<T extends object>(value: T, describe: (value: T) => unknown): string {
  let key = objectKeys.get(value);
  if (key === undefined) {
    key = JSON.stringify(describe(value));
    objectKeys.set(value, key);
  }
  return key;
}

/** The part of a relation loader's key that comes from its spec. */
const specKey = (spec: RelationSpec) => keyOf(spec, ({ name, params, order }) => [name, params ?? {}, order ?? null]);

/** The properties read, as a key (the resolvers of a field share one list). */
const propertiesKey = (properties: readonly string[] | null) => (properties === null ? '*' : keyOf(properties, (names) => names));

/** Page keys by page and reads objects: a field's resolvers share one of each (see `PerField` in prefetch.ts). */
const pageKeys = new WeakMap<PageRequest, WeakMap<RelationReads, string>>();

/** The rest of a loader's key: the page, the total and the properties. */
function pageKey(page: PageRequest, reads: RelationReads): string {
  let byReads = pageKeys.get(page);
  if (!byReads) {
    byReads = new WeakMap();
    pageKeys.set(page, byReads);
  }
  let key = byReads.get(reads);
  if (key === undefined) {
    key = `${page.offset}|${page.limit}|${reads.withTotal}|${propertiesKey(reads.properties)}|${propertiesKey(reads.edgeProperties)}`;
    byReads.set(reads, key);
  }
  return key;
}

interface RelationEntry {
  /** Made when first asked for (most pages of a nested list are read ahead, and their resolvers never load); primed with every page read ahead. */
  loader?: DataLoader<string, RelatedPage>;
  load: (parentIds: readonly string[]) => Promise<RelatedPage[]>;
  primed: Map<string, RelatedPage>;
}

export function createLoaders(database: Database): Loaders {
  // By spec (equal specs, even as different objects, share their loaders), then by page, total and properties; the
  // spec objects met are remembered, so that the hundreds of calls of one field with one spec skip its key.
  const bySpecKey = new Map<string, Map<string, RelationEntry>>();
  const bySpec = new WeakMap<RelationSpec, Map<string, RelationEntry>>();
  const entriesOf = (spec: RelationSpec) => {
    let entries = bySpec.get(spec);
    if (!entries) {
      const key = specKey(spec);
      entries = bySpecKey.get(key) ?? new Map<string, RelationEntry>();
      bySpecKey.set(key, entries);
      bySpec.set(spec, entries);
    }
    return entries;
  };
  const entry = (spec: RelationSpec, page: PageRequest, reads: RelationReads) => {
    const entries = entriesOf(spec);
    const key = pageKey(page, reads);
    let found = entries.get(key);
    if (!found) {
      const { withTotal, properties, edgeProperties } = reads;
      found = { load: (parentIds) => loadRelation(database, spec, parentIds, page, withTotal, properties, edgeProperties), primed: new Map() };
      entries.set(key, found);
    }
    return found;
  };
  const loaderOf = (found: RelationEntry) => {
    if (!found.loader) {
      found.loader = new DataLoader(found.load, { maxBatchSize: 1000 });
      for (const [parentId, value] of found.primed) found.loader.prime(parentId, value);
    }
    return found.loader;
  };
  return {
    entityById: new DataLoader((ids) => findEntitiesByIds(database, ids), { maxBatchSize: 1000 }),
    relation: (spec, page, reads = EVERYTHING) => loaderOf(entry(spec, page, reads)),
    primeRelation: (spec, page, reads, parentId, value) => {
      const found = entry(spec, page, reads);
      if (found.primed.has(parentId)) return;
      found.primed.set(parentId, value);
      found.loader?.prime(parentId, value);
    },
    kept: (spec, page, reads, parentId) => entriesOf(spec).get(pageKey(page, reads))?.primed.get(parentId),
  };
}
