import type { Resolvers } from '../../generated/graphql.js';
import { fromGlobalId, toGlobalId } from '../../graphql/global-id.js';
import { BadUserInputError } from '../../graphql/errors.js';
import type { EntityModel } from '../../graph/entity.js';
import type { GraphQLContext } from '../../graphql/context.js';
import type { GraphQLResolveInfo } from 'graphql';
import { entitiesReadingAhead } from '../../graphql/relations.js';
import { idResolver } from '../../graphql/prefetch.js';
import { countGraph } from './node.repository.js';
import { SERVICE_VERSION } from '../../version.js';

const MAX_NODES_PER_CALL = 100;

/** The entities the global ids denote, in order; null for an id that is malformed or names nothing of its kind. */
async function loadByGlobalIds(globalIds: readonly string[], context: GraphQLContext, info: GraphQLResolveInfo): Promise<Array<EntityModel | null>> {
  const decoded = globalIds.map(fromGlobalId);
  const ids = decoded.flatMap((entry) => (entry ? [entry.id] : []));
  const found = ids.length > 0 ? await entitiesReadingAhead(context, info, ids) : [];
  const byId = new Map(found.flatMap((entity) => (entity ? [[entity.id, entity] as const] : [])));
  return decoded.map((entry) => {
    const entity = entry ? byId.get(entry.id) : undefined;
    return entity && entity.nodeKind === entry?.kind ? entity : null;
  });
}

export const nodeResolvers: Resolvers = {
  Query: {
    node: async (_parent, { id }, context, info) => (await loadByGlobalIds([id], context, info))[0] ?? null,
    nodes: (_parent, { ids }, context, info) => {
      if (ids.length > MAX_NODES_PER_CALL) throw new BadUserInputError(`ids: at most ${MAX_NODES_PER_CALL} ids per call, got ${ids.length}`, 'ids');
      return loadByGlobalIds(ids, context, info);
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
export const globalIdField = { id: idResolver((entity: EntityModel) => toGlobalId(entity.nodeKind, entity.id)) };
