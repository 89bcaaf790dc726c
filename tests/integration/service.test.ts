import { describe, expect, it } from 'vitest';
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
    const [row] = await suite.database.read('MATCH (n) RETURN count(n) AS nodes');
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
