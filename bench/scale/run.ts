/**
 * `npm run bench -- --size <N> [--seed S] [--max-requests R] [--max-seconds T] [--min-requests M] [--hard-seconds H] [--preflight-seconds P] [--server-warmup-seconds W] [--store-timeout-seconds S] [--concurrency 1,8]
 * [--workloads a,b] [--systems ours,floor,peer] [--import transactional|offline] [--keep-database]`:
 * loads (or reuses) a database of N generated nodes, starts our server, the raw-Cypher floor and the
 * @neo4j/graphql peer, and drives every workload from a separate load-generator process at each concurrency,
 * the systems interleaved per workload; writes bench/results.json, bench/results-runs.json and bench/RESULTS.md.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import neo4j from 'neo4j-driver';
import { projectRoot, type Neo4jConnection } from '../../src/config.js';
import { pinnedNeo4jVersion, stopLocalNeo4j } from '../../src/local-neo4j/manager.js';
import { SyntheticProvince } from '../../tools/generate/generate.js';
import { ensureDataset, ensureLoadedDatabase, sizeLabel, type ImportFigures } from './instance.js';
import { RELATIONSHIP_TYPE_NAMES } from '../../src/graph/kinds.js';
import type { LoadConfig, LoadResult } from './load-generator.js';
import { saveResults, type FirstAnswerRecord, type ResultRecord, type RunInfo } from './report.js';
import { residentMb, startServer, stopServer, warmedUp, type RunningServer, type SystemName } from './servers.js';
import { WORKLOADS, workloadNamed, type Workload } from './workloads.js';

const log = (line: string) => process.stdout.write(`[bench] ${line}\n`);
/** HTTP ports of the three servers: BENCH_SERVER_PORT (default 4310) and the next two, so two runs on one machine need not collide. */
const SERVER_PORT = Number(process.env.BENCH_SERVER_PORT ?? 4310);
const PORTS: Record<SystemName, number> = { ours: SERVER_PORT, floor: SERVER_PORT + 1, peer: SERVER_PORT + 2 };

function bodiesFor(workload: Workload, system: SystemName, province: SyntheticProvince): string[] {
  return workload.params(province).map((params) => {
    if (system === 'floor') return JSON.stringify(params);
    const operation = system === 'ours' ? workload.ours : workload.peer!;
    return JSON.stringify({ query: operation.query, variables: operation.variables(params) });
  });
}

function urlFor(server: RunningServer, workload: Workload): string {
  return server.system === 'floor' ? `${server.baseUrl}/${workload.name}` : `${server.baseUrl}/graphql`;
}

/** Sends a few of the bodies once; the first error message, or undefined when every answer is data. */
async function preflight(url: string, bodies: string[], seconds: number): Promise<string | undefined> {
  for (const body of bodies.slice(0, 3)) {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body, signal: AbortSignal.timeout(seconds * 1000) });
    const answer = (await response.json().catch(() => ({}))) as { errors?: Array<{ message: string }>; data?: unknown };
    if (!response.ok || answer.errors?.length || answer.data === undefined || answer.data === null) {
      return `HTTP ${response.status}: ${answer.errors?.map((error) => error.message).join('; ') ?? 'no data'}`;
    }
  }
  return undefined;
}

/**
 * Each body once, one at a time, timing each answer (its first: the cells come after): the cost of a question asked
 * for the first time, which the cells — cycling through questions asked before — do not show for a server that keeps
 * answers. Stops at the first error, returned as a preflight failure.
 */
async function firstAnswers(url: string, bodies: string[], seconds: number): Promise<{ latencies: number[] } | { failure: string }> {
  const latencies: number[] = [];
  for (const body of new Set(bodies)) {
    const started = performance.now();
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body, signal: AbortSignal.timeout(seconds * 1000) });
    const answer = (await response.json().catch(() => ({}))) as { errors?: Array<{ message: string }>; data?: unknown };
    latencies.push(performance.now() - started);
    if (!response.ok || answer.errors?.length || answer.data === undefined || answer.data === null) {
      return { failure: `HTTP ${response.status}: ${answer.errors?.map((error) => error.message).join('; ') ?? 'no data'}` };
    }
  }
  return { latencies };
}

