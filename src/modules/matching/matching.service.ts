/**
 * The three matching questions — expert search, partner recommendations, demand matches — as one pipeline:
 * need → weighted topics → candidates holding them → facts → explained scores → ranked page.
 */
import type { EntityModel } from '../../graph/entity.js';
import type { NodeKind } from '../../graph/kinds.js';
import { Conditions } from '../../graph/query.js';
import { parseRows } from '../../graph/rows.js';
import { z } from 'zod';
import type { Database } from '../../neo4j/database.js';
import { findEntitiesByIds } from '../node/node.repository.js';
import { MATCHING_CONFIG } from './matching.config.js';
import { interpretText, round, suggestTopics, type NeedTopic } from './need.js';
import type { TopicProfiles } from './topic-profiles.js';
import { topicProfilesOf, vocabularyOf } from './vocabulary.js';
import {
  candidateDetails,
  evidenceOf,
  findTopicHolders,
  insidersOf,
  placeOfRegion,
  proximityTo,
  targetFacts,
  topicHolderCounts,
  type Place,
  type TopicHold,
} from './matching.repository.js';
import { rarity, scoreCandidate, topicSignal, type CandidateFacts, type Reason, type RankedNeedTopic } from './matching.scoring.js';

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
}


/**
 * Reads free text (and explicit topics or industry) into weighted need topics, or suggestions when none: names and
 * aliases, the industries and segments named, one-character typos and the topics' text profiles; Latin words
 * are also read as pinyin of the profiles' words.
 */
