/**
 * The three matching questions — expert search, partner recommendations, demand matches — as one pipeline:
 * need → weighted topics → candidates holding them → facts → explained scores → ranked page.
 */
import type { EntityModel } from '../../graph/entity.js';
import type { NodeKind } from '../../graph/kinds.js';
import { Conditions } from '../../graph/query.js';
import { DerivedCache, RecentlyAsked } from '../../neo4j/derived-cache.js';
import { parseRows } from '../../graph/rows.js';
import { z } from 'zod';
import type { Database } from '../../neo4j/database.js';
import { MATCHING_CONFIG } from './matching.config.js';
import { expertConditions, type ExpertFilterInput } from '../expert/expert.repository.js';
import { interpretText, round, suggestTopics, type NeedTopic } from './need.js';
import type { TopicProfiles } from './topic-profiles.js';
import { labelNamesOf, topicProfilesOf, vocabularyOf } from './vocabulary.js';
import { holderStamps, keepHolderLists, topicsWithoutList } from './holder-store.js';
import {
  candidateDetails,
  evidenceByTopic,
  evidenceOnTopics,
  findTopicHolders,
  queryTopicHolders,
  insidersOf,
  mostLinkedTopics,
  placeOfRegion,
  proximityTo,
  targetFacts,
  topicHolderCounts,
  warmUpQuestions,
  type Place,
  type Proximity,
  type TopicHold,
} from './matching.repository.js';
import { evidenceRelevance, proximityCeiling, rarity, scoreCandidate, topicSignalOf, type CandidateFacts, type Reason, type RankedNeedTopic } from './matching.scoring.js';

/** A ranked match as resolvers receive it. */
export interface MatchModel {
  candidate: EntityModel;
  score: number;
  reasons: Reason[];
  label: string;
  alreadyCooperating: boolean;
  possibleConflict: boolean;
  conflictReason: string | null;
}

export interface MatchResultModel {
  interpretedTopics: Array<RankedNeedTopic>;
  noKnownTopic: boolean;
  /** The need was understood (interpretedTopics) but no candidate holds any of its topics. */
  noCandidates: boolean;
  suggestedTopicIds: string[];
  matches: MatchModel[];
  /** How many matches there are: `matches.length`, except in a kept answer, which holds only the first of them. */
  matchCount: number;
}

/** One matching question in the pipeline's terms. */
export interface MatchRequest {
  needTopics: NeedTopic[];
  kinds: readonly NodeKind[];
  /** The organisation whose closeness counts, when someone in the graph has the need. */
  partyId: string | null;
  /** Where the need is; null when unknown. */
  regionId: string | null;
  /** Never proposed: the party itself and its own experts. */
  excludeIds: Set<string>;
  /** Chain segments the party works in: candidates working in them may be competitors. */
  conflictSegmentIds: string[];
  /** Extra conditions on `node` that candidates must meet (filters); they never change scores. */
  filter: Conditions | null;
  /** The reference year for evidence recency: this year on the service's clock. */
  referenceYear: number;
  /** How many candidates (best by topic signal) are examined in full; default `MATCHING_CONFIG.candidatesExamined`. */
  examine?: number;
  /**
   * How many of the best matches must be exact (the end of the page asked for); default all. Proximity — a shortest
   * path per candidate, the costliest fact — is then read only for the candidates that could still be among them; the
   * matches after them are ordered by their score without proximity.
   */
  exactUpTo?: number;
}


/**
 * Reads free text (and explicit topics or industry) into weighted need topics, or suggestions when none: names and
 * aliases, the industries and segments named, one-character typos and the topics' text profiles; Latin words
 * are also read as pinyin of the profiles' words.
 */
export function interpretNeed(
  database: Database,
  need: { text?: string | null; topicIds?: string[]; industryId?: string | null },
): Promise<InterpretedNeed> {
  const key = JSON.stringify([need.text?.trim() ?? '', need.topicIds ?? [], need.industryId ?? null]);
  return interpretedNeeds.get(database, key);
}

interface InterpretedNeed {
  topics: NeedTopic[];
  suggestions: string[];
}

/**
 * Needs read, kept per need until a write (they depend on the vocabulary and the topics' profiles, which a write may
 * change): reading a demand's text through the profiles is most of the server's own work for a demand's matches.
 */
