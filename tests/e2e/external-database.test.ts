import { spawn } from 'node:child_process';
import net from 'node:net';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { projectRoot } from '../../src/config.js';

/** A TCP relay to the test Neo4j that can be switched on and off: "the database" appearing and disappearing. */
function switchableDatabase(target: { host: string; port: number }) {
  const sockets = new Set<net.Socket>();
  let server: net.Server | undefined;
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  return {
    port,
    up: () =>
      new Promise<void>((resolve) => {
        server = net.createServer((client) => {
          const upstream = net.connect(target.port, target.host);
          for (const socket of [client, upstream]) {
            sockets.add(socket);
            socket.on('close', () => sockets.delete(socket));
            socket.on('error', () => socket.destroy());
          }
          client.pipe(upstream).pipe(client);
        });
        server.listen(port, '127.0.0.1', () => resolve());
      }),
    down: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        if (server) server.close(() => resolve());
        else resolve();
      }),
  };
}

const waitFor = async (check: () => Promise<boolean> | boolean, timeoutMs: number) => {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return false;
};

describe('an external database (NEO4J_URI) that is down at start, appears, goes away and comes back', () => {
  const connection = inject('neo4j');
  const bolt = new URL(connection.uri.replace('bolt://', 'http://'));
  const database = switchableDatabase({ host: bolt.hostname, port: Number(bolt.port) });
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
    cwd: projectRoot,
    env: {
      ...process.env,
      NEO4J_URI: `bolt://127.0.0.1:${database.port}`,
      NEO4J_USER: connection.user,
      NEO4J_PASSWORD: connection.password,
      PORT: '0',
      HOST: '127.0.0.1',
      SEED_WHEN_EMPTY: 'false',
      // The shared test database: no holder lists filled behind the other tests' backs.
      HOLDER_STORE: 'false',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const logs = () => output.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as { msg: string; url?: string });

  afterAll(async () => {
    child.kill('SIGTERM');
    await database.down();
  });

  it('serves 503 NOT_READY while waiting, becomes ready when the database appears, fails fast while it is gone, and recovers', async () => {
    expect(await waitFor(() => logs().some((entry) => entry.url !== undefined), 60_000), output).toBe(true);
    const url = logs().find((entry) => entry.url !== undefined)!.url!;
    const base = url.replace(/\/graphql$/, '');
    const post = () => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ regions(first: 1) { totalCount } }' }) });

    // Down at start: alive, not ready, GraphQL refused with NOT_READY.
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect((await fetch(`${base}/readyz`)).status).toBe(503);
    const early = await post();
    expect(early.status).toBe(503);
    expect(((await early.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]?.extensions.code).toBe('NOT_READY');

    // The database appears: ready without a restart.
    await database.up();
    expect(await waitFor(async () => (await fetch(`${base}/readyz`)).status === 200, 30_000), output).toBe(true);
    expect((await post()).status).toBe(200);

    // It goes away: requests fail within a second or two, and the outage is logged once, not per request.
    await database.down();
    expect(await waitFor(async () => (await fetch(`${base}/readyz`)).status === 503, 15_000), output).toBe(true);
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const started = Date.now();
      const response = await post();
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(response.status).toBe(503);
    }
    expect(logs().filter((entry) => entry.msg === 'database is down')).toHaveLength(2); // at start, and now: not one per request

    // It comes back: ready again, one more state change logged.
    await database.up();
    expect(await waitFor(async () => (await fetch(`${base}/readyz`)).status === 200, 30_000), output).toBe(true);
    expect((await post()).status).toBe(200);
    expect(logs().filter((entry) => entry.msg === 'database is up')).toHaveLength(2);
  }, 180_000);
});
