/** Chain analysis put together from the repository's queries and the pure rules; what the resolvers and the exporter call. */
import { numberValue } from '../../graph/properties.js';
import type { EntityModel } from '../../graph/entity.js';
import type { Database } from '../../neo4j/database.js';
import { DerivedCache, KEPT_VALUES_TTL_MS, RecentlyAsked } from '../../neo4j/derived-cache.js';
import { CHAIN_RULES, SUPPORT_DIMENSIONS, type ChainRules, type SupportDimension } from './chain.config.js';
import { chainDepths, judgeSegment } from './chain.analysis.js';
import type { ChainGapModel, ChainMembersModel, ChainSegmentAnalysisModel, ClusterOverviewModel, GapCandidateModel, GapCandidatePool, IndicatorProgressModel, IndustryChainModel, MemberList, SegmentMemberModel } from './chain.model.js';
import { derivationFor, progressRatio } from './indicator.derivations.js';
import { deriveIndicatorValues, findIndicators } from './indicator.repository.js';
import {
  countClusterEnterprises,
  findClusterIndustries,
  findSegmentEnterprises,
  findSegmentExperts,
  findSegmentPlatforms,
  findSegmentRdPartners,
  findSegmentResearchOrganizations,
  findSegmentWork,
  findChainIndustries,
  findChainIndustryIds,
  findDefaultCounty,
  findSegmentSupport,
  findIndustrySupport,
  findSegments,
  type MemberRow,
  type SupportRow,
} from './chain.repository.js';
import { rankCandidatesBatch, type MatchRequest } from '../matching/matching.service.js';
import { MATCHING_CONFIG } from '../matching/matching.config.js';
import type { NodeKind } from '../../graph/kinds.js';
import { findEntitiesByIds } from '../node/node.repository.js';

const groupBySegment = (rows: readonly MemberRow[]) => {
  const map = new Map<string, SegmentMemberModel[]>();
  for (const { segmentId, node, local, topics, level, basis } of rows) {
    let members = map.get(segmentId);
    if (!members) map.set(segmentId, (members = []));
    members.push({ node, local, topics, level: level ?? null, basis: basis ?? [] });
  }
  return map;
};

const MEMBER_QUERIES: Record<MemberList, (database: Database, industryId: string, countyId: string) => Promise<MemberRow[]>> = {
  enterprises: findSegmentEnterprises,
  rdPartners: findSegmentRdPartners,
  researchOrganizations: findSegmentResearchOrganizations,
  platforms: findSegmentPlatforms,
  experts: findSegmentExperts,
};

/** The member lists of one chain: each list is one query for all the chain's segments, run the first time it is asked for. */
class ChainMembers implements ChainMembersModel {
  private readonly lists = new Map<MemberList, Promise<Map<string, SegmentMemberModel[]>>>();
  private workBySegment: Promise<Map<string, { projects: EntityModel[]; patents: EntityModel[] }>> | null = null;

  constructor(
    private readonly database: Database,
    private readonly industryId: string,
    private readonly countyId: string,
  ) {}

  async list(list: MemberList, segmentId: string): Promise<SegmentMemberModel[]> {
    let loaded = this.lists.get(list);
    if (!loaded) {
      loaded = MEMBER_QUERIES[list](this.database, this.industryId, this.countyId).then(groupBySegment);
      this.lists.set(list, loaded);
    }
    return (await loaded).get(segmentId) ?? [];
  }

  async work(segmentId: string): Promise<{ projects: EntityModel[]; patents: EntityModel[] }> {
    this.workBySegment ??= findSegmentWork(this.database, this.industryId).then((rows) => new Map(rows.map(({ segmentId: id, ...work }) => [id, work])));
    return (await this.workBySegment).get(segmentId) ?? { projects: [], patents: [] };
  }
}

const NO_SUPPORT: SupportRow = {
  segmentId: '',
  enterprises: 0,
  localEnterprises: 0,
  localEnterpriseIds: [],
  rdPartners: 0,
  rdPartnerIds: [],
  researchOrganizations: 0,
  platforms: 0,
  platformIds: [],
  experts: 0,
  localExperts: 0,
  localExpertIds: [],
  projects: 0,
  recentProjects: 0,
  patents: 0,
  lastProjectYear: null,
};