const interpretedNeeds = new DerivedCache<InterpretedNeed, string>(
  (database, key) => {
    const [text, topicIds, industryId] = JSON.parse(key) as [string, string[], string | null];
    return readNeed(database, { text, topicIds, industryId });
  },
  MATCHING_CONFIG.vocabularyTtlMs,
  MATCHING_CONFIG.needsKept,
);

async function readNeed(database: Database, need: { text: string; topicIds: string[]; industryId: string | null }): Promise<InterpretedNeed> {
  const vocabulary = await vocabularyOf(database);
  const topics = new Map<string, NeedTopic>();
  for (const id of need.topicIds) topics.set(id, { id, weight: 1, origin: '指定主题' });
  const raw = need.text;
  let text = raw;
  let profiles: TopicProfiles | undefined;
  if (raw) {
    profiles = await topicProfilesOf(database);
    const spelt = profiles.fromPinyin(raw);
    if (spelt.length > 0) text = `${raw} ${spelt.join(' ')}`;
  }
  if (text || need.industryId) {
    for (const topic of interpretText(text, vocabulary.topics, vocabulary.industries, need.industryId ?? undefined, profiles)) {
      if (!topics.has(topic.id)) topics.set(topic.id, topic);
    }
  }
  const list = [...topics.values()];
  if (list.length > 0 || !raw) return { topics: list, suggestions: [] };
  const nearest = (profiles?.match(text) ?? []).slice(0, MATCHING_CONFIG.need.suggestions).map((hit) => hit.id);
  return { topics: list, suggestions: nearest.length > 0 ? nearest : suggestTopics(text, vocabulary.topics) };
}

const filteredCandidatesRow = z.object({ id: z.string() });

async function filteredIds(database: Database, ids: string[], filter: Conditions | null): Promise<Set<string>> {
  if (!filter || filter.parts.length === 0) return new Set(ids);
  const rows = await database.read(`MATCH (node:Entity) WHERE node.id IN $candidateIds AND ${filter.parts.map((part) => `(${part})`).join(' AND ')} RETURN node.id AS id`, {
    ...filter.params,
    candidateIds: ids,
  });
  return new Set(parseRows(filteredCandidatesRow, rows, 'filtered candidates').map((row) => row.id));
}

function labelOf(entity: EntityModel, affiliationName: string | null, place: Place): string {
  if (entity.nodeKind === 'Expert') return `${String(entity.name)}（${[entity.title, affiliationName].filter(Boolean).join('，')}）`;
  const region = place.ancestors.find((ancestor) => ancestor.id === place.regionId)?.name;
  return region ? `${String(entity.name)}（${region}）` : String(entity.name);
}

/**
 * A hold through one of the party's own chain segments: the candidate works in a segment the party works in. Such a
 * candidate is always shown (flagged `possibleConflict`), even under the minimum topic signal: a need spanning several
 * segments dilutes a competitor's signal (it holds one segment's topics), yet it is the competitor the flag warns of.
 */
function isCompetitorHold(hold: TopicHold, request: MatchRequest): boolean {
  return hold.via === 'segment' && typeof hold.viaId === 'string' && request.conflictSegmentIds.includes(hold.viaId);
}

/** Runs the pipeline for one request; returns every match, best first. */
export async function rankCandidates(database: Database, request: MatchRequest): Promise<MatchResultModel> {
  const [result] = await rankCandidatesBatch(database, [request]);
  return result!;
}

const NO_TOPIC: MatchResultModel = { interpretedTopics: [], noKnownTopic: true, noCandidates: false, suggestedTopicIds: [], matches: [], matchCount: 0 };

const HIERARCHY_STEPS = MATCHING_CONFIG.topics.hierarchySteps;
const MAX_PATH_HOPS = MATCHING_CONFIG.proximity.maxPathHops;

/**
 * Starts a read whose value is kept (`findTopicHolders`, `proximityTo`), for a later call to join or find kept instead of
 * waiting for what comes first; its failure, if any, is that call's.
 */
function readAhead(read: Promise<unknown>): void {
  read.catch(() => undefined);
}

/**
 * Runs the pipeline for several requests in one pass (the gaps of a chain): the vocabulary, topic holder counts,
 * candidate details, evidence, places and names are each fetched once for all of them, and topic holders once per set
 * of kinds asked, side by side, in the same number of round trips as one request; each request is then scored on its
 * own, and answered as it would be alone. Results are in the order of the requests.
 */