const percentile = (sorted: number[], share: number) => sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)]!;

/** Runs the load generator in its own process; samples the server's RSS meanwhile. */
async function measure(config: LoadConfig, serverPid: number | undefined): Promise<LoadResult & { serverRssMb: number }> {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'kg-load-'));
  const file = path.join(folder, 'config.json');
  writeFileSync(file, JSON.stringify(config));
  let peakRss = residentMb(serverPid);
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, residentMb(serverPid))), 200);
  try {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'bench/scale/load-generator.ts'), file], { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code: number | null = await new Promise((resolve) => child.on('close', resolve));
    const line = output.trim().split('\n').at(-1) ?? '';
    if (code !== 0 || !line.startsWith('{')) throw new Error(`load generator failed (exit ${code}):\n${output.slice(-2000)}`);
    return { ...(JSON.parse(line) as LoadResult), serverRssMb: peakRss };
  } finally {
    clearInterval(sampler);
    rmSync(folder, { recursive: true, force: true });
  }
}

/** How often, and how long at most, Neo4j is watched for transactions left over from the cell before. */
const QUIET_POLL_MS = 250;
const QUIET_MAX_MS = 120_000;

/**
 * Waits until Neo4j runs no transaction but this probe: the load generator stops as soon as a cell has its requests,
 * and the requests still in flight go on in the server and in Neo4j — the peer's nested3 at c=8 left seven queries of
 * about 10 s each running into the next cell (ours then read p95 362 ms against 112 ms measured on its own). Returns how
 * long it waited; gives up after `QUIET_MAX_MS`.
 */
export async function waitForQuietDatabase(connection: Neo4jConnection): Promise<number> {
  const driver = neo4j.driver(connection.uri, neo4j.auth.basic(connection.user, connection.password));
  const started = performance.now();
  try {
    while (performance.now() - started < QUIET_MAX_MS) {
      const result = await driver.executeQuery('SHOW TRANSACTIONS YIELD currentQuery WHERE NOT currentQuery STARTS WITH $probe RETURN count(*) AS running', { probe: 'SHOW TRANSACTIONS' }, { database: connection.database });
      if (Number(result.records[0]?.get('running') ?? 0) === 0) break;
      await new Promise((resolve) => setTimeout(resolve, QUIET_POLL_MS));
    }
  } finally {
    await driver.close();
  }
  return performance.now() - started;
}

