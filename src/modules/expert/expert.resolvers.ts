import type { Resolvers } from '../../generated/graphql.js';
import type { EntityModel } from '../../graph/entity.js';
import { globalIdField } from '../node/node.resolvers.js';
import { connectionField, listConnection, oneField } from '../../graphql/relations.js';
import { BY_NAME, sortOrder } from '../shared/filters.js';
import { actorRelations } from '../organization/organization.repository.js';
import { expertConditions, expertRelations } from './expert.repository.js';
import { NOTHING_DELETED, runMutation } from '../shared/mutations.js';
import { createExpert, deleteExpert, updateExpert } from './expert.mutations.js';
import { STORED_ENUMS, enumList, enumValue } from '../../graph/properties.js';


export const expertResolvers: Resolvers = {
  Query: {
    experts: (_parent, args, context, info) => listConnection(context, info, 'Expert', expertConditions(args.filter), sortOrder(args.orderBy, BY_NAME), args),
  },
  Expert: {
    ...globalIdField,
    kinds: (parent: EntityModel) => enumList(parent.kinds, STORED_ENUMS.ExpertKind, 'Expert.kinds'),
    programmes: (parent: EntityModel) => enumList(parent.programmes, STORED_ENUMS.TalentProgramme, 'Expert.programmes'),
    flexibleEngagement: (parent: EntityModel) => Boolean(parent.flexibleEngagement),
    talentCard: (parent: EntityModel) => enumValue(parent.talentCard, STORED_ENUMS.TalentCard, 'Expert.talentCard'),
    affiliations: connectionField(expertRelations.affiliations),
    primaryAffiliation: oneField(expertRelations.primaryAffiliation),
    expertise: connectionField((args) => expertRelations.expertise(args.minLevel)),
    projects: connectionField((args) => actorRelations.projects(args.role, sortOrder(args.orderBy, { expression: 'node.startYear', direction: 'DESC' }))),
    patents: connectionField((args) => actorRelations.patents(sortOrder(args.orderBy, { expression: 'node.filedYear', direction: 'DESC' }))),
    takenDemands: connectionField(actorRelations.takenDemands),
    benefitingPolicies: connectionField((args) => actorRelations.benefitingPolicies(sortOrder(args.orderBy, { expression: 'node.year', direction: 'DESC' }))),
  },
  AffiliationEdge: { primary: (edge) => Boolean(edge.primary) },
  AffiliatedExpertEdge: { primary: (edge) => Boolean(edge.primary) },
};

export const expertMutationResolvers: Resolvers = {
  Mutation: {
    expertCreate: (_p, { input }, context, info) => runMutation(context, info, async (writer) => ({ expert: await createExpert(writer, input) }), { expert: null }),
    expertUpdate: (_p, { input }, context, info) => runMutation(context, info, async (writer) => ({ expert: await updateExpert(writer, input) }), { expert: null }),
    expertDelete: (_p, { input }, context, info) => runMutation(context, info, (writer) => deleteExpert(writer, input), NOTHING_DELETED),
  },
};
