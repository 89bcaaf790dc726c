/**
 * `npm run bench:load`: 200 concurrent clients for 60 s against a real server (its own process, its own Neo4j
 * instance `bench-load` loaded with the sample county), on a mixed read workload with a few writes, driven by
 * autocannon from this process. Afterwards it checks: no unexpected error, every acknowledged write stored exactly
 * once, and the server's memory back within 10 % of its level after warm-up. Writes bench/LOAD.md and
 * bench/load-results.json. A benchmark, not a test: bounded in time, loopback only.
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { loadConfig, projectRoot } from '../../src/config.js';
import { localSecret, mintToken } from '../../src/auth/tokens.js';
import { openDatabase } from '../../src/neo4j/database.js';
import { toGlobalId } from '../../src/graphql/global-id.js';
import { startLocalNeo4j } from '../../src/local-neo4j/manager.js';

const CONNECTIONS = Number(process.env.LOAD_CONNECTIONS ?? 200);
const DURATION_S = Number(process.env.LOAD_DURATION_S ?? 60);
const WARMUP_S = Number(process.env.LOAD_WARMUP_S ?? 30);
const PORT = Number(process.env.LOAD_PORT ?? 4950);
const INSTANCE = { LOCAL_NEO4J_INSTANCE: 'bench-load', LOCAL_NEO4J_BOLT_PORT: process.env.LOAD_BOLT_PORT ?? '7920' };
const runId = `load-${Date.now().toString(36)}`;

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function startServer(): Promise<{ pid: number; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
    cwd: projectRoot,
    env: { ...process.env, ...INSTANCE, NEO4J_URI: '', PORT: String(PORT), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  for (let waited = 0; waited < 240_000; waited += 500) {
    const ready = await fetch(`http://127.0.0.1:${PORT}/readyz`).then((response) => response.ok, () => false);
    if (ready) break;
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    await sleep(500);
  }
  return {
    pid: child.pid!,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    },
  };
}

const body = (query: string, variables: Record<string, unknown> = {}) => JSON.stringify({ query, variables });

/** The workload: each connection cycles through these ten requests, the third of which is a write. */
function workload(editorToken: string) {
  const json = { 'content-type': 'application/json' };
  const reads = [
    body('query ($id: ID!) { node(id: $id) { ... on University { name region { name } } } }', { id: toGlobalId('University', 'univ:swu') }),
    body('{ enterprises(first: 20, filter: { qualifications: [HIGH_TECH] }) { totalCount nodes { name region { name } segments { nodes { name } } } } }'),
    body('{ search(query: "老腊肉 冷链", first: 10) { totalCount edges { score node { __typename } } } }'),
    body('{ experts(first: 20) { nodes { name affiliations { nodes { name } } expertise { nodes { name } } } } }'),
    body('{ expertSearch(need: { text: "腊肉保存时间短，想延长保质期" }, first: 10) { matches { nodes { score } } } }'),
    body('{ demands(first: 10, filter: { statuses: [OPEN] }) { totalCount nodes { title postedBy { name } } } }'),
  ];
  const steps: autocannon.Request[] = [];
  for (let index = 0; index < 9; index += 1) steps.push({ method: 'POST', path: '/graphql', headers: json, body: reads[index % reads.length] });
  steps.splice(2, 0, {
    method: 'POST',
    path: '/graphql',
    headers: { ...json, authorization: `Bearer ${editorToken}` },
    setupRequest: (request) => ({
      ...request,
      body: body('mutation ($input: DemandCreateInput!) { demandCreate(input: $input) { demand { id title } userErrors { message } } }', {
        input: {
          title: `${runId}-${Math.random().toString(36).slice(2)}`,
          mode: 'REGULAR',
          budget: 10,
          status: 'OPEN',
          postedBy: toGlobalId('Enterprise', 'ent:qinggang-laorou'),
          source: 'bench:load',
        },
      }),
    }),
  });
  return steps;
}

const config = loadConfig({ ...process.env, ...INSTANCE });
const server = await startServer();
const editorToken = await mintToken(localSecret(config.auth, config.localNeo4j.rootDir), { role: 'editor', subject: runId, ttlSeconds: 3600 });
let acknowledgedWrites = 0;
const acknowledgedTitles = new Set<string>();
const unexpected = new Map<string, number>();
const requests = workload(editorToken).map((request) => ({
  ...request,
  onResponse: (status: number, responseBody: string) => {
    let parsed: { errors?: Array<{ extensions?: { code?: string } }>; data?: { demandCreate?: { demand: { id: string; title: string } | null } } } = {};
    try {
      parsed = JSON.parse(responseBody) as typeof parsed;
    } catch {
      parsed = { errors: [{ extensions: { code: 'NOT_JSON' } }] };
    }
    if (status !== 200 || parsed.errors) {
      const key = `${status} ${parsed.errors?.map((error) => error.extensions?.code).join(',') ?? ''}`;
      unexpected.set(key, (unexpected.get(key) ?? 0) + 1);
    }
    const created = parsed.data?.demandCreate?.demand;
    if (created) {
      acknowledgedWrites += 1;
      acknowledgedTitles.add(created.title);
    }
  },
}));

