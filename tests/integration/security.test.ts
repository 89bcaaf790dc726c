import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/neo4j/database.js';
import { toGlobalId } from '../../src/graphql/global-id.js';
import { inject } from 'vitest';
import { openTestDatabase } from '../support/database.js';
import { startTestService, tokenFor, useTestService, type TestService } from '../support/graphql-client.js';
import { mintToken } from '../../src/auth/tokens.js';

/** The attack that crashed the server: experts → affiliations → experts …, nested `levels` times. */
function nestedExperts(levels: number, first: number): string {
  let inner = 'name';
  for (let level = 0; level < levels; level += 1) {
    inner = `name affiliations(first: ${first}) { nodes { name experts(first: ${first}) { nodes { ${inner} } } } }`;
  }
  return `{ experts(first: ${first}) { nodes { ${inner} } } }`;
}

function aliases(count: number, field: string): string {
  return `{ ${Array.from({ length: count }, (_, index) => `a${index}: ${field}`).join(' ')} }`;
}

/** A small query answered while an attack is in flight, to prove other clients are not starved. */
async function timeSmallQuery(service: TestService): Promise<number> {
  const started = performance.now();
  const result = await service.query('{ regions(first: 1) { totalCount } }');
  expect(result.errors).toBeUndefined();
  return performance.now() - started;
}

