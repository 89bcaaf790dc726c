/**
 * `npm run bench [-- runs]` (without --size): the API's cost over the raw-Cypher floor. Each operation runs in-process through
 * Apollo (schema, resolvers, DataLoaders, Neo4j) and, in the same process against the same database, as one
 * hand-written Cypher query returning the same data; the report gives both p50s and their ratio. Then the p50 of
 * the matching and chain queries, which have no single-query equivalent. Uses NEO4J_URI when set, otherwise the
 * local instance; expects the sample county (imports it when missing).
 */
import { loadConfig } from '../src/config.js';
import { connectDatabase, resolveConnection } from '../src/boot.js';
import { createLogger } from '../src/logger.js';
import { createHttpService } from '../src/server.js';
import { createContext } from '../src/graphql/context.js';
import { toGlobalId } from '../src/graphql/global-id.js';
import { migrate } from '../src/graph/migrations.js';
import { importDataset } from '../src/import/importer.js';
import { OPERATIONS as CHAIN_OPERATIONS } from './chain-latency.js';


interface Comparison {
  name: string;
  graphql: { query: string; variables?: Record<string, unknown> };
  cypher: { query: string; parameters?: Record<string, unknown> };
}

const COMPARISONS: Comparison[] = [
  {
    name: 'high-tech enterprises without an R&D partner, with region and segments',
    graphql: {
      query: `{ enterprises(first: 100, filter: { qualifications: [HIGH_TECH], hasRdPartner: false }) { totalCount nodes { id name region { name } segments { nodes { name } } } } }`,
    },
    cypher: {
      query: `MATCH (e:Enterprise) WHERE 'HIGH_TECH' IN e.qualifications
                AND NOT EXISTS { (e)-[:COOPERATES_WITH]-(p) WHERE p:University OR p:ResearchInstitute }
              RETURN e.id, e.name, COLLECT { MATCH (e)-[:LOCATED_IN]->(r) RETURN r.name }[0] AS region,
                     COLLECT { MATCH (e)-[:IN_SEGMENT]->(s) RETURN s.name } AS segments ORDER BY e.name LIMIT 100`,
    },
  },
  {
    name: '100 experts with affiliations (and their regions) and expertise (3 levels)',
    graphql: {
      query: `{ experts(first: 100) { nodes { name affiliations { nodes { name region { name } } } expertise { edges { level node { name broader { name } } } } } } }`,
    },
    cypher: {
      query: `MATCH (x:Expert) WITH x ORDER BY x.name, x.id LIMIT 100
              RETURN x.name,
                COLLECT { MATCH (x)-[:AFFILIATED_WITH]->(o) RETURN {name: o.name, region: COLLECT { MATCH (o)-[:LOCATED_IN]->(r) RETURN r.name }[0]} } AS affiliations,
                COLLECT { MATCH (x)-[h:HAS_EXPERTISE]->(t) RETURN {level: h.level, name: t.name, broader: COLLECT { MATCH (t)-[:BROADER]->(b) RETURN b.name }} } AS expertise`,
    },
  },
  {
    name: 'an industry with its segments, enterprises and platforms',
    graphql: {
      query: `query ($id: ID!) { node(id: $id) { ... on Industry { name segments { name enterprises { nodes { name qualifications } } } platforms { nodes { name level } } } } }`,
      variables: { id: toGlobalId('Industry', 'industry:laorou') },
    },
    cypher: {
      query: `MATCH (i:Industry {id: 'industry:laorou'})
              RETURN i.name,
                COLLECT { MATCH (i)-[:HAS_SEGMENT]->(s) RETURN {name: s.name, enterprises: COLLECT { MATCH (s)<-[:IN_SEGMENT]-(e) RETURN {name: e.name, qualifications: e.qualifications} }} } AS segments,
                COLLECT { MATCH (i)<-[:SERVES]-(p) RETURN {name: p.name, level: p.level} } AS platforms`,
    },
  },
  {
    name: 'full-text search (cjk), 20 hits with highlights',
    graphql: { query: `{ search(query: "老腊肉 冷链", first: 20) { totalCount edges { score highlights { field fragments } node { ... on Node { id } } } } }` },
    cypher: {
      query: `CALL db.index.fulltext.queryNodes('entity_text', 'name:(老腊肉 冷链)^3 OR title:(老腊肉 冷链)^3 OR aliasText:(老腊肉 冷链)^2 OR description:(老腊肉 冷链)')
              YIELD node, score RETURN node.id, node.name, node.description, score ORDER BY score DESC LIMIT 20`,
    },
  },
];

