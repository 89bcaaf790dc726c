/** `npm start`: boots the GraphQL service (see src/boot.ts) and stops it cleanly on SIGINT/SIGTERM. */
import { ConfigError, loadConfig } from './config.js';
import { startService } from './boot.js';
import { createLogger } from './logger.js';
import { LocalNeo4jError } from './local-neo4j/manager.js';
import { DatabaseUnavailableError } from './neo4j/errors.js';
import { ImportValidationError } from './import/dataset.js';

let logger = createLogger('info');
try {
  const config = loadConfig();
  logger = createLogger(config.logLevel);
  const service = await startService(config, logger);
  const shutdown = async (signal: string) => {
    logger.info({ signal }, 'shutting down');
    await service.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
} catch (error) {
  const known = [ConfigError, LocalNeo4jError, DatabaseUnavailableError, ImportValidationError].some((kind) => error instanceof kind);
  const portTaken = (error as NodeJS.ErrnoException).code === 'EADDRINUSE';
  if (portTaken) logger.fatal({ error: `Port ${(error as { port?: number }).port} is already in use: stop what listens there or set PORT` }, 'cannot start');
  else logger.fatal(known ? { error: (error as Error).message } : { err: error }, 'cannot start');
  process.exitCode = 1;
  setTimeout(() => process.exit(1), 100).unref();
}
