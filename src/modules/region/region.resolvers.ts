import type { Resolvers } from '../../generated/graphql.js';
import { globalIdField } from '../node/node.resolvers.js';
import { connectionField, listResolver, listField, oneField } from '../../graphql/relations.js';
import { BY_NAME, sortOrder } from '../shared/filters.js';
import { regionConditions, regionRelations } from './region.repository.js';


export const regionResolvers: Resolvers = {
  Query: {
    regions: listResolver((args) => ({ label: 'Region', conditions: regionConditions(args.filter), order: sortOrder(args.orderBy, BY_NAME) })),
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
