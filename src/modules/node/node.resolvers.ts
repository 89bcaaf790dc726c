import type { Resolvers } from '../../generated/graphql.js';
import { toGlobalId } from '../../graphql/global-id.js';
import { BadUserInputError } from '../../graphql/errors.js';
import type { EntityModel } from '../../graph/entity.js';
import type { GraphQLContext } from '../../graphql/context.js';
import type { GraphQLResolveInfo } from 'graphql';
import { byGlobalIds, entitiesReadingAhead, recordIdsOf } from '../../graphql/relations.js';
import { entityRootResolver, idResolver, propertyResolver } from '../../graphql/prefetch.js';
import { aliasesOf } from '../../graph/properties.js';
import { countGraph } from './node.repository.js';
import { SERVICE_VERSION } from '../../version.js';

const MAX_NODES_PER_CALL = 100;

/** The entities the global ids denote, in order; null for an id that is malformed or names nothing of its kind. */
async function loadByGlobalIds(globalIds: readonly string[], context: GraphQLContext, info: GraphQLResolveInfo): Promise<Array<EntityModel | null>> {
  const ids = recordIdsOf(globalIds);
  const found = ids.length > 0 ? await entitiesReadingAhead(context, info, ids) : [];
  return byGlobalIds(globalIds, new Map(found.flatMap((entity) => (entity ? [[entity.id, entity] as const] : []))));
}

/** The ids `nodes` asks for: at most MAX_NODES_PER_CALL. */
function idsOfNodes({ ids }: { ids: readonly string[] }): readonly string[] {
  if (ids.length > MAX_NODES_PER_CALL) throw new BadUserInputError(`ids: at most ${MAX_NODES_PER_CALL} ids per call, got ${ids.length}`, 'ids');
  return ids;
}

export const nodeResolvers: Resolvers = {
  Query: {
    node: entityRootResolver(async (_parent: unknown, { id }: { id: string }, context: GraphQLContext, info: GraphQLResolveInfo) => (await loadByGlobalIds([id], context, info))[0] ?? null, ({ id }: { id: string }) => [id]),
    nodes: entityRootResolver((_parent: unknown, args: { ids: readonly string[] }, context: GraphQLContext, info: GraphQLResolveInfo) => loadByGlobalIds(idsOfNodes(args), context, info), idsOfNodes),
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

/** The `aliases` field of every entity that has one: its aliases, empty when it has none. */
export const aliasesField = propertyResolver('aliases', (_value, parent: EntityModel) => aliasesOf(parent));

/** The `id` resolver shared by every node type: the opaque global id. */
export const globalIdField = { id: idResolver((entity: EntityModel) => toGlobalId(entity.nodeKind, entity.id)) };
