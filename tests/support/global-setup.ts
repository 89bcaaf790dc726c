/**
 * Starts the test suite's own Neo4j (downloading it on first use), applies migrations and loads the sample
 * dataset as a read-only fixture; stops the server when the run ends, so no process is left behind.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startLocalNeo4j, stopLocalNeo4j } from '../../src/local-neo4j/manager.js';
import { openDatabase } from '../../src/neo4j/database.js';
import { migrate } from '../../src/graph/migrations.js';
import { importDataset } from '../../src/import/importer.js';
import { SAMPLE_DATASET, testNeo4jSettings } from './test-neo4j.js';
import type { Neo4jConnection } from '../../src/config.js';

declare module 'vitest' {
  export interface ProvidedContext {
    neo4j: Neo4jConnection;
  }
}

const log = (line: string) => process.stdout.write(`[test-neo4j] ${line}\n`);

export default async function setup(project: TestProject) {
  const handle = await startLocalNeo4j(testNeo4jSettings, log);
  const database = openDatabase(handle.connection);
  try {
    await database.writeAutoCommit('MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS');
    await migrate(database);
    if (existsSync(path.join(SAMPLE_DATASET, 'dataset.json'))) {
      const summary = await importDataset(database, SAMPLE_DATASET);
      log(`sample dataset loaded: ${summary.nodes} nodes, ${summary.relationships} relationships in ${summary.durationMs} ms`);
    }
  } finally {
    await database.close();
  }
  project.provide('neo4j', handle.connection);
  return async () => {
    await stopLocalNeo4j(testNeo4jSettings, log);
  };
}