export async function interpretNeed(
  database: Database,
  need: { text?: string | null; topicIds?: string[]; industryId?: string | null },
): Promise<{ topics: NeedTopic[]; suggestions: string[] }> {
  const vocabulary = await vocabularyOf(database);
  const topics = new Map<string, NeedTopic>();
  for (const id of need.topicIds ?? []) topics.set(id, { id, weight: 1, origin: '指定主题' });
  const raw = need.text?.trim() ?? '';
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

async function filteredIds(database: Database, ids: string[], filter: Conditions | null): Promise<Set<string>> {
  if (!filter || filter.parts.length === 0) return new Set(ids);
  const rows = await database.read(`MATCH (node:Entity) WHERE node.id IN $candidateIds AND ${filter.parts.map((part) => `(${part})`).join(' AND ')} RETURN node.id AS id`, {
    ...filter.params,
    candidateIds: ids,
  });
  return new Set(parseRows(z.object({ id: z.string() }), rows, 'filtered candidates').map((row) => row.id));
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

const NO_TOPIC: MatchResultModel = { interpretedTopics: [], noKnownTopic: true, noCandidates: false, suggestedTopicIds: [], matches: [] };

/**
 * Runs the pipeline for several requests in one pass (the gaps of a chain): the vocabulary, topic holder counts, topic
 * holders, candidate details, evidence, places and names are each fetched once for all of them, in the same number of
 * round trips as one request; each request is then scored on its own. Results are in the order of the requests.
 */
export async function rankCandidatesBatch(database: Database, requests: readonly MatchRequest[]): Promise<MatchResultModel[]> {
  const live = requests.filter((request) => request.needTopics.length > 0);
  if (live.length === 0) return requests.map(() => NO_TOPIC);
  const allTopicIds = [...new Set(live.flatMap((request) => request.needTopics.map((topic) => topic.id)))];
  const allKinds = [...new Set(live.flatMap((request) => request.kinds))];
  const [holders, vocabulary] = await Promise.all([topicHolderCounts(database, allTopicIds), vocabularyOf(database)]);
  // Per request: its need topics, heaviest first (rarer first among equals), at most `maxNeedTopics` of them.
  const rankedNeeds = live.map((request): RankedNeedTopic[] =>
    request.needTopics
      .map((topic) => ({ ...topic, rarity: rarity(holders.get(topic.id) ?? 0, vocabulary.candidateTotal) }))
      .sort((a, b) => b.weight - a.weight || b.rarity - a.rarity || a.id.localeCompare(b.id))
      .slice(0, MATCHING_CONFIG.maxNeedTopics),
  );
  const keptTopicIds = [...new Set(rankedNeeds.flat().map((topic) => topic.id))];
  const holds = await findTopicHolders(database, keptTopicIds, allKinds, MATCHING_CONFIG.topics.hierarchySteps);

  // Per request: its holds, and its shortlist (best by topic signal).
  const plans = live.map((request, index) => {
    const referenceYear = request.referenceYear;
    const needTopics = rankedNeeds[index]!;
    const needTopicIds = new Set(needTopics.map((topic) => topic.id));
    const holdsByCandidate = new Map<string, TopicHold[]>();
    for (const hold of holds) {
      if (!needTopicIds.has(hold.needTopicId) || request.excludeIds.has(hold.candidateId) || !hold.kinds.some((kind) => request.kinds.some((allowed) => allowed === kind))) continue;
      const list = holdsByCandidate.get(hold.candidateId);
      if (list) list.push(hold);
      else holdsByCandidate.set(hold.candidateId, [hold]);
    }
    const heldTopicIds = new Set([...holdsByCandidate.values()].flat().map((hold) => hold.heldTopicId));
    return { request, referenceYear, needTopics, holdsByCandidate, evidenceTopicIds: new Set([...heldTopicIds, ...needTopicIds]) };
  });
  const shortlists = await Promise.all(
    plans.map(async ({ request, referenceYear, needTopics, holdsByCandidate }) => {
      const allowed = await filteredIds(database, [...holdsByCandidate.keys()], request.filter);
      return [...holdsByCandidate.entries()]
        .filter(([id]) => allowed.has(id))
        .map(([id, candidateHolds]) => ({ id, signal: topicSignal(needTopics, candidateHolds, referenceYear), competitor: candidateHolds.some((hold) => isCompetitorHold(hold, request)) }))
        .filter((candidate) => candidate.signal >= MATCHING_CONFIG.minimumTopicSignal || candidate.competitor)
        .sort((a, b) => b.signal - a.signal || a.id.localeCompare(b.id))
        .slice(0, request.examine ?? MATCHING_CONFIG.candidatesExamined)
        .map((candidate) => candidate.id);
    }),
  );

  const everyone = [...new Set(shortlists.flat())];
  const everyEvidenceTopic = [...new Set(plans.flatMap((plan) => [...plan.evidenceTopicIds]))];
  const regionIds = [...new Set(live.map((request) => request.regionId).filter((id): id is string => id !== null))];
  const [details, evidence, proximities, places] = await Promise.all([
    candidateDetails(database, everyone),
    evidenceOf(database, everyone, everyEvidenceTopic),
    Promise.all(plans.map((plan, index) => (plan.request.partyId ? proximityTo(database, shortlists[index]!, plan.request.partyId, MATCHING_CONFIG.proximity.maxPathHops) : Promise.resolve(null)))),
    Promise.all(regionIds.map(async (regionId) => [regionId, await placeOfRegion(database, regionId)] as const)).then((entries) => new Map(entries)),
  ]);
  const namedIds = new Set<string>(everyEvidenceTopic);
  for (const proximity of proximities) for (const entry of proximity?.values() ?? []) for (const id of [...(entry.pathIds ?? []), ...entry.sharedPlatformIds, ...entry.sharedProjectIds]) namedIds.add(id);
  for (const request of live) for (const segmentId of request.conflictSegmentIds) namedIds.add(segmentId);
  const names = new Map((await findEntitiesByIds(database, [...namedIds])).filter((entity): entity is EntityModel => entity !== null).map((entity) => [entity.id, String(entity.name ?? entity.title)]));
  const projectsOf = groupByCandidate(evidence.projects);
  const patentsOf = groupByCandidate(evidence.patents);

  const results = new Map<MatchRequest, MatchResultModel>();
  plans.forEach(({ request, referenceYear, needTopics, holdsByCandidate, evidenceTopicIds }, index) => {
    const proximity = proximities[index] ?? null;
    const needPlace = request.regionId ? places.get(request.regionId) : undefined;
    // Evidence on this request's topics only (the batch fetched it for every request's topics).
    const onTopics = <T extends { topicIds: string[] }>(items: T[]) =>
      items.map((item) => ({ ...item, topicIds: item.topicIds.filter((id) => evidenceTopicIds.has(id)) })).filter((item) => item.topicIds.length > 0);
    const matches: MatchModel[] = [];
    for (const candidateId of shortlists[index]!) {
      const candidate = details.get(candidateId);
      if (!candidate) continue;
      const facts: CandidateFacts = {
        holds: holdsByCandidate.get(candidateId) ?? [],
        details: candidate,
        projects: onTopics(projectsOf.get(candidateId) ?? []),
        patents: onTopics(patentsOf.get(candidateId) ?? []),
        proximity: proximity ? (proximity.get(candidateId) ?? null) : undefined,
        needPlace,
        names,
      };
      const scored = scoreCandidate(candidateId, needTopics, facts, referenceYear);
      const sharedSegments = candidate.segmentIds
        .filter((segmentId) => request.conflictSegmentIds.includes(segmentId))
        .map((segmentId) => `「${names.get(segmentId) ?? segmentId}」`)
        .sort();
      matches.push({
        candidate: candidate.entity,
        score: scored.score,
        reasons: scored.reasons,
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
    results.set(request, { interpretedTopics: needTopics.map((topic) => ({ ...topic, weight: round(topic.weight) })), noKnownTopic: false, noCandidates: matches.length === 0, suggestedTopicIds: [], matches });
  });
  return requests.map((request) => results.get(request) ?? NO_TOPIC);
}

function groupByCandidate<T extends { candidateId: string }>(items: readonly T[]): Map<string, T[]> {
  const grouped = new Map<string, T[]>();
  for (const item of items) {
    const list = grouped.get(item.candidateId);
    if (list) list.push(item);
    else grouped.set(item.candidateId, [item]);
  }
  return grouped;
}

/** The candidate kinds a partner recommendation considers by default. */
export const ALL_CANDIDATE_KINDS: NodeKind[] = ['University', 'ResearchInstitute', 'Enterprise', 'Platform', 'Expert'];

/** Experts for a need stated as text, topics and/or industry (record ids), optionally in a region. */
export async function searchExperts(
  database: Database,
  need: { text?: string | null; topicIds?: string[]; industryId?: string | null; regionId?: string | null },
  filter: Conditions | null,
  referenceYear: number,
): Promise<MatchResultModel> {
  const interpreted = await interpretNeed(database, need);
  if (interpreted.topics.length === 0) return { interpretedTopics: [], noKnownTopic: true, noCandidates: false, suggestedTopicIds: interpreted.suggestions, matches: [] };
  return rankCandidates(database, {
    needTopics: interpreted.topics,
    kinds: ['Expert'],
    partyId: null,
    regionId: need.regionId ?? null,
    excludeIds: new Set(),
    conflictSegmentIds: [],
    filter,
    referenceYear,
  });
}

/**
 * Partners for an enterprise, industry, chain segment or demand (by record id); null when the id denotes
 * none of those. A demand's title and description add the topics they name, at a lower weight.
 */
export async function recommendPartners(
  database: Database,
  targetId: string,
  kinds: readonly NodeKind[] | null,
  filter: Conditions | null,
  referenceYear: number,
): Promise<MatchResultModel | null> {
  const facts = await targetFacts(database, targetId);
  if (!facts) return null;
  const topics = new Map<string, NeedTopic>();
  for (const topic of facts.topics) if (topic.weight > (topics.get(topic.id)?.weight ?? 0)) topics.set(topic.id, topic);
  if (facts.kind === 'Demand') {
    const fromText = await interpretNeed(database, { text: `${String(facts.entity.title ?? '')} ${String(facts.entity.description ?? '')}` });
    for (const topic of fromText.topics) if (!topics.has(topic.id)) topics.set(topic.id, { ...topic, weight: round(topic.weight * 0.6), origin: `需求描述：${topic.origin}` });
  }
  const excludeIds = facts.partyId ? await insidersOf(database, facts.partyId) : new Set<string>();
  excludeIds.add(facts.entity.id);
  return rankCandidates(database, {
    needTopics: [...topics.values()],
    kinds: kinds?.length ? kinds : ALL_CANDIDATE_KINDS,
    partyId: facts.partyId,
    regionId: facts.regionId,
    excludeIds,
    conflictSegmentIds: facts.segmentIds,
    filter,
    referenceYear,
  });
}