try {
  process.stdout.write(`warming up for ${WARMUP_S} s…\n`);
  // The post-warm-up level: the RSS the server settles at while serving this load (the largest of the last 5 s).
  const warmSamples: number[] = [];
  const warmSampler = setInterval(() => warmSamples.push(rssMb(server.pid)), 500);
  await autocannon({ url: `http://127.0.0.1:${PORT}`, connections: CONNECTIONS, duration: WARMUP_S, requests, timeout: 30 });
  clearInterval(warmSampler);
  const warmRss = Math.max(...warmSamples.slice(-10));
  await sleep(5_000);
  const warmupWrites = acknowledgedWrites;
  acknowledgedWrites = 0;
  unexpected.clear();
  const samples: number[] = [];
  const sampler = setInterval(() => samples.push(rssMb(server.pid)), 1_000);
  process.stdout.write(`${CONNECTIONS} clients for ${DURATION_S} s…\n`);
  const result = await autocannon({ url: `http://127.0.0.1:${PORT}`, connections: CONNECTIONS, duration: DURATION_S, requests, timeout: 30 });
  clearInterval(sampler);
  process.stdout.write('cooling down for 30 s…\n');
  await sleep(30_000);
  const afterRss = rssMb(server.pid);

  const database = openDatabase(config.externalNeo4j ?? (await startLocalNeo4j(config.localNeo4j, () => {}, config.neo4jDatabase)).connection);
  const [stored] = await database.read(
    'MATCH (d:Demand) WHERE d.title STARTS WITH $runId RETURN count(d) AS count, count(DISTINCT d.title) AS distinct, collect(d.title) AS titles',
    { runId },
  );
  const storedTitles = new Set((stored?.titles as string[] | undefined) ?? []);
  const lost = [...acknowledgedTitles].filter((title) => !storedTitles.has(title)).length;
  await database.write('MATCH (d:Demand) WHERE d.title STARTS WITH $runId DETACH DELETE d', { runId });
  await database.write('MATCH (c:Change {actor: $runId}) DELETE c', { runId });
  await database.close();

  const figures = {
    date: new Date().toISOString(),
    machine: `${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GB, Node ${process.version}`,
    connections: CONNECTIONS,
    durationS: DURATION_S,
    requests: result.requests.total,
    rps: Math.round(result.requests.average),
    latencyMs: { p50: result.latency.p50, p97_5: result.latency.p97_5, p99: result.latency.p99, max: result.latency.max },
    non2xx: result.non2xx,
    timeouts: result.timeouts,
    unexpectedErrors: Object.fromEntries(unexpected),
    // Every write of the run, warm-up included, carries the run's id in its title.
    // Stored but unacknowledged writes are those in flight when the load generator stopped (their answers were not read).
    writes: { acknowledged: warmupWrites + acknowledgedWrites, stored: Number(stored?.count ?? 0), distinct: Number(stored?.distinct ?? 0), lost },
    serverRssMb: { afterWarmup: Math.round(warmRss), peak: Math.round(Math.max(...samples)), afterCooldown: Math.round(afterRss) },
  };
  const memoryBack = afterRss <= warmRss * 1.1;
  const writesExact = lost === 0 && figures.writes.stored === figures.writes.distinct && figures.writes.stored >= figures.writes.acknowledged;
  const clean = unexpected.size === 0 && result.timeouts === 0;
  writeFileSync(path.join(projectRoot, 'bench', 'load-results.json'), `${JSON.stringify(figures, null, 2)}\n`);
  writeFileSync(
    path.join(projectRoot, 'bench', 'LOAD.md'),
    [
      '# Load test (`npm run bench:load`)',
      '',
      `${figures.date} · ${figures.machine} · the server and Neo4j on the same machine · sample county · autocannon from a separate process`,
      '',
      '| figure | value |',
      '|---|---|',
      `| clients × duration | ${CONNECTIONS} × ${DURATION_S} s (after ${WARMUP_S} s of warm-up at the same concurrency) |`,
      `| requests, throughput | ${figures.requests} requests, ${figures.rps} req/s (9 reads : 1 write) |`,
      `| latency p50 / p97.5 / p99 / max | ${figures.latencyMs.p50} / ${figures.latencyMs.p97_5} / ${figures.latencyMs.p99} / ${figures.latencyMs.max} ms |`,
      `| unexpected errors | ${unexpected.size === 0 ? 'none' : JSON.stringify(figures.unexpectedErrors)}; timeouts ${result.timeouts} |`,
      `| writes acknowledged / stored / distinct / acknowledged but not stored | ${figures.writes.acknowledged} / ${figures.writes.stored} / ${figures.writes.distinct} / ${lost} ${writesExact ? '(none lost, none duplicated; the few stored beyond those acknowledged were in flight when the load stopped)' : '(MISMATCH)'} |`,
      `| server RSS at the end of warm-up (under load) / peak / after 30 s cool-down | ${figures.serverRssMb.afterWarmup} / ${figures.serverRssMb.peak} / ${figures.serverRssMb.afterCooldown} MB ${memoryBack ? '(back within 10 %)' : '(NOT back within 10 %)'} |`,
      '',
    ].join('\n'),
  );
  process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
  if (!clean || !writesExact || !memoryBack) process.exitCode = 1;
} finally {
  await server.stop();
}
