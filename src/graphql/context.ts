import type { Logger } from 'pino';
import type { Viewer } from '../auth/roles.js';
import type { Database } from '../neo4j/database.js';
import { createLoaders, type Loaders } from './loaders.js';

/** A personal field hidden from this caller: where, and why. */
export interface Redaction {
  path: ReadonlyArray<string | number>;
  reason: string;
}

/** What every resolver receives: the database, this request's DataLoaders, the caller, the clock and a logger. */
export interface GraphQLContext {
  database: Database;
  loaders: Loaders;
  logger: Logger;
  /** The verified caller; null for an anonymous request (which may only read, and only when allowed). */
  viewer: Viewer | null;
  /** The one clock of the request: every "now" and "today" of a resolver comes from here. */
  now: () => Date;
  /** Personal fields set to null for this caller, reported in the response's extensions. */
  redactions: Redaction[];
}

/** Builds a fresh context for one GraphQL operation (loaders never outlive a request). */
export function createContext(database: Database, logger: Logger, viewer: Viewer | null = null, now: () => Date = () => new Date()): GraphQLContext {
  return { database, loaders: createLoaders(database), logger, viewer, now, redactions: [] };
}
