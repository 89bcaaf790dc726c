import type { Resolvers } from '../../generated/graphql.js';
import { globalIdField } from '../node/node.resolvers.js';
import { connectionField, listResolver, oneField } from '../../graphql/relations.js';
import { propertyResolver } from '../../graphql/prefetch.js';
import { sortOrder } from '../shared/filters.js';
import { patentConditions, projectConditions, projectRelations } from './project.repository.js';
import { ACTOR_KINDS, entityTypeResolver } from '../../graphql/type-resolvers.js';
import { NODE_KINDS } from '../../graph/kinds.js';
import { numberValue } from '../../graph/properties.js';

export const projectResolvers: Resolvers = {
  Query: {
    projects: listResolver((args) => ({ label: 'Project', conditions: projectConditions(args.filter), order: sortOrder(args.orderBy, { expression: 'node.startYear', direction: 'DESC' }) })),
    patents: listResolver((args) => ({ label: 'Patent', conditions: patentConditions(args.filter), order: sortOrder(args.orderBy, { expression: 'node.filedYear', direction: 'DESC' }) })),
  },
  ProjectActor: { __resolveType: entityTypeResolver(ACTOR_KINDS) },
  DemandTaker: { __resolveType: entityTypeResolver(ACTOR_KINDS) },
  PolicyBeneficiary: { __resolveType: entityTypeResolver([...ACTOR_KINDS, 'Industry']) },
  SearchResult: { __resolveType: entityTypeResolver(NODE_KINDS) },
  Project: {
    ...globalIdField,
    funding: propertyResolver('funding', (value) => numberValue(value, 'Project.funding') ?? 0),
    lead: oneField(projectRelations.lead),
    participants: connectionField(projectRelations.participants),
    topics: connectionField(projectRelations.topics),
    industries: connectionField(projectRelations.industries),
  },
  Patent: {
    ...globalIdField,
    owners: connectionField(projectRelations.owners),
    inventors: connectionField(projectRelations.inventors),
    topics: connectionField(projectRelations.topics),
  },
};
