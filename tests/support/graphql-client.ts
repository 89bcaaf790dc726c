import { createHttpService, type HttpService } from '../../src/server.js';
import type { Database } from '../../src/neo4j/database.js';
import { silentLogger } from './database.js';

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