/** How many of a dimension's supporters a chain keeps the ids of: enough for any gap (see `findIndustrySupport`). */
const supporterLimitOf = (rules: ChainRules) => Math.max(...SUPPORT_DIMENSIONS.map((dimension) => rules.weakMinimums[dimension]));

/**
 * The chain of an industry as seen from a county in `asOfYear`: segments upstream→downstream, their support (counted
 * in the database) and gaps. Member lists, projects and patents are loaded only when asked for (`members`).
 */
export async function analyseIndustryChain(
  database: Database,
  industry: EntityModel,
  county: EntityModel,
  asOfYear: number,
  rules: ChainRules = CHAIN_RULES,
): Promise<IndustryChainModel> {
  const supporterLimit = supporterLimitOf(rules);
  const [segments, supportRows] = await Promise.all([
    findSegments(database, industry.id),
    findSegmentSupport(database, industry.id, county.id, { recentSince: asOfYear - rules.staleYears, supporterLimit }),
  ]);
  const supportOf = new Map(supportRows.map((row) => [row.segmentId, row]));
  const members = new ChainMembers(database, industry.id, county.id);
  const downstream = new Map(segments.map((row) => [row.segment.id, row.downstreamIds]));
  const depths = chainDepths(
    segments.map((row) => row.segment.id),
    downstream,
  );
  const analyses: ChainSegmentAnalysisModel[] = segments.map(({ segment, downstreamIds, requiredTopics }) => {
    const { localEnterpriseIds, rdPartnerIds, platformIds, localExpertIds, segmentId: _segmentId, ...support } = supportOf.get(segment.id) ?? NO_SUPPORT;
    const supporters: Record<SupportDimension, string[]> = {
      ENTERPRISES: localEnterpriseIds,
      RD_PARTNERS: rdPartnerIds,
      PLATFORMS: platformIds,
      EXPERTS: localExpertIds,
      RECENT_PROJECTS: [],
    };
    const gaps: ChainGapModel[] = judgeSegment(support, rules, asOfYear, requiredTopics.length > 0).map((gap) => ({
      ...gap,
      segment,
      countyId: county.id,
      asOfYear,
      requiredTopicIds: requiredTopics.map((topic) => topic.id),
      excludedIds: supporters[gap.dimension],
    }));
    return {
      segment,
      requiredTopics,
      depth: depths.get(segment.id) ?? 0,
      upstreamIds: segments.filter((row) => row.downstreamIds.includes(segment.id)).map((row) => row.segment.id),
      downstreamIds,
      members,
      support,
      gaps,
    };
  });
  const pool = candidatePool(database, analyses.flatMap((analysis) => analysis.gaps), rules.candidatesMax, JSON.stringify([industry.id, county.id, asOfYear, rules]));
  // Not enumerable: the pool and the member loader are machinery, not data (exports and snapshots leave them out).
  for (const analysis of analyses) {
    Object.defineProperty(analysis, 'members', { value: members, enumerable: false });
    for (const gap of analysis.gaps) Object.defineProperty(gap, 'candidatePool', { value: pool, enumerable: false });
  }
  analyses.sort(
    (a, b) => a.depth - b.depth || Number(a.segment.order ?? 0) - Number(b.segment.order ?? 0) || String(a.segment.name).localeCompare(String(b.segment.name), 'zh'),
  );
  return { industry, county, asOfYear, rules, segments: analyses };
}

/** Which kinds of actor can fill a gap in each dimension. */
const CANDIDATE_KINDS: Record<SupportDimension, readonly NodeKind[]> = {
  ENTERPRISES: ['Enterprise'],
  RD_PARTNERS: ['University', 'ResearchInstitute'],
  PLATFORMS: ['Platform'],
  EXPERTS: ['Expert'],
  RECENT_PROJECTS: ['University', 'ResearchInstitute', 'Enterprise', 'Expert'],
};

/** The sets of kinds a chain's gaps ask candidates of, one per dimension (see `warmTopicHolders`). */
export const GAP_CANDIDATE_KINDS: ReadonlyArray<readonly NodeKind[]> = Object.values(CANDIDATE_KINDS);

/**
 * How many candidates, best by topic signal, a gap examines in full before the final scoring (the matcher's K for gaps):
 * a gap answers at most `candidatesMax` (20), and the topic signal carries most of the score, so a candidate outside
 * the 60 best by topic cannot reach a gap's top 20 in practice; bounding it keeps one chain's pass small.
 */
