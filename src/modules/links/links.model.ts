/** The shapes the links module hands to resolvers and to the exporter: typed nodes, typed relationships, paths, subgraphs. */
import type { EntityModel } from '../../graph/entity.js';
import type { RelationshipType } from '../../graph/kinds.js';

/** A relationship between two entities, by record id, with its own properties (never a database element id). */
export interface GraphEdgeModel {
  type: RelationshipType;
  from: string;
  to: string;
  properties: Record<string, unknown>;
}

/** A path: nodes[i] and nodes[i + 1] are joined by relationships[i], in either direction. */
export interface GraphPathModel {
  nodes: EntityModel[];
  relationships: GraphEdgeModel[];
}

/** Nodes and the edges among them; `truncated` is true when a cap cut the node or edge list. */
export interface SubgraphModel {
  nodes: EntityModel[];
  edges: GraphEdgeModel[];
  truncated: boolean;
}

/** The answer of `connections`: the shortest paths and the k shortest distinct (simple) paths. */
export interface ConnectionsModel {
  from: EntityModel;
  to: EntityModel;
  maxHops: number;
  shortest: GraphPathModel[];
  paths: GraphPathModel[];
}

/** An organisation or expert with the chains it is linked to (see `chainBridges`). */
export interface ChainBridgeModel {
  actor: EntityModel;
  chainCount: number;
  segmentCount: number;
  bridgedPairs: number;
  industries: EntityModel[];
}
