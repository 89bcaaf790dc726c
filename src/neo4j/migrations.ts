import { NODE_KINDS, ENTITY_LABEL, ORGANIZATION_LABEL } from '../graph/kinds.js';
import type { Database } from './database.js';

/** The full-text index that `search` queries: names, aliases and descriptions of every kind, Chinese-aware. */
export const FULLTEXT_INDEX = 'entity_text';
/** The full-text index over topic names and aliases, used to map a free-text need to topics. */
export const TOPIC_FULLTEXT_INDEX = 'topic_text';

/** A named, idempotent schema statement. */
interface Migration {
  name: string;
  cypher: string;
}

/** Every constraint and index the queries rely on; each statement is idempotent (IF NOT EXISTS). */
export function migrations(): Migration[] {
  const uniqueIds = [ENTITY_LABEL, ...NODE_KINDS].map((label) => ({
    name: `${label.toLowerCase()}_id_unique`,
    cypher: `CREATE CONSTRAINT ${label.toLowerCase()}_id_unique IF NOT EXISTS FOR (n:${label}) REQUIRE n.id IS UNIQUE`,
  }));
  const propertyIndexes: Array<[label: string, property: string]> = [
    [ORGANIZATION_LABEL, 'name'],
    ['Expert', 'name'],
    ['Project', 'startYear'],
    ['Patent', 'filedYear'],
    ['Demand', 'status'],
    ['Platform', 'kind'],
    ['Topic', 'name'],
    ['Industry', 'name'],
  ];
  const indexes = propertyIndexes.map(([label, property]) => ({
    name: `${label.toLowerCase()}_${property.toLowerCase()}`,
    cypher: `CREATE INDEX ${label.toLowerCase()}_${property.toLowerCase()} IF NOT EXISTS FOR (n:${label}) ON (n.${property})`,
  }));
  const cjk = "OPTIONS { indexConfig: { `fulltext.analyzer`: 'cjk', `fulltext.eventually_consistent`: false } }";
  return [
    ...uniqueIds,
    ...indexes,
    {
      name: FULLTEXT_INDEX,
      cypher: `CREATE FULLTEXT INDEX ${FULLTEXT_INDEX} IF NOT EXISTS FOR (n:${NODE_KINDS.join('|')}) ON EACH [n.name, n.title, n.aliasText, n.description] ${cjk}`,
    },
    {
      name: TOPIC_FULLTEXT_INDEX,
      cypher: `CREATE FULLTEXT INDEX ${TOPIC_FULLTEXT_INDEX} IF NOT EXISTS FOR (n:Topic) ON EACH [n.name, n.aliasText] ${cjk}`,
    },
  ];
}

/** Applies every migration and waits until the indexes are online; safe to run any number of times. */
export async function migrate(database: Database): Promise<{ applied: number }> {
  const all = migrations();
  for (const migration of all) await database.write(migration.cypher);
  await database.write('CALL db.awaitIndexes(300)');
  return { applied: all.length };
}
