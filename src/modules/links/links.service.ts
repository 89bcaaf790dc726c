/** The links queries put together from the repository, with validated arguments. */
import type { EntityModel } from '../../graph/entity.js';
import type { RelationshipType } from '../../graph/kinds.js';
import type { Database } from '../../neo4j/database.js';
import { LINK_LIMITS, LINKS_KEPT } from './links.config.js';
import { DerivedCache } from '../../neo4j/derived-cache.js';
import { edgeKey, findChainBridges, findNeighborhood, findShortestPathAvoiding, findShortestPaths, type NeighborhoodReads } from './links.repository.js';
import type { ChainBridgeModel, ConnectionsModel, GraphPathModel, SubgraphModel } from './links.model.js';

/**
 * Shortest paths and k shortest simple paths between two entities; empty lists when none lies within `maxHops`. Kept
 * per pair and arguments until a write (see `LINKS_KEPT`).
 */
export async function connect(database: Database, from: EntityModel, to: EntityModel, via: readonly RelationshipType[], maxHops: number, first: number): Promise<ConnectionsModel> {
  if (from.id === to.id) return { from, to, maxHops, shortest: [], paths: [] };
  const key = JSON.stringify([from.id, to.id, [...new Set(via)].sort(), maxHops, first]);
  return { from, to, maxHops, ...(await keptConnections.get(database, key)) };
}

const keptConnections = new DerivedCache<Pick<ConnectionsModel, 'shortest' | 'paths'>, string>(
  async (database, key) => {
    const [fromId, toId, via, maxHops, first] = JSON.parse(key) as [string, string, RelationshipType[], number, number];
    const shortest = await findShortestPaths(database, fromId, toId, via, maxHops, first);
    return { shortest, paths: await kShortestPaths(database, shortest, toId, via, maxHops, first) };
  },
  LINKS_KEPT.ttlMs,
  LINKS_KEPT.connections,
);

/** How many spur searches of one request run at once: a request must not take the connection pool for itself. */
const SPUR_SEARCHES_AT_ONCE = 4;

const pathKey = (path: GraphPathModel) => path.nodes.map((node) => node.id).join('>');

/**
 * The `k` shortest simple paths to `toId`, shortest first (Yen's algorithm): starting from the shortest paths (every
 * one of the shortest length), each next path is the shortest of the candidates obtained by leaving an accepted path
 * at one of its nodes (the spur) through a relationship no accepted path with the same beginning takes, and reaching
 * the target by a shortest path that avoids the beginning's other nodes. Each spur is one bidirectional shortest-path
 * search, so the work is bounded by k × path length searches.
 */
async function kShortestPaths(
  database: Database,
  shortest: readonly GraphPathModel[],
  toId: string,
  via: readonly RelationshipType[],
  maxHops: number,
  k: number,
): Promise<GraphPathModel[]> {
  const accepted = shortest.slice(0, k);
  if (accepted.length === 0 || accepted.length >= k) return accepted;
  const seen = new Set(accepted.map(pathKey));
  const candidates: GraphPathModel[] = [];
  let sources: GraphPathModel[] = [...accepted];
  while (accepted.length < k) {
    const spurs = sources.flatMap((path) => path.nodes.slice(0, -1).map((_, index) => ({ path, index })));
    for (let start = 0; start < spurs.length; start += SPUR_SEARCHES_AT_ONCE) {
      const found = await Promise.all(spurs.slice(start, start + SPUR_SEARCHES_AT_ONCE).map(({ path, index }) => spurPath(database, accepted, path, index, toId, via, maxHops)));
      for (const path of found) {
        if (path && !seen.has(pathKey(path))) {
          seen.add(pathKey(path));
          candidates.push(path);
        }
      }
    }
    if (candidates.length === 0) break;
    candidates.sort((a, b) => a.relationships.length - b.relationships.length || pathKey(a).localeCompare(pathKey(b)));
    const next = candidates.shift()!;
    accepted.push(next);
    sources = [next];
  }
  return accepted;
}

/** Yen's spur: `path`'s first `index` steps, then the shortest way on to the target that leaves through an unused relationship. */
async function spurPath(
  database: Database,
  accepted: readonly GraphPathModel[],
  path: GraphPathModel,
  index: number,
  toId: string,
  via: readonly RelationshipType[],
  maxHops: number,
): Promise<GraphPathModel | null> {
  const hops = maxHops - index;
  if (hops < 1) return null;
  const root = path.nodes.slice(0, index + 1);
  const rootKey = root.map((node) => node.id).join('>');
  const avoidEdges = accepted
    .filter((other) => other.nodes.length > index + 1 && other.nodes.slice(0, index + 1).map((node) => node.id).join('>') === rootKey)
    .map((other) => edgeKey(other.relationships[index]!));
  const spur = await findShortestPathAvoiding(
    database,
    root[index]!.id,
    toId,
    via,
    hops,
    root.slice(0, -1).map((node) => node.id),
    avoidEdges,
  );
  return spur ? { nodes: [...root.slice(0, -1), ...spur.nodes], relationships: [...path.relationships.slice(0, index), ...spur.relationships] } : null;
}

export function neighborhood(
  database: Database,
  centre: EntityModel,
  kinds: readonly RelationshipType[],
  depth: number,
  limit: number,
  reads: Omit<NeighborhoodReads, 'maxRing'> = {},
): Promise<SubgraphModel> {
  return findNeighborhood(database, centre, kinds, depth, limit, LINK_LIMITS.maxNeighborhoodEdges, { ...reads, maxRing: LINK_LIMITS.maxNeighborhoodRing });
}

const ACTOR_LABELS: Record<string, string> = {
  UNIVERSITY: 'University',
  RESEARCH_INSTITUTE: 'ResearchInstitute',
  ENTERPRISE: 'Enterprise',
  PLATFORM: 'Platform',
  GOVERNMENT_AGENCY: 'GovernmentAgency',
  EXPERT: 'Expert',
};

/** Actors bridging the most chains; `actorKinds` are ChainActorKind values (all when empty). */
export function chainBridges(database: Database, actorKinds: readonly string[] | null | undefined, first: number): Promise<ChainBridgeModel[]> {
  const labels = (actorKinds?.length ? actorKinds : Object.keys(ACTOR_LABELS)).map((kind) => ACTOR_LABELS[kind]).filter((label): label is string => Boolean(label));
  return findChainBridges(database, labels, first);
}
