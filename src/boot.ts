import type { Logger } from 'pino';
import type { AppConfig, Neo4jConnection } from './config.js';
import { openDatabase, type Database, type DatabaseLimits } from './neo4j/database.js';
import { DatabaseUnavailableError } from './neo4j/errors.js';
import { migrate } from './graph/migrations.js';
import { startLocalNeo4j } from './local-neo4j/manager.js';
import { importDataset } from './import/importer.js';
import { createHttpService, type HttpService } from './server.js';
import { createTokenVerifier } from './auth/tokens.js';
import { ENTITY_LABEL } from './graph/kinds.js';
import { Clock } from './clock.js';
import { KeepWarm } from './keep-warm.js';

/** The external server when NEO4J_URI is set; otherwise the project's local server, started when needed. */
export async function resolveConnection(config: AppConfig, logger: Logger): Promise<Neo4jConnection> {
  if (config.externalNeo4j) return config.externalNeo4j;
  const handle = await startLocalNeo4j(config.localNeo4j, (line) => logger.info({ component: 'local-neo4j' }, line), config.neo4jDatabase);
  return handle.connection;
}

/** Opens the database and proves it answers, failing fast with a message that says which setting to check. */
export async function connectDatabase(connection: Neo4jConnection, logger: Logger, limits?: DatabaseLimits): Promise<Database> {
  const database = openDatabase(connection, limits);
  try {
    await verifyDatabase(database, logger);
    return database;
  } catch (error) {
    await database.close();
    throw error;
  }
}

/** Proves the database answers with our credentials, failing with a message that says which setting to check. */
export async function verifyDatabase(database: Database, logger: Logger): Promise<void> {
  const connection = database.connection;
  try {
    const server = await database.verify();
    logger.info({ uri: connection?.uri, database: database.name, neo4j: server.version, edition: server.edition }, 'connected to Neo4j');
  } catch (error) {
    if (error instanceof DatabaseUnavailableError) {
      throw new DatabaseUnavailableError(`${error.message} [NEO4J_URI=${connection?.uri}, NEO4J_USER=${connection?.user}, NEO4J_DATABASE=${database.name}]`, error.reason, { cause: error });
    }
    throw error;
  }
}

/** Imports the configured seed folder when the graph has no entity yet; returns whether it did. */
export async function seedIfEmpty(database: Database, config: AppConfig, logger: Logger): Promise<boolean> {
  if (!config.seed.whenEmpty) return false;
  const rows = await database.read(`MATCH (n:${ENTITY_LABEL}) RETURN count(n) > 0 AS hasData`);
  if (rows[0]?.hasData) return false;
  logger.info({ directory: config.seed.directory }, 'the graph is empty: importing the seed dataset');
  const summary = await importDataset(database, config.seed.directory);
  logger.info(summary, 'seed dataset imported');
  return true;
}

/** A running service: its URL, a promise that settles when it is ready, and how to stop it. */
export interface RunningService {
  url: string;
  database: Database;
  http: HttpService;
  /** Resolves when migrations and seeding are done and /graphql serves; rejects if they fail for good. */
  ready: Promise<void>;
  stop(): Promise<void>;
}

/** Whether a start-up failure may pass by waiting (the database is not up yet), rather than needing a fix. */
function isTransient(error: unknown): boolean {
  return error instanceof DatabaseUnavailableError && error.reason === 'UNREACHABLE';
}

/**
 * Migrates and seeds once the database answers, retrying while it is unreachable; marks the service ready at
 * the end. Wrong credentials or a missing database are not waited for: they reject.
 */
async function prepare(database: Database, http: HttpService, config: AppConfig, logger: Logger, stopped: () => boolean): Promise<void> {
  for (;;) {
    await http.health.whenUp();
    if (stopped()) return;
    try {
      await verifyDatabase(database, logger);
      const migrated = await migrate(database);
      logger.info(migrated, 'database migrations applied');
      await seedIfEmpty(database, config, logger);
      http.setReady(true);
      return;
    } catch (error) {
      if (!isTransient(error) || stopped()) throw error;
      logger.warn({ reason: error instanceof Error ? error.message : String(error) }, 'database not usable yet; retrying');
      await http.health.probe();
      await new Promise((resolve) => setTimeout(resolve, 1_000).unref());
    }
  }
}

/**
 * Starts everything: the database connection (the local server is started first when no NEO4J_URI is set), HTTP
 * (liveness at once; /graphql answers 503 NOT_READY until ready), then — as soon as the database answers —
 * migrations and seeding of an empty graph, then readiness. An external database that is down is waited for.
 */
export async function startService(config: AppConfig, logger: Logger): Promise<RunningService> {
  const connection = await resolveConnection(config, logger);
  const database = openDatabase(connection, config.neo4jLimits);
  try {
    await verifyDatabase(database, logger);
  } catch (error) {
    if (!isTransient(error)) {
      await database.close();
      throw error;
    }
    logger.warn({ reason: error instanceof Error ? error.message : String(error) }, 'the database is not reachable yet: serving 503 NOT_READY and retrying');
  }
  const clock = new Clock(config.countyTimeZone);
  const http = await createHttpService(database, logger, {
    verifyToken: createTokenVerifier(config.auth, config.localNeo4j.rootDir),
    anonymousReads: config.auth.anonymousReads,
    limits: config.graphql,
    bodyLimit: config.http.bodyLimit,
    admission: config.admission,
    directAnswers: config.directAnswers,
    clock,
  });
  let url: string;
  try {
    url = await http.listen(config.http.port, config.http.host);
  } catch (error) {
    await http.close();
    await database.close();
    throw error;
  }
  logger.info({ url }, 'listening: /graphql answers 503 NOT_READY until migrations and seeding are done');
  let stopped = false;
  const warm = new KeepWarm(database, logger, { checkMs: config.warmUp.checkMs, chains: config.warmUp.chains, topics: config.warmUp.topics, holderStore: config.warmUp.holderStore, proximityGraphMaxMegabytes: config.warmUp.proximityGraphMaxMegabytes, year: () => clock.year() });
  const ready = prepare(database, http, config, logger, () => stopped).then(() => {
    if (stopped) return;
    logger.info({ url, sourceMappedStacks: process.sourceMapsEnabled }, 'GraphQL service ready');
    if (config.warmUp.enabled) warm.start();
  });
  return {
    url,
    database,
    http,
    ready,
    stop: async () => {
      stopped = true;
      warm.stop();
      http.setReady(false);
      await http.close(config.http.shutdownGraceMs);
      await database.close();
    },
  };
}
