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
  relation(spec: RelationSpec, page: PageRequest, withTotal?: boolean, properties?: readonly string[] | null): DataLoader<string, RelatedPage>;
}

export function createLoaders(database: Database): Loaders {
  const relationLoaders = new Map<string, DataLoader<string, RelatedPage>>();
  return {
    entityById: new DataLoader((ids) => findEntitiesByIds(database, ids), { maxBatchSize: 1000 }),
    relation: (spec, page, withTotal = false, properties = null) => {
      const key = JSON.stringify([spec.name, spec.params ?? {}, spec.order ?? null, page.offset, page.limit, withTotal, properties]);
      let loader = relationLoaders.get(key);
      if (!loader) {
        loader = new DataLoader((parentIds) => loadRelation(database, spec, parentIds, page, withTotal, properties), { maxBatchSize: 1000 });
        relationLoaders.set(key, loader);
      }
      return loader;
    },
  };
}
