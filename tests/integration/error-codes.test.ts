import neo4j from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { deleteByPrefix, openTestDatabase, uniquePrefix } from '../support/database.js';
import { startTestService, type TestService } from '../support/graphql-client.js';
import { loadMiniCounty } from '../support/fixtures.js';
import { toGlobalId } from '../../src/graphql/global-id.js';
import { Database, type Row } from '../../src/neo4j/database.js';
import { DatabaseUnavailableError } from '../../src/neo4j/errors.js';

/** The entity lookups by id: the `entityById` DataLoader's, and `node`/`nodes`' own read (answered directly, see src/graphql/direct.ts). */
const ENTITIES_BY_ID = /UNWIND \$ids AS id\s+MATCH \((n|item0):Entity \{id: id\}\)/;

/**
 * The real test database, except that the entity lookups (see ENTITIES_BY_ID) numbered in `failing`
 * fail as they do when the database goes down, or run `RETURN 1 / 0` instead (a real server-side failure).
 */
class FaultyDatabase extends Database {
  entityReads = 0;
  failing = new Set<number>();
  fault: 'unavailable' | 'server' = 'unavailable';

  override async read(query: string, parameters: Record<string, unknown> = {}): Promise<Row[]> {
    if (ENTITIES_BY_ID.test(query)) {
      this.entityReads += 1;
      if (this.failing.has(this.entityReads)) {
        if (this.fault === 'unavailable') throw new DatabaseUnavailableError('Neo4j cannot be reached: injected', 'UNREACHABLE');
        return super.read('MATCH (n:Entity) WHERE n.id IN $ids RETURN 1 / 0 AS never', parameters);
      }
    }
    return super.read(query, parameters);
  }
}

function faultyDatabase(uri?: string): FaultyDatabase {
  const connection = inject('neo4j');
  const driver = neo4j.driver(uri ?? connection.uri, neo4j.auth.basic(connection.user, connection.password), {
    connectionTimeout: 2_000,
    maxTransactionRetryTime: 500,
    logging: { level: 'error', logger: () => {} },
  });
  // The health probe uses `connection` (the real server): the service believes the database is up.
  return new FaultyDatabase(driver, connection.database, 10_000, connection);
}

