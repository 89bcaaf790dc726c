import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteByPrefix, openTestDatabase, uniquePrefix } from '../support/database.js';
import { startTestService, type TestService } from '../support/graphql-client.js';
import { loadMiniCounty } from '../support/fixtures.js';
import { toGlobalId } from '../../src/graphql/global-id.js';
import type { Database } from '../../src/neo4j/database.js';

/** The Date scalar over HTTP: variables and literals, calendar-checked, refused as BAD_USER_INPUT naming the field. */
describe('the Date scalar', () => {
  let database: Database;
  let service: TestService;
  const prefix = uniquePrefix();
  const demand = () => toGlobalId('Demand', `${prefix}:demand:cold`);
  const UPDATE = `mutation ($input: DemandUpdateInput!) { demandUpdate(input: $input) { demand { deadline } userErrors { field code } } }`;

  beforeAll(async () => {
    database = openTestDatabase();
    service = await startTestService(database);
    await loadMiniCounty(database, prefix);
  });
  afterAll(async () => {
    await deleteByPrefix(database, prefix);
    await service.close();
    await database.close();
  });

  const storedDeadline = async () => (await database.read('MATCH (d:Demand {id: $id}) RETURN d.deadline AS deadline', { id: `${prefix}:demand:cold` }))[0]?.deadline;

  it('accepts a leap day in a variable and stores it', async () => {
    const result = await service.query<{ demandUpdate: { demand: { deadline: string } } }>(UPDATE, { input: { id: demand(), deadline: '2024-02-29' } }, 'editor');
    expect(result.errors).toBeUndefined();
    expect(result.data?.demandUpdate.demand.deadline).toBe('2024-02-29');
    expect(await storedDeadline()).toBe('2024-02-29');
  });

  it('refuses 2026-02-30 in a variable as BAD_USER_INPUT naming input.deadline, and stores nothing', async () => {
    const before = await storedDeadline();
    const response = await service.post({ query: UPDATE, variables: { input: { id: demand(), deadline: '2026-02-30' } } }, 'editor');
    expect(response.status).toBe(400);
    const result = (await response.json()) as { data?: unknown; errors?: Array<{ message: string; extensions?: { code?: string } }> };
    expect(result.data).toBeUndefined();
    expect(result.errors).toHaveLength(1);
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toContain('"input.deadline"');
    expect(result.errors?.[0]?.message).toContain('"2026-02-30" is not a real calendar date');
    expect(await storedDeadline()).toBe(before);
  });

  it.each([
    ['2026-3-1', 'written YYYY-MM-DD'],
    ['2026/03/01', 'written YYYY-MM-DD'],
    ['2026-03-01T00:00:00Z', 'written YYYY-MM-DD'],
    ['2026-13-01', 'not a real calendar date'],
    ['2025-02-29', 'not a real calendar date'],
    [20260301, 'a string YYYY-MM-DD'],
  ])('refuses %j in a variable (%s)', async (value, why) => {
    const result = await service.query(UPDATE, { input: { id: demand(), deadline: value } }, 'editor');
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toContain(why);
  });

  it('checks literals the same way: 2026-02-30 and a number are refused as BAD_USER_INPUT, 2024-02-29 is accepted', async () => {
    const literal = (value: string) => `mutation { demandUpdate(input: { id: "${demand()}", deadline: ${value} }) { demand { deadline } } }`;
    const refused = await service.query(literal('"2026-02-30"'), undefined, 'editor');
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(refused.errors?.[0]?.message).toContain('"2026-02-30" is not a real calendar date');
    const number = await service.query(literal('20260301'), undefined, 'editor');
    expect(number.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(number.errors?.[0]?.message).toContain('received 20260301');
    const accepted = await service.query<{ demandUpdate: { demand: { deadline: string } } }>(literal('"2024-02-29"'), undefined, 'editor');
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data?.demandUpdate.demand.deadline).toBe('2024-02-29');
  });

  it('refuses to serialise a stored value that is not a calendar date, as an error on that field', async () => {
    await database.write('MATCH (d:Demand {id: $id}) SET d.deadline = "2026-02-30"', { id: `${prefix}:demand:cold` });
    const result = await service.query<{ node: { deadline: string | null } }>(`query ($id: ID!) { node(id: $id) { ... on Demand { deadline } } }`, { id: demand() });
    expect(result.data?.node).toEqual({ deadline: null });
    expect(result.errors?.map((error) => [error.path, error.extensions?.code, error.message])).toEqual([[['node', 'deadline'], 'INTERNAL_SERVER_ERROR', 'Internal server error']]);
  });
});
