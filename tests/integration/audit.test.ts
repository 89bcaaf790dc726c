import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { deleteByPrefix, openTestDatabase, uniquePrefix } from '../support/database.js';
import { startTestService, tokenFor, type Caller, type TestService } from '../support/graphql-client.js';
import { loadMiniCounty } from '../support/fixtures.js';
import { toGlobalId } from '../../src/graphql/global-id.js';
import type { Database } from '../../src/neo4j/database.js';

type UserError = { field: string[]; message: string; code: string };

/**
 * Deletes, cascades, the audit log and restore, on a private copy of the mini county (tests/fixtures/mini-county).
 * Expected figures are read off the fixture by hand: 示例农业大学 (univ:agri) has one link of each of AFFILIATED_WITH
 * (王示例), COOPERATES_WITH (老腊肉 enterprise), FOCUSES_ON, LEADS, LOCATED_IN and OWNS (the patent 一种腊肉低盐熏制方法,
 * its only owner).
 */
describe('deletes, the audit log and restore', () => {
  let database: Database;
  let service: TestService;
  let prefix = uniquePrefix();
  const gid = (kind: Parameters<typeof toGlobalId>[0], id: string) => toGlobalId(kind, `${prefix}:${id}`);

  async function call<T>(query: string, variables: Record<string, unknown>, caller: Caller): Promise<T> {
    const result = await service.query<Record<string, T>>(query, variables, caller);
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    return Object.values(result.data ?? {})[0] as T;
  }

  /** Every relationship of a record, as type, direction, other end and properties, in a stable order. */
  async function relationshipsOf(id: string): Promise<unknown[]> {
    const rows = await database.read(
      `MATCH (n:Entity {id: $id})-[r]-(m) RETURN type(r) AS type, startNode(r) = n AS outgoing, m.id AS other, properties(r) AS properties ORDER BY type, other`,
      { id },
    );
    return rows;
  }

  async function countOwned(): Promise<{ nodes: number; relationships: number }> {
    const [row] = await database.read(
      `MATCH (n:Entity) WHERE n.id STARTS WITH $prefix OPTIONAL MATCH (n)-[r]->() RETURN count(DISTINCT n) AS nodes, count(r) AS relationships`,
      { prefix: `${prefix}:` },
    );
    return { nodes: Number(row?.nodes), relationships: Number(row?.relationships) };
  }

  beforeAll(async () => {
    database = openTestDatabase();
    service = await startTestService(database);
  });
  beforeEach(async () => {
    prefix = uniquePrefix();
    await loadMiniCounty(database, prefix);
  });
  afterEach(async () => {
    await deleteByPrefix(database, prefix);
    await database.write('MATCH (c:Change) WHERE c.entityId STARTS WITH $prefix DETACH DELETE c', { prefix: `${prefix}:` });
  });
  afterAll(async () => {
    await service.close();
    await database.close();
  });

  const DELETE = `mutation ($input: OrganizationDeleteInput!) { organizationDelete(input: $input) {
    deletedId detached { type count } adjusted change { id action actor role operation } userErrors { field message code } } }`;

  it('refuses a cascade that would leave a patent without owner, and writes nothing', async () => {
    const before = await countOwned();
    const refused = await call<{ deletedId: null; detached: unknown[]; userErrors: UserError[] }>(DELETE, { input: { id: gid('University', 'univ:agri'), cascade: true } }, 'admin');
    expect(refused.deletedId).toBeNull();
    expect(refused.detached).toEqual([]);
    expect(refused.userErrors).toHaveLength(1);
    expect(refused.userErrors[0]).toMatchObject({ code: 'WOULD_ORPHAN', field: ['input', 'id'] });
    expect(refused.userErrors[0]?.message).toContain('一种腊肉低盐熏制方法');
    expect(await countOwned()).toEqual(before);
  });

  it('cascades, says what it detached and reopened, logs it, and restore brings back the record and every relationship', async () => {
    // A second owner for the patent, so that the cascade is allowed; and a demand taken only by the university.
    await database.write(
      `MATCH (e:Entity {id: $herb}), (p:Entity {id: $patent}) CREATE (e)-[:OWNS {source: 'test'}]->(p)`,
      { herb: `${prefix}:ent:herb`, patent: `${prefix}:patent:smoke` },
    );
    const taken = await call<{ userErrors: UserError[] }>(
      `mutation ($input: DemandUpdateInput!) { demandUpdate(input: $input) { userErrors { field message code } } }`,
      { input: { id: gid('Demand', 'demand:cold'), status: 'MATCHED', takenBy: [{ taker: gid('University', 'univ:agri'), since: '2026-03-01' }] } },
      'editor',
    );
    expect(taken.userErrors).toEqual([]);
    const relationshipsBefore = await relationshipsOf(`${prefix}:univ:agri`);
    expect(relationshipsBefore).toHaveLength(7);

    const deleted = await call<{
      deletedId: string;
      detached: Array<{ type: string; count: number }>;
      adjusted: string[];
      change: { id: string; action: string; actor: string; role: string; operation: string };
      userErrors: UserError[];
    }>(DELETE, { input: { id: gid('University', 'univ:agri'), cascade: true } }, 'admin');
    expect(deleted.userErrors).toEqual([]);
    expect(deleted.detached).toEqual([
      { type: 'AFFILIATED_WITH', count: 1 },
      { type: 'COOPERATES_WITH', count: 1 },
      { type: 'FOCUSES_ON', count: 1 },
      { type: 'LEADS', count: 1 },
      { type: 'LOCATED_IN', count: 1 },
      { type: 'OWNS', count: 1 },
      { type: 'TAKEN_BY', count: 1 },
    ]);
    expect(deleted.adjusted).toEqual([`${prefix}:demand:cold: status MATCHED → OPEN (its only taker was deleted)`]);
    expect(deleted.change).toMatchObject({ action: 'DELETE', actor: 'test-admin', role: 'ADMIN', operation: 'organizationDelete' });
    const [demand] = await database.read('MATCH (d:Demand {id: $id}) RETURN d.status AS status', { id: `${prefix}:demand:cold` });
    expect(demand?.status).toBe('OPEN');

    const CHANGES = `query ($filter: ChangeFilter) { changes(filter: $filter) { totalCount nodes { id action actor entityName detached before after } } }`;
    const log = await call<{ totalCount: number; nodes: Array<{ id: string; action: string; actor: string; entityName: string; detached: string; before: string; after: string | null }> }>(
      CHANGES,
      { filter: { entity: gid('University', 'univ:agri') } },
      'admin',
    );
    expect(log.totalCount).toBe(1);
    expect(log.nodes[0]).toMatchObject({ id: deleted.change.id, action: 'DELETE', actor: 'test-admin', entityName: '示例农业大学', after: null });
    expect(JSON.parse(log.nodes[0]!.detached)).toEqual({ AFFILIATED_WITH: 1, COOPERATES_WITH: 1, FOCUSES_ON: 1, LEADS: 1, LOCATED_IN: 1, OWNS: 1, TAKEN_BY: 1 });
    expect(JSON.parse(log.nodes[0]!.before)).toMatchObject({ kind: 'University', properties: { name: '示例农业大学', aliases: ['示农大'] } });

    const restored = await call<{ change: { action: string }; entity: { name: string } | null; userErrors: UserError[] }>(
      `mutation ($input: RestoreInput!) { restore(input: $input) { change { action } entity { ... on University { name } } userErrors { field message code } } }`,
      { input: { change: deleted.change.id } },
      'admin',
    );
    expect(restored).toEqual({ change: { action: 'RESTORE' }, entity: { name: '示例农业大学' }, userErrors: [] });
    expect(await relationshipsOf(`${prefix}:univ:agri`)).toEqual(relationshipsBefore);
    const [reopened] = await database.read('MATCH (d:Demand {id: $id}) RETURN d.status AS status', { id: `${prefix}:demand:cold` });
    expect(reopened?.status).toBe('MATCHED');

    const again = await call<{ userErrors: UserError[] }>(
      `mutation ($input: RestoreInput!) { restore(input: $input) { userErrors { field message code } } }`,
      { input: { change: deleted.change.id } },
      'admin',
    );
    expect(again.userErrors[0]?.code).toBe('CANNOT_RESTORE');
  });

  it('records an update with the record before and after, and restore puts the fields and links back', async () => {
    const updated = await call<{ userErrors: UserError[] }>(
      `mutation ($input: OrganizationUpdateInput!) { organizationUpdate(input: $input) { userErrors { field message code } } }`,
      { input: { id: gid('Enterprise', 'ent:herb'), employees: 41, description: null, topics: [] } },
      { token: await tokenFor('editor', `alice-${prefix}`) },
    );
    expect(updated.userErrors).toEqual([]);
    const log = await call<{ nodes: Array<{ id: string; action: string; role: string; before: string; after: string }> }>(
      `query ($actor: String) { changes(filter: { actor: $actor }) { nodes { id action role before after } } }`,
      { actor: `alice-${prefix}` },
      'admin',
    );
    expect(log.nodes.map((node) => [node.action, node.role])).toEqual([['UPDATE', 'EDITOR']]);
    const before = JSON.parse(log.nodes[0]!.before) as { properties: Record<string, unknown> };
    const after = JSON.parse(log.nodes[0]!.after) as { properties: Record<string, unknown> };
    expect([before.properties.employees, before.properties.description]).toEqual([40, '中药材提取物加工']);
    expect([after.properties.employees, after.properties.description]).toEqual([41, undefined]);

    await call(`mutation ($input: RestoreInput!) { restore(input: $input) { userErrors { code } } }`, { input: { change: log.nodes[0]!.id } }, 'admin');
    const [row] = await database.read('MATCH (e:Enterprise {id: $id}) RETURN e.employees AS employees, e.description AS description', { id: `${prefix}:ent:herb` });
    expect(row).toEqual({ employees: 40, description: '中药材提取物加工' });
  });

  it('merges concurrent updates of one record field by field: none is lost', async () => {
    const UPDATE = `mutation ($input: OrganizationUpdateInput!) { organizationUpdate(input: $input) { userErrors { code } } }`;
    const rounds = Array.from({ length: 8 }, (_, round) => round);
    for (const round of rounds) {
      await Promise.all([
        call(UPDATE, { input: { id: gid('Enterprise', 'ent:herb'), employees: 100 + round } }, 'editor'),
        call(UPDATE, { input: { id: gid('Enterprise', 'ent:herb'), description: `第${round}轮` } }, 'editor'),
        call(UPDATE, { input: { id: gid('Enterprise', 'ent:herb'), rdSpending: 500 + round } }, 'editor'),
      ]);
      const [row] = await database.read('MATCH (e:Enterprise {id: $id}) RETURN e.employees AS employees, e.description AS description, e.rdSpending AS rd', {
        id: `${prefix}:ent:herb`,
      });
      expect(row).toEqual({ employees: 100 + round, description: `第${round}轮`, rd: 500 + round });
    }
  });

  it('lets only admins read the log and restore', async () => {
    const CHANGES = '{ changes { totalCount } }';
    const asEditor = await service.query(CHANGES, {}, 'editor');
    expect(asEditor.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const asNobody = await service.query(CHANGES, {}, 'anonymous');
    expect(asNobody.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const restore = await service.query('mutation { restore(input: { change: "x" }) { userErrors { code } } }', {}, 'editor');
    expect(restore.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
