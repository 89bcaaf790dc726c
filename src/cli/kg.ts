/**
 * `npm run kg -- <command>`: import, validate and export datasets in the seed format (seeds/README.md).
 * Uses NEO4J_URI when set, otherwise the project's local Neo4j (started when needed).
 */
import path from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import cliProgress from 'cli-progress';
import { ConfigError, loadConfig } from '../config.js';
import { Clock } from '../clock.js';
import { connectDatabase, resolveConnection } from '../boot.js';
import { createLogger } from '../logger.js';
import { ImportValidationError, checkDataset } from '../import/dataset.js';
import { importDataset, type ImportProgress } from '../import/importer.js';
import { exportGraph } from '../import/exporter.js';
import { importOffline } from '../import/offline.js';
import { migrate } from '../graph/migrations.js';
import { markAllStoresStale } from '../graph/holder-marks.js';
import type { Database } from '../neo4j/database.js';
import { LocalNeo4jError } from '../local-neo4j/manager.js';
import { DatabaseUnavailableError } from '../neo4j/errors.js';
import { GraphFileError, writeGraphFile } from '../modules/export/export.file.js';
import { ROLES, isRole, type Role } from '../auth/roles.js';
import { localSecret, mintToken, parseDuration } from '../auth/tokens.js';

const print = (line: string) => process.stdout.write(`${line}\n`);

function positiveInteger(value: string): number {
  const parsed = Number.parseInt(value, 10);
  if (!Number.isInteger(parsed) || parsed < 1 || String(parsed) !== value) throw new InvalidArgumentError('expected a positive whole number');
  return parsed;
}

/** A neighbourhood depth: a whole number of hops from 0 (the record alone) to 3. */
function neighborhoodDepth(value: string): number {
  const parsed = Number.parseInt(value, 10);
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 3 || String(parsed) !== value) throw new InvalidArgumentError('expected a whole number of hops from 0 to 3');
  return parsed;
}

/** Runs `work` with a migrated database and the configured clock (the county's time zone). */
async function withDatabase<T>(work: (database: Database, clock: Clock) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const clock = new Clock(config.countyTimeZone);
  const logger = createLogger(process.env.LOG_LEVEL ?? 'warn');
  // An operator's bulk work (import, export, migrations) is not bound by the per-request transaction timeout.
  const database = (await connectDatabase(await resolveConnection(config, logger), logger)).unbounded();
  try {
    await migrate(database);
    return await work(database, clock);
  } finally {
    await database.close();
  }
}

/** A progress bar on a terminal; one line per finished kind elsewhere (CI logs). */
function progressReporter(): { update: (progress: ImportProgress) => void; stop: () => void } {
  if (process.stdout.isTTY) {
    const bar = new cliProgress.SingleBar(
      { format: '{phase} [{bar}] {value}/{total} {label}', hideCursor: true, clearOnComplete: false },
      cliProgress.Presets.shades_classic,
    );
    let phase = '';
    return {
      update: (progress) => {
        if (progress.phase !== phase) {
          if (phase) bar.stop();
          phase = progress.phase;
          bar.start(progress.total, 0, { phase: progress.phase.padEnd(13), label: progress.label });
        }
        bar.update(progress.done, { label: progress.label });
      },
      stop: () => bar.stop(),
    };
  }
  let lastLabel = '';
  let lastTenth = -1;
  return {
    update: (progress) => {
      const tenth = Math.floor((progress.done / Math.max(progress.total, 1)) * 10);
      if (progress.label !== lastLabel || tenth !== lastTenth) print(`  ${progress.phase}: ${progress.done}/${progress.total} (${progress.label})`);
      lastLabel = progress.label;
      lastTenth = tenth;
    },
    stop: () => {},
  };
}

const program = new Command('kg').description('Import, validate and export innovation-graph datasets');

program
  .command('validate')
  .description('Check a dataset folder without touching any database')
  .argument('<folder>', 'dataset folder (with dataset.json)')
  .action(async (folder: string) => {
    const { dataset, problems, externalReferences } = await checkDataset(path.resolve(folder));
    if (problems.length > 0) throw new ImportValidationError(problems);
    print(`valid: ${dataset.nodes} nodes, ${dataset.relationships} relationships`);
    if (externalReferences.size > 0) print(`${externalReferences.size} ids are referenced but not defined here; import checks them against the graph`);
  });