export async function rankCandidatesBatch(database: Database, requests: readonly MatchRequest[]): Promise<MatchResultModel[]> {
  const live = requests.filter((request) => request.needTopics.length > 0);
  if (live.length === 0) return requests.map(() => NO_TOPIC);
  const allTopicIds = [...new Set(live.flatMap((request) => request.needTopics.map((topic) => topic.id)))];
  // Holders are read per set of kinds asked, never for the union of a batch's kinds: a topic's holders are bounded to
  // its strongest `holdersPerTopic`, so read for experts and platforms together a popular topic's would be all experts,
  // and a platform gap would find none that it finds alone. Per set of kinds, the kept holders serve every chain and
  // question asking the same kinds (a chain's gaps ask at most five sets, one per dimension).
  const byKinds = groupByKinds(live);
  // When no request has more need topics than are kept, all are kept whatever their rarity: their holders are read
  // beside the holder counts, not after them (the read below joins this one).
  if (live.every((request) => request.needTopics.length <= MATCHING_CONFIG.maxNeedTopics)) {
    for (const { kinds, requests: group } of byKinds.values()) readAhead(findTopicHolders(database, topicIdsOf(group.map((request) => request.needTopics)), kinds, HIERARCHY_STEPS));
  }
  const [holders, vocabulary] = await Promise.all([topicHolderCounts(database, allTopicIds), vocabularyOf(database)]);
  // Per request: its need topics, heaviest first (rarer first among equals), at most `maxNeedTopics` of them.
  const rankedNeeds = live.map((request): RankedNeedTopic[] =>
    request.needTopics
      .map((topic) => ({ ...topic, rarity: rarity(holders.get(topic.id) ?? 0, vocabulary.candidateTotal) }))
      .sort((a, b) => b.weight - a.weight || b.rarity - a.rarity || a.id.localeCompare(b.id))
      .slice(0, MATCHING_CONFIG.maxNeedTopics),
  );
  const needsOf = new Map(live.map((request, index) => [request, rankedNeeds[index]!]));
  const holdsByKinds = new Map(
    await Promise.all(
      [...byKinds].map(async ([key, { kinds, requests: group }]) => {
        const topicIds = topicIdsOf(group.map((request) => needsOf.get(request)!));
        return [key, await findTopicHolders(database, topicIds, kinds, HIERARCHY_STEPS)] as const;
      }),
    ),
  );

  // Per request: its holds, and its shortlist (best by topic signal).
  const plans = live.map((request, index) => {
    const referenceYear = request.referenceYear;
    const needTopics = rankedNeeds[index]!;
    const holds = holdsByKinds.get(kindsKey(request.kinds))!;
    const needTopicIds = new Set(needTopics.map((topic) => topic.id));
    const kinds = new Set<string>(request.kinds);
    const holdsByCandidate = new Map<string, TopicHold[]>();
    const heldTopicIds = new Set<string>();
    for (const hold of holds) {
      if (!needTopicIds.has(hold.needTopicId) || request.excludeIds.has(hold.candidateId) || !hold.kinds.some((kind) => kinds.has(kind))) continue;
      const list = holdsByCandidate.get(hold.candidateId);
      if (list) list.push(hold);
      else holdsByCandidate.set(hold.candidateId, [hold]);
      heldTopicIds.add(hold.heldTopicId);
    }
    return { request, referenceYear, needTopics, holds, holdsByCandidate, evidenceTopicIds: new Set([...heldTopicIds, ...needTopicIds]) };
  });
  const shortlists = await Promise.all(
    plans.map(async ({ request, referenceYear, needTopics, holdsByCandidate }) => {
      const allowed = await filteredIds(database, [...holdsByCandidate.keys()], request.filter);
      const signalOf = topicSignalOf(needTopics, referenceYear);
      const signals: Array<{ id: string; signal: number }> = [];
      for (const [id, candidateHolds] of holdsByCandidate) {
        if (!allowed.has(id)) continue;
        const signal = signalOf(candidateHolds);
        if (signal >= MATCHING_CONFIG.minimumTopicSignal || candidateHolds.some((hold) => isCompetitorHold(hold, request))) signals.push({ id, signal });
      }
      const ids = bestBySignal(signals, request.examine ?? MATCHING_CONFIG.candidatesExamined);
      const shortlisted = new Set(ids);
      return { ids, topicSignals: new Map(signals.filter(({ id }) => shortlisted.has(id)).map(({ id, signal }) => [id, signal])) };
    }),
  );

  // Proximity read ahead for the best by topic signal, beside the other facts (see `proximityReadAhead`): the last
  // phase below then finds most of what it asks for kept, and reads only the rest.
  const proximitiesAhead = plans.map(({ request }, index) => {
    if (!request.partyId) return null;
    const { atLeast, perPageMatch } = MATCHING_CONFIG.proximityReadAhead;
    const count = Math.max(atLeast, perPageMatch * (request.exactUpTo ?? Infinity));
    const ids = shortlists[index]!.ids.slice(0, count);
    const read = proximityTo(database, ids, request.partyId, MAX_PATH_HOPS);
    readAhead(read);
    return { ids: new Set(ids), read };
  });
  const everyone = [...new Set(shortlists.flatMap(({ ids }) => ids))];
  const everyEvidenceTopic = [...new Set(plans.flatMap((plan) => [...plan.evidenceTopicIds]))];
  const regionIds = [...new Set(live.map((request) => request.regionId).filter((id): id is string => id !== null))];
  const [details, evidence, places, names] = await Promise.all([
    candidateDetails(database, everyone),
    evidenceByTopic(database, everyone, everyEvidenceTopic),
    Promise.all(regionIds.map(async (regionId) => [regionId, await placeOfRegion(database, regionId)] as const)).then((entries) => new Map(entries)),
    labelNamesOf(database, vocabulary, [...everyEvidenceTopic, ...live.flatMap((request) => request.conflictSegmentIds)]),
  ]);

  // Per request: each examined candidate's facts, and its score with no proximity known (final where proximity does
  // not apply, or where it is not asked).
  const examined = plans.map(({ request, evidenceTopicIds, holds, holdsByCandidate, needTopics, referenceYear }, index) => {
    const needPlace = request.regionId ? places.get(request.regionId) : undefined;
    // Evidence on this request's topics only (the batch read it on every request's), in the batch's order of topics.
    const ownTopics = live.length === 1 ? everyEvidenceTopic : everyEvidenceTopic.filter((id) => evidenceTopicIds.has(id));
    const { ids, topicSignals } = shortlists[index]!;
    const relevance = evidenceRelevance(needTopics, holds);
    return ids.flatMap((candidateId) => {
      const candidate = details.get(candidateId);
      if (!candidate) return [];
      const { projects, patents } = evidenceOnTopics(evidence.get(candidateId), ownTopics);
      const facts: CandidateFacts = {
        holds: holdsByCandidate.get(candidateId) ?? [],
        details: candidate,
        projects,
        patents,
        proximity: request.partyId ? null : undefined,
        needPlace,
        names,
        evidenceRelevance: relevance,
      };
      const topic = topicSignals.get(candidateId)!;
      return [{ candidateId, candidate, facts, topic, scored: scoreCandidate(candidateId, needTopics, facts, referenceYear, topic) }];
    });
  });
  const proximities = await Promise.all(
    plans.map(async ({ request }, index) => {
      const ahead = proximitiesAhead[index];
      if (!request.partyId || !ahead) return null;
      const candidates = examined[index]!;
      let asked = candidates;
      const exactUpTo = request.exactUpTo ?? Infinity;
      if (exactUpTo < candidates.length) {
        // Scored without proximity, a candidate can gain at most the ceiling once it is known: only those that could
        // then reach the best `exactUpTo` are asked (ties included: the order among equals is by id).
        const bar = candidates.map(({ scored }) => scored.score).sort((a, b) => b - a)[Math.max(0, exactUpTo - 1)]!;
        const ceiling = candidates[0] ? proximityCeiling(candidates[0].facts) : 0;
        asked = candidates.filter(({ scored }) => scored.score + ceiling >= bar);
      }
      // Those not read ahead are read at once, while the read ahead may still be under way (not after it: at 1M the
      // two reads took 140–220 and 10–290 ms one after the other); only the candidates that can reach the page count,
      // whatever was read ahead.
      const askedIds = asked.map(({ candidateId }) => candidateId);
      const rest = askedIds.filter((id) => !ahead.ids.has(id));
      const [readAheadOnes, restOnes] = await Promise.all([ahead.read, rest.length > 0 ? proximityTo(database, rest, request.partyId, MAX_PATH_HOPS) : new Map<string, Proximity>()]);
      const proximity = new Map<string, Proximity>();
      for (const id of askedIds) {
        const found = readAheadOnes.get(id) ?? restOnes.get(id);
        if (found) proximity.set(id, found);
      }
      return proximity;
    }),
  );
  // The path's entities and the shared projects and platforms come named with their proximity.
  for (const proximity of proximities) for (const entry of proximity?.values() ?? []) for (const { id, name } of entry.names) names.set(id, name);

  const results = new Map<MatchRequest, MatchResultModel>();
  plans.forEach(({ request, referenceYear, needTopics }, index) => {
    const proximity = proximities[index] ?? null;
    const matches: MatchModel[] = [];
    for (const { candidateId, candidate, facts: known, topic, scored: withoutProximity } of examined[index]!) {
      // A candidate whose proximity was not asked (it cannot reach the page asked for) keeps its score without it.
      const closeness = proximity?.get(candidateId);
      const facts: CandidateFacts = closeness ? { ...known, proximity: closeness } : known;
      const scored = closeness ? scoreCandidate(candidateId, needTopics, facts, referenceYear, topic) : withoutProximity;
      const sharedSegments = candidate.segmentIds
        .filter((segmentId) => request.conflictSegmentIds.includes(segmentId))
        .map((segmentId) => `「${names.get(segmentId) ?? segmentId}」`)
        .sort();
      matches.push({
        candidate: candidate.entity,
        score: scored.score,
        // Read when shown (a page's matches), not for every match ranked.
        get reasons() {
          return scored.reasons;
        },
        label: labelOf(candidate.entity, candidate.affiliationName, candidate.place),
        alreadyCooperating: facts.proximity?.cooperating ?? false,
        possibleConflict: sharedSegments.length > 0,
        conflictReason:
          sharedSegments.length === 0
            ? null
            : candidate.entity.nodeKind === 'Expert'
              ? `任职于同一产业链环节${sharedSegments.join('、')}的企业「${candidate.affiliationName ?? ''}」，可能存在竞争关系`
              : `同在产业链环节${sharedSegments.join('、')}，可能存在竞争关系`,
      });
    }
    matches.sort((a, b) => b.score - a.score || a.candidate.id.localeCompare(b.candidate.id));
    results.set(request, { interpretedTopics: needTopics.map((topic) => ({ ...topic, weight: round(topic.weight) })), noKnownTopic: false, noCandidates: matches.length === 0, suggestedTopicIds: [], matches, matchCount: matches.length });
  });
  return requests.map((request) => results.get(request) ?? NO_TOPIC);
}

