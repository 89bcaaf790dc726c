import { inject } from 'vitest';
import { randomBytes } from 'node:crypto';
import { openDatabase, type Database, type Row } from '../../src/neo4j/database.js';
import { createLogger } from '../../src/logger.js';

/** A connection to the test instance; close it in afterAll. */
export function openTestDatabase(): Database {
  return openDatabase(inject('neo4j'));
}

/** A unique id prefix for the data a test creates (ids like `t-ab12cd:thing`), so tests never share data. */
export function uniquePrefix(): string {
  return `t-${randomBytes(4).toString('hex')}`;
}

/** Deletes every node whose id starts with the prefix, with its relationships, and the stores' nodes of its topics and candidates. */
export async function deleteByPrefix(database: Database, prefix: string): Promise<void> {
  await database.write('MATCH (n:Entity) WHERE n.id STARTS WITH $prefix DETACH DELETE n', { prefix: `${prefix}:` });
  await database.write('MATCH (kept:TopicHolders) WHERE kept.topicId STARTS WITH $prefix DELETE kept', { prefix: `${prefix}:` });
  await database.write('MATCH (kept:CandidateEvidence) WHERE kept.candidateId STARTS WITH $prefix DELETE kept', { prefix: `${prefix}:` });
}

export const silentLogger = createLogger('silent');

/**
 * The same database behind a view whose reads go through `read` (given the query, its parameters and the real
 * database): to see when each read starts and ends, or to make some fail as a cold or unreachable Neo4j would. Its
 * kept values are its own (the server keeps them per database object).
 */
export function withReads(database: Database, read: (query: string, parameters: Record<string, unknown> | undefined, real: Database) => Promise<Row[]>): Database {
  return new Proxy<Database>(database, {
    get(target, property) {
      if (property === 'read') return (query: string, parameters?: Record<string, unknown>) => read(query, parameters, target);
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
