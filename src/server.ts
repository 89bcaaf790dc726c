import http from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import type { Database } from './neo4j/database.js';
import { DatabaseUnavailableError } from './neo4j/errors.js';
import { createContext, type GraphQLContext } from './graphql/context.js';
import { ErrorCode } from './graphql/errors.js';
import { loadTypeDefs } from './graphql/schema.js';
import { resolvers } from './modules/index.js';
import { mountExplorer } from './http/explorer.js';

/** The HTTP service: GraphQL at /graphql, liveness at /healthz, readiness at /readyz. */
export interface HttpService {
  server: http.Server;
  apollo: ApolloServer<GraphQLContext>;
  /** Marks the service ready (after migrations and seeding) or not. */
  setReady(ready: boolean): void;
  listen(port: number, host: string): Promise<string>;
  close(): Promise<void>;
}

const DATABASE_PROBE_TIMEOUT_MS = 2_000;

async function databaseAnswers(database: Database): Promise<boolean> {
  const probe = database.read('RETURN 1 AS ok').then(() => true, () => false);
  const timeout = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), DATABASE_PROBE_TIMEOUT_MS).unref());
  return Promise.race([probe, timeout]);
}

/** Whether a value is a GraphQL error, by shape: the graphql package may be loaded twice (ESM and CommonJS). */
function isGraphQLError(value: unknown): value is GraphQLError {
  return value instanceof GraphQLError || (value instanceof Error && value.name === 'GraphQLError');
}

/** Hides internals from clients: unexpected errors become a generic INTERNAL_SERVER_ERROR, logged in full. */
function formatError(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = isGraphQLError(error) ? (error.originalError ?? error) : error;
    if (original instanceof DatabaseUnavailableError) {
      return { message: 'The database is unavailable; try again shortly.', path: formatted.path, extensions: { code: ErrorCode.DATABASE_UNAVAILABLE } };
    }
    if (isGraphQLError(original) || formatted.extensions?.code !== ErrorCode.INTERNAL_SERVER_ERROR) return formatted;
    logger.error({ err: original, path: formatted.path }, 'unexpected error in a resolver');
    return { message: 'Internal server error', path: formatted.path, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
  };
}

/** Builds (but does not start) the HTTP service over `database`. */
export async function createHttpService(database: Database, logger: Logger): Promise<HttpService> {
  const app = express();
  const server = http.createServer(app);
  let ready = false;
  const apollo = new ApolloServer<GraphQLContext>({
    typeDefs: loadTypeDefs(),
    resolvers,
    introspection: true,
    includeStacktraceInErrorResponses: false,
    formatError: formatError(logger),
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer: server }), ApolloServerPluginLandingPageDisabled()],
  });
  await apollo.start();

  app.disable('x-powered-by');
  mountExplorer(app);
  app.get('/healthz', async (_request, response) => {
    const databaseUp = await databaseAnswers(database);
    response.json({ status: 'ok', database: databaseUp ? 'up' : 'down', ready: ready && databaseUp });
  });
  app.get('/readyz', async (_request, response) => {
    const databaseUp = await databaseAnswers(database);
    const isReady = ready && databaseUp;
    response.status(isReady ? 200 : 503).json({ ready: isReady, database: databaseUp ? 'up' : 'down', migrated: ready });
  });
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, { context: async () => createContext(database, logger) }),
  );

  return {
    server,
    apollo,
    setReady: (value) => {
      ready = value;
    },
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          const address = server.address();
          const actualPort = typeof address === 'object' && address ? address.port : port;
          resolve(`http://${host === '0.0.0.0' ? 'localhost' : host}:${actualPort}/graphql`);
        });
      }),
    close: async () => {
      await apollo.stop();
      if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