/** A set of kinds as a key: the same kinds in any order and repeated give the same key. */
const kindsKey = (kinds: readonly NodeKind[]) => [...new Set(kinds)].sort().join(',');

/** Requests grouped by the set of kinds they ask for (see `kindsKey`), in the order first met. */
function groupByKinds(requests: readonly MatchRequest[]): Map<string, { kinds: NodeKind[]; requests: MatchRequest[] }> {
  const groups = new Map<string, { kinds: NodeKind[]; requests: MatchRequest[] }>();
  for (const request of requests) {
    const key = kindsKey(request.kinds);
    const group = groups.get(key);
    if (group) group.requests.push(request);
    else groups.set(key, { kinds: [...new Set(request.kinds)].sort(), requests: [request] });
  }
  return groups;
}

/** The distinct ids of some lists of topics, in the order first met. */
const topicIdsOf = (lists: ReadonlyArray<ReadonlyArray<{ id: string }>>) => [...new Set(lists.flatMap((topics) => topics.map((topic) => topic.id)))];

/**
 * The ids of the `count` best candidates by signal (ties by id): the `count`-th best signal found on the signals alone,
 * then only the candidates at or above it sorted (a popular need has thousands of holders, many of them tied).
 */
export function bestBySignal(candidates: ReadonlyArray<{ id: string; signal: number }>, count: number): string[] {
  if (count <= 0) return [];
  const bar = candidates.length > count ? Float64Array.from(candidates, (candidate) => candidate.signal).sort()[candidates.length - count]! : -Infinity;
  return candidates
    .filter((candidate) => candidate.signal >= bar)
    .sort((a, b) => b.signal - a.signal || a.id.localeCompare(b.id))
    .slice(0, count)
    .map((candidate) => candidate.id);
}

