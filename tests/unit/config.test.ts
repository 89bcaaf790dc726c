import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_SERVER_HEAP_MB, SERVER_SEMI_SPACE_MB, SERVER_V8_FLAGS, loadConfig, projectRoot } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';

describe('configuration', () => {
  it('defaults to the local Neo4j and port 4000', () => {
    const config = loadConfig({});
    expect(config.externalNeo4j).toBeUndefined();
    expect(config.http.port).toBe(4000);
    expect(config.localNeo4j).toMatchObject({ host: '127.0.0.1', boltPort: 7687, instance: 'default' });
  });

  it('npm start gives the server a heap limit of SERVER_HEAP_MB, 240 MB unless set', () => {
    const start: string = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')).scripts.start;
    const flag = /--max-old-space-size=\S+/.exec(start)?.[0];
    expect(flag).toBe('--max-old-space-size=${SERVER_HEAP_MB:-240}');
    expect(DEFAULT_SERVER_HEAP_MB).toBe(240); // what the benchmark gives its server
    // The shell expands it as npm does (sh -c): the default, or the operator's value.
    const expand = (env: NodeJS.ProcessEnv) => execFileSync('sh', ['-c', `printf %s ${flag}`], { env }).toString();
    expect(expand({ PATH: process.env.PATH })).toBe('--max-old-space-size=240');
    expect(expand({ PATH: process.env.PATH, SERVER_HEAP_MB: '1024' })).toBe('--max-old-space-size=1024');
    // And young semi-spaces of 8 MB, as the benchmark gives its server.
    expect(start).toContain('--max-semi-space-size=8 ');
    expect(SERVER_SEMI_SPACE_MB).toBe(8);
    // And allocation-site pretenuring off, as the benchmark gives its server too.
    expect(start).toContain(' --no-allocation-site-pretenuring ');
    expect(SERVER_V8_FLAGS).toEqual(['--no-allocation-site-pretenuring']);
  });

  it('the V8 flags npm start gives are ones this Node knows (an unknown flag stops node before it starts)', () => {
    // `node --v8-options` lists every flag this Node's V8 accepts; an unknown one in the start script would fail at once.
    const known = execFileSync(process.execPath, ['--v8-options']).toString();
    for (const flag of SERVER_V8_FLAGS) expect(known).toContain(`--${flag.replace(/^--no-/, '').replace(/^--/, '')} `);
    expect(execFileSync(process.execPath, [...SERVER_V8_FLAGS, '-e', 'process.stdout.write("ok")']).toString()).toBe('ok');
  });

  it('admission: a request starts beside others only while the heap is under 80 % of its limit, unless GRAPHQL_MAX_HEAP_FRACTION says otherwise', () => {
    expect(loadConfig({}).admission.maxHeapFraction).toBe(0.8);
    expect(loadConfig({ GRAPHQL_MAX_HEAP_FRACTION: '0.6' }).admission.maxHeapFraction).toBe(0.6);
    expect(() => loadConfig({ GRAPHQL_MAX_HEAP_FRACTION: '1.5' })).toThrow(/GRAPHQL_MAX_HEAP_FRACTION/);
  });

  it('answers queries directly unless GRAPHQL_DIRECT_ANSWERS is false, and refuses a value that is not a boolean', () => {
    expect(loadConfig({}).directAnswers).toBe(true);
    expect(loadConfig({ GRAPHQL_DIRECT_ANSWERS: 'false' }).directAnswers).toBe(false);
    expect(() => loadConfig({ GRAPHQL_DIRECT_ANSWERS: 'sometimes' })).toThrow(/GRAPHQL_DIRECT_ANSWERS/);
  });

  it('reads the county time zone: Asia/Shanghai by default, any IANA name, and refuses an unknown one', () => {
    expect(loadConfig({}).countyTimeZone).toBe('Asia/Shanghai');
    expect(loadConfig({ COUNTY_TIME_ZONE: 'Asia/Urumqi' }).countyTimeZone).toBe('Asia/Urumqi');
    expect(() => loadConfig({ COUNTY_TIME_ZONE: 'China/Beijing' })).toThrow(/COUNTY_TIME_ZONE: an IANA time zone name such as Asia\/Shanghai \(received "China\/Beijing"\)/);
  });

  it('warms up by default (a check every 10 s, 24 chains), and can be turned off or bounded', () => {
    expect(loadConfig({}).warmUp).toEqual({ enabled: true, checkMs: 10_000, chains: 24, topics: 300, holderStore: true, proximityGraphMaxMegabytes: 64 });
    expect(loadConfig({ WARM_UP: 'false', WARM_UP_CHECK_MS: '0', WARM_UP_CHAINS: '0', WARM_UP_TOPICS: '0', HOLDER_STORE: 'false', PROXIMITY_GRAPH_MAX_MB: '0' }).warmUp).toEqual({
      enabled: false,
      checkMs: 0,
      chains: 0,
      topics: 0,
      holderStore: false,
      proximityGraphMaxMegabytes: 0,
    });
    expect(loadConfig({ PROXIMITY_GRAPH_MAX_MB: '200' }).warmUp.proximityGraphMaxMegabytes).toBe(200);
    expect(() => loadConfig({ PROXIMITY_GRAPH_MAX_MB: '-1' })).toThrow(/PROXIMITY_GRAPH_MAX_MB: /);
    expect(() => loadConfig({ PROXIMITY_GRAPH_MAX_MB: 'lots' })).toThrow(/PROXIMITY_GRAPH_MAX_MB: /);
    expect(() => loadConfig({ WARM_UP: 'yes' })).toThrow(/WARM_UP: /);
    expect(() => loadConfig({ WARM_UP_CHAINS: '-1' })).toThrow(/WARM_UP_CHAINS: /);
    expect(() => loadConfig({ WARM_UP_TOPICS: '2001' })).toThrow(/WARM_UP_TOPICS: /);
  });

  it('maps stack traces to the TypeScript sources only when SOURCE_MAPPED_STACKS asks', () => {
    expect(loadConfig({}).sourceMappedStacks).toBe(false);
    expect(loadConfig({ SOURCE_MAPPED_STACKS: 'true' }).sourceMappedStacks).toBe(true);
    expect(loadConfig({ SOURCE_MAPPED_STACKS: '' }).sourceMappedStacks).toBe(false);
    expect(() => loadConfig({ SOURCE_MAPPED_STACKS: 'on' })).toThrow(/SOURCE_MAPPED_STACKS: /);
  });

  it('accepts bolt, neo4j (routing) and neo4j+s (Aura) URIs', () => {
    for (const uri of ['bolt://db:7687', 'neo4j://cluster:7687', 'neo4j+s://abc.databases.example:7687']) {
      expect(loadConfig({ NEO4J_URI: uri, NEO4J_PASSWORD: 'secret123' }).externalNeo4j?.uri).toBe(uri);
    }
  });

  it('names every bad variable and what it expected', () => {
    const attempt = () => loadConfig({ NEO4J_URI: 'http://db:7474', PORT: 'eighty', LOCAL_NEO4J_HOST: '0.0.0.0' });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/NEO4J_URI: must start with one of bolt:\/\//);
    expect(attempt).toThrow(/PORT:/);
    expect(attempt).toThrow(/LOCAL_NEO4J_HOST: a loopback address/);
  });

  it('requires a password with an external URI, and never echoes passwords', () => {
    expect(() => loadConfig({ NEO4J_URI: 'bolt://db:7687' })).toThrow(/NEO4J_PASSWORD: required when NEO4J_URI is set/);
    try {
      loadConfig({ LOCAL_NEO4J_PASSWORD: 'short' });
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).toMatch(/LOCAL_NEO4J_PASSWORD: at least 8 characters/);
      expect((error as Error).message).not.toContain('short"');
    }
    expect(() => loadConfig({ LOCAL_NEO4J_PASSWORD: '-starts-with-a-dash' })).toThrow(/LOCAL_NEO4J_PASSWORD: must not start with "-"/);
  });
});

describe('logging', () => {
  it('writes one JSON object a line and censors passwords wherever they sit', () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _encoding, done) => { lines.push(String(chunk)); done(); } });
    const logger = createLogger('info', sink);
    logger.info({ password: 'p1', connection: { password: 'p2' }, config: { neo4j: { password: 'p3' } } }, 'hello');
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0] ?? '{}');
    expect(entry).toMatchObject({ msg: 'hello', password: '[redacted]', connection: { password: '[redacted]' } });
    expect(lines[0]).not.toMatch(/p1|p2|p3/);
  });
});
