/**
 * `npx tsx bench/chain-latency.ts [runs]`: p50 (and p90) latency of each chain and links query on the graph the
 * service would use (NEO4J_URI, or the local instance named by LOCAL_NEO4J_INSTANCE / LOCAL_NEO4J_BOLT_PORT),
 * executed in-process through Apollo (schema, resolvers, loaders, Neo4j), without HTTP. Expects the sample county.
 */
import { loadConfig } from '../src/config.js';
import { connectDatabase, resolveConnection } from '../src/boot.js';
import { createLogger } from '../src/logger.js';
import { createHttpService } from '../src/server.js';
import { createContext } from '../src/graphql/context.js';
import { toGlobalId } from '../src/graphql/global-id.js';

const runs = Number(process.argv[2] ?? 20);
const gid = toGlobalId;

/** The benchmarked operations: one per query of the chain and links modules, on the sample county's ids. */
export const OPERATIONS: Array<{ name: string; query: string; variables: Record<string, unknown> }> = [
  {
    name: 'industryChain (老腊肉, with gaps and 3 candidates each)',
    query: `query ($id: ID!) { industryChain(industry: $id) { segments { segment { name } depth support { localEnterprises rdPartners platforms experts recentProjects lastProjectYear }
      enterprises { actor { ... on Enterprise { name } } qualifications } platforms { actor { ... on Platform { name } } } experts { actor { ... on Expert { name } } level }
      gaps { kind reason candidates(first: 3) { score actor { __typename } reasons { kind contribution summary } } } } } }`,
    variables: { id: gid('Industry', 'industry:laorou') },
  },
  {
    name: 'clusterOverview (药谷)',
    query: `query ($id: ID!) { clusterOverview(cluster: $id) { industries { name } localEnterprises qualificationCounts { qualification count }
      weakestSegments(first: 5) { segment { name } gaps { kind } } indicators { indicator { name } basis currentValue progressRatio } } }`,
    variables: { id: gid('IndustryCluster', 'cluster:medicine-valley') },
  },
  {
    name: 'indicatorProgress',
    query: '{ indicatorProgress { indicator { name } basis currentValue baselineValue targetValue progressRatio } }',
    variables: {},
  },
  {
    name: 'connections (青岗老腊肉 → 西南大学, maxHops 6, first 5)',
    query: `query ($from: ID!, $to: ID!) { connections(from: $from, to: $to, maxHops: 6, first: 5) { found shortestLength shortest { text } paths { length text } } }`,
    variables: { from: gid('Enterprise', 'ent:qinggang-laorou'), to: gid('University', 'univ:swu') },
  },
  {
    name: 'neighborhood (西南大学, depth 2, limit 200)',
    query: `query ($id: ID!) { neighborhood(id: $id, depth: 2, limit: 200) { truncated nodes { kind label } edges { kind from { id } to { id } } } }`,
    variables: { id: gid('University', 'univ:swu') },
  },
  {
    name: 'chainBridges (first 10)',
    query: '{ chainBridges(first: 10) { chainCount segmentCount bridgedPairs actor { __typename } industries { name } } }',
    variables: {},
  },
  {
    name: 'industryChain export (大木漆, GraphML)',
    query: 'query ($id: ID!) { industryChain(industry: $id) { export(format: GRAPHML) { nodeCount edgeCount graphml } } }',
    variables: { id: gid('Industry', 'industry:damuqi') },
  },
  {
    name: 'graphExport (whole graph, CSV)',
    query: '{ graphExport(format: CSV) { nodeCount edgeCount nodesCsv edgesCsv } }',
    variables: {},
  },
];

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
};

if (import.meta.url === `file://${process.argv[1]}`) {
  const config = loadConfig();
  const logger = createLogger('silent');
  const database = await connectDatabase(await resolveConnection(config, logger), logger);
  const service = await createHttpService(database, logger);
  try {
    process.stdout.write(`| query | p50 ms | p90 ms | runs |\n|---|---|---|---|\n`);
    for (const operation of OPERATIONS) {
      const timings: number[] = [];
      for (let run = 0; run < runs + 2; run += 1) {
        const started = performance.now();
        const response = await service.apollo.executeOperation(
          { query: operation.query, variables: operation.variables },
          { contextValue: createContext(database, logger) },
        );
        const elapsed = performance.now() - started;
        if (response.body.kind !== 'single' || response.body.singleResult.errors) {
          throw new Error(`${operation.name} failed: ${JSON.stringify(response.body.kind === 'single' ? response.body.singleResult.errors : response.body)}`);
        }
        if (run >= 2) timings.push(elapsed); // two warm-up runs (query plans, JIT)
      }
      process.stdout.write(`| ${operation.name} | ${percentile(timings, 50).toFixed(0)} | ${percentile(timings, 90).toFixed(0)} | ${runs} |\n`);
    }
  } finally {
    await service.close().catch(() => {});
    await database.close();
  }
}
