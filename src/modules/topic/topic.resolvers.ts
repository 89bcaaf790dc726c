import type { Resolvers } from '../../generated/graphql.js';
import { aliasesField, globalIdField } from '../node/node.resolvers.js';
import { connectionField, listResolver, listField } from '../../graphql/relations.js';
import { BY_NAME, sortOrder } from '../shared/filters.js';
import { topicConditions, topicRelations } from './topic.repository.js';


export const topicResolvers: Resolvers = {
  Query: {
    topics: listResolver((args) => ({ label: 'Topic', conditions: topicConditions(args.filter), order: sortOrder(args.orderBy, BY_NAME) })),
  },
  Topic: {
    ...globalIdField,
    aliases: aliasesField,
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
