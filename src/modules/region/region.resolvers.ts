import type { Resolvers } from '../../generated/graphql.js';
import { globalIdField } from '../node/node.resolvers.js';
import { connectionField, listConnection, listField, oneField } from '../../graphql/relations.js';
import { BY_NAME, sortOrder } from '../shared/filters.js';
import { regionConditions, regionRelations } from './region.repository.js';


export const regionResolvers: Resolvers = {
  Query: {
    regions: (_p, args, context, info) => listConnection(context, info, 'Region', regionConditions(args.filter), sortOrder(args.orderBy, BY_NAME), args),
  },
  Region: {
    ...globalIdField,
    parent: oneField(regionRelations.parent),
    children: connectionField((args) => regionRelations.children(args.kinds, sortOrder(args.orderBy, BY_NAME))),
    zones: listField(regionRelations.zones),
    members: connectionField((args) => regionRelations.members(sortOrder(args.orderBy, BY_NAME))),
    organizations: connectionField((args) => regionRelations.organizations(args.kinds, args.includeSubRegions ?? true, sortOrder(args.orderBy, BY_NAME))),
    indicators: connectionField((args) => regionRelations.indicators(sortOrder(args.orderBy, BY_NAME))),
  },
};
