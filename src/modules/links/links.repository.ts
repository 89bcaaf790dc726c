/**
 * Every Cypher query of the links module: paths between two entities, neighbourhoods and chain-bridging actors.
 * Relationship types and path bounds are spliced into the query text only after validation against closed
 * whitelists (`RELATIONSHIP_TYPE_NAMES`, integer ranges); every other value is a parameter.
 */
import { ENTITY_LABEL, RELATIONSHIP_TYPE_NAMES, type RelationshipType } from '../../graph/kinds.js';
import { z } from 'zod';
import { entityProjection } from '../../graph/projection.js';
import { entitySchema, graphEdgeSchema, parseRows } from '../../graph/rows.js';
import type { Database } from '../../neo4j/database.js';
import { cypherInt } from '../../neo4j/values.js';
import type { EntityModel } from '../../graph/entity.js';
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

const neighbourhoodEdgesRow = z.object({ edges: z.array(graphEdgeSchema) });

/**
 * The entities within `depth` hops of the centre over `types` (nearest first, ties by id, at most `limit`, the centre
 * first), and the relationships of those types among them (at most `maxEdges`). Read ring by ring (the entities at
 * distance 1, then 2…), one round trip each, stopping as soon as `limit` entities are found: each ring reads at most
 * `maxRing` entities (beyond, it is cut and the answer says `truncated`), so a hub nearby bounds the work instead of the
 * graph. The ring that ends the search also reads the relationships among the kept entities, in the same round trip.
 * See `NeighborhoodReads` for what is read of them.
 */
export async function findNeighborhood(
  database: Database,
  centre: EntityModel,
  types: readonly RelationshipType[],
  depth: number,
  limit: number,
  maxEdges: number,
  reads: NeighborhoodReads = {},
): Promise<SubgraphModel> {
  const { entityKinds = null, maxRing = 2_500, properties = null, edgeProperties = true } = reads;
  const alternation = typeAlternation(types);
  const rings = boundedInteger(depth, 0, 3);
  const kept: EntityModel[] = [centre];
  const seen = [centre.id];
  let frontier = [centre.id];
  for (let distance = 1; distance <= rings; distance += 1) {
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
         RETURN collect(${entityProjection('node', properties)}) AS nodes
       }
       WITH ring, nodes, $last OR size(ring) = 0 OR size(ring) >= $maxRing OR $keptCount + size(nodes) > $limit AS done
       CALL (nodes, done) {
         WITH ($keptIds + [node IN nodes | node.id])[0..$limit] AS ids WHERE done
         ${edgesAmong(alternation, edgeProperties)}
       }
       RETURN CASE WHEN done THEN [] ELSE [node IN ring | node.id] END AS ids, size(ring) AS size, nodes, done, edges`,
      {
        frontier,
        seen,
        maxRing: cypherInt(maxRing),
        take: cypherInt(Math.max(limit + 1 - kept.length, 0)),
        entityKinds: entityKinds?.length ? entityKinds : null,
        last: distance === rings,
        keptCount: cypherInt(kept.length),
        keptIds: kept.map((node) => node.id),
        limit: cypherInt(limit),
        edgeLimit: cypherInt(maxEdges + 1),
      },
    );
    const [ring] = parseRows(ringRowSchema, rows, 'neighbourhood ring');
    if (!ring) throw new Error('neighbourhood ring: the query returned no row');
    kept.push(...ring.nodes);
    if (ring.done) return subgraph(kept, limit, ring.edges, maxEdges, ring.size >= maxRing);
    seen.push(...ring.ids);
    frontier = ring.ids;
  }
  const edgeRows = await database.read(`WITH $ids AS ids ${edgesAmong(alternation, edgeProperties)}`, { ids: [centre.id], edgeLimit: cypherInt(maxEdges + 1) });
  const edges = parseRows(neighbourhoodEdgesRow, edgeRows, 'neighbourhood edges')[0]?.edges ?? [];
  return subgraph(kept, limit, edges, maxEdges, false);
}

/**
 * The relationships of the types `alternation` among the entities whose ids are `ids`, at most `$edgeLimit`, as
 * `edges` (with their properties when `withProperties`, else none). Each entity's outgoing relationships are walked.
 */
function edgesAmong(alternation: string, withProperties: boolean): string {
  return `UNWIND ids AS fromId
           MATCH (a:${ENTITY_LABEL} {id: fromId})-[r:${alternation}]->(b:${ENTITY_LABEL})
           WHERE b.id IN ids
           WITH r, a, b ORDER BY type(r), a.id, b.id
           LIMIT $edgeLimit
           RETURN collect(${withProperties ? EDGE_PROJECTION('r') : `{type: type(r), from: a.id, to: b.id, properties: {}}`}) AS edges`;
}

/** What a neighbourhood reads besides its shape. */
export interface NeighborhoodReads {
  /** Only entities of these kinds are returned (the centre always is); others are passed through. Default: all. */
  entityKinds?: readonly string[] | null;
  /** Entities read at most per ring (default 2 500). */
  maxRing?: number;
  /** The properties read of each entity besides its id and kind (null, the default: all). */
  properties?: readonly string[] | null;
  /** Whether the relationships' properties are read (default true; without, each edge has none). */
  edgeProperties?: boolean;
}

const ringRowSchema = z.object({ ids: z.array(z.string()), size: z.number(), nodes: z.array(entitySchema), done: z.boolean(), edges: z.array(graphEdgeSchema) });

function subgraph(kept: readonly EntityModel[], limit: number, edges: readonly GraphEdgeModel[], maxEdges: number, ringCut: boolean): SubgraphModel {
  return { nodes: kept.slice(0, limit), edges: edges.slice(0, maxEdges), truncated: ringCut || kept.length > limit || edges.length > maxEdges };
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