export async function runScaleBench(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      size: { type: 'string' },
      seed: { type: 'string', default: '1' },
      'max-requests': { type: 'string', default: '1500' },
      'max-seconds': { type: 'string', default: '8' },
      'min-requests': { type: 'string', default: '24' },
      'hard-seconds': { type: 'string', default: '60' },
      'preflight-seconds': { type: 'string', default: '120' },
      warmup: { type: 'string', default: '16' },
      'server-warmup-seconds': { type: 'string', default: '15' },
      'store-timeout-seconds': { type: 'string', default: '7200' },
      concurrency: { type: 'string', default: '1,8' },
      workloads: { type: 'string' },
      systems: { type: 'string', default: 'ours,floor,peer' },
      import: { type: 'string' },
      'keep-database': { type: 'boolean', default: false },
    },
  });
  const size = Number(values.size?.replace(/_/g, ''));
  if (!Number.isSafeInteger(size) || size < 1000) throw new Error(`--size must be a whole number ≥ 1000 (got ${values.size})`);
  const seed = Number(values.seed);
  const workloads = values.workloads ? values.workloads.split(',').map(workloadNamed) : WORKLOADS;
  const systems = values.systems.split(',') as SystemName[];
  const concurrencies = values.concurrency.split(',').map(Number);
  const method = (values.import ?? (size > 100_000 ? 'offline' : 'transactional')) as 'transactional' | 'offline';
  const requests = {
    maxRequests: Number(values['max-requests']),
    maxSeconds: Number(values['max-seconds']),
    minRequests: Number(values['min-requests']),
    hardSeconds: Number(values['hard-seconds']),
    warmupRequests: Number(values.warmup),
  };

  const folder = ensureDataset(size, seed, log);
  const province = new SyntheticProvince(size, seed);
  const { connection, settings, imported } = await ensureLoadedDatabase(size, folder, method, log);
  log(`database ${settings.instance} ready`);
  const loadAverageBefore = os.loadavg();

  const servers: RunningServer[] = [];
  const records: ResultRecord[] = [];
  const firsts: FirstAnswerRecord[] = [];
  const failures: string[] = [];
  try {
    for (const system of systems) servers.push(await startServer(system, PORTS[system], connection));
    // Ours prepares the matcher and the default county's chains in the background at start: measured after it is done.
    for (const server of servers.filter((one) => one.system === 'ours')) {
      const ms = await warmedUp(server, 600_000);
      log(ms === null ? 'ours: warm-up not reported done (measuring anyway)' : `ours warmed up in ${(ms / 1000).toFixed(1)} s (matching, the default county's chains, the most linked topics' holders)`);
      // Then the holder store's missing lists (all of them after a load: about an hour at 1M; none on a kept database).
      const stored = await warmedUp(server, Number(values['store-timeout-seconds']) * 1000, 'holder store filled');
      log(stored === null ? 'ours: holder store not reported filled (measuring anyway)' : `ours filled its holder store by ${(stored / 1000).toFixed(1)} s`);
    }
    // Each server (and Neo4j) warms up on lookups before anything is measured: a fresh Node.js server answers a lookup
    // 3–5× slower for its first ten seconds or so (code not yet optimised; measured: p50 6 → 2.9 ms at 10k), which
    // otherwise landed on whichever workload ran first. Lookups keep no cache that a measured workload could reuse.
    const warmupSeconds = Number(values['server-warmup-seconds']);
    const lookup = workloadNamed('lookup');
    if (warmupSeconds > 0) {
      for (const server of servers) {
        await measure(
          { url: urlFor(server, lookup), bodies: bodiesFor(lookup, server.system, province), connections: 1, timeoutSeconds: 120, maxRequests: 1_000_000, maxSeconds: warmupSeconds, minRequests: 1, hardSeconds: warmupSeconds + 5, warmupRequests: 0 },
          server.process.pid,
        );
      }
      log(`servers warmed up (${warmupSeconds} s of lookups each)`);
    }
    for (const [position, workload] of workloads.entries()) {
      // Interleaved: each workload runs on every system before the next one, the order rotating per workload.
      const order = servers.map((_, index) => servers[(index + position) % servers.length]!).filter((server) => server.system !== 'peer' || workload.peer);
      const ready: RunningServer[] = [];
      for (const server of order) {
        await waitForQuietDatabase(connection);
        const check = async (): Promise<string | undefined> => {
          const bodies = bodiesFor(workload, server.system, province);
          if (!workload.keepsAnswers) return preflight(urlFor(server, workload), bodies, Number(values['preflight-seconds']));
          const first = await firstAnswers(urlFor(server, workload), bodies, Number(values['preflight-seconds']));
          if ('failure' in first) return first.failure;
          const sorted = [...first.latencies].sort((a, b) => a - b);
          firsts.push({ size, workload: workload.name, system: server.system, requests: sorted.length, p50Ms: round(percentile(sorted, 0.5)), p95Ms: round(percentile(sorted, 0.95)), maxMs: round(sorted.at(-1)!) });
          log(`${workload.name.padEnd(22)} first answers ${server.system.padEnd(5)} p50 ${percentile(sorted, 0.5).toFixed(1)} p95 ${percentile(sorted, 0.95).toFixed(1)} max ${sorted.at(-1)!.toFixed(1)} ms over ${sorted.length} questions`);
          return undefined;
        };
        const failure = await check().catch((error: unknown) =>
          (error as Error).name === 'TimeoutError'
            ? `no answer within ${values['preflight-seconds']} s`
            : `${(error as Error).message} (${String((error as Error).cause ?? '')}); server exit code ${server.process.exitCode}; its last output: ${server.output().slice(-600)}`,
        );
        if (failure) {
          failures.push(`${workload.name} on ${server.system}: ${failure.slice(0, 300)}`);
          log(`${workload.name} on ${server.system} fails: ${failure.slice(0, 300)}`);
        } else ready.push(server);
      }
      for (const concurrency of concurrencies) {
        for (const server of ready) {
          const waited = await waitForQuietDatabase(connection);
          if (waited >= 1_000) log(`waited ${(waited / 1000).toFixed(1)} s for Neo4j to finish the cell before's transactions`);
          const result = await measure(
            { url: urlFor(server, workload), bodies: bodiesFor(workload, server.system, province), connections: concurrency, timeoutSeconds: Math.max(120, requests.hardSeconds), ...requests },
            server.process.pid,
          );
          if (result.requests === 0) {
            failures.push(`${workload.name} on ${server.system} at c=${concurrency}: no answer within ${requests.hardSeconds} s`);
            continue;
          }
          if (result.errors > 0 || result.non2xx > 0) failures.push(`${workload.name} on ${server.system} at c=${concurrency}: ${result.errors} errors, ${result.non2xx} non-2xx answers during the run`);
          records.push({
            size,
            workload: workload.name,
            system: server.system,
            concurrency,
            p50Ms: round(result.p50Ms),
            p95Ms: round(result.p95Ms),
            p99Ms: round(result.p99Ms),
            rps: round(result.rps),
            serverRssMb: Math.round(result.serverRssMb),
          });
          log(
            `${workload.name.padEnd(22)} c=${concurrency} ${server.system.padEnd(5)} p50 ${result.p50Ms.toFixed(1)} p95 ${result.p95Ms.toFixed(1)} p99 ${result.p99Ms.toFixed(1)} ms, ` +
              `${result.rps.toFixed(1)} req/s over ${result.requests} requests, RSS ${result.serverRssMb.toFixed(0)} MB`,
          );
        }
      }
    }
  } finally {
    for (const server of servers) await stopServer(server);
    if (!values['keep-database']) await stopLocalNeo4j(settings, log);
  }
  const info: RunInfo = {
    size,
    seed,
    date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
    machine: `${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GB, Node ${process.version}, shared with other jobs`,
    loadAverageBefore,
    loadAverageAfter: os.loadavg(),
    neo4j: { heap: settings.heap, pageCache: settings.pageCache, version: pinnedNeo4jVersion() },
    dataset: { nodes: size, relationships: relationshipCount(folder) },
    requests,
    requestsNote: `${requests.warmupRequests} warm-up, at least ${requests.minRequests} requests, at most ${requests.hardSeconds} s a cell, concurrency ${concurrencies.join(' and ')}`,
    imported: imported ? withoutOutput(imported) : undefined,
    failures,
  };
  const measured = workloads.flatMap((workload) =>
    systems.filter((system) => system !== 'peer' || workload.peer).flatMap((system) => concurrencies.map((concurrency) => ({ workload: workload.name, system, concurrency }))),
  );
  saveResults(records, firsts, info, readFileSync(path.join(projectRoot, 'bench/scale/notes.md'), 'utf8'), measured);
  log(`wrote bench/results.json and bench/RESULTS.md for ${sizeLabel(size)}`);
}

function withoutOutput(figures: ImportFigures): Omit<ImportFigures, 'output'> {
  const { output: _output, ...rest } = figures;
  return rest;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

/** Relationships in the dataset folder: the generator's files hold one record per line. */
function relationshipCount(folder: string): number {
  let count = 0;
  for (const type of RELATIONSHIP_TYPE_NAMES) {
    try {
      const text = readFileSync(path.join(folder, 'relationships', `${type}.json`), 'utf8');
      count += text.split('\n').length - 3;
    } catch {
      // a type without records
    }
  }
  return count;
}
