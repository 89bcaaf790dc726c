import type { Resolvers } from '../../generated/graphql.js';
import { aliasesField, globalIdField } from '../node/node.resolvers.js';
import { connectionField, listResolver, listField, oneField } from '../../graphql/relations.js';
import { BY_NAME, sortOrder } from '../shared/filters.js';
import { clusterConditions, industryConditions, industryRelations, segmentConditions } from './industry.repository.js';

const NEWEST_PROJECT = { expression: 'node.startYear', direction: 'DESC' } as const;
const NEWEST_DEMAND = { expression: 'node.postedOn', direction: 'DESC' } as const;
const NEWEST_POLICY = { expression: 'node.year', direction: 'DESC' } as const;

export const industryResolvers: Resolvers = {
  Query: {
    industryClusters: listResolver((args) => ({ label: 'IndustryCluster', conditions: clusterConditions(args.filter), order: sortOrder(args.orderBy, BY_NAME) })),
    industries: listResolver((args) => ({ label: 'Industry', conditions: industryConditions(args.filter), order: sortOrder(args.orderBy, BY_NAME) })),
    chainSegments: listResolver((args) => ({ label: 'ChainSegment', conditions: segmentConditions(args.filter), order: sortOrder(args.orderBy, BY_NAME) })),
  },
  IndustryCluster: {
    ...globalIdField,
    aliases: aliasesField,
    industries: connectionField((args) => industryRelations.clusterIndustries(sortOrder(args.orderBy, BY_NAME))),
    indicators: connectionField((args) => industryRelations.clusterIndicators(sortOrder(args.orderBy, BY_NAME))),
  },
  Industry: {
    ...globalIdField,
    aliases: aliasesField,
    cluster: oneField(industryRelations.clusters),
    clusters: listField(industryRelations.clusters),
    segments: listField(industryRelations.segments),
    enterprises: connectionField((args) => industryRelations.enterprises(sortOrder(args.orderBy, BY_NAME))),
    platforms: connectionField((args) => industryRelations.platforms(sortOrder(args.orderBy, BY_NAME))),
    projects: connectionField((args) => industryRelations.projects(sortOrder(args.orderBy, NEWEST_PROJECT))),
    demands: connectionField((args) => industryRelations.demands(args.statuses, sortOrder(args.orderBy, NEWEST_DEMAND))),
    policies: connectionField((args) => industryRelations.policies(sortOrder(args.orderBy, NEWEST_POLICY))),
  },
  ChainSegment: {
    ...globalIdField,
    industry: oneField(industryRelations.segmentIndustry),
    upstream: listField(industryRelations.upstream),
    downstream: listField(industryRelations.downstream),
    enterprises: connectionField((args) => industryRelations.segmentEnterprises(sortOrder(args.orderBy, BY_NAME))),
    requiredTopics: connectionField(industryRelations.requiredTopics),
  },
};
