import type { Resolvers } from '../../generated/graphql.js';
import type { EntityModel } from '../../graph/entity.js';
import { globalIdField } from '../node/node.resolvers.js';
import { listConnection, relatedConnection, relatedList, relatedOne } from '../../graphql/relations.js';
import { BY_NAME, sortOrder } from '../shared/filters.js';
import { clusterConditions, industryConditions, industryRelations, segmentConditions } from './industry.repository.js';

type Args = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const aliases = (parent: EntityModel) => (parent.aliases as string[] | undefined) ?? [];
const NEWEST_PROJECT = { expression: 'node.startYear', direction: 'DESC' } as const;
const NEWEST_DEMAND = { expression: 'node.postedOn', direction: 'DESC' } as const;
const NEWEST_POLICY = { expression: 'node.year', direction: 'DESC' } as const;

export const industryResolvers: Resolvers = {
  Query: {
    industryClusters: (_p, args, context, info) =>
      listConnection(context, info, 'IndustryCluster', clusterConditions(args.filter), sortOrder(args.orderBy, BY_NAME), args) as never,
    industries: (_p, args, context, info) => listConnection(context, info, 'Industry', industryConditions(args.filter), sortOrder(args.orderBy, BY_NAME), args) as never,
    chainSegments: (_p, args, context, info) =>
      listConnection(context, info, 'ChainSegment', segmentConditions(args.filter), sortOrder(args.orderBy, BY_NAME), args) as never,
  },
  IndustryCluster: {
    ...globalIdField,
    aliases,
    industries: (parent: EntityModel, args: Args, context: any) =>
      relatedConnection(context, parent, industryRelations.clusterIndustries(sortOrder(args.orderBy, BY_NAME)), args),
    indicators: (parent: EntityModel, args: Args, context: any) =>
      relatedConnection(context, parent, industryRelations.clusterIndicators(sortOrder(args.orderBy, BY_NAME)), args),
  } as never,
  Industry: {
    ...globalIdField,
    aliases,
    cluster: (parent: EntityModel, _args: Args, context: any) => relatedOne(context, parent, industryRelations.clusters),
    clusters: (parent: EntityModel, _args: Args, context: any) => relatedList(context, parent, industryRelations.clusters),
    segments: (parent: EntityModel, _args: Args, context: any) => relatedList(context, parent, industryRelations.segments),
    enterprises: (parent: EntityModel, args: Args, context: any) =>
      relatedConnection(context, parent, industryRelations.enterprises(sortOrder(args.orderBy, BY_NAME)), args),
    platforms: (parent: EntityModel, args: Args, context: any) => relatedConnection(context, parent, industryRelations.platforms(sortOrder(args.orderBy, BY_NAME)), args),
    projects: (parent: EntityModel, args: Args, context: any) =>
      relatedConnection(context, parent, industryRelations.projects(sortOrder(args.orderBy, NEWEST_PROJECT)), args),
    demands: (parent: EntityModel, args: Args, context: any) =>
      relatedConnection(context, parent, industryRelations.demands(args.statuses, sortOrder(args.orderBy, NEWEST_DEMAND)), args),
    policies: (parent: EntityModel, args: Args, context: any) => relatedConnection(context, parent, industryRelations.policies(sortOrder(args.orderBy, NEWEST_POLICY)), args),
  } as never,
  ChainSegment: {
    ...globalIdField,
    industry: (parent: EntityModel, _args: Args, context: any) => relatedOne(context, parent, industryRelations.segmentIndustry),
    upstream: (parent: EntityModel, _args: Args, context: any) => relatedList(context, parent, industryRelations.upstream),
    downstream: (parent: EntityModel, _args: Args, context: any) => relatedList(context, parent, industryRelations.downstream),
    enterprises: (parent: EntityModel, args: Args, context: any) =>
      relatedConnection(context, parent, industryRelations.segmentEnterprises(sortOrder(args.orderBy, BY_NAME)), args),
    requiredTopics: (parent: EntityModel, args: Args, context: any) => relatedConnection(context, parent, industryRelations.requiredTopics, args),
  } as never,
};
