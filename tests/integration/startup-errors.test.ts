import { describe, expect, inject, it } from 'vitest';
import { connectDatabase } from '../../src/boot.js';
import { DatabaseUnavailableError } from '../../src/neo4j/errors.js';
import { silentLogger } from '../support/database.js';
import { runEntryPoint } from '../support/processes.js';

describe('start-up against a database that cannot be used', () => {
  it('a wrong password fails fast with a message naming the credentials', async () => {
    const { uri } = inject('neo4j');
    const started = Date.now();
    // A user that does not exist: failed logins of the real user would lock it for the other tests.
    const attempt = connectDatabase({ uri, user: 'nobody', password: 'wrong-password', database: 'neo4j' }, silentLogger);
    await expect(attempt).rejects.toBeInstanceOf(DatabaseUnavailableError);
    await expect(attempt).rejects.toThrow(/refused the credentials \(check NEO4J_USER and NEO4J_PASSWORD\)/);
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it('an unreachable URI fails fast instead of hanging', async () => {
    const started = Date.now();
    const attempt = connectDatabase({ uri: 'bolt://127.0.0.1:1', user: 'neo4j', password: 'whatever1', database: 'neo4j' }, silentLogger);
    await expect(attempt).rejects.toThrow(/Neo4j cannot be reached.*NEO4J_URI=bolt:\/\/127\.0\.0\.1:1/s);
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('`npm start` exits with code 1 and a one-line reason when the password is wrong', async () => {
    const { uri } = inject('neo4j');
    const result = await runEntryPoint('src/index.ts', [], { NEO4J_URI: uri, NEO4J_USER: 'nobody', NEO4J_PASSWORD: 'wrong-password', PORT: '0' }, 60_000);
    expect(result.code).toBe(1);
    const fatal = result.output.split('\n').find((line) => line.includes('"cannot start"'));
    expect(fatal, result.output).toBeDefined();
    expect(JSON.parse(fatal ?? '{}').error).toMatch(/refused the credentials/);
    expect(result.output).not.toContain('wrong-password');
  });

  it('`npm start` exits with code 1 naming the variable when the configuration is invalid', async () => {
    const result = await runEntryPoint('src/index.ts', [], { NEO4J_URI: 'http://localhost:7474', NEO4J_PASSWORD: 'x' }, 30_000);
    expect(result.code).toBe(1);
    expect(result.output).toMatch(/NEO4J_URI: must start with one of bolt:\/\//);
  });
});
