import { afterAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runEntryPoint } from '../support/processes.js';
import { freeLoopbackPort, testInstanceEnvironment, testNeo4jSettings } from '../support/test-neo4j.js';

/** Neo4j server processes of this project's instance (its own home folder; other checkouts' instances do not count). */
function serverProcessesOf(instance: string): number {
  const home = `--home-dir=${path.join(testNeo4jSettings.rootDir, 'instances', instance)}`;
  const listing = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' });
  return listing.split('\n').filter((line) => line.includes('CommunityEntryPoint') && line.split(' ').includes(home)).length;
}

describe('npm run db:start / db:status', () => {
  it('a second db:start finds the running server instead of starting another', async () => {
    const first = await runEntryPoint('src/local-neo4j/cli.ts', ['start'], testInstanceEnvironment);
    const second = await runEntryPoint('src/local-neo4j/cli.ts', ['start'], testInstanceEnvironment);
    expect(first.code, first.output).toBe(0);
    expect(second.code, second.output).toBe(0);
    expect(second.output).toMatch(/already running/);
    expect(serverProcessesOf(testNeo4jSettings.instance)).toBe(1);
  });

  it('db:status reports the running test instance on its own port', async () => {
    const status = await runEntryPoint('src/local-neo4j/cli.ts', ['status', '--json'], testInstanceEnvironment);
    expect(status.code, status.output).toBe(0);
    const parsed = JSON.parse(status.output.trim().split('\n').pop() ?? '{}');
    expect(parsed).toMatchObject({ instance: testNeo4jSettings.instance, installed: true, running: true, boltAnswers: true, uri: `bolt://127.0.0.1:${testNeo4jSettings.boltPort}` });
    expect(parsed.version).toMatch(/^5\.26\./);
  });
});

describe('npm run db:stop', () => {
  // A second instance of this suite (its name and port derived from the test instance's), and a third that never runs.
  const other = { instance: `${testNeo4jSettings.instance}-stop`, boltPort: 0 };
  const stale = `${testNeo4jSettings.instance}-stale`;
  const environmentOf = (instance: string, boltPort: number) => ({ ...testInstanceEnvironment, LOCAL_NEO4J_INSTANCE: instance, LOCAL_NEO4J_BOLT_PORT: String(boltPort), LOCAL_NEO4J_HEAP: '256m', LOCAL_NEO4J_PAGECACHE: '32m' });
  const homeOf = (instance: string) => path.join(testNeo4jSettings.rootDir, 'instances', instance);

  afterAll(async () => {
    if (other.boltPort > 0) await runEntryPoint('src/local-neo4j/cli.ts', ['stop'], environmentOf(other.instance, other.boltPort));
    for (const instance of [other.instance, stale]) rmSync(homeOf(instance), { recursive: true, force: true });
  });

  it('stops the named instance only: a stale pid file naming another instance\'s server stops nothing, and stopping one leaves the others running', async () => {
    other.boltPort = await freeLoopbackPort();
    const started = await runEntryPoint('src/local-neo4j/cli.ts', ['start'], environmentOf(other.instance, other.boltPort));
    expect(started.code, started.output).toBe(0);
    expect(serverProcessesOf(other.instance)).toBe(1);
    const otherPid = readFileSync(path.join(homeOf(other.instance), 'run', 'neo4j.pid'), 'utf8').trim();

    // An instance folder whose pid file was left behind and whose number now belongs to the other instance's server.
    mkdirSync(path.join(homeOf(stale), 'run'), { recursive: true });
    writeFileSync(path.join(homeOf(stale), 'run', 'neo4j.pid'), `${otherPid}\n`);
    const staleStop = await runEntryPoint('src/local-neo4j/cli.ts', ['stop'], environmentOf(stale, other.boltPort));
    expect(staleStop.code, staleStop.output).toBe(0);
    expect(staleStop.output).toContain(`Neo4j instance "${stale}" is not running.`);
    expect(serverProcessesOf(other.instance)).toBe(1);

    const stopped = await runEntryPoint('src/local-neo4j/cli.ts', ['stop'], environmentOf(other.instance, other.boltPort));
    expect(stopped.code, stopped.output).toBe(0);
    expect(stopped.output).toContain(`Stopping Neo4j instance "${other.instance}" (pid ${otherPid})`);
    expect(stopped.output).toContain('Neo4j stopped.');
    expect(serverProcessesOf(other.instance)).toBe(0);
    // The suite's own instance is still there and still answers.
    expect(serverProcessesOf(testNeo4jSettings.instance)).toBe(1);
    const status = await runEntryPoint('src/local-neo4j/cli.ts', ['status', '--json'], testInstanceEnvironment);
    expect(JSON.parse(status.output.trim().split('\n').pop() ?? '{}')).toMatchObject({ running: true, boltAnswers: true });

    const again = await runEntryPoint('src/local-neo4j/cli.ts', ['stop'], environmentOf(other.instance, other.boltPort));
    expect(again.code, again.output).toBe(0);
    expect(again.output).toContain(`Neo4j instance "${other.instance}" is not running.`);
  }, 300_000);
});
