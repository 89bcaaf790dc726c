import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/neo4j/database.js';
import { createHttpService } from '../../src/server.js';
import { silentLogger } from '../support/database.js';
import { useTestService } from '../support/graphql-client.js';

describe('GraphQL over HTTP, answered from the real Neo4j', () => {
  const suite = useTestService();

  it('reports the Neo4j 5.26 server and the graph counts', async () => {
    const result = await suite.service.query<{ serviceStatus: { databaseVersion: string; databaseEdition: string; nodeCount: number } }>(
      '{ serviceStatus { version databaseVersion databaseEdition nodeCount relationshipCount } }',
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.serviceStatus.databaseVersion).toMatch(/^5\.26\./);
    expect(result.data?.serviceStatus.databaseEdition).toBe('community');
    const [row] = await suite.database.read('MATCH (n:Entity) RETURN count(n) AS nodes');
    expect(result.data?.serviceStatus.nodeCount).toBe(row?.nodes);
  });

  it('answers liveness at once and readiness only when marked ready', async () => {
    const base = suite.service.url.replace(/\/graphql$/, '');
    suite.service.http.setReady(false);
    const notReady = await fetch(`${base}/readyz`);
    expect(notReady.status).toBe(503);
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', database: 'up', ready: false });
    suite.service.http.setReady(true);
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ ready: true, database: 'up' });
  });

  it('rejects a malformed query before it reaches the database', async () => {
    let roundTrips = 0;
    const unsubscribe = suite.database.onQuery(() => {
      roundTrips += 1;
    });
    const result = await suite.service.query('{ serviceStatus { nodeCount ');
    unsubscribe();
    expect(result.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(roundTrips).toBe(0);
  });
});

describe('health while the database is down', () => {
  it('stays alive but is not ready', async () => {
    const unreachable = openDatabase({ uri: 'bolt://127.0.0.1:1', user: 'neo4j', password: 'irrelevant', database: 'neo4j' });
    const http = await createHttpService(unreachable, silentLogger);
    const url = await http.listen(0, '127.0.0.1');
    http.setReady(true);
    await http.health.probe();
    try {
      const base = url.replace(/\/graphql$/, '');
      const health = await fetch(`${base}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: 'ok', database: 'down', ready: false });
      const ready = await fetch(`${base}/readyz`);
      expect(ready.status).toBe(503);
      const started = Date.now();
      const query = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ serviceStatus { nodeCount } }' }) });
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(query.status).toBe(503);
      expect(query.headers.get('retry-after')).toBe('2');
      const body = (await query.json()) as { errors: Array<{ message: string; extensions: { code: string } }> };
      expect(body.errors).toEqual([{ message: 'The database is unavailable; try again shortly.', extensions: { code: 'DATABASE_UNAVAILABLE' } }]);
    } finally {
      await http.close();
      await unreachable.close();
    }
  });
});