/** The candidate kinds a partner recommendation considers by default. */
export const ALL_CANDIDATE_KINDS: NodeKind[] = ['University', 'ResearchInstitute', 'Enterprise', 'Platform', 'Expert'];

/** The candidate kinds an expert search considers. */
const EXPERT_KINDS: readonly NodeKind[] = ['Expert'];

/** Experts for a need stated as text, topics and/or industry (record ids), optionally in a region. */
export async function searchExperts(
  database: Database,
  need: { text?: string | null; topicIds?: string[]; industryId?: string | null; regionId?: string | null },
  filter: Conditions | null,
  referenceYear: number,
): Promise<MatchResultModel> {
  const interpreted = await interpretNeed(database, need);
  if (interpreted.topics.length === 0) return { interpretedTopics: [], noKnownTopic: true, noCandidates: false, suggestedTopicIds: interpreted.suggestions, matches: [], matchCount: 0 };
  return rankCandidates(database, {
    needTopics: interpreted.topics,
    kinds: EXPERT_KINDS,
    partyId: null,
    regionId: need.regionId ?? null,
    excludeIds: new Set(),
    conflictSegmentIds: [],
    filter,
    referenceYear,
  });
}

/** The kind of the enterprise, industry, chain segment or demand `id` denotes (kept until a write, like its need); null for any other id. */
export async function targetKind(database: Database, id: string): Promise<NodeKind | null> {
  return (await targetFacts(database, id))?.kind ?? null;
}

