/**
 * Every Cypher query of the links module: paths between two entities, neighbourhoods and chain-bridging actors.
 * Relationship types and path bounds are spliced into the query text only after validation against closed
 * whitelists (`RELATIONSHIP_TYPE_NAMES`, integer ranges); every other value is a parameter.
 */
import { ENTITY_LABEL, RELATIONSHIP_TYPE_NAMES, type RelationshipType } from '../../graph/kinds.js';
import { z } from 'zod';
import { entityProjection } from '../../graph/query.js';
import { entitySchema, graphEdgeSchema, parseRows } from '../../graph/rows.js';
import type { Database } from '../../neo4j/database.js';
import { cypherInt } from '../../neo4j/values.js';
import type { ChainBridgeModel, GraphEdgeModel, GraphPathModel, SubgraphModel } from './links.model.js';

/** The Cypher relationship-type alternation for a validated list of types. */
function typeAlternation(types: readonly RelationshipType[]): string {
  const valid = types.filter((type) => RELATIONSHIP_TYPE_NAMES.some((name) => name === type));
  if (valid.length === 0 || valid.length !== types.length) throw new Error(`Relationship types outside the whitelist: ${types.join(', ')}`);
  return valid.join('|');
}

function boundedInteger(value: number, low: number, high: number): number {
  if (!Number.isInteger(value) || value < low || value > high) throw new Error(`Expected an integer in [${low}, ${high}], got ${value}`);
  return value;
}

const EDGE_PROJECTION = (variable: string) => `{type: type(${variable}), from: startNode(${variable}).id, to: endNode(${variable}).id, properties: properties(${variable})}`;
const PATH_PROJECTION = `{nodes: [n IN nodes(p) | ${entityProjection('n')}], relationships: [r IN relationships(p) | ${EDGE_PROJECTION('r')}]}`;

const pathRowSchema = z.object({ path: z.object({ nodes: z.array(entitySchema), relationships: z.array(graphEdgeSchema) }) });

const isSimple = (path: GraphPathModel) => new Set(path.nodes.map((node) => node.id)).size === path.nodes.length;

/**
 * The shortest paths (all of the shortest length, at most `limit`) between two entities over `types`, within `maxHops`.
 * Path queries use the bidirectional breadth-first search of `allShortestPaths`/`shortestPath`: on a graph of a million
 * nodes with hubs, the quantified-path `SHORTEST` forms ran past the transaction timeout (and past termination).
 */
export async function findShortestPaths(
  database: Database,
  fromId: string,
  toId: string,
  types: readonly RelationshipType[],
  maxHops: number,
  limit: number,
): Promise<GraphPathModel[]> {
  const rows = await database.read(
    `MATCH (a:${ENTITY_LABEL} {id: $fromId}), (b:${ENTITY_LABEL} {id: $toId})
     MATCH p = allShortestPaths((a)-[:${typeAlternation(types)}*1..${boundedInteger(maxHops, 1, 6)}]-(b))
     WITH p LIMIT $limit
     RETURN ${PATH_PROJECTION} AS path`,
    { fromId, toId, limit: cypherInt(limit) },
  );
  return parseRows(pathRowSchema, rows, 'findShortestPaths').map((row) => row.path).filter(isSimple);
}

/** A relationship's identity within a path: its type and its ends by record id (the format allows one per type and pair). */
export const edgeKey = (edge: Pick<GraphEdgeModel, 'type' | 'from' | 'to'>) => `${edge.type}|${edge.from}|${edge.to}`;

/**
 * The shortest path between two entities over `types` within `maxHops` that passes through none of `avoidNodeIds`
 * and uses none of the relationships `avoidEdgeKeys` (see `edgeKey`); null when none exists. The exclusions are checked
 * during the search (they are predicates on the path's nodes and relationships).
 */
export async function findShortestPathAvoiding(
  database: Database,
  fromId: string,
  toId: string,
  types: readonly RelationshipType[],
  maxHops: number,
  avoidNodeIds: readonly string[],
  avoidEdgeKeys: readonly string[],
): Promise<GraphPathModel | null> {
  const rows = await database.read(
    `MATCH (a:${ENTITY_LABEL} {id: $fromId}), (b:${ENTITY_LABEL} {id: $toId})
     MATCH p = shortestPath((a)-[:${typeAlternation(types)}*1..${boundedInteger(maxHops, 1, 6)}]-(b))
     WHERE none(n IN nodes(p) WHERE n.id IN $avoidNodeIds)
       AND none(r IN relationships(p) WHERE type(r) + '|' + startNode(r).id + '|' + endNode(r).id IN $avoidEdgeKeys)
     RETURN ${PATH_PROJECTION} AS path`,
    { fromId, toId, avoidNodeIds, avoidEdgeKeys },
  );
  return parseRows(pathRowSchema, rows, 'findShortestPathAvoiding')[0]?.path ?? null;
}

/**
 * The entities within `depth` hops of the start over `types` (nearest first, ties by id, at most `limit`),
 * and the relationships of those types among them (at most `maxEdges`). Read ring by ring (the entities at distance 1,
 * then 2…), one round trip each, stopping as soon as `limit` entities are found: each ring reads at most `maxRing`
 * entities (beyond, it is cut and the answer says `truncated`), so a hub nearby bounds the work instead of the graph.
 * Entities of kinds outside `entityKinds` are passed through but not returned.
 */
