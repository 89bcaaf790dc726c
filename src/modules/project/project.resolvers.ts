import type { Resolvers } from '../../generated/graphql.js';
import type { EntityModel } from '../../graph/entity.js';
import { globalIdField } from '../node/node.resolvers.js';
import { listConnection, relatedConnection, relatedOne } from '../../graphql/relations.js';
import { sortOrder } from '../shared/filters.js';
import { patentConditions, projectConditions, projectRelations } from './project.repository.js';

type Args = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
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
    lead: (parent: EntityModel, _args: Args, context: any) => relatedOne(context, parent, projectRelations.lead),
    participants: (parent: EntityModel, args: Args, context: any) => relatedConnection(context, parent, projectRelations.participants, args),
    topics: (parent: EntityModel, args: Args, context: any) => relatedConnection(context, parent, projectRelations.topics, args),
    industries: (parent: EntityModel, args: Args, context: any) => relatedConnection(context, parent, projectRelations.industries, args),
  } as never,
  Patent: {
    ...globalIdField,
    owners: (parent: EntityModel, args: Args, context: any) => relatedConnection(context, parent, projectRelations.owners, args),
    inventors: (parent: EntityModel, args: Args, context: any) => relatedConnection(context, parent, projectRelations.inventors, args),
    topics: (parent: EntityModel, args: Args, context: any) => relatedConnection(context, parent, projectRelations.topics, args),
  } as never,
};
