import type { Resolvers } from '../../generated/graphql.js';
import { globalIdField } from '../node/node.resolvers.js';
import { connectionField, listConnection, listField } from '../../graphql/relations.js';
import { BY_NAME, sortOrder } from '../shared/filters.js';
import { indicatorConditions, policyConditions, policyRelations } from './policy.repository.js';


export const policyResolvers: Resolvers = {
  Query: {
    policies: (_p, args, context, info) =>
      listConnection(context, info, 'Policy', policyConditions(args.filter), sortOrder(args.orderBy, { expression: 'node.year', direction: 'DESC' }), args),
    indicators: (_p, args, context, info) => listConnection(context, info, 'Indicator', indicatorConditions(args.filter), sortOrder(args.orderBy, BY_NAME), args),
  },
  Policy: {
    ...globalIdField,
    issuedBy: listField(policyRelations.issuedBy),
    beneficiaries: connectionField(policyRelations.beneficiaries),
    industries: connectionField(policyRelations.industries),
  },
  Indicator: {
    ...globalIdField,
    regions: listField(policyRelations.indicatorRegions),
    clusters: listField(policyRelations.indicatorClusters),
  },
};
