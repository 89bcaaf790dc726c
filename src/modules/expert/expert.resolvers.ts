import type { Resolvers } from '../../generated/graphql.js';
import type { EntityModel } from '../../graph/entity.js';
import { globalIdField } from '../node/node.resolvers.js';
import { connectionField, listConnection, oneField } from '../../graphql/relations.js';
import { BY_NAME, sortOrder } from '../shared/filters.js';
import { actorRelations } from '../organization/organization.repository.js';
import { expertConditions, expertRelations } from './expert.repository.js';
import { NOTHING_DELETED, runMutation } from '../shared/mutations.js';
import { createExpert, deleteExpert, updateExpert } from './expert.mutations.js';


export const expertResolvers: Resolvers = {
  Query: {
    experts: (_parent, args, context, info) => listConnection(context, info, 'Expert', expertConditions(args.filter), sortOrder(args.orderBy, BY_NAME), args) as never,
  },
  Expert: {
    ...globalIdField,
    kinds: (parent: EntityModel) => (parent.kinds as string[] | undefined) ?? [],
    programmes: (parent: EntityModel) => (parent.programmes as string[] | undefined) ?? [],
    flexibleEngagement: (parent: EntityModel) => Boolean(parent.flexibleEngagement),
    talentCard: (parent: EntityModel) => (parent.talentCard as 'A' | 'B' | undefined) ?? null,
    affiliations: connectionField(expertRelations.affiliations),
    primaryAffiliation: oneField(expertRelations.primaryAffiliation),
    expertise: connectionField((args) => expertRelations.expertise(args.minLevel)),
    projects: connectionField((args) => actorRelations.projects(args.role, sortOrder(args.orderBy, { expression: 'node.startYear', direction: 'DESC' }))),
    patents: connectionField((args) => actorRelations.patents(sortOrder(args.orderBy, { expression: 'node.filedYear', direction: 'DESC' }))),
    takenDemands: connectionField(actorRelations.takenDemands),
    benefitingPolicies: connectionField((args) => actorRelations.benefitingPolicies(sortOrder(args.orderBy, { expression: 'node.year', direction: 'DESC' }))),
  } as never,
  AffiliationEdge: { primary: (edge: { primary?: boolean }) => Boolean(edge.primary) },
  AffiliatedExpertEdge: { primary: (edge: { primary?: boolean }) => Boolean(edge.primary) },
};

export const expertMutationResolvers: Resolvers = {
  Mutation: {
    expertCreate: (_p, { input }, context, info) => runMutation(context, info, async (writer) => ({ expert: await createExpert(writer, input) }), { expert: null }),
    expertUpdate: (_p, { input }, context, info) => runMutation(context, info, async (writer) => ({ expert: await updateExpert(writer, input) }), { expert: null }),
    expertDelete: (_p, { input }, context, info) => runMutation(context, info, (writer) => deleteExpert(writer, input), NOTHING_DELETED),
  },
};
