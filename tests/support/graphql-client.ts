import { afterAll, beforeAll } from 'vitest';
import { createHttpService, type HttpService, type ServiceOptions } from '../../src/server.js';
import type { Database } from '../../src/neo4j/database.js';
import { createTokenVerifier, mintToken } from '../../src/auth/tokens.js';
import type { Role } from '../../src/auth/roles.js';
import { openTestDatabase, silentLogger } from './database.js';

/** The HS256 secret of test services (never used outside tests). */
export const TEST_JWT_SECRET = 'test-secret-of-the-suite-only-0123456789abcdef';

/** A token of `role` for the test services, for `subject` (default: the role's name). */
export function tokenFor(role: Role, subject: string = `test-${role}`, ttlSeconds = 600): Promise<string> {
  return mintToken(TEST_JWT_SECRET, { role, subject, ttlSeconds });
}

/** Who sends a test request: a role (a token is minted for it), a raw token, or nobody. */
export type Caller = Role | { token: string } | 'anonymous';

export interface GraphQLResult<T> {
  data?: T;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: { code?: string; [key: string]: unknown } }>;
  extensions?: Record<string, unknown>;
}

/** The service's real HTTP stack on a free loopback port, for tests that speak GraphQL over HTTP. */
export interface TestService {
  http: HttpService;
  url: string;
  query<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, caller?: Caller): Promise<GraphQLResult<T>>;
  /** The raw HTTP response of a query, for status codes and headers. */
  post(body: unknown, caller?: Caller): Promise<Response>;
  close(): Promise<void>;
}

async function headersFor(caller: Caller): Promise<Record<string, string>> {
  if (caller === 'anonymous') return {};
  const token = typeof caller === 'string' ? await tokenFor(caller) : caller.token;
  return { authorization: `Bearer ${token}` };
}

export async function startTestService(database: Database, options: ServiceOptions = {}): Promise<TestService> {
  const http = await createHttpService(database, silentLogger, {
    verifyToken: createTokenVerifier({ jwtSecret: TEST_JWT_SECRET, anonymousReads: true }, ''),
    ...options,
  });
  const url = await http.listen(0, '127.0.0.1');
  http.setReady(true);
  await http.health.probe();
  const post = async (body: unknown, caller: Caller = 'anonymous') =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(await headersFor(caller)) }, body: JSON.stringify(body) });
  return {
    http,
    url,
    post,
    query: async <T,>(query: string, variables?: Record<string, unknown>, caller: Caller = 'anonymous') => {
      const response = await post({ query, variables }, caller);
      return (await response.json()) as GraphQLResult<T>;
    },
    close: () => http.close(),
  };
}

/** Opens the test database and the service before a suite's tests and closes both after; read them inside tests. */
export function useTestService(options: ServiceOptions = {}): { readonly database: Database; readonly service: TestService } {
  const suite = {} as { database: Database; service: TestService };
  beforeAll(async () => {
    suite.database = openTestDatabase();
    suite.service = await startTestService(suite.database, options);
  });
  afterAll(async () => {
    await suite.service?.close();
    await suite.database?.close();
  });
  return suite;
}