export async function findNeighborhood(
  database: Database,
  startId: string,
  types: readonly RelationshipType[],
  depth: number,
  limit: number,
  maxEdges: number,
  entityKinds: readonly string[] | null = null,
  maxRing = 2_500,
): Promise<SubgraphModel> {
  const alternation = typeAlternation(types);
  const [startRow] = await database.read(`MATCH (start:${ENTITY_LABEL} {id: $startId}) RETURN ${entityProjection('start')} AS node`, { startId });
  if (!startRow) return { nodes: [], edges: [], truncated: false };
  const kept = parseRows(z.object({ node: entitySchema }), [startRow], 'neighbourhood centre').map((row) => row.node);
  const seen = [startId];
  let frontier = [startId];
  let truncated = false;
  for (let distance = 1; distance <= boundedInteger(depth, 0, 3) && frontier.length > 0 && !truncated; distance += 1) {
    const remaining = limit + 1 - kept.length;
    const rows = await database.read(
      `UNWIND $frontier AS frontierId
       MATCH (:${ENTITY_LABEL} {id: frontierId})-[:${alternation}]-(node:${ENTITY_LABEL})
       WHERE NOT node.id IN $seen
       WITH DISTINCT node LIMIT $maxRing
       WITH collect(node) AS ring
       CALL (ring) {
         UNWIND ring AS node
         WITH node WHERE $entityKinds IS NULL OR any(label IN labels(node) WHERE label IN $entityKinds)
         WITH node ORDER BY node.id LIMIT $take
         RETURN collect(${entityProjection('node')}) AS nodes
       }
       RETURN [node IN ring | node.id] AS ids, nodes`,
      { frontier, seen, maxRing: cypherInt(maxRing), take: cypherInt(Math.max(remaining, 0)), entityKinds: entityKinds?.length ? entityKinds : null },
    );
    const ring = parseRows(z.object({ ids: z.array(z.string()), nodes: z.array(entitySchema) }), rows, 'neighbourhood ring')[0] ?? { ids: [], nodes: [] };
    kept.push(...ring.nodes);
    if (ring.ids.length >= maxRing || kept.length > limit) truncated = true;
    seen.push(...ring.ids);
    frontier = ring.ids;
  }
  const nodes = kept.slice(0, limit);
  const edgeRows = await database.read(
    `MATCH (a:${ENTITY_LABEL})-[r:${alternation}]->(b:${ENTITY_LABEL})
     WHERE a.id IN $ids AND b.id IN $ids
     WITH r, a, b ORDER BY type(r), a.id, b.id
     LIMIT $limit
     RETURN ${EDGE_PROJECTION('r')} AS edge`,
    { ids: nodes.map((node) => node.id), limit: cypherInt(maxEdges + 1) },
  );
  const edges = parseRows(z.object({ edge: graphEdgeSchema }), edgeRows, 'neighbourhood edges').map((row) => row.edge);
  return { nodes, edges: edges.slice(0, maxEdges), truncated: truncated || edges.length > maxEdges };
}

const bridgeRowSchema = z.object({ actor: entitySchema, chainCount: z.number(), segmentCount: z.number(), industries: z.array(entitySchema) });

/**
 * Actors ranked by chain-bridging degree: the number of distinct industry chains (industries with segments)
 * an actor is linked to. An actor is linked to a chain when it works in one of its segments (IN_SEGMENT), holds
 * expertise in or focuses on a topic one of its segments requires (or a narrower one), hosts or is a platform
 * serving the industry, or leads or takes part in a project for the industry.
 */
export async function findChainBridges(database: Database, actorLabels: readonly string[], limit: number): Promise<ChainBridgeModel[]> {
  const rows = await database.read(
    `MATCH (industry:Industry)-[:HAS_SEGMENT]->(segment:ChainSegment)
     CALL (industry, segment) {
       MATCH (actor:Enterprise)-[:IN_SEGMENT]->(segment) RETURN actor
       UNION
       MATCH (segment)-[:REQUIRES]->(:Topic)<-[:BROADER*0..]-(:Topic)<-[:FOCUSES_ON|HAS_EXPERTISE]-(actor) RETURN actor
       UNION
       MATCH (industry)<-[:SERVES]-(actor:Platform) RETURN actor
       UNION
       MATCH (industry)<-[:SERVES]-(:Platform)<-[:HOSTS]-(actor) RETURN actor
       UNION
       MATCH (industry)<-[:FOR_INDUSTRY]-(:Project)<-[:LEADS|PARTICIPATES_IN]-(actor) RETURN actor
     }
     WITH actor, industry, segment
     WHERE any(label IN labels(actor) WHERE label IN $actorLabels)
     WITH actor, collect(DISTINCT industry) AS industries, count(DISTINCT segment) AS segmentCount
     WITH actor, industries, size(industries) AS chainCount, segmentCount
     ORDER BY chainCount DESC, segmentCount DESC, actor.id
     LIMIT $limit
     RETURN ${entityProjection('actor')} AS actor, chainCount, segmentCount,
            [industry IN industries | ${entityProjection('industry')}] AS industries`,
    { actorLabels, limit: cypherInt(limit) },
  );
  return parseRows(bridgeRowSchema, rows, 'findChainBridges').map(({ actor, chainCount, segmentCount, industries }) => ({
    actor,
    chainCount,
    segmentCount,
    bridgedPairs: (chainCount * (chainCount - 1)) / 2,
    industries: industries.sort((a, b) => String(a.name).localeCompare(String(b.name), 'zh')),
  }));
}