describe('attacks are refused before they reach the database', () => {
  const suite = useTestService();

  it.each([
    ['the 458-byte nested query of depth 22', nestedExperts(5, 100), /depth limit of 12 exceeded, found 2\d/],
    ['nesting to depth 50 with first: 2', nestedExperts(12, 2), /depth limit of 12 exceeded, found \d\d/],
    ['300 aliases of expertSearch', aliases(300, 'expertSearch(need: { text: "腊肉保存" }) { matches { totalCount } }'), /token limit of 2000 exceeded, found 5402/i], // 18 tokens an alias × 300, plus the braces,
    ['100 aliases of expertSearch', aliases(100, 'expertSearch(need: { text: "腊肉保存" }) { matches { totalCount } }'), /aliases limit of 15 exceeded, found 100/i],
    ['1 000 aliases of graphExport', aliases(1000, 'graphExport(format: CSV) { nodeCount }'), /token limit of 2000 exceeded/i],
    ['5 whole-graph exports within the alias limit', aliases(5, 'graphExport(format: CSV) { nodeCount }'), /cost limit of 50000 exceeded, found 60\d\d\d/],
    ['a page of 100 experts with 100 affiliations each, 3 levels deep', nestedExperts(1, 100), /cost limit of 50000 exceeded/],
  ])('%s: 400 naming the limit and the measured value, with no database round trip', async (_name, query, message) => {
    await timeSmallQuery(suite.service);
    let roundTrips = 0;
    const unsubscribe = suite.database.onQuery(() => (roundTrips += 1));
    const rssBefore = process.memoryUsage().rss;
    const started = performance.now();
    const response = await suite.service.post({ query });
    const elapsed = performance.now() - started;
    unsubscribe();
    const [again, smallQueryMs] = await Promise.all([suite.service.post({ query }), timeSmallQuery(suite.service)]);
    expect(again.status).toBe(400);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: Array<{ message: string; extensions: { code: string } }> };
    expect(body.errors[0]?.message).toMatch(message);
    expect(['GRAPHQL_VALIDATION_FAILED', 'QUERY_TOO_COMPLEX', 'GRAPHQL_PARSE_FAILED']).toContain(body.errors[0]?.extensions.code);
    expect(elapsed).toBeLessThan(3_000);
    expect(smallQueryMs).toBeLessThan(2_000);
    expect(roundTrips).toBe(0);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(100 * 1024 * 1024);
  });

  it('costs one document afresh for each set of variables: within the budget, over it, within again', async () => {
    const NESTED = 'query ($first: Int!) { experts(first: $first) { nodes { name affiliations(first: $first) { nodes { name experts(first: $first) { nodes { name } } } } } } }';
    const small = await suite.service.post({ query: NESTED, variables: { first: 2 } });
    expect(small.status).toBe(200);
    // 100 experts × 100 affiliations × 100 experts: about two million, by the estimator's rules.
    const large = await suite.service.post({ query: NESTED, variables: { first: 100 } });
    expect(large.status).toBe(400);
    expect(((await large.json()) as { errors: Array<{ message: string }> }).errors[0]?.message).toMatch(/cost limit of 50000 exceeded, found 20\d\d\d\d\d/);
    const smallAgain = await suite.service.post({ query: NESTED, variables: { first: 2 } });
    expect(smallAgain.status).toBe(200);
    expect(((await smallAgain.json()) as { errors?: unknown }).errors).toBeUndefined();
  });

  it('refuses 14 000 aliases of a counted list by its size alone (413), before parsing', async () => {
    const response = await suite.service.post({ query: aliases(14000, 'experts { totalCount }') });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ errors: [{ extensions: { code: 'PAYLOAD_TOO_LARGE' } }] });
  });

  it('answers errors outside GraphQL in JSON with a code and no stack or path', async () => {
    const cases: Array<[RequestInit, number, string]> = [
      [{ method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": "{ regions { totalCount } "' }, 400, 'BAD_REQUEST'],
      [{ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: `{ regions { totalCount } } #${'x'.repeat(300_000)}` }) }, 413, 'PAYLOAD_TOO_LARGE'],
      [{ method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{ regions { totalCount } }' }, 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ];
    for (const [init, status, code] of cases) {
      const response = await fetch(suite.service.url, init);
      expect(response.status).toBe(status);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      const text = await response.text();
      expect(JSON.parse(text)).toEqual({ errors: [{ message: expect.any(String), extensions: { code } }] });
      expect(text).not.toMatch(/node_modules|\/src\/|at [A-Za-z.]+ \(/);
    }
    const unknown = await fetch(suite.service.url.replace('/graphql', '/nowhere'));
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ errors: [{ extensions: { code: 'NOT_FOUND' } }] });
  });
});

describe('who may write', () => {
  const suite = useTestService();
  const university = toGlobalId('University', 'univ:swu');

  async function universityState(): Promise<unknown> {
    const [row] = await suite.database.read('MATCH (u:University {id: "univ:swu"}) RETURN u.name AS name, COUNT { (u)--() } AS links');
    return row;
  }

  it('refuses anonymous and under-privileged writes with 401/403, writing nothing', async () => {
    const before = await universityState();
    const DELETE = 'mutation ($id: ID!) { organizationDelete(input: { id: $id, cascade: true }) { deletedId } }';
    const anonymous = await suite.service.post({ query: DELETE, variables: { id: university } });
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]?.extensions.code).toBe('UNAUTHENTICATED');
    const asViewer = await suite.service.post({ query: DELETE, variables: { id: university } }, 'viewer');
    expect(asViewer.status).toBe(403);
    const asEditor = await suite.service.query(DELETE, { id: university }, 'editor');
    expect(asEditor.errors?.[0]).toMatchObject({ message: 'organizationDelete needs the admin role; your token has editor.', extensions: { code: 'FORBIDDEN' } });
    const rename = await suite.service.post({
      query: 'mutation ($id: ID!) { expertUpdate(input: { id: $id, name: "改名", talentCard: A_CARD }) { expert { name } } }',
      variables: { id: toGlobalId('Expert', 'expert:zhang-jianguo') },
    });
    expect(rename.status).toBe(401);
    // A mutation hidden behind a fragment on the root is checked the same way.
    const hidden = await suite.service.post({ query: `mutation { ...M } fragment M on Mutation { organizationDelete(input: { id: "${university}" }) { deletedId } }` }, 'viewer');
    expect(hidden.status).toBe(403);
    expect(await universityState()).toEqual(before);
  });

  it('refuses forged, expired and role-less tokens with 401', async () => {
    const forged = await mintToken('another-secret-that-is-long-enough-0123456789', { role: 'admin', subject: 'mallory', ttlSeconds: 600 });
    const expired = await mintToken('test-secret-of-the-suite-only-0123456789abcdef', { role: 'admin', subject: 'late', ttlSeconds: -10 });
    for (const token of [forged, expired, 'not-a-jwt']) {
      const response = await suite.service.post({ query: '{ regions(first: 1) { totalCount } }' }, { token });
      expect(response.status).toBe(401);
      expect(((await response.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]?.extensions.code).toBe('UNAUTHENTICATED');
    }
  });

  it('shows experts\' personal data to editors only, with the reason in extensions for others', async () => {
    const created = await suite.service.query<{ expertCreate: { expert: { id: string } } }>(
      'mutation { expertCreate(input: { name: "隐私示例", title: "工程师", phone: "+86 139 0000 0000", email: "privacy@example.cn", source: "test" }) { expert { id } userErrors { message } } }',
      {},
      'editor',
    );
    const id = created.data!.expertCreate.expert.id;
    try {
      const QUERY = 'query ($id: ID!) { node(id: $id) { ... on Expert { name phone email } } }';
      const asViewer = await suite.service.query<{ node: { phone: string | null; email: string | null } }>(QUERY, { id }, 'viewer');
      expect(asViewer.data?.node).toEqual({ name: '隐私示例', phone: null, email: null });
      expect(asViewer.extensions).toEqual({
        personalData: { reason: expect.stringContaining('Personal Information Protection Law'), redacted: [['node', 'phone'], ['node', 'email']] },
      });
      const anonymous = await suite.service.query<{ node: { phone: string | null } }>(QUERY, { id });
      expect(anonymous.data?.node.phone).toBeNull();
      const asEditor = await suite.service.query<{ node: { phone: string; email: string } }>(QUERY, { id }, 'editor');
      expect(asEditor.data?.node).toEqual({ name: '隐私示例', phone: '+86 139 0000 0000', email: 'privacy@example.cn' });
      expect(asEditor.extensions).toBeUndefined();
    } finally {
      await suite.service.query('mutation ($id: ID!) { expertDelete(input: { id: $id }) { deletedId } }', { id }, 'admin');
    }
  });

  it('refuses URLs that are not http(s) and contact details that are not', async () => {
    const result = await suite.service.query<{ organizationCreate: { organization: null; userErrors: Array<{ field: string[]; code: string }> } }>(
      'mutation { organizationCreate(input: { kind: UNIVERSITY, name: "脚本大学", website: "javascript:alert(1)", source: "test" }) { organization { id } userErrors { field code message } } }',
      {},
      'editor',
    );
    expect(result.data?.organizationCreate).toMatchObject({ organization: null, userErrors: [{ field: ['input', 'website'], code: 'INVALID_INPUT' }] });
    const expert = await suite.service.query<{ expertCreate: { userErrors: Array<{ field: string[] }> } }>(
      'mutation { expertCreate(input: { name: "坏邮箱", title: "工程师", email: "not-an-email", phone: "call me", source: "test" }) { expert { id } userErrors { field code } } }',
      {},
      'editor',
    );
    expect(expert.data?.expertCreate.userErrors.map((error) => error.field)).toEqual([
      ['input', 'phone'],
      ['input', 'email'],
    ]);
  });
});