const GAP_CANDIDATES_EXAMINED = 60;

/**
 * Chains whose gap candidates are kept per database, at most so many candidates in all (a candidate with its reasons
 * is a few kilobytes at most), and the safety-net time to live (a write by this process or another drops them).
 */
const CHAIN_CANDIDATES_KEPT = 128;
const CHAIN_CANDIDATE_LISTS_WEIGHT = 5_000;
const CHAIN_CANDIDATES_TTL_MS = KEPT_VALUES_TTL_MS;

/** The matching question of a gap: its segment's required topics, the kinds that fill its dimension, from the county, as of its year. */
function gapRequest(gap: ChainGapModel): MatchRequest {
  return {
    needTopics: gap.requiredTopicIds.map((id) => ({ id, weight: 1, origin: `产业链环节「${String(gap.segment.name)}」所需技术` })),
    kinds: CANDIDATE_KINDS[gap.dimension],
    partyId: null,
    regionId: gap.countyId,
    excludeIds: new Set(gap.excludedIds),
    conflictSegmentIds: [],
    filter: null,
    referenceYear: gap.asOfYear,
    examine: GAP_CANDIDATES_EXAMINED,
  };
}

/** A gap within its chain analysis: its segment, dimension and kind. */
const gapKey = (gap: ChainGapModel) => JSON.stringify([gap.segment.id, gap.dimension, gap.kind]);

/**
 * A chain's gap candidates, kept per chain (industry, county, year and rules) until a write, like its support counts
 * (see `DerivedCache`): the gaps follow from those counts, and officials read the same chains again and again.
 */
const keptCandidates = new DerivedCache<Map<string, GapCandidateModel[]>, string>(
  () => Promise.reject(new Error('a chain\'s gap candidates are computed with its gaps (candidatePool)')),
  CHAIN_CANDIDATES_TTL_MS,
  CHAIN_CANDIDATES_KEPT,
  { of: (lists) => [...lists.values()].reduce((sum, list) => sum + list.length, 0), max: CHAIN_CANDIDATE_LISTS_WEIGHT },
);

/**
 * The candidates of a set of gaps (one chain), ranked in one matching pass the first time any gap's candidates (or the
 * reason it has none) are asked for, then shared: a chain of 20 gaps costs the round trips of one matching request.
 * With `chainKey` (a whole chain analysis), the ranking is kept for the next analysis of the same chain.
 */
function candidatePool(database: Database, gaps: readonly ChainGapModel[], keep: number, chainKey?: string): GapCandidatePool {
  let ranked: Promise<Map<string, GapCandidateModel[]>> | null = null;
  const rankAll = async () => {
    const withTopics = gaps.filter((gap) => gap.requiredTopicIds.length > 0);
    const results = await rankCandidatesBatch(database, withTopics.map(gapRequest));
    return new Map(withTopics.map((gap, index) => [gapKey(gap), results[index]!.matches.slice(0, keep).map(toGapCandidate)]));
  };
  const rank = async () => {
    if (!chainKey) return rankAll();
    const [kept] = await keptCandidates.getAll(database, [chainKey], async () => new Map([[chainKey, await rankAll()]]));
    return kept!;
  };
  return {
    async candidatesOf(gap) {
      ranked ??= rank();
      return (await ranked).get(gapKey(gap)) ?? [];
    },
  };
}

function toGapCandidate(match: { candidate: EntityModel; label: string; score: number; reasons: GapCandidateModel['reasons'] }): GapCandidateModel {
  return {
    candidate: match.candidate,
    label: match.label,
    score: match.score,
    local: match.reasons.some((reason) => reason.kind === 'GEOGRAPHY' && reason.signal === MATCHING_CONFIG.geography.sameCounty),
    reasons: match.reasons,
  };
}

/**
 * The top `first` candidates that could fill a gap, from anywhere in the graph except those already supporting
 * the segment, scored by the matching module against the segment's required topics, from the county's place
 * and as of the chain's year — so a gap candidate and a partner recommendation are explained the same way. The gaps of
 * one chain analysis are ranked together, once (see `candidatePool`).
 */
