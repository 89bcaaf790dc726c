import type { Resolvers } from '../../generated/graphql.js';
import { fromGlobalId, toGlobalId } from '../../graphql/global-id.js';
import { BadUserInputError } from '../../graphql/errors.js';
import type { EntityModel } from '../../graph/entity.js';
import type { GraphQLContext } from '../../graphql/context.js';
import { countGraph } from './node.repository.js';
import { SERVICE_VERSION } from '../../version.js';

const MAX_NODES_PER_CALL = 100;

async function loadByGlobalId(globalId: string, context: GraphQLContext): Promise<EntityModel | null> {
  const decoded = fromGlobalId(globalId);
  if (!decoded) return null;
  const entity = await context.loaders.entityById.load(decoded.id);
  return entity && entity.nodeKind === decoded.kind ? entity : null;
}

export const nodeResolvers: Resolvers = {
  Query: {
    node: (_parent, { id }, context) => loadByGlobalId(id, context),
    nodes: (_parent, { ids }, context) => {
      if (ids.length > MAX_NODES_PER_CALL) throw new BadUserInputError(`ids: at most ${MAX_NODES_PER_CALL} ids per call, got ${ids.length}`, 'ids');
      return Promise.all(ids.map((id) => loadByGlobalId(id, context)));
    },
    serviceStatus: async (_parent, _args, { database }) => {
      const [server, counts] = await Promise.all([database.verify(), countGraph(database)]);
      return {
        version: SERVICE_VERSION,
        databaseVersion: server.version,
        databaseEdition: server.edition,
        nodeCount: counts.nodes,
        relationshipCount: counts.relationships,
      };
    },
  },
  Node: {
    __resolveType: (entity) => entity.nodeKind,
  },
};

/** The `id` resolver shared by every node type: the opaque global id. */
export const globalIdField = { id: (entity: EntityModel) => toGlobalId(entity.nodeKind, entity.id) };
