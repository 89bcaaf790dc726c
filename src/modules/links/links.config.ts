import { KEPT_VALUES_TTL_MS } from '../../neo4j/derived-cache.js';
/** The limits of the links queries (connections, neighborhood, chainBridges); inputs beyond them are refused. */
export const LINK_LIMITS = {
  maxHops: 6,
  defaultHops: 4,
  maxPaths: 20,
  defaultPaths: 5,
  maxDepth: 3,
  defaultDepth: 1,
  maxNeighborhoodNodes: 500,
  defaultNeighborhoodNodes: 100,
  /** Edges returned with a neighbourhood at most (edges among the kept nodes); beyond it `truncated` is true. */
  maxNeighborhoodEdges: 2000,
  /**
   * Entities read at most per ring of a neighbourhood (the entities at one distance): around a hub — a county, a
   * popular topic — the second ring holds a large part of the graph; beyond this, the ring is cut and `truncated` is true.
   */
  maxNeighborhoodRing: 2_500,
  maxBridges: 100,
  defaultBridges: 10,
} as const;

/**
 * Connections answered are kept per database until a write by this process or another (see `DerivedCache`; `ttlMs` is
 * its safety net), at most `connections` of them: a path search near a hub is a costly read, and people come back to
 * the pair they were looking at.
 */
export const LINKS_KEPT = { connections: 2_000, ttlMs: KEPT_VALUES_TTL_MS } as const;