export async function rankGapCandidates(database: Database, gap: ChainGapModel, first: number): Promise<GapCandidateModel[]> {
  if (first === 0) return [];
  const pool = gap.candidatePool ?? candidatePool(database, [gap], Math.max(first, CHAIN_RULES.candidatesMax));
  return (await pool.candidatesOf(gap)).slice(0, first);
}

/** At most so many of the chains asked lately are analysed again once a change dropped what was kept of them. */
const CHAINS_ASKED_AGAIN = 16;
const recentChains = new RecentlyAsked(CHAINS_ASKED_AGAIN);
const chainKey = (industry: EntityModel, county: EntityModel, asOfYear: number, rules: ChainRules) => JSON.stringify([industry.id, county.id, asOfYear, rules]);

/** A chain analysis and its gaps' candidates (one gap's ranking ranks and keeps those of every gap, see `candidatePool`). */
async function prepareChain(database: Database, industry: EntityModel, county: EntityModel, asOfYear: number, rules: ChainRules): Promise<void> {
  const chain = await analyseIndustryChain(database, industry, county, asOfYear, rules);
  const gap = chain.segments.flatMap((segment) => segment.gaps)[0];
  if (gap) await rankGapCandidates(database, gap, 1);
}

/**
 * A chain as asked through the API (`industryChain`): analysed like any, and noted among the chains asked lately, which
 * `warmChains` analyses again once a change dropped what was kept of them.
 */
export function askIndustryChain(database: Database, industry: EntityModel, county: EntityModel, asOfYear: number, rules: ChainRules): Promise<IndustryChainModel> {
  recentChains.note(database, chainKey(industry, county, asOfYear, rules), async () => {
    const [currentIndustry, currentCounty] = await findEntitiesByIds(database, [industry.id, county.id]);
    if (!currentIndustry || !currentCounty) throw new Error('the chain\'s industry or county was deleted');
    await prepareChain(database, currentIndustry, currentCounty, asOfYear, rules);
  });
  return analyseIndustryChain(database, industry, county, asOfYear, rules);
}

/**
 * Analyses chains ahead of any question, with their gaps' candidates: the default county's, as `industryChain` with no
 * county and no year would — at most `limit`, those with the most enterprises of the county first (ties by id) — then
 * the other chains asked lately (at most `CHAINS_ASKED_AGAIN`, the most recent first), one chain at a time. Their support
 * counts and candidates are then kept (until a write, see `DerivedCache`), so that an official's first look at them is
 * answered at once: counting a large chain's members and ranking its gaps' candidates takes a second and more at a
 * million nodes. Returns the chains analysed.
 */
