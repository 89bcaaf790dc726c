import DataLoader from 'dataloader';
import type { EntityModel } from '../graph/entity.js';
import type { Database } from '../neo4j/database.js';
import { findEntitiesByIds } from '../modules/node/node.repository.js';

/** The per-request DataLoaders; each batches every key asked for in one tick into one round trip. */
export interface Loaders {
  entityById: DataLoader<string, EntityModel | null>;
}

export function createLoaders(database: Database): Loaders {
  return {
    entityById: new DataLoader((ids) => findEntitiesByIds(database, ids), { maxBatchSize: 1000 }),
  };
}
