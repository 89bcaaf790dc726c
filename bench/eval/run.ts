/**
 * `npm run eval:matching`: the matcher against both judged sets, beside the full-text and BM25 baselines.
 * - Development set (bench/eval/judgements.json) on the sample county: uses NEO4J_URI when set, otherwise the
 *   project's local Neo4j; imports the sample dataset first when the graph does not hold it (an idempotent upsert).
 * - Held-out set (bench/eval/heldout/judgements.json) on the held-out county, in a separate local Neo4j instance
 *   (HELDOUT_NEO4J_INSTANCE, default "eval-heldout", on HELDOUT_NEO4J_BOLT_PORT, default 7688): the run clears it,
 *   migrates, imports bench/eval/heldout/county, evaluates and stops it again unless it was already running.
 *   The two counties never share a database: rarity, proximity and the candidate pool are whole-graph figures.
 * Options: `--dev-only`, `--heldout-only`, `--worst` (the ten weakest needs of each set), `--queries` (every need's nDCG@10 and top 5).
 */
import { loadConfig, type LocalNeo4jSettings } from '../../src/config.js';
import { connectDatabase, resolveConnection } from '../../src/boot.js';
import { createLogger } from '../../src/logger.js';
import { migrate } from '../../src/graph/migrations.js';
import { openDatabase, type Database } from '../../src/neo4j/database.js';
import { importDataset } from '../../src/import/importer.js';
import { startLocalNeo4j, stopLocalNeo4j } from '../../src/local-neo4j/manager.js';
import { evaluateMatching, formatReport, HELDOUT_DATASET, HELDOUT_JUDGEMENTS_FILE, JUDGEMENTS_FILE, type EvaluationReport } from './evaluate.js';

const config = loadConfig();
const logger = createLogger('warn');
const say = (line: string) => process.stdout.write(`${line}\n`);

function printReport(title: string, report: EvaluationReport, seconds: number) {
  say(`\n${title}`);
  say(formatReport(report));
  const latencies = report.queries.map((query) => query.latencyMs).sort((a, b) => a - b);
  say(`${report.queries.length} judged needs in ${seconds.toFixed(1)} s; matcher p50 ${latencies[Math.floor(latencies.length / 2)]?.toFixed(0)} ms`);
  if (process.argv.includes('--queries')) {
    for (const query of report.queries) say(`  ${query.metrics.ours.ndcg10.toFixed(3)} ${query.id}: ${query.ourTop.join(', ')}`);
  }
  if (process.argv.includes('--worst')) {
    for (const query of [...report.queries].sort((a, b) => a.metrics.ours.ndcg10 - b.metrics.ours.ndcg10).slice(0, 10)) {
      say(`  ${query.metrics.ours.ndcg10.toFixed(3)} (text ${query.metrics.fullText.ndcg10.toFixed(3)}, bm25 ${query.metrics.bm25.ndcg10.toFixed(3)}) ${query.id}: ${query.ourTop.join(', ')}`);
    }
    for (const miss of report.flags?.missing ?? []) say(`  flag missing: ${miss.query} ${miss.candidate} ${miss.flag}${miss.proposed ? '' : ' (not proposed)'}`);
    for (const miss of report.chainGaps?.misses ?? []) say(`  gap candidate missing: ${miss.segment} ${miss.dimension} ${miss.candidate}${miss.gapReported ? '' : ' (gap not reported)'}`);
  }
}

async function timed(database: Database, file: string): Promise<[EvaluationReport, number]> {
  const started = performance.now();
  const report = await evaluateMatching(database, file);
  return [report, (performance.now() - started) / 1000];
}

async function developmentSet() {
  const database = await connectDatabase(await resolveConnection(config, logger), logger);
  try {
    await migrate(database);
    const [row] = await database.read("MATCH (n:Entity {id: 'univ:swu'}) RETURN count(n) AS found");
    if (!row?.found) {
      say('The sample county is not in this graph: importing seeds/sample-county first…');
      await importDataset(database, config.seed.directory);
    }
    const [report, seconds] = await timed(database, JUDGEMENTS_FILE);
    printReport('Development set (bench/eval/judgements.json, sample county; the matcher is tuned on it)', report, seconds);
  } finally {
    await database.close();
  }
}

/** The held-out county's own Neo4j instance. */
export const heldoutNeo4jSettings: LocalNeo4jSettings = {
  instance: process.env.HELDOUT_NEO4J_INSTANCE ?? 'eval-heldout',
  rootDir: config.localNeo4j.rootDir,
  host: '127.0.0.1',
  boltPort: Number(process.env.HELDOUT_NEO4J_BOLT_PORT ?? 7688),
  heap: '1g',
  pageCache: '256m',
};

async function heldoutSet() {
  const progress = (line: string) => say(`[held-out neo4j] ${line}`);
  const handle = await startLocalNeo4j(heldoutNeo4jSettings, progress);
  const database = openDatabase(handle.connection);
  try {
    await database.writeAutoCommit('MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS');
    await migrate(database);
    await importDataset(database, HELDOUT_DATASET);
    const [report, seconds] = await timed(database, HELDOUT_JUDGEMENTS_FILE);
    printReport('Held-out set (bench/eval/heldout/judgements.json, 栖梧县; never used for tuning)', report, seconds);
  } finally {
    await database.close();
    if (!handle.alreadyRunning) await stopLocalNeo4j(heldoutNeo4jSettings, progress);
  }
}

if (!process.argv.includes('--heldout-only')) await developmentSet();
if (!process.argv.includes('--dev-only')) await heldoutSet();
