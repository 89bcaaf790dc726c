import http from 'node:http';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import type { GraphQLLimits } from './config.js';
import { Clock } from './clock.js';
import { CHAIN_RULES, checkedChainRules, type ChainRules } from './modules/chain/chain.config.js';
import type { Database } from './neo4j/database.js';
import { DatabaseRejectedInputError, DatabaseUnavailableError, QueryTimeoutError, ServiceOverloadedError } from './neo4j/errors.js';
import { DatabaseHealth, DEFAULT_HEALTH_SETTINGS, type HealthSettings } from './neo4j/health.js';
import { createContext, type GraphQLContext } from './graphql/context.js';
import { ErrorCode } from './graphql/errors.js';
import { loadTypeDefs } from './graphql/schema.js';
import { DEFAULT_LIMITS, queryLimits, tokenLimitError } from './graphql/limits.js';
import { authorizationPlugin, protectPersonalFields } from './graphql/authorization.js';
import { admissionControl, type AdmissionSettings } from './graphql/admission.js';
import { learnRelationFields } from './graphql/prefetch.js';
import { directAnswerPlugin } from './graphql/direct.js';
import { InvalidTokenError, type TokenVerifier } from './auth/tokens.js';
import { resolvers } from './modules/index.js';
import { mountExplorer } from './http/explorer.js';

/** The HTTP service: GraphQL at /graphql, liveness at /healthz, readiness at /readyz. */
export interface HttpService {
  server: http.Server;
  apollo: ApolloServer<GraphQLContext>;
  /** The database's health as probed by the service's own small driver. */
  health: DatabaseHealth;
  /** Marks the service ready (after migrations and seeding) or not; until ready, /graphql answers 503 NOT_READY. */
  setReady(ready: boolean): void;
  listen(port: number, host: string): Promise<string>;
  /** Stops taking requests, lets those in flight finish (up to `graceMs`), then closes. */
  close(graceMs?: number): Promise<void>;
}

/** How the service checks callers and bounds requests; every field has a safe default. */
export interface ServiceOptions {
  /** Verifies bearer tokens; without one, every token is refused and requests are anonymous. */
  verifyToken?: TokenVerifier;
  /** Whether requests without a token may read (default true: the local default). */
  anonymousReads?: boolean;
  limits?: GraphQLLimits;
  /** The largest JSON body accepted, e.g. `256kb`. */
  bodyLimit?: string;
  health?: HealthSettings;
  /** The clock of every request: the system's, in the county's time zone (tests pass a fixed one). */
  clock?: Clock;
  /** The rules industry chains are judged by (default CHAIN_RULES); checked when the service is built. */
  chainRules?: ChainRules;
  /** How many GraphQL requests run at once, and how many may wait (then 503 SERVICE_OVERLOADED). */
  admission?: AdmissionSettings;
  /** Whether queries that allow it are answered directly from their one read (default true; see graphql/direct.ts). */
  directAnswers?: boolean;
}

/**
 * Whether a value is a GraphQL error, by shape: the graphql package may be loaded twice (ESM and CommonJS), and
 * Apollo's subclasses (ValidationError, UserInputError…) carry their own names.
 */
function isGraphQLError(value: unknown): value is GraphQLError {
  return value instanceof GraphQLError || (value instanceof Error && 'extensions' in value && 'originalError' in value && 'locations' in value);
}

/** The errors an error wraps, itself first (graphql wraps a scalar's error once or twice, depending on the realm). */
function* causesOf(error: unknown): Generator<unknown> {
  for (let cause = error, depth = 0; cause !== undefined && cause !== null && depth < 5; depth += 1) {
    yield cause;
    cause = isGraphQLError(cause) ? cause.originalError : undefined;
  }
}

/**
 * Whether an error says a value of the request does not fit its type: a custom scalar refused it, or a variable
 * could not be coerced. Apollo tags the latter BAD_USER_INPUT only when the graphql realm is its own, so both are
 * recognised here by shape.
 */
function isInputCoercionError(error: unknown): boolean {
  for (const cause of causesOf(error)) {
    if (cause instanceof Error && cause.name === 'InvalidScalarValueError') return true;
    if (isGraphQLError(cause) && cause.nodes?.length === 1 && cause.nodes[0]?.kind === 'VariableDefinition' && cause.message.startsWith('Variable "$')) return true;
  }
  return false;
}