/**
 * Partners for an enterprise, industry, chain segment or demand (by record id); null when the id denotes
 * none of those. A demand's title and description add the topics they name, at a lower weight. With `exactUpTo`, only
 * that many of the best matches are exact (see `MatchRequest.exactUpTo`).
 */
export async function recommendPartners(
  database: Database,
  targetId: string,
  kinds: readonly NodeKind[] | null,
  filter: Conditions | null,
  referenceYear: number,
  exactUpTo?: number,
): Promise<MatchResultModel | null> {
  const facts = await targetFacts(database, targetId);
  if (!facts) return null;
  // The party's insiders are read while the need is read from the demand's text, and with its topics' holder counts
  // (kept: the ranking finds them there) — one round trip instead of two for a need met the first time.
  const insiders = facts.partyId ? insidersOf(database, facts.partyId) : Promise.resolve(new Set<string>());
  insiders.catch(() => undefined); // awaited below; not an unhandled rejection if reading the text fails first
  const topics = new Map<string, NeedTopic>();
  for (const topic of facts.topics) if (topic.weight > (topics.get(topic.id)?.weight ?? 0)) topics.set(topic.id, topic);
  if (facts.kind === 'Demand') {
    const fromText = await interpretNeed(database, { text: `${String(facts.entity.title ?? '')} ${String(facts.entity.description ?? '')}` });
    for (const topic of fromText.topics) if (!topics.has(topic.id)) topics.set(topic.id, { ...topic, weight: round(topic.weight * 0.6), origin: `需求描述：${topic.origin}` });
  }
  const kindsAsked = kinds?.length ? kinds : ALL_CANDIDATE_KINDS;
  // The need's holders with its holder counts when every topic is kept (see `rankCandidatesBatch`).
  if (topics.size <= MATCHING_CONFIG.maxNeedTopics) readAhead(findTopicHolders(database, [...topics.keys()], kindsAsked, HIERARCHY_STEPS));
  const [excludeIds] = await Promise.all([insiders, topicHolderCounts(database, [...topics.keys()])]);
  excludeIds.add(facts.entity.id);
  return rankCandidates(database, {
    needTopics: [...topics.values()],
    kinds: kindsAsked,
    partyId: facts.partyId,
    regionId: facts.regionId,
    excludeIds,
    conflictSegmentIds: facts.segmentIds,
    filter,
    referenceYear,
    exactUpTo,
  });
}

/** A partner recommendation or demand match as asked through the API: its target, the kinds asked for, a region, the year and the page's end. */
export interface PartnerQuestion {
  targetId: string;
  kinds: readonly NodeKind[] | null;
  /** Only candidates in this region or below it (organisations by location, experts by their affiliations'). */
  regionId: string | null;
  referenceYear: number;
  /** The end of the page asked for: the matches up to it are exact (see `MatchRequest.exactUpTo`). */
  exactUpTo: number;
}

/**
 * The answer to a partner recommendation or demand match, kept per question until a write (see `DerivedCache`): the
 * same party comes back to its matches, and a popular demand is looked at by many. A kept answer holds its page and
 * one more, not the facts they were scored from (see `answerToKeep`). Null when the target denotes no enterprise,
 * industry, segment or demand.
 */
export function keptPartnerAnswer(database: Database, question: PartnerQuestion): Promise<MatchResultModel | null> {
  const kinds = question.kinds?.length ? [...new Set(question.kinds)].sort() : null;
  const key = JSON.stringify([question.targetId, kinds, question.regionId, question.referenceYear, question.exactUpTo]);
  recentQuestions.note(database, `partners ${key}`, () => keptAnswers.get(database, key));
  return keptAnswers.get(database, key);
}