program
  .command('import')
  .description('Validate a dataset folder completely, then upsert it (nothing is written when it is invalid)')
  .argument('<folder>', 'dataset folder (with dataset.json)')
  .option('--batch-size <n>', 'records per write transaction', positiveInteger, 2000)
  .option('--concurrency <n>', 'write transactions in flight at once', positiveInteger, 3)
  .option('--offline', "first load into the project's local, empty Neo4j with neo4j-admin (stops and restarts it)")
  .action(async (folder: string, options: { batchSize: number; concurrency: number; offline?: boolean }) => {
    if (options.offline) {
      const config = loadConfig();
      if (config.externalNeo4j) throw new ConfigError('--offline loads the local Neo4j only; unset NEO4J_URI (a remote server is loaded with the transactional import)');
      const summary = await importOffline(config.localNeo4j, config.neo4jDatabase, path.resolve(folder), print);
      print(
        `imported "${summary.dataset}" offline: ${summary.nodes} nodes, ${summary.relationships} relationships in ${(summary.durationMs / 1000).toFixed(1)} s ` +
          `(validation ${(summary.validationMs / 1000).toFixed(1)} s, CSV ${(summary.csvMs / 1000).toFixed(1)} s, neo4j-admin ${(summary.adminImportMs / 1000).toFixed(1)} s, ` +
          `restart and indexes ${(summary.indexesMs / 1000).toFixed(1)} s; ${Math.round((summary.nodes + summary.relationships) / Math.max(summary.durationMs / 1000, 0.001))} records/s; ` +
          `peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB, neo4j-admin's own memory apart)`,
      );
      return;
    }
    await withDatabase(async (database) => {
      const reporter = progressReporter();
      try {
        const summary = await importDataset(database, path.resolve(folder), { batchSize: options.batchSize, concurrency: options.concurrency, onProgress: reporter.update });
        reporter.stop();
        const rate = Math.round((summary.nodes + summary.relationships) / Math.max(summary.durationMs / 1000, 0.001));
        print(
          `imported "${summary.dataset}": ${summary.nodes} nodes, ${summary.relationships} relationships ` +
            `(${summary.nodesCreated} nodes and ${summary.relationshipsCreated} relationships new) in ${(summary.durationMs / 1000).toFixed(1)} s ` +
            `(validation ${(summary.validationMs / 1000).toFixed(1)} s; ${rate} records/s; peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB)`,
        );
      } finally {
        reporter.stop();
      }
    });
  });

program
  .command('holders-stale')
  .description("Mark every topic's kept holder lists and every candidate's kept evidence stale (after writes made around this code: Cypher by hand, another tool)")
  .action(async () => {
    await withDatabase(async (database) => {
      await markAllStoresStale(database);
      print('every topic and kept evidence marked: the servers compute their holder lists and evidence again in the background');
    });
  });

program
  .command('export')
  .description('Write the graph (or the ids under a prefix) to a folder in the same format')
  .argument('<folder>', 'folder to write (created when missing; files in it are overwritten)')
  .option('--id-prefix <prefix>', 'only nodes whose id starts with this, and relationships among them')
  .option('--name <name>', 'dataset name written to dataset.json', 'export')
  .action(async (folder: string, options: { idPrefix?: string; name: string }) => {
    await withDatabase(async (database, clock) => {
      const summary = await exportGraph(database, path.resolve(folder), { ...options, clock });
      print(`exported ${summary.nodes} nodes and ${summary.relationships} relationships into ${summary.files} files in ${folder}`);
    });
  });

program
  .command('export-graph')
  .description('Write the graph, a neighbourhood or an industry chain as GraphML (Gephi, Cytoscape) or CSV node and edge lists')
  .argument('<file>', 'GraphML file to write; for CSV the base name of <base>.nodes.csv and <base>.edges.csv')
  .option('--format <format>', 'graphml or csv', (value: string) => {
    if (value !== 'graphml' && value !== 'csv') throw new InvalidArgumentError('expected graphml or csv');
    return value;
  }, 'graphml')
  .option('--neighborhood <id>', 'only the entities around this record id (e.g. univ:swu)')
  .option('--depth <n>', 'hops around --neighborhood (0-3)', neighborhoodDepth, 1)
  .option('--industry <id>', "only this industry's chain and its supporters (e.g. industry:laorou)")
  .action(async (file: string, options: { format: string; neighborhood?: string; depth: number; industry?: string }) => {
    await withDatabase(async (database, clock) => {
      const summary = await writeGraphFile(database, path.resolve(file), { ...options, format: options.format === 'csv' ? 'CSV' : 'GRAPHML', asOfYear: clock.year() });
      print(`exported ${summary.nodes} nodes and ${summary.edges} edges${summary.truncated ? ' (truncated at the cap)' : ''} to ${summary.files.join(', ')}`);
    });
  });

program
  .command('token')
  .description('Print a bearer token (JWT) for the configured secret (AUTH_JWT_SECRET, or the local one under LOCAL_NEO4J_DIR)')
  .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`, (value: string) => {
    if (!isRole(value)) throw new InvalidArgumentError(`expected one of ${ROLES.join(', ')}`);
    return value;
  })
  .option('--subject <name>', 'who the token stands for (recorded in the audit log)', 'cli')
  .option('--ttl <duration>', 'how long it is valid: 30m, 12h, 7d…', (value: string) => {
    try {
      return parseDuration(value);
    } catch (error) {
      throw new InvalidArgumentError(error instanceof Error ? error.message : String(error));
    }
  }, parseDuration('12h'))
  .action(async (options: { role: Role; subject: string; ttl: number }) => {
    const config = loadConfig();
    if (config.auth.jwksUrl) throw new ConfigError('AUTH_JWKS_URL is set: tokens come from your identity provider, not from this command');
    const secret = localSecret(config.auth, config.localNeo4j.rootDir);
    print(await mintToken(secret, { role: options.role, subject: options.subject, ttlSeconds: options.ttl, issuer: config.auth.issuer, audience: config.auth.audience }));
  });

program.parseAsync(process.argv).catch((error: unknown) => {
  const known = [ConfigError, LocalNeo4jError, DatabaseUnavailableError, ImportValidationError, GraphFileError].some((kind) => error instanceof kind);
  process.stderr.write(`${error instanceof Error ? (known ? error.message : error.stack) : String(error)}\n`);
  process.exit(1);
});
