import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot, type LocalNeo4jSettings } from '../../src/config.js';
import { stopLocalNeo4j } from '../../src/local-neo4j/manager.js';
import { testNeo4jSettings } from '../support/test-neo4j.js';

/**
 * A throw-away instance of its own, so `npm start` meets an empty database as on a fresh machine. Its name and port
 * derive from the suite's (TEST_NEO4J_INSTANCE, TEST_NEO4J_BOLT_PORT), so two suites in one checkout never share it.
 */
const instance: LocalNeo4jSettings = {
  instance: `${testNeo4jSettings.instance}-e2e`,
  rootDir: testNeo4jSettings.rootDir,
  host: '127.0.0.1',
  boltPort: testNeo4jSettings.boltPort + 10,
  heap: '768m',
  pageCache: '128m',
};

/** `npm start`, exactly as the README says, in its own process group (so a test can tell whether anything is left). */
function startService(extraEnvironment: Record<string, string> = {}): { child: ChildProcess; ready: Promise<string>; output: () => string } {
  const child = spawn('npm', ['start', '--silent'], {
    detached: true,
    cwd: projectRoot,
    env: {
      ...process.env,
      NEO4J_URI: '',
      PORT: '0',
      HOST: '127.0.0.1',
      LOCAL_NEO4J_INSTANCE: instance.instance,
      LOCAL_NEO4J_BOLT_PORT: String(instance.boltPort),
      LOCAL_NEO4J_HEAP: instance.heap,
      LOCAL_NEO4J_PAGECACHE: instance.pageCache,
      ...extraEnvironment,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const ready = new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const line = output.split('\n').find((candidate) => candidate.includes('"GraphQL service ready"'));
      if (line) resolve(JSON.parse(line).url as string);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`npm start exited with ${code} before it was ready:\n${output}`)));
  });
  return { child, ready, output: () => output };
}

/** Stops the instance's server if one runs (never leave one without its folder), then deletes its folder. */
async function freshInstance(): Promise<void> {
  await stopLocalNeo4j(instance, () => {});
  rmSync(path.join(instance.rootDir, 'instances', instance.instance), { recursive: true, force: true });
}

describe('npm start on a fresh machine (the README\'s first command)', () => {
  afterAll(async () => {
    await stopLocalNeo4j(instance, () => {});
    rmSync(path.join(instance.rootDir, 'instances', instance.instance), { recursive: true, force: true });
  });

  it('with SEED_WHEN_EMPTY=false, starts on the empty database and leaves it empty', async () => {
    await freshInstance();
    const service = startService({ SEED_WHEN_EMPTY: 'false' });
    const url = await service.ready;
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ serviceStatus { nodeCount } regions(first: 1) { totalCount } }' }),
    });
    expect(await response.json()).toEqual({ data: { serviceStatus: { nodeCount: 0 }, regions: { totalCount: 0 } } });
    expect(service.output()).not.toContain('importing the seed dataset');
    // tsx turned source maps on; `npm start` turns them off unless SOURCE_MAPPED_STACKS asks (see src/index.ts).
    const readyLine = service.output().split('\n').find((line) => line.includes('"GraphQL service ready"'))!;
    expect(JSON.parse(readyLine)).toMatchObject({ sourceMappedStacks: false });
    const exited = new Promise((resolve) => service.child.on('exit', resolve));
    process.kill(service.child.pid!, 'SIGTERM');
    await exited;
    await stopLocalNeo4j(instance, () => {}); // the database keeps running after the service by design; the next test starts afresh
  }, 300_000);

  it('starts its own Neo4j, loads the sample county into the empty graph, serves GraphQL, and stops cleanly', async () => {
    await freshInstance();
    const service = startService();
    const url = await service.ready;
    const logs = service.output().split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(logs.some((entry) => entry.msg === 'the graph is empty: importing the seed dataset')).toBe(true);
    expect(JSON.stringify(logs)).not.toMatch(/password"\s*:\s*"[^[]/);

    const health = await fetch(url.replace(/graphql$/, 'readyz'));
    expect(health.status).toBe(200);
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ serviceStatus { nodeCount databaseVersion } enterprises(filter: { qualifications: [HIGH_TECH], hasRdPartner: false }) { totalCount } }' }),
    });
    const result = (await response.json()) as { data: { serviceStatus: { nodeCount: number; databaseVersion: string }; enterprises: { totalCount: number } } };
    expect(result.data, JSON.stringify(result)).not.toBeNull();
    expect(result.data.serviceStatus.nodeCount).toBe(577);
    expect(result.data.serviceStatus.databaseVersion).toMatch(/^5\.26\./);
    expect(result.data.enterprises.totalCount).toBe(5); // seeds/sample-county: 5 high-tech enterprises cooperate with no university or institute (the README's example)

    // In the background, the matcher asks itself three questions of the county's own (a topic held by an expert, an
    // enterprise with a focus, a demand requiring a topic: the sample has all three), so that Neo4j has planned its queries.
    const logged = async (message: string) => {
      for (let waited = 0; waited < 60_000 && !service.output().includes(`"${message}"`); waited += 200) await new Promise((resolve) => setTimeout(resolve, 200));
      return service
        .output()
        .split('\n')
        .filter((line) => line.includes(`"${message}"`))
        .map((line) => JSON.parse(line) as Record<string, unknown>)[0];
    };
    expect((await logged('matching warmed up'))?.questions).toBe(3);
    // Then the default county's chains (the six industries with segments in the sample) with their gaps' candidates.
    expect(await logged('chains warmed up')).toMatchObject({ chains: 6, reason: 'start' });
    // And the holders of the most linked topics (at most 300): the sample's 73 topics with a link in (HAS_EXPERTISE,
    // FOCUSES_ON, REQUIRES), and those other tests' data may have added.
    expect((await logged('topic holders warmed up'))?.topics).toBeGreaterThanOrEqual(73);

    // A request in flight when SIGTERM arrives (its body still arriving) is answered before the process exits.
    const { hostname, port } = new URL(url);
    const body = JSON.stringify({ query: '{ regions(first: 1) { totalCount } }' });
    const inFlight = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const request = httpRequest({ hostname, port, path: '/graphql', method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
      });
      request.on('error', reject);
      request.write(body.slice(0, 10));
      setTimeout(() => request.end(body.slice(10)), 1_000);
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => service.child.on('exit', (code, signal) => resolve({ code, signal })));
    process.kill(service.child.pid!, 'SIGTERM'); // the npm process a supervisor holds, not the server itself
    const answered = await inFlight;
    expect(answered.status).toBe(200);
    expect(JSON.parse(answered.text)).toEqual({ data: { regions: { totalCount: 19 } } });
    // npm passes the signal on to the server and ends with it (or with the server's code 0).
    const exit = await exited;
    expect(exit.code === 0 || exit.signal === 'SIGTERM', JSON.stringify(exit)).toBe(true);
    for (let waited = 0; waited < 10_000 && !service.output().includes('"stopped"'); waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(service.output()).toContain('"shutting down: draining requests in flight"');
    expect(service.output()).toContain('"stopped"');
    // No server process of the group is left (the database keeps running by design), and the port is free.
    const group = spawnSync('ps', ['-o', 'args=', '-g', String(service.child.pid)], { encoding: 'utf8' }).stdout;
    expect(group).not.toMatch(/src\/index\.ts/);
    await expect(fetch(url.replace(/graphql$/, 'healthz'))).rejects.toThrow();
  }, 300_000);
});
