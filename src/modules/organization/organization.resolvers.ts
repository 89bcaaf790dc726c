import type { Resolvers } from '../../generated/graphql.js';
import { aliasesField, globalIdField } from '../node/node.resolvers.js';
import type { OrganizationKind } from '../../graph/kinds.js';
import { connectionField, listField, listResolver, oneField, type FieldArgs } from '../../graphql/relations.js';
import { idResolver, propertyResolver } from '../../graphql/prefetch.js';
import { BY_NAME, sortOrder } from '../shared/filters.js';
import { actorRelations, organizationConditions, organizationRelations, type OrganizationFilterInput } from './organization.repository.js';
import { NOTHING_DELETED, runMutation } from '../shared/mutations.js';
import { createCooperation, createOrganization, deleteCooperation, deleteOrganization, updateCooperation, updateOrganization } from './organization.mutations.js';
import { entityTypeResolver } from '../../graphql/type-resolvers.js';
import { ORGANIZATION_KINDS } from '../../graph/kinds.js';
import { STORED_ENUMS, enumList } from '../../graph/properties.js';

const PROJECTS_DEFAULT = { expression: 'node.startYear', direction: 'DESC' } as const;
const PATENTS_DEFAULT = { expression: 'node.filedYear', direction: 'DESC' } as const;
const POLICIES_DEFAULT = { expression: 'node.year', direction: 'DESC' } as const;
const DEMANDS_DEFAULT = { expression: 'node.postedOn', direction: 'DESC' } as const;


/** Fields every organisation kind has (the Organization interface). */
const organizationFields = {
  ...globalIdField,
  organizationKind: idResolver(entityTypeResolver(ORGANIZATION_KINDS)),
  aliases: aliasesField,
  region: oneField(organizationRelations.region),
  topics: connectionField(organizationRelations.topics),
  experts: connectionField((args) => organizationRelations.experts(sortOrder(args.orderBy, BY_NAME))),
  cooperations: connectionField((args) => organizationRelations.cooperations(args.kinds, args.partnerKinds)),
  projects: connectionField((args) => actorRelations.projects(args.role, sortOrder(args.orderBy, PROJECTS_DEFAULT))),
  patents: connectionField((args) => actorRelations.patents(sortOrder(args.orderBy, PATENTS_DEFAULT))),
  hostedPlatforms: connectionField((args) => organizationRelations.hostedPlatforms(sortOrder(args.orderBy, BY_NAME))),
  takenDemands: connectionField(actorRelations.takenDemands),
  benefitingPolicies: connectionField((args) => actorRelations.benefitingPolicies(sortOrder(args.orderBy, POLICIES_DEFAULT))),
};

const postedDemands = connectionField((args) => organizationRelations.postedDemands(args.statuses, sortOrder(args.orderBy, DEMANDS_DEFAULT)));

/** The top-level list of one organisation label, filtered and ordered. */
function listOf(label: 'Organization' | OrganizationKind) {
  return listResolver((args: { filter?: OrganizationFilterInput | null; orderBy?: FieldArgs['orderBy'] } & FieldArgs) => ({
    label,
    conditions: organizationConditions(args.filter),
    order: sortOrder(args.orderBy, BY_NAME),
  }));
}

export const organizationResolvers: Resolvers = {
  Query: {
    organizations: listOf('Organization'),
    universities: listOf('University'),
    researchInstitutes: listOf('ResearchInstitute'),
    governmentAgencies: listOf('GovernmentAgency'),
    enterprises: listOf('Enterprise'),
    platforms: listResolver((args) => {
      const { kinds, ...rest } = args.filter ?? {};
      return { label: 'Platform', conditions: organizationConditions({ ...rest, kindsOfPlatform: kinds }), order: sortOrder(args.orderBy, BY_NAME) };
    }),
  },
  Organization: { __resolveType: entityTypeResolver(ORGANIZATION_KINDS) },
  University: organizationFields,
  ResearchInstitute: organizationFields,
  GovernmentAgency: {
    ...organizationFields,
    issuedPolicies: connectionField((args) => organizationRelations.issuedPolicies(sortOrder(args.orderBy, POLICIES_DEFAULT))),
    demands: postedDemands,
  },
  Enterprise: {
    ...organizationFields,
    qualifications: propertyResolver('qualifications', (value) => enumList(value, STORED_ENUMS.EnterpriseQualification, 'Enterprise.qualifications')),
    industries: connectionField(organizationRelations.industries),
    segments: connectionField(organizationRelations.segments),
    demands: postedDemands,
  },
  Platform: {
    ...organizationFields,
    host: oneField(organizationRelations.platformHosts),
    hosts: listField(organizationRelations.platformHosts),
    industries: connectionField(organizationRelations.platformIndustries),
  },
};

export const organizationMutationResolvers: Resolvers = {
  Mutation: {
    organizationCreate: (_p, { input }, context, info) => runMutation(context, info, async (writer) => ({ organization: await createOrganization(writer, input) }), { organization: null }),
    organizationUpdate: (_p, { input }, context, info) => runMutation(context, info, async (writer) => ({ organization: await updateOrganization(writer, input) }), { organization: null }),
    organizationDelete: (_p, { input }, context, info) => runMutation(context, info, (writer) => deleteOrganization(writer, input), NOTHING_DELETED),
    cooperationCreate: (_p, { input }, context, info) => runMutation(context, info, async (writer) => ({ cooperation: await createCooperation(writer, input) }), { cooperation: null }),
    cooperationUpdate: (_p, { input }, context, info) => runMutation(context, info, async (writer) => ({ cooperation: await updateCooperation(writer, input) }), { cooperation: null }),
    cooperationDelete: (_p, { input }, context, info) => runMutation(context, info, async (writer) => ({ deletedCooperation: await deleteCooperation(writer, input) }), { deletedCooperation: null }),
  },
};
