import type { Resolvers } from '../../generated/graphql.js';
import type { EntityModel } from '../../graph/entity.js';
import { globalIdField } from '../node/node.resolvers.js';
import { connectionField, listConnection, oneField } from '../../graphql/relations.js';
import { sortOrder } from '../shared/filters.js';
import { patentConditions, projectConditions, projectRelations } from './project.repository.js';

const entityType = { __resolveType: (parent: EntityModel) => parent.nodeKind as never };

export const projectResolvers: Resolvers = {
  Query: {
    projects: (_p, args, context, info) =>
      listConnection(context, info, 'Project', projectConditions(args.filter), sortOrder(args.orderBy, { expression: 'node.startYear', direction: 'DESC' }), args) as never,
    patents: (_p, args, context, info) =>
      listConnection(context, info, 'Patent', patentConditions(args.filter), sortOrder(args.orderBy, { expression: 'node.filedYear', direction: 'DESC' }), args) as never,
  },
  ProjectActor: entityType,
  DemandTaker: entityType,
  PolicyBeneficiary: entityType,
  SearchResult: entityType,
  Project: {
    ...globalIdField,
    funding: (parent: EntityModel) => parent.funding ?? 0,
    lead: oneField(projectRelations.lead),
    participants: connectionField(projectRelations.participants),
    topics: connectionField(projectRelations.topics),
    industries: connectionField(projectRelations.industries),
  } as never,
  Patent: {
    ...globalIdField,
    owners: connectionField(projectRelations.owners),
    inventors: connectionField(projectRelations.inventors),
    topics: connectionField(projectRelations.topics),
  } as never,
};