export async function warmChains(database: Database, asOfYear: number, limit: number, rules: ChainRules = CHAIN_RULES): Promise<number> {
  const county = limit > 0 ? await findDefaultCounty(database) : null;
  const prepared = new Set<string>();
  if (county) {
    const chosen = (await findChainIndustries(database, county.id))
      .sort((a, b) => b.localEnterprises - a.localEnterprises || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .slice(0, limit);
    for (const industry of await findEntitiesByIds(database, chosen.map((row) => row.id))) {
      if (!industry) continue; // deleted meanwhile
      await prepareChain(database, industry, county, asOfYear, rules);
      prepared.add(chainKey(industry, county, asOfYear, rules));
    }
  }
  return prepared.size + (await recentChains.askAgain(database, prepared));
}

/**
 * Counts ahead the county-independent support of every industry with a chain (see `findIndustrySupport`), one at a
 * time, with the rules' window and limit — what every county's first look at any chain would otherwise count: up to a
 * second for a large chain at a million nodes (167 chains in about 80 s), while the county's part is read once per
 * county for all its chains. Returns the industries counted.
 */
export async function warmIndustrySupport(database: Database, asOfYear: number, rules: ChainRules = CHAIN_RULES, shouldStop: () => boolean = () => false): Promise<number> {
  const options = { recentSince: asOfYear - rules.staleYears, supporterLimit: supporterLimitOf(rules) };
  let counted = 0;
  for (const industryId of await findChainIndustryIds(database)) {
    if (shouldStop()) break;
    await findIndustrySupport(database, industryId, options);
    counted += 1;
  }
  return counted;
}

const CANDIDATE_KIND_NAMES: Record<SupportDimension, [string, string]> = {
  ENTERPRISES: ['企业', 'enterprise'],
  RD_PARTNERS: ['高校或科研院所', 'university or research institute'],
  PLATFORMS: ['平台', 'platform'],
  EXPERTS: ['专家', 'expert'],
  RECENT_PROJECTS: ['机构或专家', 'organisation or expert'],
};

/** Why a gap has no candidate at all, in Chinese and English; null when it has at least one. */
export async function explainNoCandidates(database: Database, gap: ChainGapModel): Promise<string | null> {
  if (gap.requiredTopicIds.length === 0) {
    return '该环节未登记所需技术主题，无法按技术匹配补链候选；请先为环节补充所需技术 / The segment requires no topic, so no candidate can be matched by technology; add its required topics first';
  }
  if ((await rankGapCandidates(database, gap, 1)).length > 0) return null;
  const topics = (await findEntitiesByIds(database, gap.requiredTopicIds)).filter((topic): topic is EntityModel => topic !== null).map((topic) => String(topic.name));
  const [kindZh, kindEn] = CANDIDATE_KIND_NAMES[gap.dimension];
  return `图谱中没有县内支撑之外的${kindZh}掌握、研究或从事该环节所需技术（${topics.join('、')}） / No ${kindEn} beyond the segment's local support holds, works on or works in its topics (${topics.join(', ')})`;
}

/** Each indicator's progress: derived from the graph where a derivation applies, else the recorded value. */
export async function indicatorProgress(database: Database, clusterId: string | null, fallbackRegion: EntityModel | null): Promise<IndicatorProgressModel[]> {
  const indicators = await findIndicators(database, clusterId);
  const regionIds = [...new Set(indicators.map((row) => (row.region ?? fallbackRegion)?.id).filter((id): id is string => Boolean(id)))];
  const derived = await deriveIndicatorValues(database, regionIds);
  return indicators.map(({ indicator, region: measured }) => {
    const region = measured ?? fallbackRegion;
    const derivation = derivationFor(typeof indicator.code === 'string' ? indicator.code : null);
    const value = derivation && region ? (derived.get(region.id)?.[derivation.code] ?? null) : null;
    const baseline = Number(indicator.baselineValue);
    const target = Number(indicator.targetValue);
    if (derivation && value !== null) {
      const current = Math.round(value * 1000) / 1000;
      return { indicator, region, basis: 'DERIVED', derivation: derivation.description, currentValue: current, currentYear: null, progressRatio: progressRatio(current, baseline, target) };
    }
    const recorded = numberValue(indicator.recordedValue, 'indicator recordedValue');
    return {
      indicator,
      region,
      basis: 'RECORDED',
      derivation: '记录值：取指标记录的最新值（recordedValue），图谱无法推算 / the latest recorded value of the indicator record; the graph cannot derive it',
      currentValue: recorded,
      currentYear: numberValue(indicator.recordedYear, 'indicator recordedYear'),
      progressRatio: progressRatio(recorded, baseline, target),
    };
  });
}

/** Severity of a segment for "weakest first": 2 per empty dimension (NO_… or STALE), 1 per WEAK one. */
export function segmentSeverity(segment: ChainSegmentAnalysisModel): number {
  return segment.gaps.reduce((sum, gap) => sum + (gap.kind === 'WEAK' ? 1 : 2), 0);
}

/** A valley's industries, local enterprises by qualification, every segment's analysis and its indicators' progress. */
export async function overviewCluster(database: Database, cluster: EntityModel, county: EntityModel, asOfYear: number, rules: ChainRules = CHAIN_RULES): Promise<ClusterOverviewModel> {
  const [industries, counts, indicators] = await Promise.all([
    findClusterIndustries(database, cluster.id),
    countClusterEnterprises(database, cluster.id, county.id),
    indicatorProgress(database, cluster.id, county),
  ]);
  const chains = await Promise.all(industries.map((industry) => analyseIndustryChain(database, industry, county, asOfYear, rules)));
  const segments = chains
    .flatMap((chain) => chain.segments)
    .sort(
      (a, b) =>
        segmentSeverity(b) - segmentSeverity(a) ||
        a.support.localEnterprises + a.support.experts + a.support.platforms - (b.support.localEnterprises + b.support.experts + b.support.platforms) ||
        a.segment.id.localeCompare(b.segment.id),
    );
  return { cluster, county, industries, localEnterprises: counts.total, qualificationCounts: counts.byQualification, segments, indicators };
}
