import { afterAll, beforeAll } from 'vitest';
import { createHttpService, type HttpService } from '../../src/server.js';
import type { Database } from '../../src/neo4j/database.js';
import { openTestDatabase, silentLogger } from './database.js';

/** The service's real HTTP stack on a free loopback port, for tests that speak GraphQL over HTTP. */
export interface TestService {
  http: HttpService;
  url: string;
  query<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<{ data?: T; errors?: Array<{ message: string; extensions?: { code?: string } }> }>;
  close(): Promise<void>;
}

export async function startTestService(database: Database): Promise<TestService> {
  const http = await createHttpService(database, silentLogger);
  const url = await http.listen(0, '127.0.0.1');
  http.setReady(true);
  return {
    http,
    url,
    query: async (query, variables) => {
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
      return (await response.json()) as never;
    },
    close: () => http.close(),
  };
}

/** Opens the test database and the service before a suite's tests and closes both after; read them inside tests. */
export function useTestService(): { readonly database: Database; readonly service: TestService } {
  const suite = {} as { database: Database; service: TestService };
  beforeAll(async () => {
    suite.database = openTestDatabase();
    suite.service = await startTestService(suite.database);
  });
  afterAll(async () => {
    await suite.service?.close();
    await suite.database?.close();
  });
  return suite;
}