/** The questions asked lately (partners, demands, experts), asked again by `warmMatching` once a change dropped their answers. */
const recentQuestions = new RecentlyAsked(MATCHING_CONFIG.questionsAskedAgain);

/** Kept answers, per question (the key) until a write, weighed by the matches they hold (see `answerMatchesKept`). */
const answerCache = <T extends MatchResultModel | null>(compute: (database: Database, key: string) => Promise<T>) =>
  new DerivedCache<T, string>(compute, MATCHING_CONFIG.vocabularyTtlMs, MATCHING_CONFIG.answerMatchesKept, {
    of: (answer) => 1 + (answer?.matches.length ?? 0),
    max: MATCHING_CONFIG.answerMatchesKept,
  });

const keptAnswers = answerCache(async (database, key) => {
  const [targetId, kinds, regionId, referenceYear, exactUpTo] = JSON.parse(key) as [string, NodeKind[] | null, string | null, number, number];
  const result = await recommendPartners(database, targetId, kinds, regionId ? withinRegion(regionId) : null, referenceYear, exactUpTo);
  return result ? answerToKeep(result, exactUpTo) : null;
});

/** An expert search as asked through the API: the need, the experts' filter, the year and the page's end. */
export interface ExpertQuestion {
  need: { text: string; topicIds: string[]; industryId: string | null; regionId: string | null };
  filter: ExpertFilterInput | null;
  referenceYear: number;
  /** The end of the page asked for: a kept answer holds the matches up to it and one more. */
  pageEnd: number;
}

/** The answer to an expert search, kept per question until a write, like `keptPartnerAnswer`'s. */
export function keptExpertAnswer(database: Database, question: ExpertQuestion): Promise<MatchResultModel> {
  const key = JSON.stringify([question.need, question.filter, question.referenceYear, question.pageEnd]);
  recentQuestions.note(database, `experts ${key}`, () => keptExpertAnswers.get(database, key));
  return keptExpertAnswers.get(database, key);
}

const keptExpertAnswers = answerCache(async (database, key) => {
  const [need, filter, referenceYear, pageEnd] = JSON.parse(key) as [ExpertQuestion['need'], ExpertFilterInput | null, number, number];
  return answerToKeep(await searchExperts(database, need, filter ? expertConditions(filter) : null, referenceYear), pageEnd);
});

/**
 * What a kept answer holds: its matches up to the page's end and one more (to tell whether a next page exists), their
 * own fields copied with their reasons built (the getter read) so that nothing of the scoring is held, and the count of all.
 */
function answerToKeep(result: MatchResultModel, pageEnd: number): MatchResultModel {
  const matches = result.matches.slice(0, pageEnd + 1).map((match): MatchModel => ({ ...match, reasons: match.reasons }));
  return { ...result, matches };
}

/** How many answers are kept for the database and how many matches they hold in all, each answer counting one more (for tests and diagnostics). */
export function answersKept(database: Database): Record<'partners' | 'experts', { keys: number; weight: number }> {
  return { partners: keptAnswers.kept(database), experts: keptExpertAnswers.kept(database) };
}

/** Candidates in the region or below it: organisations by location, experts by their affiliations' location. */
function withinRegion(regionId: string): Conditions {
  const conditions = new Conditions();
  const region = conditions.param(regionId);
  conditions.add(
    `EXISTS { MATCH (node)-[:LOCATED_IN]->(:Region)-[:PART_OF*0..]->(:Region {id: ${region}}) }
     OR EXISTS { MATCH (node)-[:AFFILIATED_WITH]->(:Organization)-[:LOCATED_IN]->(:Region)-[:PART_OF*0..]->(:Region {id: ${region}}) }`,
  );
  return conditions;
}

/**
 * Asks the matcher three questions of the graph's own — experts for a topic, partners for an enterprise, matches for a
 * demand — when the server starts, so that Neo4j plans and compiles the matcher's queries (and its own code warms)
 * before a user asks: on a freshly started 10k graph the first partner questions took 1.4–4.7 s, the same questions
 * asked once more 0.1–0.5 s. Then the questions users asked lately (at most `questionsAskedAgain`, the most recent
 * first), whose kept answers a change has dropped: asked again, they are kept again. Returns the questions answered.
 */