/** The public code and message of an error the resolvers did not expect to be the caller's fault; null for others. */
function operationalError(original: unknown): { code: string; message: string } | null {
  if (original instanceof DatabaseUnavailableError) return { code: ErrorCode.DATABASE_UNAVAILABLE, message: 'The database is unavailable; try again shortly.' };
  if (original instanceof ServiceOverloadedError) return { code: ErrorCode.SERVICE_OVERLOADED, message: 'The service is overloaded; try again shortly.' };
  if (original instanceof QueryTimeoutError) return { code: ErrorCode.QUERY_TIMEOUT, message: 'The query took longer than the configured transaction timeout; ask for less.' };
  if (original instanceof DatabaseRejectedInputError) return { code: ErrorCode.BAD_USER_INPUT, message: original.publicMessage };
  return null;
}

/** Hides internals from clients: unexpected errors become a generic INTERNAL_SERVER_ERROR, logged in full. */
function formatError(logger: Logger, health: DatabaseHealth) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = isGraphQLError(error) ? (error.originalError ?? error) : error;
    if (isInputCoercionError(error)) return { ...formatted, extensions: { ...formatted.extensions, code: ErrorCode.BAD_USER_INPUT } };
    const operational = operationalError(original);
    if (operational) {
      if (operational.code === ErrorCode.DATABASE_UNAVAILABLE) void health.probe();
      return { message: operational.message, path: formatted.path, extensions: { code: operational.code } };
    }
    if (isGraphQLError(original) || formatted.extensions?.code !== ErrorCode.INTERNAL_SERVER_ERROR) return formatted;
    logger.error({ err: original, path: formatted.path }, 'unexpected error in a resolver');
    return { message: 'Internal server error', path: formatted.path, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
  };
}

const UNAVAILABLE_CODES = new Set<unknown>([ErrorCode.DATABASE_UNAVAILABLE, ErrorCode.SERVICE_OVERLOADED]);

/** Answers 503 with Retry-After when the database was unavailable or the pool was exhausted, not 200. */
const unavailableStatusPlugin: ApolloServerPlugin<GraphQLContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        if (response.body.kind !== 'single') return;
        if (response.body.singleResult.errors?.some((error) => UNAVAILABLE_CODES.has(error.extensions?.code))) {
          response.http.status = 503;
          response.http.headers.set('retry-after', '1');
        }
      },
    };
  },
};

/** A JSON error outside GraphQL execution, in the GraphQL response shape. */
function jsonError(status: number, code: string, message: string) {
  return { status, body: { errors: [{ message, extensions: { code } }] } };
}

/** Errors of the HTTP layer (bad JSON, too large a body): JSON with a code, never a stack or a path. */
const httpErrorHandler =
  (logger: Logger): ErrorRequestHandler =>
  (error: { type?: string; status?: number; limit?: number }, _request, response, next) => {
    if (response.headersSent) return next(error);
    const answer =
      error.type === 'entity.parse.failed'
        ? jsonError(400, ErrorCode.BAD_REQUEST, 'The request body is not valid JSON.')
        : error.type === 'entity.too.large'
          ? jsonError(413, ErrorCode.PAYLOAD_TOO_LARGE, `The request body is larger than the limit of ${error.limit ?? '?'} bytes.`)
          : error.type === 'encoding.unsupported' || error.type === 'charset.unsupported'
            ? jsonError(415, ErrorCode.UNSUPPORTED_MEDIA_TYPE, 'The request body must be UTF-8 JSON.')
            : error.status && error.status >= 400 && error.status < 500
              ? jsonError(error.status, ErrorCode.BAD_REQUEST, 'The request is malformed.')
              : jsonError(500, ErrorCode.INTERNAL_SERVER_ERROR, 'Internal server error');
    if (answer.status === 500) logger.error({ err: error }, 'unexpected error in the HTTP layer');
    response.status(answer.status).json(answer.body);
  };

/** Refuses POST bodies that are not JSON, in JSON (GraphQL over HTTP: application/json). */
const requireJsonBody: RequestHandler = (request, response, next) => {
  if (request.method !== 'POST' || request.is(['application/json', 'application/graphql-response+json'])) return next();
  const { status, body } = jsonError(415, ErrorCode.UNSUPPORTED_MEDIA_TYPE, 'POST a JSON body with Content-Type: application/json.');
  response.status(status).json(body);
};

