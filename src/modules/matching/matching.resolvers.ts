import type { Resolvers } from '../../generated/graphql.js';
import type { EntityModel } from '../../graph/entity.js';
import type { NodeKind } from '../../graph/kinds.js';
import type { GraphQLContext } from '../../graphql/context.js';
import { BadUserInputError, NotFoundError } from '../../graphql/errors.js';
import { pageRequest, toConnection, type PageRequest } from '../../graphql/connection.js';
import { expectGlobalId } from '../../graphql/global-id.js';
import { expertConditions } from '../expert/expert.repository.js';
import { MATCHING_CONFIG } from './matching.config.js';
import { keptExpertAnswer, keptPartnerAnswer, targetKind, type MatchResultModel } from './matching.service.js';
import { entityTypeResolver } from '../../graphql/type-resolvers.js';
import { loadEntities } from '../../graphql/relations.js';

const MAX_NEED_TEXT = 500;

/** Ids that must exist; NOT_FOUND names the argument when one does not; a failed load keeps its own error (e.g. DATABASE_UNAVAILABLE). */
async function requireExisting(context: GraphQLContext, ids: Array<{ id: string; kind: NodeKind; argument: string }>): Promise<void> {
  const found = await context.loaders.entityById.loadMany(ids.map((entry) => entry.id));
  ids.forEach((entry, index) => {
    const entity = found[index];
    if (entity instanceof Error) throw entity;
    if (!entity || entity.nodeKind !== entry.kind) throw new NotFoundError(`${entry.argument}: no ${entry.kind} has this id`);
  });
}

/** The page of matches asked for, checked before any matching is done. */
function matchPageRequest(args: { first?: number | null; after?: string | null }): PageRequest {
  const first = args.first ?? 10;
  if (first > MATCHING_CONFIG.maxPageSize) throw new BadUserInputError(`first: at most ${MATCHING_CONFIG.maxPageSize} matches per page, got ${first}`, 'first');
  return pageRequest({ first, after: args.after });
}

/** How many of the best matches the page shows at most (they must be exact; see `MatchRequest.exactUpTo`). */
const exactUpTo = (page: PageRequest) => page.offset + page.limit;

function matchPage(result: MatchResultModel, page: PageRequest) {
  const items = result.matches.slice(page.offset, page.offset + page.limit + 1).map((match) => ({ node: match }));
  return {
    interpretedTopics: result.interpretedTopics,
    noKnownTopic: result.noKnownTopic,
    noCandidates: result.noCandidates,
    suggestedTopicIds: result.suggestedTopicIds,
    matches: toConnection(items, page, result.matchCount),
  };
}

async function recommend(
  context: GraphQLContext,
  targetGlobalId: string,
  argument: string,
  allowedTargets: NodeKind[],
  kinds: readonly NodeKind[] | null | undefined,
  regionGlobalId: string | null | undefined,
  page: PageRequest,
): Promise<MatchResultModel> {
  const target = expectGlobalId(targetGlobalId, allowedTargets, argument);
  const region = regionGlobalId ? expectGlobalId(regionGlobalId, ['Region'], 'region').id : null;
  // The target's kind from its need's facts (kept until a write: a warm request sends no query for it).
  const [kind] = await Promise.all([targetKind(context.database, target.id), region ? requireExisting(context, [{ id: region, kind: 'Region', argument: 'region' }]) : null]);
  if (kind !== target.kind) throw new NotFoundError(`${argument}: no ${target.kind} has this id`);
  const result = await keptPartnerAnswer(context.database, { targetId: target.id, kinds: kinds ?? null, regionId: region, referenceYear: context.clock.year(), exactUpTo: exactUpTo(page) });
  if (!result) throw new NotFoundError(`${argument}: no ${target.kind} has this id`);
  return result;
}

/** The entities a result names, in order; one that fails to load fails the field with its own error (never dropped). */
const entityList = (context: GraphQLContext, ids: string[]): Promise<EntityModel[]> => loadEntities(context, ids);

export const matchingResolvers: Resolvers = {
  Query: {
    expertSearch: async (_parent, { need, filters, first, after }, context) => {
      const text = need.text?.trim() ?? '';
      if (!text && !need.topics?.length && !need.industry) throw new BadUserInputError('need: give text, topics or an industry', 'need');
      const page = matchPageRequest({ first, after });
      if (text.length > MAX_NEED_TEXT) throw new BadUserInputError(`need.text: at most ${MAX_NEED_TEXT} characters, got ${text.length}`, 'need.text');
      const topicIds = (need.topics ?? []).map((id, index) => expectGlobalId(id, ['Topic'], `need.topics[${index}]`).id);
      const industryId = need.industry ? expectGlobalId(need.industry, ['Industry'], 'need.industry').id : null;
      const regionId = need.region ? expectGlobalId(need.region, ['Region'], 'need.region').id : null;
      await requireExisting(context, [
        ...topicIds.map((id, index) => ({ id, kind: 'Topic' as const, argument: `need.topics[${index}]` })),
        ...(industryId ? [{ id: industryId, kind: 'Industry' as const, argument: 'need.industry' }] : []),
        ...(regionId ? [{ id: regionId, kind: 'Region' as const, argument: 'need.region' }] : []),
      ]);
      const filter = filters
        ? {
            talentCards: filters.talentCards ?? null,
            programmes: filters.programmes ?? null,
            kinds: filters.kinds ?? null,
            region: filters.region ?? null,
            flexibleEngagement: filters.availableForFlexibleEngagement ?? null,
          }
        : null;
      // The filter is checked before anything is kept or read (a bad region id is named at once).
      if (filter) expertConditions(filter);
      const result = await keptExpertAnswer(context.database, { need: { text, topicIds, industryId, regionId }, filter, referenceYear: context.clock.year(), pageEnd: exactUpTo(page) });
      return matchPage(result, page);
    },
    partnerRecommendations: async (_parent, args, context) => {
      const page = matchPageRequest(args);
      return matchPage(await recommend(context, args.for, 'for', ['Enterprise', 'Industry', 'ChainSegment', 'Demand'], args.kinds, args.region, page), page);
    },
    demandMatches: async (_parent, args, context) => {
      const page = matchPageRequest(args);
      return matchPage(await recommend(context, args.demandId, 'demandId', ['Demand'], args.kinds, null, page), page);
    },
  },
  MatchResult: {
    suggestedTopics: (result, _args, context) => entityList(context, result.suggestedTopicIds),
    interpretedTopics: async (result, _args, context) => {
      const topics = await entityList(context, result.interpretedTopics.map((topic) => topic.id));
      const byId = new Map(topics.map((topic) => [topic.id, topic]));
      return result.interpretedTopics.flatMap((needTopic) => {
        const topic = byId.get(needTopic.id);
        return topic ? [{ ...needTopic, topic }] : [];
      });
    },
  },
  MatchCandidate: { __resolveType: entityTypeResolver(['University', 'ResearchInstitute', 'Enterprise', 'Platform', 'Expert']) },
  Match: {
    candidate: (match) => match.candidate,
  },
  MatchReason: {
    topics: (reason, _args, context) => entityList(context, reason.topicIds),
    projects: (reason, _args, context) => entityList(context, reason.projectIds),
    patents: (reason, _args, context) => entityList(context, reason.patentIds),
    path: (reason, _args, context) => entityList(context, reason.pathIds),
    regions: (reason, _args, context) => entityList(context, reason.regionIds),
  },
};

