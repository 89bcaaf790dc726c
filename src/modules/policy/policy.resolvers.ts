import type { Resolvers } from '../../generated/graphql.js';
import type { EntityModel } from '../../graph/entity.js';
import { globalIdField } from '../node/node.resolvers.js';
import { listConnection, relatedConnection, relatedList } from '../../graphql/relations.js';
import { BY_NAME, sortOrder } from '../shared/filters.js';
import { indicatorConditions, policyConditions, policyRelations } from './policy.repository.js';

type Args = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export const policyResolvers: Resolvers = {
  Query: {
    policies: (_p, args, context, info) =>
      listConnection(context, info, 'Policy', policyConditions(args.filter), sortOrder(args.orderBy, { expression: 'node.year', direction: 'DESC' }), args) as never,
    indicators: (_p, args, context, info) => listConnection(context, info, 'Indicator', indicatorConditions(args.filter), sortOrder(args.orderBy, BY_NAME), args) as never,
  },
  Policy: {
    ...globalIdField,
    issuedBy: (parent: EntityModel, _args: Args, context: any) => relatedList(context, parent, policyRelations.issuedBy),
    beneficiaries: (parent: EntityModel, args: Args, context: any) => relatedConnection(context, parent, policyRelations.beneficiaries, args),
    industries: (parent: EntityModel, args: Args, context: any) => relatedConnection(context, parent, policyRelations.industries, args),
  } as never,
  Indicator: {
    ...globalIdField,
    regions: (parent: EntityModel, _args: Args, context: any) => relatedList(context, parent, policyRelations.indicatorRegions),
    clusters: (parent: EntityModel, _args: Args, context: any) => relatedList(context, parent, policyRelations.indicatorClusters),
  } as never,
};
