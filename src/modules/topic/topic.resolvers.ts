import type { Resolvers } from '../../generated/graphql.js';
import type { EntityModel } from '../../graph/entity.js';
import { globalIdField } from '../node/node.resolvers.js';
import { listConnection, relatedConnection, relatedList } from '../../graphql/relations.js';
import { BY_NAME, sortOrder } from '../shared/filters.js';
import { topicConditions, topicRelations } from './topic.repository.js';

type Args = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export const topicResolvers: Resolvers = {
  Query: {
    topics: (_p, args, context, info) => listConnection(context, info, 'Topic', topicConditions(args.filter), sortOrder(args.orderBy, BY_NAME), args) as never,
  },
  Topic: {
    ...globalIdField,
    aliases: (parent: EntityModel) => (parent.aliases as string[] | undefined) ?? [],
    broader: (parent: EntityModel, _args: Args, context: any) => relatedList(context, parent, topicRelations.broader),
    narrower: (parent: EntityModel, args: Args, context: any) => relatedConnection(context, parent, topicRelations.narrower(sortOrder(args.orderBy, BY_NAME)), args),
    experts: (parent: EntityModel, args: Args, context: any) => relatedConnection(context, parent, topicRelations.experts(args.minLevel), args),
    organizations: (parent: EntityModel, args: Args, context: any) =>
      relatedConnection(context, parent, topicRelations.organizations(args.kinds, sortOrder(args.orderBy, BY_NAME)), args),
    projects: (parent: EntityModel, args: Args, context: any) =>
      relatedConnection(context, parent, topicRelations.projects(sortOrder(args.orderBy, { expression: 'node.startYear', direction: 'DESC' })), args),
    patents: (parent: EntityModel, args: Args, context: any) =>
      relatedConnection(context, parent, topicRelations.patents(sortOrder(args.orderBy, { expression: 'node.filedYear', direction: 'DESC' })), args),
    requiringDemands: (parent: EntityModel, args: Args, context: any) =>
      relatedConnection(context, parent, topicRelations.demands(args.statuses, sortOrder(args.orderBy, { expression: 'node.postedOn', direction: 'DESC' })), args),
    requiringSegments: (parent: EntityModel, args: Args, context: any) => relatedConnection(context, parent, topicRelations.segments, args),
  } as never,
  TopicExpertEdge: {},
};
