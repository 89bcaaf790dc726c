import type { Resolvers } from '../../generated/graphql.js';
import type { EntityModel } from '../../graph/entity.js';
import type { GraphQLContext } from '../../graphql/context.js';
import { LINK_LIMITS } from '../chain/chain.config.js';
import { exportSubgraph, type GraphExportFormat } from '../export/graph-formats.js';
import { findWholeGraph, pathsSubgraph } from '../export/export.service.js';
import type { ChainBridgeModel, ConnectionsModel, GraphEdgeModel, GraphPathModel, SubgraphModel } from './links.model.js';
import { chainBridges, connect, neighborhood } from './links.service.js';
import { connectionsArguments, entityArgument, integerArgument, neighborhoodArguments } from './links.inputs.js';
import { RELATIONSHIP_VERBS, renderStep } from './relationship-verbs.js';

/** The arguments these fields declare (GraphQL has validated their types). */
type Args = { first?: number | null; format: GraphExportFormat };

const labelOf = (node: EntityModel) => String(node.name ?? node.title ?? node.id);

/** A path in plain language, each relationship with its verb and an arrow in its own direction. */
export function pathText(path: GraphPathModel): string {
  let text = labelOf(path.nodes[0] as EntityModel);
  path.relationships.forEach((relationship, index) => {
    const here = path.nodes[index] as EntityModel;
    text += renderStep(relationship.type, relationship.from === here.id) + labelOf(path.nodes[index + 1] as EntityModel);
  });
  return text;
}

const connectionsVia = new WeakMap<ConnectionsModel, string[]>();

export const linksResolvers: Resolvers = {
  Query: {
    connections: async (_parent, args, context) => {
      const { maxHops, via, first } = connectionsArguments(args);
      const [from, to] = await Promise.all([entityArgument(context, 'from', args.from), entityArgument(context, 'to', args.to)]);
      const result = await connect(context.database, from, to, via, maxHops, first);
      connectionsVia.set(result, via);
      return result as never;
    },
    neighborhood: async (_parent, args, context) => {
      const { depth, kinds, limit } = neighborhoodArguments(args);
      const centre = await entityArgument(context, 'id', args.id);
      return (await neighborhood(context.database, centre, kinds, depth, limit, (args.entityKinds as string[] | null | undefined) ?? null)) as never;
    },
    chainBridges: (_parent, args, context) =>
      chainBridges(context.database, args.actorKinds, integerArgument('first', args.first, 1, LINK_LIMITS.maxBridges, LINK_LIMITS.defaultBridges)) as never,
    graphExport: async (_parent, args, context) => exportSubgraph(await findWholeGraph(context.database), args.format) as never,
  },
  GraphNode: {
    node: (parent: EntityModel) => parent,
    kind: (parent: EntityModel) => parent.nodeKind,
    label: labelOf,
  } as never,
  GraphEdge: {
    kind: (parent: GraphEdgeModel) => parent.type,
    from: (parent: GraphEdgeModel, _args: unknown, context: GraphQLContext) => context.loaders.entityById.load(parent.from),
    to: (parent: GraphEdgeModel, _args: unknown, context: GraphQLContext) => context.loaders.entityById.load(parent.to),
    verb: (parent: GraphEdgeModel) => RELATIONSHIP_VERBS[parent.type],
  } as never,
  GraphPath: {
    length: (parent: GraphPathModel) => parent.relationships.length,
    nodes: (parent: GraphPathModel) => parent.nodes,
    relationships: (parent: GraphPathModel) => parent.relationships,
    text: pathText,
  } as never,
  Connections: {
    via: (parent: ConnectionsModel) => connectionsVia.get(parent) ?? [],
    found: (parent: ConnectionsModel) => parent.paths.length > 0 || parent.shortest.length > 0,
    shortestLength: (parent: ConnectionsModel) => parent.shortest[0]?.relationships.length ?? parent.paths[0]?.relationships.length ?? null,
    export: (parent: ConnectionsModel, args: Args) => exportSubgraph(pathsSubgraph(parent), args.format),
  } as never,
  Subgraph: {
    export: (parent: SubgraphModel, args: Args) => exportSubgraph(parent, args.format),
  } as never,
  ChainBridge: {
    actor: (parent: ChainBridgeModel) => parent.actor,
  } as never,
};