const MATCHING_OPERATIONS = [
  { name: 'expertSearch "中药材提取物和制剂加工"', query: `{ expertSearch(need: { text: "中药材提取物和制剂加工" }, first: 10) { matches { nodes { score label reasons { kind contribution summary } } } } }` },
  {
    name: 'partnerRecommendations for an enterprise',
    query: `{ partnerRecommendations(for: "${toGlobalId('Enterprise', 'ent:qinggang-laorou')}", first: 10) { matches { nodes { score label reasons { kind contribution summary } } } } }`,
  },
  {
    name: 'demandMatches for a 揭榜挂帅 challenge',
    query: `{ demandMatches(demandId: "${toGlobalId('Demand', 'demand:herbs-formulation')}", first: 10) { matches { nodes { score label reasons { kind contribution summary } } } } }`,
  },
];

function percentile(samples: number[], fraction: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? NaN;
}

/** The sample-county comparison: each operation through Apollo in-process and as one Cypher query, interleaved. */
export async function runSampleBench(runs: number): Promise<void> {
  const config = loadConfig();
  const logger = createLogger('warn');
  const database = await connectDatabase(await resolveConnection(config, logger), logger);
  const service = await createHttpService(database, logger);
  try {
    await migrate(database);
    const [row] = await database.read("MATCH (n:Entity {id: 'univ:swu'}) RETURN count(n) AS found");
    if (!row?.found) await importDataset(database, config.seed.directory);

    const execute = async (query: string, variables?: Record<string, unknown>) => {
      const response = await service.apollo.executeOperation({ query, variables }, { contextValue: createContext(database, logger) });
      if (response.body.kind !== 'single' || response.body.singleResult.errors) throw new Error(`${query}: ${JSON.stringify(response.body)}`);
    };
    const time = async (action: () => Promise<unknown>) => {
      const started = performance.now();
      await action();
      return performance.now() - started;
    };

    process.stdout.write(`GraphQL through Apollo vs one hand-written Cypher query (raw-Cypher floor), ${runs} runs each after 3 warm-ups\n`);
    process.stdout.write('operation                                                          | GraphQL p50 | Cypher p50 | ratio\n');
    for (const comparison of COMPARISONS) {
      const graphql: number[] = [];
      const cypher: number[] = [];
      for (let index = 0; index < runs + 3; index += 1) {
        // interleaved, so both sides see the same cache and load
        const viaGraphql = await time(() => execute(comparison.graphql.query, comparison.graphql.variables));
        const viaCypher = await time(() => database.read(comparison.cypher.query, comparison.cypher.parameters));
        if (index >= 3) {
          graphql.push(viaGraphql);
          cypher.push(viaCypher);
        }
      }
      const [g, c] = [percentile(graphql, 0.5), percentile(cypher, 0.5)];
      process.stdout.write(`${comparison.name.padEnd(66)} | ${g.toFixed(1).padStart(8)} ms | ${c.toFixed(1).padStart(7)} ms | ${(g / c).toFixed(2)}×\n`);
    }

    process.stdout.write(`\nMatching, chains and links (no single-query floor): p50 / p90 over ${runs} runs\n`);
    for (const operation of [...MATCHING_OPERATIONS.map((entry) => ({ ...entry, variables: {} })), ...CHAIN_OPERATIONS]) {
      const samples: number[] = [];
      for (let index = 0; index < runs + 2; index += 1) {
        const elapsed = await time(() => execute(operation.query, operation.variables));
        if (index >= 2) samples.push(elapsed);
      }
      process.stdout.write(`${operation.name.padEnd(66)} | ${percentile(samples, 0.5).toFixed(1).padStart(8)} ms | p90 ${percentile(samples, 0.9).toFixed(1)} ms\n`);
    }
  } finally {
    await service.close();
    await database.close();
  }
}
