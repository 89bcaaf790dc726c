import { inject } from 'vitest';
import { randomBytes } from 'node:crypto';
import { openDatabase, type Database } from '../../src/neo4j/database.js';
import { createLogger } from '../../src/logger.js';

/** A connection to the test instance; close it in afterAll. */
export function openTestDatabase(): Database {
  return openDatabase(inject('neo4j'));
}

/** A unique id prefix for the data a test creates (ids like `t-ab12cd:thing`), so tests never share data. */
export function uniquePrefix(): string {
  return `t-${randomBytes(4).toString('hex')}`;
}

/** Deletes every node whose id starts with the prefix, with its relationships. */
export async function deleteByPrefix(database: Database, prefix: string): Promise<void> {
  await database.write('MATCH (n:Entity) WHERE n.id STARTS WITH $prefix DETACH DELETE n', { prefix: `${prefix}:` });
}

export const silentLogger = createLogger('silent');
