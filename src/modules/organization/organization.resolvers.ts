import type { Resolvers } from '../../generated/graphql.js';
import type { EntityModel } from '../../graph/entity.js';
import { globalIdField } from '../node/node.resolvers.js';
import { listConnection, relatedConnection, relatedList, relatedOne } from '../../graphql/relations.js';
import { BY_NAME, sortOrder } from '../shared/filters.js';
import { actorRelations, organizationConditions, organizationRelations } from './organization.repository.js';
import { runMutation } from '../shared/mutations.js';
import { createCooperation, createOrganization, deleteCooperation, deleteOrganization, updateCooperation, updateOrganization } from './organization.mutations.js';

const PROJECTS_DEFAULT = { expression: 'node.startYear', direction: 'DESC' } as const;
const PATENTS_DEFAULT = { expression: 'node.filedYear', direction: 'DESC' } as const;
const POLICIES_DEFAULT = { expression: 'node.year', direction: 'DESC' } as const;
const DEMANDS_DEFAULT = { expression: 'node.postedOn', direction: 'DESC' } as const;

type Args = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Fields every organisation kind has (the Organization interface). */
const organizationFields = {
  ...globalIdField,
  organizationKind: (parent: EntityModel) => parent.nodeKind,
  aliases: (parent: EntityModel) => (parent.aliases as string[] | undefined) ?? [],
  region: (parent: EntityModel, _args: Args, context: any) => relatedOne(context, parent, organizationRelations.region),
  topics: (parent: EntityModel, args: Args, context: any) => relatedConnection(context, parent, organizationRelations.topics, args),
  experts: (parent: EntityModel, args: Args, context: any) => relatedConnection(context, parent, organizationRelations.experts(sortOrder(args.orderBy, BY_NAME)), args),
  cooperations: (parent: EntityModel, args: Args, context: any) =>
    relatedConnection(context, parent, organizationRelations.cooperations(args.kinds, args.partnerKinds), args),
  projects: (parent: EntityModel, args: Args, context: any) =>
    relatedConnection(context, parent, actorRelations.projects(args.role, sortOrder(args.orderBy, PROJECTS_DEFAULT)), args),
  patents: (parent: EntityModel, args: Args, context: any) => relatedConnection(context, parent, actorRelations.patents(sortOrder(args.orderBy, PATENTS_DEFAULT)), args),
  hostedPlatforms: (parent: EntityModel, args: Args, context: any) =>
    relatedConnection(context, parent, organizationRelations.hostedPlatforms(sortOrder(args.orderBy, BY_NAME)), args),
  takenDemands: (parent: EntityModel, args: Args, context: any) => relatedConnection(context, parent, actorRelations.takenDemands, args),
  benefitingPolicies: (parent: EntityModel, args: Args, context: any) =>
    relatedConnection(context, parent, actorRelations.benefitingPolicies(sortOrder(args.orderBy, POLICIES_DEFAULT)), args),
};

const postedDemands = (parent: EntityModel, args: Args, context: any) =>
  relatedConnection(context, parent, organizationRelations.postedDemands(args.statuses, sortOrder(args.orderBy, DEMANDS_DEFAULT)), args);

export const organizationResolvers: Resolvers = {
  Query: {
    organizations: (_parent, args, context, info) =>
      listConnection(context, info, 'Organization', organizationConditions(args.filter), sortOrder(args.orderBy, BY_NAME), args) as never,
    universities: (_parent, args, context, info) =>
      listConnection(context, info, 'University', organizationConditions(args.filter), sortOrder(args.orderBy, BY_NAME), args) as never,
    researchInstitutes: (_parent, args, context, info) =>
      listConnection(context, info, 'ResearchInstitute', organizationConditions(args.filter), sortOrder(args.orderBy, BY_NAME), args) as never,
    governmentAgencies: (_parent, args, context, info) =>
      listConnection(context, info, 'GovernmentAgency', organizationConditions(args.filter), sortOrder(args.orderBy, BY_NAME), args) as never,
    enterprises: (_parent, args, context, info) =>
      listConnection(context, info, 'Enterprise', organizationConditions(args.filter), sortOrder(args.orderBy, BY_NAME), args) as never,
    platforms: (_parent, args, context, info) => {
      const { kinds, ...rest } = args.filter ?? {};
      return listConnection(context, info, 'Platform', organizationConditions({ ...rest, kindsOfPlatform: kinds }), sortOrder(args.orderBy, BY_NAME), args) as never;
    },
  },
  Organization: { __resolveType: (parent) => parent.nodeKind as never },
  University: organizationFields as never,
  ResearchInstitute: organizationFields as never,
  GovernmentAgency: {
    ...organizationFields,
    issuedPolicies: (parent: EntityModel, args: Args, context: any) =>
      relatedConnection(context, parent, organizationRelations.issuedPolicies(sortOrder(args.orderBy, POLICIES_DEFAULT)), args),
    demands: postedDemands,
  } as never,
  Enterprise: {
    ...organizationFields,
    qualifications: (parent: EntityModel) => (parent.qualifications as string[] | undefined) ?? [],
    industries: (parent: EntityModel, args: Args, context: any) => relatedConnection(context, parent, organizationRelations.industries, args),
    segments: (parent: EntityModel, args: Args, context: any) => relatedConnection(context, parent, organizationRelations.segments, args),
    demands: postedDemands,
  } as never,
  Platform: {
    ...organizationFields,
    host: (parent: EntityModel, _args: Args, context: any) => relatedOne(context, parent, organizationRelations.platformHosts),
    hosts: (parent: EntityModel, _args: Args, context: any) => relatedList(context, parent, organizationRelations.platformHosts),
    industries: (parent: EntityModel, args: Args, context: any) => relatedConnection(context, parent, organizationRelations.platformIndustries, args),
  } as never,
  CooperationEdge: {
    since: (edge: any) => edge.since ?? null,
  },
};

export const organizationMutationResolvers: Resolvers = {
  Mutation: {
    organizationCreate: (_p, { input }, { database }) => runMutation(async () => ({ organization: await createOrganization(database, input as never) })),
    organizationUpdate: (_p, { input }, { database }) => runMutation(async () => ({ organization: await updateOrganization(database, input as never) })),
    organizationDelete: (_p, { input }, { database }) => runMutation(async () => ({ deletedId: await deleteOrganization(database, input) })),
    cooperationCreate: (_p, { input }, { database }) => runMutation(async () => ({ cooperation: await createCooperation(database, input as never) })) as never,
    cooperationUpdate: (_p, { input }, { database }) => runMutation(async () => ({ cooperation: await updateCooperation(database, input as never) })) as never,
    cooperationDelete: (_p, { input }, { database }) => runMutation(async () => ({ deletedCooperation: await deleteCooperation(database, input as never) })) as never,
  },
};
