import net from 'node:net';
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

/**
 * A loopback port free at the time of asking, for an extra instance a test starts: other suites on the machine
 * use fixed ports near the suite's own, so extra instances never take a fixed offset from it.
 */
export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
