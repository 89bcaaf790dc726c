import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { runEntryPoint } from '../support/processes.js';
import { testInstanceEnvironment, testNeo4jSettings } from '../support/test-neo4j.js';

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
