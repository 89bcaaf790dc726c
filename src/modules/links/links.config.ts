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
  maxBridges: 100,
  defaultBridges: 10,
} as const;
