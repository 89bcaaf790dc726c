import type { Resolvers } from '../../generated/graphql.js';
import type { EntityModel } from '../../graph/entity.js';
import type { RelationshipType } from '../../graph/kinds.js';
import { loadEntity } from '../../graphql/relations.js';
import { subgraphReads } from '../../graphql/prefetch.js';
import { LINK_LIMITS } from './links.config.js';
import type { ConnectionsModel, GraphEdgeModel, GraphPathModel } from './links.model.js';
import { chainBridges, connect, neighborhood } from './links.service.js';
import { connectionsArguments, neighborhoodArguments } from './links.inputs.js';
import { entityArgument, integerArgument } from '../shared/arguments.js';
import { RELATIONSHIP_VERBS, renderStep } from './relationship-verbs.js';

const labelOf = (node: EntityModel) => String(node.name ?? node.title ?? node.id);

/** A path in plain language, each relationship with its verb and an arrow in its own direction. */
export function pathText(path: GraphPathModel): string {
  // A path has one node more than relationships: relationship i joins nodes i and i + 1.
  const nodeAt = (index: number): EntityModel => {
    const node = path.nodes[index];
    if (!node) throw new Error(`path: no node ${index} for ${path.relationships.length} relationships`);
    return node;
  };
  let text = labelOf(nodeAt(0));
  path.relationships.forEach((relationship, index) => {
    text += renderStep(relationship.type, relationship.from === nodeAt(index).id) + labelOf(nodeAt(index + 1));
  });
  return text;
}

/** A neighbourhood's edges' ends, as the neighbourhood read them (with the properties the edges' selection reads). */
const edgeEnds = new WeakMap<GraphEdgeModel, { from: EntityModel; to: EntityModel }>();
const connectionsVia = new WeakMap<ConnectionsModel, RelationshipType[]>();

export const linksResolvers: Resolvers = {
  Query: {
    connections: async (_parent, args, context) => {
      const { maxHops, via, first } = connectionsArguments(args);
      const [from, to] = await Promise.all([entityArgument(context, 'from', args.from), entityArgument(context, 'to', args.to)]);
      const result = await connect(context.database, from, to, via, maxHops, first);
      connectionsVia.set(result, via);
      return result;
    },
    neighborhood: async (_parent, args, context, info) => {
      const { depth, kinds, limit } = neighborhoodArguments(args);
      const centre = await entityArgument(context, 'id', args.id);
      // Only what the selection reads of the entities (the properties a graph drawing does not show are left unread).
      const reads = subgraphReads(info);
      const subgraph = await neighborhood(context.database, centre, kinds, depth, limit, { ...reads, entityKinds: args.entityKinds ?? null });
      // Every edge's ends are among the nodes, read with what the edges' `from` and `to` select: no round trip for them.
      const byId = new Map(subgraph.nodes.map((node) => [node.id, node]));
      for (const edge of subgraph.edges) {
        const from = byId.get(edge.from);
        const to = byId.get(edge.to);
        if (from && to) edgeEnds.set(edge, { from, to });
      }
      return subgraph;
    },
    chainBridges: (_parent, args, context) =>
      chainBridges(context.database, args.actorKinds, integerArgument('first', args.first, 1, LINK_LIMITS.maxBridges, LINK_LIMITS.defaultBridges)),
  },
  GraphNode: {
    node: (parent) => parent,
    kind: (parent) => parent.nodeKind,
    label: labelOf,
  },
  GraphEdge: {
    kind: (parent) => parent.type,
    from: (parent, _args, context) => edgeEnds.get(parent)?.from ?? loadEntity(context, parent.from),
    to: (parent, _args, context) => edgeEnds.get(parent)?.to ?? loadEntity(context, parent.to),
    verb: (parent) => RELATIONSHIP_VERBS[parent.type],
  },
  GraphPath: {
    length: (parent) => parent.relationships.length,
    nodes: (parent) => parent.nodes,
    relationships: (parent) => parent.relationships,
    text: pathText,
  },
  Connections: {
    via: (parent) => connectionsVia.get(parent) ?? [],
    found: (parent) => parent.paths.length > 0 || parent.shortest.length > 0,
    shortestLength: (parent) => parent.shortest[0]?.relationships.length ?? parent.paths[0]?.relationships.length ?? null,
  },
  ChainBridge: {
    actor: (parent) => parent.actor,
  },
};
