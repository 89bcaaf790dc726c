/** Cypher of graph exports: the whole graph, or the relationships among a set of entities. */
import { ENTITY_LABEL } from '../../graph/kinds.js';
import { entityProjection } from '../../graph/projection.js';
import { z } from 'zod';
import { entitySchema, graphEdgeSchema, parseRows } from '../../graph/rows.js';
import type { Database } from '../../neo4j/database.js';
import { cypherInt } from '../../neo4j/values.js';
import type { SubgraphModel } from '../links/links.model.js';

/** The most entities one export may hold; a larger graph is cut and flagged `truncated`. */
export const MAX_EXPORT_NODES = 100_000;

const EDGE = '{type: type(r), from: a.id, to: b.id, properties: properties(r)}';

const exportNodesRow = z.object({ node: entitySchema });

const nodeRows = (rows: readonly unknown[]) => parseRows(exportNodesRow, rows, 'export nodes').map((row) => row.node);
const exportRelationshipsRow = z.object({ edge: graphEdgeSchema });

const edgeRows = (rows: readonly unknown[]) => parseRows(exportRelationshipsRow, rows, 'export relationships').map((row) => row.edge);

/** The entities with these record ids and every relationship among them, in a stable order. */
export async function findInducedSubgraph(database: Database, ids: readonly string[]): Promise<SubgraphModel> {
  const [nodes, edges] = await Promise.all([
    database.read(`MATCH (node:${ENTITY_LABEL}) WHERE node.id IN $ids RETURN ${entityProjection('node')} AS node ORDER BY node.id`, { ids }),
    database.read(
      `MATCH (a:${ENTITY_LABEL})-[r]->(b:${ENTITY_LABEL}) WHERE a.id IN $ids AND b.id IN $ids
       RETURN ${EDGE} AS edge ORDER BY type(r), a.id, b.id`,
      { ids },
    ),
  ]);
  return { nodes: nodeRows(nodes), edges: edgeRows(edges), truncated: false };
}

/** Every entity (up to MAX_EXPORT_NODES, by id) and every relationship among them. */
export async function findWholeGraph(database: Database, maxNodes = MAX_EXPORT_NODES): Promise<SubgraphModel> {
  const nodes = nodeRows(
    await database.read(`MATCH (node:${ENTITY_LABEL}) WITH node ORDER BY node.id LIMIT $limit RETURN ${entityProjection('node')} AS node`, {
      limit: cypherInt(maxNodes + 1),
    }),
  );
  const kept = nodes.slice(0, maxNodes);
  const truncated = nodes.length > maxNodes;
  const edges = await database.read(
    truncated
      ? `MATCH (a:${ENTITY_LABEL})-[r]->(b:${ENTITY_LABEL}) WHERE a.id IN $ids AND b.id IN $ids RETURN ${EDGE} AS edge ORDER BY type(r), a.id, b.id`
      : `MATCH (a:${ENTITY_LABEL})-[r]->(b:${ENTITY_LABEL}) RETURN ${EDGE} AS edge ORDER BY type(r), a.id, b.id`,
    truncated ? { ids: kept.map((node) => node.id) } : {},
  );
  return { nodes: kept, edges: edgeRows(edges), truncated };
}
