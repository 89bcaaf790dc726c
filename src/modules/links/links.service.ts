/** The links queries put together from the repository, with validated arguments. */
import type { EntityModel } from '../../graph/entity.js';
import type { RelationshipType } from '../../graph/kinds.js';
import type { Database } from '../../neo4j/database.js';
import { LINK_LIMITS } from './links.config.js';
import { findChainBridges, findNeighborhood, findShortestKPaths, findShortestPaths } from './links.repository.js';
import type { ChainBridgeModel, ConnectionsModel, SubgraphModel } from './links.model.js';

/** Shortest paths and k shortest simple paths between two entities; empty lists when none lies within `maxHops`. */
export async function connect(database: Database, from: EntityModel, to: EntityModel, via: readonly RelationshipType[], maxHops: number, first: number): Promise<ConnectionsModel> {
  if (from.id === to.id) return { from, to, maxHops, shortest: [], paths: [] };
  const [shortest, paths] = await Promise.all([findShortestPaths(database, from.id, to.id, via, maxHops, first), findShortestKPaths(database, from.id, to.id, via, maxHops, first)]);
  return { from, to, maxHops, shortest, paths };
}

export function neighborhood(
  database: Database,
  centre: EntityModel,
  kinds: readonly RelationshipType[],
  depth: number,
  limit: number,
  entityKinds: readonly string[] | null = null,
): Promise<SubgraphModel> {
  return findNeighborhood(database, centre.id, kinds, depth, limit, LINK_LIMITS.maxNeighborhoodEdges, entityKinds);
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
