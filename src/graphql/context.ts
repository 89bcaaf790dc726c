import type { Logger } from 'pino';
import type { Viewer } from '../auth/roles.js';
import type { Database } from '../neo4j/database.js';
import { Clock } from '../clock.js';
import { CHAIN_RULES, type ChainRules } from '../config.js';
import type { FieldNode } from 'graphql';
import type { EntityModel } from '../graph/entity.js';
import type { PageItem } from '../graph/page.js';
import type { PrefetchedRelation, RelationPrefetch } from '../graph/query.js';
import { createLoaders, type Loaders } from './loaders.js';

/**
 * A top-level field's read made for a direct answer (see direct.ts): the relations read ahead, and the page of a list
 * or the entities of `node`/`nodes` being read (with the properties read of them; null: all).
 */
export type DirectRead =
  | { prefetch: readonly RelationPrefetch[]; page: Promise<{ items: Array<PageItem<EntityModel> & { prefetched: PrefetchedRelation[] }>; total: number }> }
  | { prefetch: readonly RelationPrefetch[]; properties: readonly string[] | null; entities: Promise<Array<{ node: EntityModel; prefetched: PrefetchedRelation[] }>> };

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
  /** The service's one clock: every "now", "today" and "this year" of a resolver comes from here. */
  clock: Clock;
  /** The rules industry chains are judged by (the service's configuration). */
  chainRules: ChainRules;
  /** Personal fields set to null for this caller, reported in the response's extensions. */
  redactions: Redaction[];
  /**
   * The reads of the top-level fields an attempt at a direct answer made, by field node (see direct.ts): when the
   * operation is left to graphql-js, the field's resolver takes its read from here instead of reading again.
   */
  directReads: Map<FieldNode, DirectRead>;
}

/** Builds a fresh context for one GraphQL operation (loaders never outlive a request). */
export function createContext(
  database: Database,
  logger: Logger,
  viewer: Viewer | null = null,
  clock: Clock = new Clock(),
  chainRules: ChainRules = CHAIN_RULES,
): GraphQLContext {
  return { database, loaders: createLoaders(database), logger, viewer, clock, chainRules, redactions: [], directReads: new Map() };
}
