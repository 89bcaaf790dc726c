import type { Logger } from 'pino';
import type { Database } from '../neo4j/database.js';
import { createLoaders, type Loaders } from './loaders.js';

/** What every resolver receives: the database, this request's DataLoaders and a request-scoped logger. */
export interface GraphQLContext {
  database: Database;
  loaders: Loaders;
  logger: Logger;
}

/** Builds a fresh context for one GraphQL operation (loaders never outlive a request). */
export function createContext(database: Database, logger: Logger): GraphQLContext {
  return { database, loaders: createLoaders(database), logger };
}
