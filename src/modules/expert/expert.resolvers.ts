import type { Resolvers } from '../../generated/graphql.js';
import { globalIdField } from '../node/node.resolvers.js';
import { connectionField, listResolver, oneField } from '../../graphql/relations.js';
import { propertyResolver } from '../../graphql/prefetch.js';
import { BY_NAME, sortOrder } from '../shared/filters.js';
import { actorRelations } from '../organization/organization.repository.js';
import { expertConditions, expertRelations } from './expert.repository.js';
import { NOTHING_DELETED, runMutation } from '../shared/mutations.js';
import { createExpert, deleteExpert, updateExpert } from './expert.mutations.js';
import { STORED_ENUMS, enumList, enumValue } from '../../graph/properties.js';


/** Whether an affiliation is the expert's primary one (absent: not). */
const primaryAffiliation = propertyResolver('primary', (value) => Boolean(value));

export const expertResolvers: Resolvers = {
  Query: {
    experts: listResolver((args) => ({ label: 'Expert', conditions: expertConditions(args.filter), order: sortOrder(args.orderBy, BY_NAME) })),
  },
  Expert: {
    ...globalIdField,
    kinds: propertyResolver('kinds', (value) => enumList(value, STORED_ENUMS.ExpertKind, 'Expert.kinds')),
    programmes: propertyResolver('programmes', (value) => enumList(value, STORED_ENUMS.TalentProgramme, 'Expert.programmes')),
    flexibleEngagement: propertyResolver('flexibleEngagement', (value) => Boolean(value)),
    talentCard: propertyResolver('talentCard', (value) => enumValue(value, STORED_ENUMS.TalentCard, 'Expert.talentCard')),
    affiliations: connectionField(expertRelations.affiliations),
    primaryAffiliation: oneField(expertRelations.primaryAffiliation),
    expertise: connectionField((args) => expertRelations.expertise(args.minLevel)),
    projects: connectionField((args) => actorRelations.projects(args.role, sortOrder(args.orderBy, { expression: 'node.startYear', direction: 'DESC' }))),
    patents: connectionField((args) => actorRelations.patents(sortOrder(args.orderBy, { expression: 'node.filedYear', direction: 'DESC' }))),
    takenDemands: connectionField(actorRelations.takenDemands),
    benefitingPolicies: connectionField((args) => actorRelations.benefitingPolicies(sortOrder(args.orderBy, { expression: 'node.year', direction: 'DESC' }))),
  },
  AffiliationEdge: { primary: primaryAffiliation },
  AffiliatedExpertEdge: { primary: primaryAffiliation },
};

export const expertMutationResolvers: Resolvers = {
  Mutation: {
    expertCreate: (_p, { input }, context, info) => runMutation(context, info, async (writer) => ({ expert: await createExpert(writer, input) }), { expert: null }),
    expertUpdate: (_p, { input }, context, info) => runMutation(context, info, async (writer) => ({ expert: await updateExpert(writer, input) }), { expert: null }),
    expertDelete: (_p, { input }, context, info) => runMutation(context, info, (writer) => deleteExpert(writer, input), NOTHING_DELETED),
  },
};
