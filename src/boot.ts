import type { Logger } from 'pino';
import type { AppConfig, Neo4jConnection } from './config.js';
import { openDatabase, type Database } from './neo4j/database.js';
import { DatabaseUnavailableError } from './neo4j/errors.js';
import { migrate } from './neo4j/migrations.js';
import { startLocalNeo4j } from './local-neo4j/manager.js';
import { importDataset } from './import/importer.js';
import { createHttpService, type HttpService } from './server.js';
import { ENTITY_LABEL } from './graph/kinds.js';

/** The external server when NEO4J_URI is set; otherwise the project's local server, started when needed. */
export async function resolveConnection(config: AppConfig, logger: Logger): Promise<Neo4jConnection> {
  if (config.externalNeo4j) return config.externalNeo4j;
  const handle = await startLocalNeo4j(config.localNeo4j, (line) => logger.info({ component: 'local-neo4j' }, line), config.neo4jDatabase);
  return handle.connection;
}

/** Opens the database and proves it answers, failing fast with a message that says which setting to check. */
export async function connectDatabase(connection: Neo4jConnection, logger: Logger): Promise<Database> {
  const database = openDatabase(connection);
  try {
    const server = await database.verify();
    logger.info({ uri: connection.uri, database: connection.database, neo4j: server.version, edition: server.edition }, 'connected to Neo4j');
    return database;
  } catch (error) {
    await database.close();
    if (error instanceof DatabaseUnavailableError) {
      throw new DatabaseUnavailableError(`${error.message} [NEO4J_URI=${connection.uri}, NEO4J_USER=${connection.user}, NEO4J_DATABASE=${connection.database}]`, error.reason, { cause: error });
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

/** A running service: its URL and how to stop it. */
export interface RunningService {
  url: string;
  database: Database;
  http: HttpService;
  stop(): Promise<void>;
}

/**
 * Starts everything in order: database connection (fails fast), HTTP (liveness answers at once, readiness
 * waits), migrations, seeding of an empty graph, then readiness.
 */
export async function startService(config: AppConfig, logger: Logger): Promise<RunningService> {
  const connection = await resolveConnection(config, logger);
  const database = await connectDatabase(connection, logger);
  const http = await createHttpService(database, logger);
  let url: string;
  try {
    url = await http.listen(config.http.port, config.http.host);
    const migrated = await migrate(database);
    logger.info(migrated, 'database migrations applied');
    await seedIfEmpty(database, config, logger);
    http.setReady(true);
  } catch (error) {
    await http.close();
    await database.close();
    throw error;
  }
  logger.info({ url }, 'GraphQL service ready');
  return {
    url,
    database,
    http,
    stop: async () => {
      http.setReady(false);
      await http.close();
      await database.close();
    },
  };
}