describe('errors keep their true codes', () => {
  let database: Database;
  let service: TestService;
  const prefix = uniquePrefix();
  const gid = (kind: Parameters<typeof toGlobalId>[0], id: string) => toGlobalId(kind, `${prefix}:${id}`);
  const others: Array<{ service: TestService; database: Database }> = [];

  beforeAll(async () => {
    database = openTestDatabase();
    service = await startTestService(database);
    await loadMiniCounty(database, prefix);
  });
  afterAll(async () => {
    for (const other of others) {
      await other.service.close();
      await other.database.close();
    }
    await deleteByPrefix(database, prefix);
    await service.close();
    await database.close();
  });

  it('reports a value too large for the database to index as INVALID_INPUT on input.name, storing nothing', async () => {
    const result = await service.query<{ organizationCreate: { organization: null; userErrors: Array<{ field: string[]; code: string; message: string }> } }>(
      `mutation ($input: OrganizationCreateInput!) { organizationCreate(input: $input) { organization { id } userErrors { field code message } } }`,
      { input: { kind: 'ENTERPRISE', slug: `${prefix}-huge`, name: '腊'.repeat(9000), source: 'test', rdSpending: 1, foundedYear: 2020, employees: 5 } },
      'editor',
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.organizationCreate.organization).toBeNull();
    const [error] = result.data!.organizationCreate.userErrors;
    expect([error?.field, error?.code]).toEqual([['input', 'name'], 'INVALID_INPUT']);
    // 9 000 characters of three UTF-8 bytes each: 27 000 bytes and the database's few bytes of overhead.
    expect(error?.message).toMatch(/^name: the value is too large for the database to index \(270\d\d bytes stored for (Organization|Enterprise)\.name; keep it well under 8 000 bytes\)$/);
    const [stored] = await database.read('MATCH (n:Entity {id: $id}) RETURN count(n) AS count', { id: `ent:${prefix}-huge` });
    expect(stored?.count).toBe(0);
  });

  it('answers a variable of the wrong type with 400 BAD_USER_INPUT naming it, whichever graphql build runs the request', async () => {
    const response = await service.post({ query: 'query ($first: Int) { search(query: "腊肉", first: $first) { totalCount } }', variables: { first: 'ten' } });
    expect(response.status).toBe(400);
    const result = (await response.json()) as { errors?: Array<{ message: string; extensions?: { code?: string } }> };
    expect(result.errors?.map((error) => [error.extensions?.code, error.message])).toEqual([
      ['BAD_USER_INPUT', 'Variable "$first" got invalid value "ten"; Int cannot represent non-integer value: "ten"'],
    ]);
  });

  it('answers DATABASE_UNAVAILABLE (503), not NOT_FOUND, when the entity lookup of demandMatches fails', async () => {
    const down = faultyDatabase('bolt://127.0.0.1:1');
    const downService = await startTestService(down);
    others.push({ service: downService, database: down });
    const response = await downService.post({ query: 'query ($id: ID!) { demandMatches(demandId: $id) { matches { totalCount } } }', variables: { id: gid('Demand', 'demand:cold') } });
    expect(response.status).toBe(503);
    const body = (await response.json()) as { errors: Array<{ message: string; extensions: { code: string } }> };
    expect(body.errors.map((error) => [error.extensions.code, error.message])).toEqual([['DATABASE_UNAVAILABLE', 'The database is unavailable; try again shortly.']]);
  });

  const REASONS = `query ($id: ID!) { demandMatches(demandId: $id, kinds: [UNIVERSITY]) { matches { nodes {
    candidate { ... on University { name } } reasons { kind topics { name } } } } } }`;

  it('fails a reason whose topics cannot be loaded with the loader error, instead of listing no topics', async () => {
    const flaky = faultyDatabase();
    const flakyService = await startTestService(flaky);
    others.push({ service: flakyService, database: flaky });
    // A first run counts the entity lookups; the last one loads the reasons' topics, after the ranking.
    const healthy = await flakyService.query<{ demandMatches: { matches: { nodes: Array<{ reasons: Array<{ kind: string; topics: Array<{ name: string }> }> }> } } }>(REASONS, {
      id: gid('Demand', 'demand:cold'),
    });
    expect(healthy.errors).toBeUndefined();
    // demand:cold requires 冷链保存 and is for 老腊肉, whose segments require 生猪育种 too; univ:agri holds both.
    expect(healthy.data?.demandMatches.matches.nodes[0]?.reasons.find((reason) => reason.kind === 'TOPIC_OVERLAP')?.topics).toEqual([{ name: '冷链保存' }, { name: '生猪育种' }]);
    const lookups = flaky.entityReads;
    flaky.entityReads = 0;
    flaky.failing = new Set([lookups]);
    // A write drops what the matcher keeps (names, the target's facts…), so the second run reads as the first did.
    await flaky.write('RETURN 1 AS nothing');
    const failed = await flakyService.query(REASONS, { id: gid('Demand', 'demand:cold') });
    expect(failed.errors?.length).toBeGreaterThan(0);
    expect(failed.errors?.map((error) => error.extensions?.code)).toEqual(failed.errors?.map(() => 'DATABASE_UNAVAILABLE'));
    expect(failed.errors?.[0]?.path?.at(-1)).toBe('topics');
  });

  it('keeps a real server failure INTERNAL_SERVER_ERROR, with no Cypher or driver text in the answer', async () => {
    const broken = faultyDatabase();
    broken.fault = 'server';
    broken.failing = new Set([1]);
    const brokenService = await startTestService(broken);
    others.push({ service: brokenService, database: broken });
    const result = await brokenService.query('query ($id: ID!) { node(id: $id) { id } }', { id: gid('Demand', 'demand:cold') });
    expect(result.errors?.map((error) => [error.extensions?.code, error.message])).toEqual([['INTERNAL_SERVER_ERROR', 'Internal server error']]);
    expect(JSON.stringify(result)).not.toMatch(/RETURN|MATCH|Neo4jError|ArithmeticError|\/ by zero|\.ts:\d+/);
  });
});
