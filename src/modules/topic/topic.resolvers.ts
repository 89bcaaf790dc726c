import { aliasesOf } from '../../graph/properties.js';
import type { Resolvers } from '../../generated/graphql.js';
import { globalIdField } from '../node/node.resolvers.js';
import { connectionField, listConnection, listField } from '../../graphql/relations.js';
import { BY_NAME, sortOrder } from '../shared/filters.js';
import { topicConditions, topicRelations } from './topic.repository.js';


export const topicResolvers: Resolvers = {
  Query: {
    topics: (_p, args, context, info) => listConnection(context, info, 'Topic', topicConditions(args.filter), sortOrder(args.orderBy, BY_NAME), args),
  },
  Topic: {
    ...globalIdField,
    aliases: aliasesOf,
    broader: listField(topicRelations.broader),
    narrower: connectionField((args) => topicRelations.narrower(sortOrder(args.orderBy, BY_NAME))),
    experts: connectionField((args) => topicRelations.experts(args.minLevel)),
    organizations: connectionField((args) => topicRelations.organizations(args.kinds, sortOrder(args.orderBy, BY_NAME))),
    projects: connectionField((args) => topicRelations.projects(sortOrder(args.orderBy, { expression: 'node.startYear', direction: 'DESC' }))),
    patents: connectionField((args) => topicRelations.patents(sortOrder(args.orderBy, { expression: 'node.filedYear', direction: 'DESC' }))),
    requiringDemands: connectionField((args) => topicRelations.demands(args.statuses, sortOrder(args.orderBy, { expression: 'node.postedOn', direction: 'DESC' }))),
    requiringSegments: connectionField(topicRelations.segments),
  },
  TopicExpertEdge: {},
};
