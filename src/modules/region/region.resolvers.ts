import type { Resolvers } from '../../generated/graphql.js';
import type { EntityModel } from '../../graph/entity.js';
import { globalIdField } from '../node/node.resolvers.js';
import { listConnection, relatedConnection, relatedList, relatedOne } from '../../graphql/relations.js';
import { BY_NAME, sortOrder } from '../shared/filters.js';
import { regionConditions, regionRelations } from './region.repository.js';

type Args = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export const regionResolvers: Resolvers = {
  Query: {
    regions: (_p, args, context, info) => listConnection(context, info, 'Region', regionConditions(args.filter), sortOrder(args.orderBy, BY_NAME), args) as never,
  },
  Region: {
    ...globalIdField,
    parent: (parent: EntityModel, _args: Args, context: any) => relatedOne(context, parent, regionRelations.parent),
    children: (parent: EntityModel, args: Args, context: any) => relatedConnection(context, parent, regionRelations.children(args.kinds, sortOrder(args.orderBy, BY_NAME)), args),
    zones: (parent: EntityModel, _args: Args, context: any) => relatedList(context, parent, regionRelations.zones),
    members: (parent: EntityModel, args: Args, context: any) => relatedConnection(context, parent, regionRelations.members(sortOrder(args.orderBy, BY_NAME)), args),
    organizations: (parent: EntityModel, args: Args, context: any) =>
      relatedConnection(context, parent, regionRelations.organizations(args.kinds, args.includeSubRegions ?? true, sortOrder(args.orderBy, BY_NAME)), args),
    indicators: (parent: EntityModel, args: Args, context: any) => relatedConnection(context, parent, regionRelations.indicators(sortOrder(args.orderBy, BY_NAME)), args),
  } as never,
};