describe('switches and start-up states', () => {
  let database: Database;
  beforeAll(() => {
    database = openTestDatabase();
  });
  afterAll(async () => {
    await database.close();
  });

  it('turns introspection and field suggestions off when configured', async () => {
    const service = await startTestService(database, {
      limits: { introspection: false, suggestions: false, maxDepth: 12, maxAliases: 15, maxTokens: 2000, maxDirectives: 20, maxCost: 50_000 },
    });
    try {
      const introspection = await service.query('{ __schema { types { name } } }');
      expect(introspection.errors?.[0]?.message).toMatch(/introspection is not allowed/i);
      const typo = await service.query('{ expertz { totalCount } }');
      expect(typo.errors?.[0]?.message).toBe('Cannot query field "expertz" on type "Query".');
    } finally {
      await service.close();
    }
    const open = await startTestService(database);
    try {
      const typo = await open.query('{ expertz { totalCount } }');
      expect(typo.errors?.[0]?.message).toMatch(/Did you mean "experts"/);
    } finally {
      await open.close();
    }
  });

  it('answers 503 NOT_READY and accepts no write until migrations and seeding are done', async () => {
    const service = await startTestService(database);
    service.http.setReady(false);
    try {
      const response = await service.post({ query: 'mutation { organizationCreate(input: { kind: UNIVERSITY, name: "抢先大学", source: "test" }) { organization { id } } }' }, 'admin');
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ errors: [{ message: expect.stringMatching(/starting/), extensions: { code: 'NOT_READY' } }] });
      const [row] = await database.read('MATCH (u:University {name: "抢先大学"}) RETURN count(u) AS count');
      expect(row?.count).toBe(0);
    } finally {
      await service.close();
    }
  });

  it('reports an exhausted connection pool as SERVICE_OVERLOADED (503) while readiness stays true', async () => {
    const tiny = openDatabase(inject('neo4j'), { transactionTimeoutMs: 10_000, acquisitionTimeoutMs: 1, connectionTimeoutMs: 2_000, maxPoolSize: 1 });
    const service = await startTestService(tiny);
    try {
      const need = '{ expertSearch(need: { text: "老腊肉 冷链 保存 烟熏 工艺" }, first: 10) { matches { totalCount } } }';
      const responses = await Promise.all(Array.from({ length: 12 }, () => service.post({ query: need })));
      const statuses = responses.map((response) => response.status);
      expect(statuses, await responses[0]!.clone().text()).toContain(503);
      const overloaded = responses.find((response) => response.status === 503)!;
      expect(overloaded.headers.get('retry-after')).toBe('1');
      const body = (await overloaded.json()) as { errors: Array<{ extensions: { code: string } }> };
      expect(body.errors.map((error) => error.extensions.code)).toContain('SERVICE_OVERLOADED');
      expect(body.errors.map((error) => error.extensions.code)).not.toContain('DATABASE_UNAVAILABLE');
      const ready = await fetch(service.url.replace('/graphql', '/readyz'));
      expect(ready.status).toBe(200);
    } finally {
      await service.close();
      await tiny.close();
    }
  });

  it('runs at most the admitted number of requests at once, queues a few more in order, and refuses the rest with 503', async () => {
    const service = await startTestService(database, { admission: { maxConcurrent: 1, maxQueued: 2, maxWaitMs: 20_000, maxHeapFraction: 0.8 } });
    try {
      const query = '{ expertSearch(need: { text: "老腊肉 冷链 保存" }, first: 10) { matches { totalCount } } }';
      const responses = await Promise.all(Array.from({ length: 8 }, () => service.post({ query })));
      const statuses = responses.map((response) => response.status).sort();
      // One runs, two wait their turn, five find the queue full: never a pool or database error.
      expect(statuses).toEqual([200, 200, 200, 503, 503, 503, 503, 503]);
      const refused = (await responses.find((response) => response.status === 503)!.json()) as { errors: Array<{ message: string; extensions: { code: string } }> };
      expect(refused.errors[0]).toEqual({ message: 'The service is overloaded (queue full); try again shortly.', extensions: { code: 'SERVICE_OVERLOADED' } });
    } finally {
      await service.close();
    }
  });

  it('mints tokens that the service accepts, with the subject recorded', async () => {
    const service = await startTestService(database);
    try {
      const token = await tokenFor('viewer', 'reader-1');
      const response = await service.post({ query: '{ regions(first: 1) { totalCount } }' }, { token });
      expect(response.status).toBe(200);
    } finally {
      await service.close();
    }
  });
});
