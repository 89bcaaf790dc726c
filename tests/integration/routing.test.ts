import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDatabase, type Database } from '../../src/neo4j/database.js';
import { toGlobalId } from '../../src/graphql/global-id.js';
import { deleteByPrefix, uniquePrefix } from '../support/database.js';
import { MINI_COUNTY, prefixedCopy } from '../support/fixtures.js';
import { importDataset } from '../../src/import/importer.js';
import { startTestService, type TestService } from '../support/graphql-client.js';

/**
 * The service and the importer through a routing driver (`neo4j://`), as they run against a cluster or Aura:
 * the driver fetches the routing table, sends writes to the leader and reads to readers. Against the single test
 * server the table names that server for every role, so this proves the routed code paths, not failover.
 */
describe('over a neo4j:// (routing) URI', () => {
  const connection = inject('neo4j');
  const routed = { ...connection, uri: connection.uri.replace(/^bolt:\/\//, 'neo4j://') };
  const prefix = uniquePrefix();
  let database: Database;
  let service: TestService;

  beforeAll(async () => {
    database = openDatabase(routed);
    service = await startTestService(database);
  });
  afterAll(async () => {
    await deleteByPrefix(database, prefix);
    await service.close();
    await database.close();
  });

  it('routes: the driver reaches the test server through its routing table', async () => {
    expect(routed.uri).toMatch(/^neo4j:\/\/127\.0\.0\.1:\d+$/);
    expect(await database.verify()).toMatchObject({ edition: 'community' });
  });

  it('writes through routed write transactions (an import) and reads them back over GraphQL', async () => {
    const summary = await importDataset(database, prefixedCopy(MINI_COUNTY, prefix));
    expect(summary).toMatchObject({ nodes: 45, relationships: 87, nodesCreated: 45, relationshipsCreated: 87 });
    const { data, errors } = await service.query<{ node: { name: string } | null }>('query ($id: ID!) { node(id: $id) { ... on Enterprise { name } } }', {
      id: toGlobalId('Enterprise', `${prefix}:ent:pork`),
    });
    expect(errors).toBeUndefined();
    expect(data?.node).toEqual({ name: '示例老腊肉食品有限公司' });
  });

  it('writes with a routed single query and reads the write back at once (the driver chains bookmarks)', async () => {
    await database.write(`MATCH (n:Enterprise {id: $id}) SET n.employees = 77`, { id: `${prefix}:ent:pork` });
    const { data } = await service.query<{ node: { employees: number } }>('query ($id: ID!) { node(id: $id) { ... on Enterprise { employees } } }', {
      id: toGlobalId('Enterprise', `${prefix}:ent:pork`),
    });
    expect(data?.node.employees).toBe(77);
  });
});
