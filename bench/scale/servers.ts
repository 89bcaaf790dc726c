/**
 * The three systems under test as child processes on 127.0.0.1: ours (src/index.ts, as `npm start` runs it), the
 * floor (bench/scale/floor-server.ts) and the peer (bench/scale/peer-server.ts); with their resident memory.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_SERVER_HEAP_MB, SERVER_SEMI_SPACE_MB, SERVER_V8_FLAGS, projectRoot, type Neo4jConnection } from '../../src/config.js';

export type SystemName = 'ours' | 'floor' | 'peer';

export interface RunningServer {
  system: SystemName;
  /** Where requests go: /graphql for ours and the peer, /<workload> for the floor. */
  baseUrl: string;
  process: ChildProcess;
  output: () => string;
}

const ENTRY: Record<SystemName, string> = {
  ours: 'src/index.ts',
  floor: 'bench/scale/floor-server.ts',
  peer: 'bench/scale/peer-server.ts',
};

/** Resident set size of a process in MB (from /proc), or NaN where /proc is missing. */
export function residentMb(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /VmRSS:\s+(\d+) kB/.exec(status);
    return match ? Number(match[1]) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** Starts one system against the database and resolves once it answers a request. */
export async function startServer(system: SystemName, port: number, connection: Neo4jConnection): Promise<RunningServer> {
  // Ours runs as `npm start` runs it: with the heap limit of SERVER_HEAP_MB, 8 MB semi-spaces and its V8 flags (package.json's start script).
  const heap = system === 'ours' ? [`--max-old-space-size=${process.env.SERVER_HEAP_MB ?? DEFAULT_SERVER_HEAP_MB}`, `--max-semi-space-size=${SERVER_SEMI_SPACE_MB}`, ...SERVER_V8_FLAGS] : [];
  const child = spawn(process.execPath, [...heap, '--import', 'tsx', path.join(projectRoot, ENTRY[system])], {
    cwd: projectRoot,
    env: {
      ...process.env,
      NEO4J_URI: connection.uri,
      NEO4J_USER: connection.user,
      NEO4J_PASSWORD: connection.password,
      NEO4J_DATABASE: connection.database,
      PORT: String(port),
      HOST: '127.0.0.1',
      // Ours at info: its warm-up (see src/keep-warm.ts) reports there when done; it logs nothing per request.
      LOG_LEVEL: system === 'ours' ? 'info' : 'warn',
      SEED_WHEN_EMPTY: 'false',
      NODE_ENV: 'production',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000)));
  child.stderr!.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000)));
  const server: RunningServer = { system, baseUrl: `http://127.0.0.1:${port}`, process: child, output: () => output };
  const probe = system === 'floor' ? { url: `${server.baseUrl}/lookup`, body: JSON.stringify({ id: 'none' }) } : { url: `${server.baseUrl}/graphql`, body: JSON.stringify({ query: '{ __typename }' }) };
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${system} exited (${child.exitCode}):\n${output}`);
    try {
      const response = await fetch(probe.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: probe.body });
      if (response.ok) return server;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  child.kill('SIGKILL');
  throw new Error(`${system} did not answer within 120 s:\n${output}`);
}

/**
 * Waits until our server has prepared what it prepares at start (the matching vocabulary and questions, the default
 * county's chains, the most linked topics' holders: `topic holders warmed up` in its log; then the holder store's
 * missing lists: `holder store filled`, its last step — kept in the database, so long only after a load), so that this
 * background work does not land on the measurements; resolves with the milliseconds it reported for `step`, or null
 * when the server exited or the time ran out.
 */
export async function warmedUp(server: RunningServer, timeoutMs: number, step: 'topic holders warmed up' | 'holder store filled' = 'topic holders warmed up'): Promise<number | null> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && server.process.exitCode === null) {
    // A failed round ("not warmed up") is tried again by the server (after a cold start at 1M the first one can outlast
    // the transaction time limit): waited for until the step is logged, the server exits or the time is up.
    const line = server
      .output()
      .split('\n')
      .find((text) => text.includes(`"${step}"`));
    if (line) return (JSON.parse(line) as { ms?: number }).ms ?? null;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return null;
}

export async function stopServer(server: RunningServer): Promise<void> {
  if (server.process.exitCode !== null) return;
  const exited = new Promise((resolve) => server.process.once('exit', resolve));
  server.process.kill('SIGTERM');
  const timer = setTimeout(() => server.process.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}
