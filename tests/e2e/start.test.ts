import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot, type LocalNeo4jSettings } from '../../src/config.js';
import { stopLocalNeo4j } from '../../src/local-neo4j/manager.js';

/** A throw-away instance of its own, so `npm start` meets an empty database as on a fresh machine. */
const instance: LocalNeo4jSettings = {
  instance: 'e2e',
  rootDir: path.join(projectRoot, '.neo4j'),
  host: '127.0.0.1',
  boltPort: Number(process.env.TEST_NEO4J_BOLT_PORT ?? 7697) + 10,
  heap: '768m',
  pageCache: '128m',
};

function startService(): { child: ChildProcess; ready: Promise<string>; output: () => string } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
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

describe('npm start on a fresh machine (the README\'s first command)', () => {
  afterAll(async () => {
    await stopLocalNeo4j(instance, () => {});
    rmSync(path.join(instance.rootDir, 'instances', instance.instance), { recursive: true, force: true });
  });

  it('starts its own Neo4j, loads the sample county into the empty graph, serves GraphQL, and stops cleanly', async () => {
    rmSync(path.join(instance.rootDir, 'instances', instance.instance), { recursive: true, force: true });
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
    expect(result.data.serviceStatus.nodeCount).toBe(577);
    expect(result.data.serviceStatus.databaseVersion).toMatch(/^5\.26\./);
    expect(result.data.enterprises.totalCount).toBeGreaterThan(0);

    const exited = new Promise<number | null>((resolve) => service.child.on('exit', (code) => resolve(code)));
    service.child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(service.output()).toContain('"shutting down"');
  }, 180_000);
});
