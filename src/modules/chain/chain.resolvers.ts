import type { Resolvers } from '../../generated/graphql.js';
import type { EntityModel } from '../../graph/entity.js';
import type { GraphQLContext } from '../../graphql/context.js';
import { NotFoundError } from '../../graphql/errors.js';
import { entityArgument, integerArgument } from '../shared/arguments.js';
import { SUPPORT_DIMENSIONS } from './chain.config.js';
import { dimensionsJudged, explainRules } from './chain.analysis.js';
import type { IndicatorProgressModel } from './chain.model.js';
import { askIndustryChain, explainNoCandidates, indicatorProgress, overviewCluster, rankGapCandidates } from './chain.service.js';
import { findDefaultCounty } from './chain.repository.js';
import { ACTOR_KINDS, entityTypeResolver } from '../../graphql/type-resolvers.js';
import { loadEntities } from '../../graphql/relations.js';
import { STORED_ENUMS, enumList, requiredNumber } from '../../graph/properties.js';

async function countyArgument(context: GraphQLContext, county: string | null | undefined): Promise<EntityModel> {
  if (county) return entityArgument(context, 'county', county, ['Region']);
  const found = await findDefaultCounty(context.database);
  if (!found) throw new NotFoundError('county: no region of kind COUNTY has enterprises located in it; pass `county`');
  return found;
}

/** `asOfYear`, this year on the service's clock when omitted. */
const asOfYearArgument = (context: GraphQLContext, value: number | null | undefined) => integerArgument('asOfYear', value, 2000, 2100, context.clock.year());

/** Indicator progress of the default county, computed once per request (for `Indicator.progress`). */
const progressPerRequest = new WeakMap<GraphQLContext, Promise<IndicatorProgressModel[]>>();

export const chainResolvers: Resolvers = {
  Query: {
    industryChain: async (_parent, args, context) => {
      const asOfYear = asOfYearArgument(context, args.asOfYear);
      const [industry, county] = await Promise.all([entityArgument(context, 'industry', args.industry, ['Industry']), countyArgument(context, args.county)]);
      return await askIndustryChain(context.database, industry, county, asOfYear, context.chainRules);
    },
    clusterOverview: async (_parent, args, context) => {
      const asOfYear = asOfYearArgument(context, args.asOfYear);
      const [cluster, county] = await Promise.all([entityArgument(context, 'cluster', args.cluster, ['IndustryCluster']), countyArgument(context, args.county)]);
      return await overviewCluster(context.database, cluster, county, asOfYear, context.chainRules);
    },
    indicatorProgress: async (_parent, args, context) => {
      const cluster = args.cluster ? await entityArgument(context, 'cluster', args.cluster, ['IndustryCluster']) : null;
      const county = await findDefaultCounty(context.database);
      return await indicatorProgress(context.database, cluster?.id ?? null, county);
    },
  },
  IndustryChain: {
    rules: (parent) => ({ ...parent.rules, asOfYear: parent.asOfYear }),
    links: (parent) => {
      const byId = new Map(parent.segments.map((analysis) => [analysis.segment.id, analysis.segment]));
      return parent.segments.flatMap((analysis) =>
        analysis.downstreamIds.flatMap((id) => {
          const downstream = byId.get(id);
          return downstream ? [{ upstream: analysis.segment, downstream }] : [];
        }),
      );
    },
    gaps: (parent) => parent.segments.flatMap((analysis) => analysis.gaps),
  },
  ChainRules: {
    weakMinimums: (parent) => SUPPORT_DIMENSIONS.map((dimension) => ({ dimension, minimum: parent.weakMinimums[dimension] })),
    topiclessSegmentDimensions: () => dimensionsJudged(false),
    explanation: (parent) => explainRules(parent),
  },
  ChainSegmentAnalysis: {
    upstream: (parent, _args, context) => loadEntities(context, parent.upstreamIds),
    downstream: (parent, _args, context) => loadEntities(context, parent.downstreamIds),
    enterprises: (parent) => parent.members.list('enterprises', parent.segment.id),
    rdPartners: (parent) => parent.members.list('rdPartners', parent.segment.id),
    researchOrganizations: (parent) => parent.members.list('researchOrganizations', parent.segment.id),
    platforms: (parent) => parent.members.list('platforms', parent.segment.id),
    experts: (parent) => parent.members.list('experts', parent.segment.id),
    projects: async (parent) => (await parent.members.work(parent.segment.id)).projects,
    patents: async (parent) => (await parent.members.work(parent.segment.id)).patents,
  },
  ChainSegmentMember: {
    actor: (parent) => parent.node,
    basis: (parent) => parent.basis ?? [],
    level: (parent) => parent.level ?? null,
    qualifications: (parent) =>
      parent.node.nodeKind === 'Enterprise' ? enumList(parent.node.qualifications, STORED_ENUMS.EnterpriseQualification, 'Enterprise.qualifications') : [],
  },
  ChainGap: {
    candidates: (parent, args, context) =>
      rankGapCandidates(context.database, parent, integerArgument('first', args.first, 0, context.chainRules.candidatesMax, context.chainRules.candidatesDefault)),
    noCandidatesReason: (parent, _args, context) => explainNoCandidates(context.database, parent),
  },
  GapCandidate: {
    actor: (parent) => parent.candidate,
  },
  ChainActor: { __resolveType: entityTypeResolver(ACTOR_KINDS) },
  ClusterOverview: {
    weakestSegments: (parent, args) => parent.segments.slice(0, integerArgument('first', args.first, 0, 50, 5)),
  },
  IndicatorProgress: {
    baselineValue: (parent) => requiredNumber(parent.indicator.baselineValue, 'Indicator.baselineValue'),
    baselineYear: (parent) => requiredNumber(parent.indicator.baselineYear, 'Indicator.baselineYear'),
    targetValue: (parent) => requiredNumber(parent.indicator.targetValue, 'Indicator.targetValue'),
    targetYear: (parent) => requiredNumber(parent.indicator.targetYear, 'Indicator.targetYear'),
  },
  Indicator: {
    progress: async (parent: EntityModel, _args: unknown, context: GraphQLContext) => {
      let all = progressPerRequest.get(context);
      if (!all) {
        all = findDefaultCounty(context.database).then((county) => indicatorProgress(context.database, null, county));
        progressPerRequest.set(context, all);
      }
      const progress = (await all).find((candidate) => candidate.indicator.id === parent.id);
      if (!progress) throw new Error(`Indicator.progress: none computed for indicator ${parent.id}`);
      return progress;
    },
  },
};