/** Builds (but does not start) the HTTP service over `database`. */
export async function createHttpService(database: Database, logger: Logger, options: ServiceOptions = {}): Promise<HttpService> {
  const chainRules = checkedChainRules(options.chainRules ?? CHAIN_RULES);
  const app = express();
  const server = http.createServer(app);
  let ready = false;
  if (!database.connection) throw new Error('createHttpService needs a database opened with openDatabase (its connection is probed)');
  const health = new DatabaseHealth(database.connection, logger, options.health ?? DEFAULT_HEALTH_SETTINGS);
  health.start();
  const limits = options.limits ?? DEFAULT_LIMITS;
  const anonymousReads = options.anonymousReads ?? true;
  const clock = options.clock ?? new Clock();
  const protection = queryLimits(limits);
  learnRelationFields(resolvers);
  const apollo = new ApolloServer<GraphQLContext>({
    typeDefs: loadTypeDefs(),
    resolvers,
    introspection: limits.introspection,
    hideSchemaDetailsFromClientErrors: !limits.suggestions,
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
    validationRules: protection.validationRules,
    formatError: formatError(logger, health),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer: server }),
      ApolloServerPluginLandingPageDisabled(),
      // No HTTP cache hints are served; Apollo's default cache-control plugin would still wrap every field's resolver
      // to compute them (a hook per resolved field: a nested list of a few hundred fields paid milliseconds for it).
      ApolloServerPluginCacheControlDisabled(),
      ...protection.plugins,
      authorizationPlugin({ anonymousReads }),
      { serverWillStart: async ({ schema }) => void protectPersonalFields(schema) },
      unavailableStatusPlugin,
      ...(options.directAnswers === false ? [] : [directAnswerPlugin()]),
    ],
  });
  await apollo.start();

  app.disable('x-powered-by');
  mountExplorer(app, { editingRequiresSignIn: true });
  app.get('/healthz', (_request, response) => {
    response.json({ status: 'ok', database: health.state === 'up' ? 'up' : 'down', ready: ready && health.state === 'up' });
  });
  app.get('/readyz', async (_request, response) => {
    if (health.state !== 'up') await health.probe();
    const databaseUp = health.state === 'up';
    const isReady = ready && databaseUp;
    response.status(isReady ? 200 : 503).json({ ready: isReady, database: databaseUp ? 'up' : 'down', migrated: ready });
  });
  const gate: RequestHandler = (_request, response, next) => {
    if (!ready) {
      const { status, body } = jsonError(503, ErrorCode.NOT_READY, 'The service is starting (migrations and seeding); try again shortly.');
      response.status(status).set('retry-after', '2').json(body);
    } else if (health.state === 'down') {
      const { status, body } = jsonError(503, ErrorCode.DATABASE_UNAVAILABLE, 'The database is unavailable; try again shortly.');
      response.status(status).set('retry-after', '2').json(body);
    } else next();
  };
  const tokenLimit: RequestHandler = (request, response, next) => {
    const body: unknown = request.method === 'POST' ? request.body : request.query;
    const source = typeof body === 'object' && body !== null && 'query' in body ? body.query : undefined;
    const error = typeof source === 'string' ? tokenLimitError(source, limits.maxTokens) : null;
    if (!error) return next();
    response.status(400).json({ errors: [{ message: error.message, extensions: error.extensions }] });
  };
  const verifyToken: TokenVerifier = options.verifyToken ?? (async (authorization) => {
    if (authorization) throw new InvalidTokenError('this server accepts no tokens');
    return null;
  });
  app.use(
    '/graphql',
    gate,
    admissionControl(options.admission),
    requireJsonBody,
    express.json({ limit: options.bodyLimit ?? '256kb' }),
    tokenLimit,
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        try {
          const viewer = await verifyToken(req.headers.authorization);
          return createContext(database, logger, viewer, clock, chainRules);
        } catch (error) {
          if (!(error instanceof InvalidTokenError)) throw error;
          throw new GraphQLError(`Invalid bearer token: ${error.message}.`, { extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401 } } });
        }
      },
    }),
  );
  app.use((_request, response) => {
    const { status, body } = jsonError(404, 'NOT_FOUND', 'No such route: GraphQL is at /graphql.');
    response.status(status).json(body);
  });
  app.use(httpErrorHandler(logger));

  let closing: Promise<void> | undefined;
  return {
    server,
    apollo,
    health,
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
    close: (graceMs = 10_000) => {
      closing ??= (async () => {
        ready = false;
        const forced = setTimeout(() => server.closeAllConnections(), graceMs);
        forced.unref();
        try {
          await apollo.stop();
          if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
        } finally {
          clearTimeout(forced);
          await health.stop();
        }
      })();
      return closing;
    },
  };
}
