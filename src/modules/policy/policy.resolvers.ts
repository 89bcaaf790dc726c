import type { Resolvers } from '../../generated/graphql.js';
import { globalIdField } from '../node/node.resolvers.js';
import { connectionField, listResolver, listField } from '../../graphql/relations.js';
import { BY_NAME, sortOrder } from '../shared/filters.js';
import { indicatorConditions, policyConditions, policyRelations } from './policy.repository.js';


export const policyResolvers: Resolvers = {
  Query: {
    policies: listResolver((args) => ({ label: 'Policy', conditions: policyConditions(args.filter), order: sortOrder(args.orderBy, { expression: 'node.year', direction: 'DESC' }) })),
    indicators: listResolver((args) => ({ label: 'Indicator', conditions: indicatorConditions(args.filter), order: sortOrder(args.orderBy, BY_NAME) })),
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
