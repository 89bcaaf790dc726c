import { NODE_KINDS, ENTITY_LABEL, ORGANIZATION_KINDS, ORGANIZATION_LABEL } from './kinds.js';
import { COUNT_STALE_LOCATED_IN, STALE_LOCATED_IN, locatedInKeys, withDerivedProperties } from './derived.js';
import { z } from 'zod';
import { countSchema, parseRows } from './rows.js';
import { EVIDENCE_STORE_LABEL, HOLDER_STORE_LABEL } from './holder-marks.js';
import type { Database } from '../neo4j/database.js';

/** The full-text index that `search` queries: names, aliases and descriptions of every kind, Chinese-aware. */
export const FULLTEXT_INDEX = 'entity_text';
/** The properties the full-text index covers; an index found with other properties is rebuilt. */
export const FULLTEXT_PROPERTIES = ['name', 'title', 'aliasText', 'description', 'pinyin'] as const;

/** A named, idempotent schema statement; `replaces` says when an existing index of that name is out of date. */
interface Migration {
  name: string;
  cypher: string;
  replaces?: { properties: readonly string[] };
}

/** Every constraint and index the queries rely on; each statement is idempotent (IF NOT EXISTS). */
export function migrations(): Migration[] {
  const uniqueIds = [ENTITY_LABEL, ...NODE_KINDS].map((label) => ({
    name: `${label.toLowerCase()}_id_unique`,
    cypher: `CREATE CONSTRAINT ${label.toLowerCase()}_id_unique IF NOT EXISTS FOR (n:${label}) REQUIRE n.id IS UNIQUE`,
  }));
  // A list sorted by name reads the name index in order and stops after the page (each organisation kind's own
  // index: a list names its kind's label); filters on a year start from the year's range index.
  const propertyIndexes: Array<[label: string, property: string]> = [
    [ORGANIZATION_LABEL, 'name'],
    ...ORGANIZATION_KINDS.map((kind): [string, string] => [kind, 'name']),
    ['Enterprise', 'foundedYear'],
    ['Project', 'title'],
    ['Patent', 'title'],
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
  const auditLog = [
    { name: 'change_id_unique', cypher: 'CREATE CONSTRAINT change_id_unique IF NOT EXISTS FOR (c:Change) REQUIRE c.id IS UNIQUE' },
    { name: 'change_entity', cypher: 'CREATE INDEX change_entity IF NOT EXISTS FOR (c:Change) ON (c.entityId, c.at)' },
    { name: 'change_at', cypher: 'CREATE INDEX change_at IF NOT EXISTS FOR (c:Change) ON (c.at)' },
    { name: 'change_actor', cypher: 'CREATE INDEX change_actor IF NOT EXISTS FOR (c:Change) ON (c.actor, c.at)' },
  ];
  // One holder-store node per topic (see src/graph/holder-marks.ts): marks and kept lists find it by the topic's id.
  const holderStore = {
    name: 'topic_holders_topic_unique',
    cypher: `CREATE CONSTRAINT topic_holders_topic_unique IF NOT EXISTS FOR (kept:${HOLDER_STORE_LABEL}) REQUIRE kept.topicId IS UNIQUE`,
  };
  // One evidence-store node per candidate whose evidence is kept (see src/graph/holder-marks.ts), found by its id.
  const evidenceStore = {
    name: 'candidate_evidence_candidate_unique',
    cypher: `CREATE CONSTRAINT candidate_evidence_candidate_unique IF NOT EXISTS FOR (kept:${EVIDENCE_STORE_LABEL}) REQUIRE kept.candidateId IS UNIQUE`,
  };
  // A region's page of its records by name reads this index for each region below it (see DERIVED_RELATIONSHIP_PROPERTIES).
  const locatedIn = {
    name: 'located_in_member',
    cypher: 'CREATE INDEX located_in_member IF NOT EXISTS FOR ()-[located:LOCATED_IN]-() ON (located.regionId, located.memberName, located.memberId)',
  };
  const cjk = "OPTIONS { indexConfig: { `fulltext.analyzer`: 'cjk', `fulltext.eventually_consistent`: false } }";
  return [
    ...uniqueIds,
    ...indexes,
    ...auditLog,
    holderStore,
    evidenceStore,
    locatedIn,
    {
      name: FULLTEXT_INDEX,
      cypher: `CREATE FULLTEXT INDEX ${FULLTEXT_INDEX} IF NOT EXISTS FOR (n:${NODE_KINDS.join('|')}) ON EACH [${FULLTEXT_PROPERTIES.map((property) => `n.${property}`).join(', ')}] ${cjk}`,
      replaces: { properties: FULLTEXT_PROPERTIES },
    },
  ];
}

/** Drops an index whose properties differ from the migration's, so that the migration creates it anew. */
async function dropIfOutdated(database: Database, migration: Migration): Promise<void> {
  if (!migration.replaces) return;
  const [existing] = parseRows(
    z.object({ properties: z.array(z.string()).nullable() }),
    await database.read('SHOW INDEXES YIELD name, properties WHERE name = $name RETURN properties', { name: migration.name }),
    'index properties',
  );
  const properties = existing?.properties;
  if (properties && [...properties].sort().join() !== [...migration.replaces.properties].sort().join()) {
    await database.write(`DROP INDEX ${migration.name} IF EXISTS`);
  }
}

const backfillRow = z.object({ id: z.string(), properties: z.record(z.string(), z.unknown()) });

/** Stores the derived properties (alias text, pinyin) on nodes written before they existed; a no-op once done. */
async function backfillDerivedProperties(database: Database): Promise<number> {
  let updated = 0;
  for (;;) {
    const rows = await database.read(
      `MATCH (n:${ENTITY_LABEL}) WHERE n.pinyin IS NULL RETURN n.id AS id, properties(n) AS properties LIMIT 1000`,
    );
    if (rows.length === 0) return updated;
    const derived = parseRows(backfillRow, rows, 'backfill').map((row) => {
      const stored = withDerivedProperties(row.properties);
      return { id: row.id, pinyin: stored.pinyin, aliasText: stored.aliasText ?? null };
    });
    await database.write(`UNWIND $rows AS row MATCH (n:${ENTITY_LABEL} {id: row.id}) SET n.pinyin = row.pinyin, n.aliasText = row.aliasText`, { rows: derived });
    updated += rows.length;
  }
}

/**
 * Derives the `LOCATED_IN` relationships' properties (see DERIVED_RELATIONSHIP_PROPERTIES) where they are missing or
 * out of step: written before they existed, by a load that does not derive them (`kg import --offline`) or around
 * this code; a no-op once done.
 */
async function backfillLocatedIn(database: Database): Promise<number> {
  const [stale] = parseRows(countSchema, await database.read(COUNT_STALE_LOCATED_IN), 'LOCATED_IN backfill');
  if (!stale || stale.total === 0) return 0;
  // One pass, committed in batches (a first offline load's hundreds of thousands at once).
  await database.writeAutoCommit(
    `${STALE_LOCATED_IN}
     CALL (member, located, region) { ${locatedInKeys('member', 'located', 'region')} } IN TRANSACTIONS OF 10000 ROWS`,
  );
  return stale.total;
}

/** Applies every migration, waits until the indexes are online and backfills derived properties; safe to run any number of times. */
export async function migrate(requests: Database): Promise<{ applied: number; backfilled: number }> {
  // Index population and back-fills grow with the graph: not bound by the per-request transaction timeout.
  const database = requests.unbounded();
  const all = migrations();
  for (const migration of all) {
    await dropIfOutdated(database, migration);
    await database.write(migration.cypher);
  }
  await database.write('CALL db.awaitIndexes(300)');
  return { applied: all.length, backfilled: (await backfillDerivedProperties(database)) + (await backfillLocatedIn(database)) };
}
