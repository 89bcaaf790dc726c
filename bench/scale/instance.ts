/**
 * The benchmark's databases: one project-managed Neo4j instance per size (bench-10k on 7810, bench-100k on 7820,
 * bench-1m on 7830), loaded once with the generated dataset of that size and reused while it still holds it.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot, type LocalNeo4jSettings, type Neo4jConnection } from '../../src/config.js';
import { startLocalNeo4j } from '../../src/local-neo4j/manager.js';
import { openDatabase } from '../../src/neo4j/database.js';
import { generateDataset } from '../../tools/generate/generate.js';

/** 10000 → "10k", 1000000 → "1m". */
export function sizeLabel(size: number): string {
  if (size % 1_000_000 === 0) return `${size / 1_000_000}m`;
  if (size % 1000 === 0) return `${size / 1000}k`;
  return String(size);
}

const PORTS: Record<number, number> = { 10_000: 7810, 100_000: 7820, 1_000_000: 7830 };

/**
 * Memory of the bench instances: 1 GB heap and 512 MB page cache up to 100k nodes (the setting; the 100k
 * store is about 140 MB, all cached), 2 GB heap and 1.5 GB page cache at 1M (the store, indexes included, is about
 * 1.3 GB after an offline load: all of it fits, as it would on a modest production box).
 */
export function benchNeo4jSettings(size: number): LocalNeo4jSettings {
  const large = size > 100_000;
  return {
    instance: `bench-${sizeLabel(size)}`,
    rootDir: path.join(projectRoot, '.neo4j'),
    host: '127.0.0.1',
    boltPort: Number(process.env.BENCH_NEO4J_BOLT_PORT ?? PORTS[size] ?? 7840),
    heap: large ? '2g' : '1g',
    pageCache: large ? '1536m' : '512m',
  };
}

/** Where the generated dataset of this size and seed lives (generated on first use). */
export function ensureDataset(size: number, seed: number, log: (line: string) => void): string {
  const folder = path.join(os.tmpdir(), 'innovation-graph-bench', `${sizeLabel(size)}-seed${seed}`);
  const marker = path.join(folder, 'dataset.json');
  if (existsSync(marker) && (readFileSync(marker, 'utf8').includes(`${size} 个节点，种子 ${seed}`))) return folder;
  log(`generating ${size} nodes (seed ${seed}) into ${folder}…`);
  const summary = generateDataset({ nodes: size, seed, folder });
  log(`generated ${summary.nodes} nodes and ${summary.relationships} relationships in ${(summary.durationMs / 1000).toFixed(1)} s`);
  return folder;
}

/** How a load went, from the importer's own summary line. */
export interface ImportFigures {
  method: 'transactional' | 'offline';
  nodes: number;
  relationships: number;
  seconds: number;
  recordsPerSecond: number;
  validationSeconds?: number;
  peakRssMb?: number;
  output: string;
}

/** Runs `kg import` (transactional or --offline) on the folder against the bench instance, as a user would. */
export function runImport(settings: LocalNeo4jSettings, folder: string, method: 'transactional' | 'offline', log: (line: string) => void): Promise<ImportFigures> {
  const args = ['--import', 'tsx', path.join(projectRoot, 'src/cli/kg.ts'), 'import', folder, ...(method === 'offline' ? ['--offline'] : [])];
  const child = spawn(process.execPath, args, {
    cwd: projectRoot,
    env: {
      ...process.env,
      NEO4J_URI: '',
      LOCAL_NEO4J_INSTANCE: settings.instance,
      LOCAL_NEO4J_BOLT_PORT: String(settings.boltPort),
      LOCAL_NEO4J_HEAP: settings.heap,
      LOCAL_NEO4J_PAGECACHE: settings.pageCache,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on('close', (code) => {
      const summary = /imported "[^"]*"(?: offline)?: (\d+) nodes, (\d+) relationships.* in ([\d.]+) s/.exec(output);
      if (code !== 0 || !summary) {
        reject(new Error(`kg import failed (exit ${code}):\n${output.slice(-3000)}`));
        return;
      }
      const [nodes, relationships, seconds] = [Number(summary[1]), Number(summary[2]), Number(summary[3])];
      const validation = /validation ([\d.]+) s/.exec(output);
      const rss = /peak RSS (\d+) MB/.exec(output);
      const figures: ImportFigures = {
        method,
        nodes,
        relationships,
        seconds,
        recordsPerSecond: Math.round((nodes + relationships) / seconds),
        validationSeconds: validation ? Number(validation[1]) : undefined,
        peakRssMb: rss ? Number(rss[1]) : undefined,
        output: output.split('\n').filter((line) => line.startsWith('imported')).join('\n'),
      };
      log(figures.output);
      resolve(figures);
    });
  });
}

/** Starts the size's instance and makes sure it holds exactly the generated dataset, importing it when not. */
export async function ensureLoadedDatabase(
  size: number,
  folder: string,
  method: 'transactional' | 'offline',
  log: (line: string) => void,
): Promise<{ connection: Neo4jConnection; settings: LocalNeo4jSettings; imported?: ImportFigures }> {
  const settings = benchNeo4jSettings(size);
  let handle = await startLocalNeo4j(settings, log);
  const database = openDatabase(handle.connection);
  let entities = 0;
  try {
    const [row] = await database.read("MATCH (n:Entity) WITH count(n) AS entities RETURN entities, EXISTS { MATCH (:Entity {id: 'gen:region:0'}) } AS generated");
    entities = Number(row?.entities ?? 0);
    if (entities === size && row?.generated) return { connection: handle.connection, settings };
    if (entities > 0) {
      log(`the instance holds ${entities} entities, not the ${size} generated: emptying it`);
      await database.writeAutoCommit('MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS');
    }
  } finally {
    await database.close();
  }
  log(`loading ${folder} into ${settings.instance} (${method})…`);
  const imported = await runImport(settings, folder, method, log);
  handle = await startLocalNeo4j(settings, log);
  return { connection: handle.connection, settings, imported };
}
