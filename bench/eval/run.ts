/**
 * `npm run eval:matching`: the matcher against the judged needs, beside the full-text baseline, on the sample
 * county. Uses NEO4J_URI when set, otherwise the project's local Neo4j; imports the sample dataset first when
 * the graph does not hold it (an idempotent upsert).
 */
import { loadConfig } from '../../src/config.js';
import { connectDatabase, resolveConnection } from '../../src/boot.js';
import { createLogger } from '../../src/logger.js';
import { migrate } from '../../src/neo4j/migrations.js';
import { importDataset } from '../../src/import/importer.js';
import { evaluateMatching, formatReport } from './evaluate.js';

const config = loadConfig();
const logger = createLogger('warn');
const database = await connectDatabase(await resolveConnection(config, logger), logger);
try {
  await migrate(database);
  const [row] = await database.read("MATCH (n:Entity {id: 'univ:swu'}) RETURN count(n) AS found");
  if (!row?.found) {
    process.stdout.write('The sample county is not in this graph: importing seeds/sample-county first…\n');
    await importDataset(database, config.seed.directory);
  }
  const started = performance.now();
  const report = await evaluateMatching(database);
  process.stdout.write(`${formatReport(report)}\n`);
  const latencies = report.queries.map((query) => query.latencyMs).sort((a, b) => a - b);
  process.stdout.write(`${report.queries.length} judged needs in ${((performance.now() - started) / 1000).toFixed(1)} s; matcher p50 ${latencies[Math.floor(latencies.length / 2)]?.toFixed(0)} ms\n`);
  if (process.argv.includes('--worst')) {
    for (const query of [...report.queries].sort((a, b) => a.ours.ndcg10 - b.ours.ndcg10).slice(0, 10)) {
      process.stdout.write(`  ${query.ours.ndcg10.toFixed(3)} (base ${query.baseline.ndcg10.toFixed(3)}) ${query.id}: ${query.ourTop.join(', ')}\n`);
    }
  }
} finally {
  await database.close();
}
