import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importOffline } from '../../src/import/offline.js';
import { importDataset } from '../../src/import/importer.js';
import { ImportValidationError } from '../../src/import/dataset.js';
import { startLocalNeo4j, stopLocalNeo4j } from '../../src/local-neo4j/manager.js';
import { openDatabase } from '../../src/neo4j/database.js';
import { graphUnder } from '../support/graph-snapshot.js';
import { MINI_COUNTY } from '../support/fixtures.js';
import { testNeo4jSettings } from '../support/test-neo4j.js';

/**
 * `kg import --offline` stops its server and replaces the database, so it gets an instance of its own (port of
 * the test instance + 20), created for this file and deleted after it.
 */
const settings = { ...testNeo4jSettings, instance: `${testNeo4jSettings.instance}-offline`, boltPort: testNeo4jSettings.boltPort + 20 };
const log = () => {};

describe('kg import --offline (neo4j-admin database import into an empty local database)', () => {
  afterAll(async () => {
    await stopLocalNeo4j(settings, log);
    rmSync(path.join(settings.rootDir, 'instances', settings.instance), { recursive: true, force: true });
  }, 120_000);

  it('loads the mini county into an empty database: the same graph a transactional import gives, which then finds nothing to create', async () => {
    const summary = await importOffline(settings, 'neo4j', MINI_COUNTY, log);
    expect(summary).toMatchObject({ nodes: 45, relationships: 87 });
    const handle = await startLocalNeo4j(settings, log);
    const database = openDatabase(handle.connection);
    try {
      const offline = await graphUnder(database, '');
      expect(offline.nodes).toHaveLength(45);
      expect(offline.relationships).toHaveLength(87);
      // the fixture's values, stored as the transactional path stores them (numbers as floats, lists, derived text)
      const [pork] = await database.read(
        "MATCH (n:Entity:Organization:Enterprise {id: 'ent:pork'}) RETURN n.name AS name, n.employees AS employees, valueType(n.employees) AS type, n.qualifications AS qualifications, n.pinyin AS pinyin",
      );
      expect(pork).toEqual({ name: '示例老腊肉食品有限公司', employees: 120, type: 'FLOAT NOT NULL', qualifications: ['HIGH_TECH', 'ABOVE_DESIGNATED_SIZE'], pinyin: 'slllrspyxgs shililaolaroushipinyouxiangongsi' });
      // indexes are online: the full-text search finds the enterprise
      const [hit] = await database.read("CALL db.index.fulltext.queryNodes('entity_text', 'name:(老腊肉)') YIELD node WHERE node:Enterprise RETURN node.id AS id LIMIT 1");
      expect(hit).toEqual({ id: 'ent:pork' });

      const transactional = await importDataset(database, MINI_COUNTY);
      expect(transactional).toMatchObject({ nodesCreated: 0, relationshipsCreated: 0 });
      expect(await graphUnder(database, '')).toEqual(offline);

      await expect(importOffline(settings, 'neo4j', MINI_COUNTY, log)).rejects.toThrow(ImportValidationError);
      await expect(importOffline(settings, 'neo4j', MINI_COUNTY, log)).rejects.toThrow(/not empty: --offline only loads into an empty database/);
    } finally {
      await database.close();
    }
  }, 400_000);
});