export async function warmMatching(database: Database, referenceYear: number): Promise<number> {
  const { topicId, enterpriseId, demandId } = await warmUpQuestions(database);
  let asked = 0;
  if (topicId) {
    await searchExperts(database, { topicIds: [topicId] }, null, referenceYear);
    asked += 1;
  }
  for (const targetId of [enterpriseId, demandId]) {
    if (!targetId) continue;
    await recommendPartners(database, targetId, null, null, referenceYear, 10);
    asked += 1;
  }
  return asked + (await recentQuestions.askAgain(database));
}

/** Need topics whose holders one warm-up read fetches together. */
const TOPICS_PER_WARM_READ = 8;

/**
 * Reads ahead, and keeps until a write, the holders of the `count` most linked topics (see `mostLinkedTopics`) for the
 * kinds partner and demand questions ask by default (every kind) and expert searches ask (experts); then, of the
 * `alsoFor.count` most linked of them, for each set of kinds in `alsoFor.kinds` (the server's: those a chain's gaps
 * ask, one per dimension). A question's first answer on a million nodes spent a third of its time reading its topics'
 * holders, needs cluster on the popular topics, and every chain requires some. The holds kept are bounded
 * (`holdsKept`): at 1M the 300 most linked topics take about 65 000 holds per set of kinds, the 64 most linked
 * 13 000–25 000, so the further sets are read ahead for fewer topics, not to crowd out the first ones. Eight topics per read,
 * one read at a time, set after set. Returns the topics read.
 */
/**
 * Computes the holder store's missing lists (see holder-store.ts) for each set of kinds, of the topics given or of
 * every topic, the most linked first: eight topics per read (as `warmTopicHolders`), one read at a time, each batch's
 * stamps read before its lists are computed. A list marked stale meanwhile is not kept (the next round computes it).
 * `shouldStop` is asked between batches (the server stopping). Returns the lists computed and those kept.
 */
export async function fillHolderStore(
  database: Database,
  kindSets: ReadonlyArray<readonly NodeKind[]>,
  options: { topicIds?: readonly string[] | null; shouldStop?: () => boolean } = {},
): Promise<{ computed: number; kept: number }> {
  const steps = MATCHING_CONFIG.topics.hierarchySteps;
  let computed = 0;
  let kept = 0;
  for (const kinds of kindSets) {
    const topicIds = await topicsWithoutList(database, kinds, steps, options.topicIds ?? null);
    for (let start = 0; start < topicIds.length; start += TOPICS_PER_WARM_READ) {
      if (options.shouldStop?.()) return { computed, kept };
      const batch = topicIds.slice(start, start + TOPICS_PER_WARM_READ);
      const stamps = await holderStamps(database, batch);
      const lists = await queryTopicHolders(database, batch, kinds, steps);
      kept += await keepHolderLists(
        database,
        kinds,
        steps,
        batch.map((topicId) => ({ topicId, stamp: stamps.get(topicId) ?? null, holds: lists.get(topicId) ?? [] })),
      );
      computed += batch.length;
    }
  }
  return { computed, kept };
}

/** The sets of kinds the holder store keeps lists for: those matching questions ask by default (a chain's gaps add theirs). */
export const STORED_HOLDER_KINDS: ReadonlyArray<readonly NodeKind[]> = [ALL_CANDIDATE_KINDS, EXPERT_KINDS];

export async function warmTopicHolders(
  database: Database,
  count: number,
  alsoFor: { kinds: ReadonlyArray<readonly NodeKind[]>; count: number } = { kinds: [], count: 0 },
): Promise<number> {
  const topicIds = await mostLinkedTopics(database, count);
  const sets = new Map<string, { kinds: readonly NodeKind[]; topicIds: string[] }>();
  for (const kinds of [ALL_CANDIDATE_KINDS, EXPERT_KINDS]) sets.set(kindsKey(kinds), { kinds, topicIds });
  for (const kinds of alsoFor.kinds) if (!sets.has(kindsKey(kinds))) sets.set(kindsKey(kinds), { kinds, topicIds: topicIds.slice(0, alsoFor.count) });
  for (const { kinds, topicIds: ids } of sets.values()) {
    for (let start = 0; start < ids.length; start += TOPICS_PER_WARM_READ) {
      await findTopicHolders(database, ids.slice(start, start + TOPICS_PER_WARM_READ), kinds, MATCHING_CONFIG.topics.hierarchySteps);
    }
  }
  return topicIds.length;
}
