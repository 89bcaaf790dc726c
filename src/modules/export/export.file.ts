/** Graph exports written to files, for `npm run kg -- export-graph`. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { RELATIONSHIP_TYPE_NAMES } from '../../graph/kinds.js';
import type { Database } from '../../neo4j/database.js';
import { CHAIN_RULES } from '../chain/chain.config.js';
import { LINK_LIMITS } from '../links/links.config.js';
import { findDefaultCounty, findEntity } from '../chain/chain.repository.js';
import { analyseIndustryChain } from '../chain/chain.service.js';
import { findNeighborhood } from '../links/links.repository.js';
import type { SubgraphModel } from '../links/links.model.js';
import { keptEdges, toCsv, toGraphml, type GraphExportFormat } from './graph-formats.js';
import { chainSubgraph, findWholeGraph } from './export.service.js';

export interface GraphFileOptions {
  format: GraphExportFormat;
  /** Record id of a neighbourhood's centre. */
  neighborhood?: string;
  depth?: number;
  limit?: number;
  /** Record id of an industry whose chain to export. */
  industry?: string;
  /** The year the chain is analysed as of (staleness): this year on the caller's clock. */
  asOfYear: number;
}

/** Thrown for options that name nothing or conflict; the CLI prints the message. */
export class GraphFileError extends Error {
  override name = 'GraphFileError';
}

async function subgraphFor(database: Database, options: GraphFileOptions): Promise<SubgraphModel> {
  if (options.neighborhood && options.industry) throw new GraphFileError('--neighborhood and --industry exclude each other');
  if (options.neighborhood) {
    const centre = await findEntity(database, 'Entity', options.neighborhood);
    if (!centre) throw new GraphFileError(`--neighborhood: no entity has the id "${options.neighborhood}"`);
    const depth = options.depth ?? LINK_LIMITS.defaultDepth;
    if (depth < 0 || depth > LINK_LIMITS.maxDepth) throw new GraphFileError(`--depth: expected 0 to ${LINK_LIMITS.maxDepth}, got ${depth}`);
    const limit = options.limit ?? LINK_LIMITS.maxNeighborhoodNodes;
    if (limit < 1 || limit > LINK_LIMITS.maxNeighborhoodNodes) throw new GraphFileError(`--limit: expected 1 to ${LINK_LIMITS.maxNeighborhoodNodes}, got ${limit}`);
    return findNeighborhood(database, centre, RELATIONSHIP_TYPE_NAMES, depth, limit, LINK_LIMITS.maxNeighborhoodEdges);
  }
  if (options.industry) {
    const industry = await findEntity(database, 'Industry', options.industry);
    if (!industry) throw new GraphFileError(`--industry: no industry has the id "${options.industry}"`);
    const county = await findDefaultCounty(database);
    if (!county) throw new GraphFileError('no region of kind COUNTY has enterprises located in it');
    return chainSubgraph(database, await analyseIndustryChain(database, industry, county, options.asOfYear, CHAIN_RULES));
  }
  return findWholeGraph(database);
}

/** Writes the export; GraphML to `file`, CSV to `<file without .csv>.nodes.csv` and `.edges.csv`. Returns what was written. */
export async function writeGraphFile(database: Database, file: string, options: GraphFileOptions): Promise<{ files: string[]; nodes: number; edges: number; truncated: boolean }> {
  const subgraph = await subgraphFor(database, options);
  const counts = { nodes: subgraph.nodes.length, edges: keptEdges(subgraph).length, truncated: subgraph.truncated };
  if (options.format === 'GRAPHML') {
    writeFileSync(file, toGraphml(subgraph));
    return { files: [file], ...counts };
  }
  const base = file.replace(/\.csv$/i, '');
  const [nodesFile, edgesFile] = [`${base}.nodes.csv`, `${base}.edges.csv`];
  const { nodesCsv, edgesCsv } = toCsv(subgraph);
  writeFileSync(nodesFile, nodesCsv);
  writeFileSync(edgesFile, edgesCsv);
  return { files: [nodesFile, edgesFile].map((name) => path.normalize(name)), ...counts };
}
