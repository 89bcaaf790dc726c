import path from 'node:path';
import { projectRoot, type LocalNeo4jSettings } from '../../src/config.js';

/**
 * The test suite's own Neo4j instance: its own port, data folder and password, never the user's data.
 * TEST_NEO4J_INSTANCE and TEST_NEO4J_BOLT_PORT let two suites run side by side on one machine.
 */
export const testNeo4jSettings: LocalNeo4jSettings = {
  instance: process.env.TEST_NEO4J_INSTANCE ?? 'test',
  rootDir: path.join(projectRoot, '.neo4j'),
  host: '127.0.0.1',
  boltPort: Number(process.env.TEST_NEO4J_BOLT_PORT ?? 7697),
  heap: '1g',
  pageCache: '256m',
};

/** The environment that points the project's commands at the test instance. */
export const testInstanceEnvironment = {
  LOCAL_NEO4J_INSTANCE: testNeo4jSettings.instance,
  LOCAL_NEO4J_BOLT_PORT: String(testNeo4jSettings.boltPort),
  LOCAL_NEO4J_HEAP: testNeo4jSettings.heap,
  LOCAL_NEO4J_PAGECACHE: testNeo4jSettings.pageCache,
};

export const SAMPLE_DATASET = path.join(projectRoot, 'seeds', 'sample-county');
