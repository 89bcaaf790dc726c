/**
 * `npm start`: boots the GraphQL service (see src/boot.ts). SIGINT/SIGTERM stop taking requests, let those in
 * flight finish (up to SHUTDOWN_GRACE_MS), close the database driver and exit.
 */
import { ConfigError, loadConfig } from './config.js';
import { startService } from './boot.js';
import { createLogger } from './logger.js';
import { LocalNeo4jError } from './local-neo4j/manager.js';
import { DatabaseUnavailableError } from './neo4j/errors.js';
import { ImportValidationError } from './import/dataset.js';

let logger = createLogger('info');

function fail(error: unknown): void {
  const known = [ConfigError, LocalNeo4jError, DatabaseUnavailableError, ImportValidationError].some((kind) => error instanceof kind);
  const portTaken = error instanceof Error && 'code' in error && error.code === 'EADDRINUSE';
  if (portTaken) logger.fatal({ error: `Port ${'port' in error ? String(error.port) : '?'} is already in use: stop what listens there or set PORT` }, 'cannot start');
  else logger.fatal(known ? { error: error instanceof Error ? error.message : String(error) } : { err: error }, 'cannot start');
  process.exitCode = 1;
  setTimeout(() => process.exit(1), 100).unref();
}

try {
  const config = loadConfig();
  // tsx turns source maps on; the Neo4j driver reads the stack of every query's caller (to give a failed query the
  // caller's stack), and mapping each one cost the server a quarter of its lookups' throughput (measured at 1M, c=8:
  // 950–1 030 → 1 310–1 340 requests/s). Off unless SOURCE_MAPPED_STACKS asks for stacks that name TypeScript lines.
  process.setSourceMapsEnabled(config.sourceMappedStacks);
  logger = createLogger(config.logLevel);
  const service = await startService(config, logger);
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: draining requests in flight');
    const forced = setTimeout(() => {
      logger.warn({ graceMs: config.http.shutdownGraceMs }, 'requests still in flight after the grace period: exiting');
      process.exit(1);
    }, config.http.shutdownGraceMs + 2_000);
    forced.unref();
    await service.stop();
    logger.info('stopped');
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  // Started by `npm start`: if npm goes away without passing a signal on (killed, or a shell that swallowed it),
  // stop too rather than run on as an orphan holding the port.
  if (process.env.npm_lifecycle_event === 'start') {
    const parent = process.ppid;
    setInterval(() => {
      if (process.ppid !== parent) void shutdown('parent exited');
    }, 1_000).unref();
  }
  service.ready.catch(async (error: unknown) => {
    fail(error);
    await service.stop().catch(() => undefined);
  });
} catch (error) {
  fail(error);
}
