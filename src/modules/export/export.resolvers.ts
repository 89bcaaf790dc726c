import type { Resolvers } from '../../generated/graphql.js';
import { exportSubgraph } from './graph-formats.js';
import { chainSubgraph, findWholeGraph, pathsSubgraph } from './export.service.js';

/** Every `export` field: the whole graph, a chain, a path set or a subgraph as GraphML or CSV. */
export const exportResolvers: Resolvers = {
  Query: {
    graphExport: async (_parent, args, context) => exportSubgraph(await findWholeGraph(context.database), args.format),
  },
  IndustryChain: {
    export: async (parent, args, context) => exportSubgraph(await chainSubgraph(context.database, parent), args.format),
  },
  Connections: {
    export: (parent, args) => exportSubgraph(pathsSubgraph(parent), args.format),
  },
  Subgraph: {
    export: (parent, args) => exportSubgraph(parent, args.format),
  },
};
