/** Every Cypher query of the matching module: the facts a match is scored from, fetched in a few round trips. */
import type { EntityModel } from '../../graph/entity.js';
import { type NodeKind, RELATIONSHIP_TYPES, type RelationshipType } from '../../graph/kinds.js';
import { entityProjection } from '../../graph/projection.js';
import type { Database } from '../../neo4j/database.js';
import { DerivedCache } from '../../neo4j/derived-cache.js';
import { Interner } from '../../neo4j/intern.js';
import { cypherInt } from '../../neo4j/values.js';
import { LinkList, ProximityGraph } from './proximity-graph.js';
import { PairCache } from '../../neo4j/pair-cache.js';
import type { IndustryLabel, TopicLabel } from './need.js';
import type { TopicProfileSource } from './topic-profiles.js';
import { MATCHING_CONFIG } from './matching.config.js';
import { readStoredHolders } from './holder-store.js';
import { readStoredEvidence, type StoredTopicEvidence } from './evidence-store.js';
import type { HoldVia, TopicHold } from './holds.js';
import { z } from 'zod';
import { entitySchema, parseRows } from '../../graph/rows.js';

const topicLabelSchema: z.ZodType<TopicLabel> = z.object({ id: z.string(), name: z.string(), aliases: z.array(z.string()) });
const industryLabelSchema: z.ZodType<IndustryLabel> = z.object({
  id: z.string(),
  name: z.string(),
  aliases: z.array(z.string()),
  segments: z.array(z.object({ id: z.string(), name: z.string(), topicIds: z.array(z.string()) })),
});
const topicProfileSourceSchema: z.ZodType<TopicProfileSource> = z.object({
  id: z.string(),
  name: z.string(),
  aliases: z.array(z.string()),
  description: z.string().nullable(),
  evidenceTitles: z.array(z.string()),
});

/**
 * Every topic's labels, every industry's segments with their required topics (for reading free text), and how many
 * experts and organisations there are (for topic rarity; label counts come from the count store, no scan). Cached per
 * database by `vocabulary.ts`.
 */
export async function loadVocabulary(database: Database): Promise<{ topics: TopicLabel[]; industries: IndustryLabel[]; candidateTotal: number }> {
  const [topics, industries, totals] = await Promise.all([
    database.read('MATCH (t:Topic) RETURN t.id AS id, t.name AS name, coalesce(t.aliases, []) AS aliases ORDER BY t.id'),
    database.read(
      `MATCH (i:Industry)
       OPTIONAL MATCH (i)-[:HAS_SEGMENT]->(s:ChainSegment)
       WITH i, s, COLLECT { MATCH (s)-[:REQUIRES]->(t:Topic) RETURN t.id } AS topicIds
       WITH i, collect(CASE WHEN s IS NULL THEN null ELSE {id: s.id, name: s.name, topicIds: topicIds} END) AS segments
       RETURN i.id AS id, i.name AS name, coalesce(i.aliases, []) AS aliases, segments ORDER BY i.id`,
    ),
    database.read(
      `CALL () { MATCH (expert:Expert) RETURN count(expert) AS experts }
       CALL () { MATCH (organization:Organization) RETURN count(organization) AS organizations }
       RETURN experts + organizations AS total`,
    ),
  ]);
  return {
    topics: parseRows(topicLabelSchema, topics, 'topic labels'),
    industries: parseRows(industryLabelSchema, industries, 'industry labels'),
    candidateTotal: Number(totals[0]?.total ?? 0),
  };
}

/**
 * Every topic's text profile: labels, description, and the names and titles of the projects and patents tagged with it
 * (at most `MATCHING_CONFIG.need.profileTitlesPerTopic` of them, by id: a popular topic of a large graph is tagged on
 * tens of thousands, whose words its first thirty already show; building the profiles of all of them at once grew the server by 160 MB).
 */
export async function loadTopicProfileSources(database: Database): Promise<TopicProfileSource[]> {
  const rows = await database.read(
    `MATCH (t:Topic)
     RETURN t.id AS id, t.name AS name, coalesce(t.aliases, []) AS aliases, t.description AS description,
            COLLECT { MATCH (t)<-[:ON_TOPIC]-(work) WITH work ORDER BY work.id LIMIT toInteger($titles) RETURN coalesce(work.name, work.title) } AS evidenceTitles
     ORDER BY t.id`,
    { titles: MATCHING_CONFIG.need.profileTitlesPerTopic },
  );
  return parseRows(topicProfileSourceSchema, rows, 'topic profile sources');
}

/** Equal strings and lists among the kept holders, evidence and candidate details, shared (see `Interner`). */
const sharing = new Interner();

/** Topics whose holder counts, regions whose places, entities whose names and targets whose facts are kept per database. */
const SMALL_FACTS_KEPT = 20_000;
const TARGETS_KEPT = 2_000;

/**
 * How many experts and organisations hold each topic (declared expertise or focus), for topic rarity; kept per topic
 * until a write (see `DerivedCache`), like every small fact below that a warm request would otherwise read again.
 */
export async function topicHolderCounts(database: Database, topicIds: string[]): Promise<Map<string, number>> {
  const counts = await holderCounts.getAll(database, topicIds, readTopicHolderCounts);
  return new Map(topicIds.map((id, index) => [id, counts[index]!]));
}

const holderCounts = new DerivedCache<number, string>(
  async (database, topicId) => (await readTopicHolderCounts(database, [topicId])).get(topicId) ?? 0,
  MATCHING_CONFIG.vocabularyTtlMs,
  SMALL_FACTS_KEPT,
);

const topicHolderCountsRow = z.object({ topicId: z.string(), holders: z.number().int() });

async function readTopicHolderCounts(database: Database, topicIds: string[]): Promise<Map<string, number>> {
  const rows = await database.read(
    `UNWIND $topicIds AS topicId MATCH (t:Topic {id: topicId})
     RETURN topicId, count { (c)-[:HAS_EXPERTISE|FOCUSES_ON]->(t) } AS holders`,
    { topicIds },
  );
  const counts = new Map(parseRows(topicHolderCountsRow, rows, 'topic holder counts').map((row) => [row.topicId, row.holders]));
  return new Map(topicIds.map((id) => [id, counts.get(id) ?? 0]));
}

/** The names (or titles) of the entities among `ids` that exist, by id; kept per id until a write. */
export async function namesOf(database: Database, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  const names = await entityNames.getAll(database, unique, readNames);
  const byId = new Map<string, string>();
  unique.forEach((id, index) => {
    const name = names[index];
    if (typeof name === 'string') byId.set(id, name);
  });
  return byId;
}

const entityNames = new DerivedCache<string | null, string>(
  async (database, id) => (await readNames(database, [id])).get(id) ?? null,
  MATCHING_CONFIG.vocabularyTtlMs,
  SMALL_FACTS_KEPT,
);

const namesRow = z.object({ id: z.string(), name: z.string().nullable() });

async function readNames(database: Database, ids: string[]): Promise<Map<string, string | null>> {
  const rows = await database.read('UNWIND $ids AS id MATCH (n:Entity {id: id}) RETURN id, toString(coalesce(n.name, n.title)) AS name', { ids });
  const names = new Map(parseRows(namesRow, rows, 'names').map((row) => [row.id, row.name]));
  return new Map(ids.map((id) => [id, names.get(id) ?? null]));
}

export type { HoldVia, TopicHold } from './holds.js';

const topicHoldSchema: z.ZodType<TopicHold> = z.object({
  candidateId: z.string(),
  needTopicId: z.string(),
  heldTopicId: z.string(),
  down: z.number(),
  up: z.number(),
  level: z.string().nullable(),
  via: z.enum(['expertise', 'focus', 'staff', 'members', 'led', 'joined', 'patent', 'segment', 'serves']),
  viaId: z.string().nullish(),
  viaName: z.string().nullish(),
  primary: z.boolean().nullish(),
  year: z.number().nullish(),
  kinds: z.array(z.string()),
});

/** Need topics × candidate kinds whose holders are kept per database. */
const HOLDER_KEYS = 1024;

const holdersCache = new DerivedCache<TopicHold[], string>(
  async (database, key) => (await holdersOfKeys(database, [key])).get(key) ?? [],
  MATCHING_CONFIG.vocabularyTtlMs,
  HOLDER_KEYS,
  { of: (holds) => holds.length, max: MATCHING_CONFIG.holdsKept },
);

const holderKey = (needTopicId: string, kinds: readonly NodeKind[], steps: number) => JSON.stringify([needTopicId, [...new Set(kinds)].sort(), steps]);

/** The holders of the need topics of some cache keys, read together (keys of one request share kinds and steps). */
async function holdersOfKeys(database: Database, keys: string[]): Promise<Map<string, TopicHold[]>> {
  const parsed = keys.map((key) => JSON.parse(key) as [string, NodeKind[], number]);
  const [, kinds, steps] = parsed[0] ?? ['', [], 0];
  const topicIds = parsed.map(([id]) => id);
  // The lists the holder store keeps (see holder-store.ts), then the others read live.
  const stored = await readStoredHolders(database, topicIds, kinds, steps);
  const missing = topicIds.filter((id) => !stored.has(id));
  const live = missing.length === 0 ? new Map<string, TopicHold[]>() : await queryTopicHolders(database, missing, kinds, steps);
  return new Map(parsed.map(([id], index) => [keys[index]!, (stored.get(id) ?? live.get(id) ?? []).map(shared)]));
}

/** The hold with its strings shared with the holds kept before (see `Interner`). */
const shared = (hold: TopicHold): TopicHold => ({
  ...hold,
  candidateId: sharing.string(hold.candidateId),
  needTopicId: sharing.string(hold.needTopicId),
  heldTopicId: sharing.string(hold.heldTopicId),
  level: sharing.optional(hold.level),
  viaId: sharing.optional(hold.viaId),
  viaName: sharing.optional(hold.viaName),
  kinds: sharing.list(hold.kinds),
});

/**
 * The experts or organisations of `kinds` holding (by the capability rule) a need topic, a narrower one or a broader one
 * (within `steps`): per need topic, the `MATCHING_CONFIG.holdersPerTopic` strongest holders (by hold strength before
 * recency), every way each holds it. Kept per need topic and kinds until a write goes through the database (see
 * `DerivedCache`): a popular topic of a large graph has a hundred thousand holders to weigh, and needs cluster on
 * popular topics. The topics not kept are read together, in one query per phase (see `queryTopicHolders`).
 */
export async function findTopicHolders(database: Database, needTopicIds: string[], kinds: readonly NodeKind[], steps: number): Promise<TopicHold[]> {
  const keys = needTopicIds.map((id) => holderKey(id, kinds, steps));
  return (await holdersCache.getAll(database, keys, holdersOfKeys)).flat();
}

const mostLinkedTopicsRow = z.object({ id: z.string() });

/**
 * The `count` topics linked to most often — held as expertise or focus, required by demands and chain segments — most
 * first, ties by id: the topics needs name most often (topics are Zipf-distributed) and whose holders are the costliest
 * to read the first time (see `warmTopicHolders`). Degrees come from the count store: no relationship is read.
 */
export async function mostLinkedTopics(database: Database, count: number): Promise<string[]> {
  if (count <= 0) return [];
  const rows = await database.read(
    `MATCH (t:Topic) WITH t, count { (t)<-[:HAS_EXPERTISE|FOCUSES_ON|REQUIRES]-() } AS links WHERE links > 0
     RETURN t.id AS id ORDER BY links DESC, id LIMIT toInteger($count)`,
    { count },
  );
  return parseRows(mostLinkedTopicsRow, rows, 'most linked topics').map((row) => row.id);
}

/**
 * Of some relationship types, those a node of one of `kinds` can start (see `RELATIONSHIP_TYPES`), as a Cypher type
 * alternation; null when none can. A way of holding is read only through the relationships the kinds asked for can
 * have: a popular topic's expertise holds are a hundred thousand experts, which an enterprise gap need not walk.
 */
function typesFrom(types: readonly RelationshipType[], kinds: readonly NodeKind[]): string | null {
  const possible = types.filter((type) => RELATIONSHIP_TYPES[type].from.some((kind: NodeKind) => kinds.includes(kind)));
  return possible.length === 0 ? null : possible.join('|');
}

/** Whether the candidate is of one of the kinds asked for. */
const KIND_FILTER = 'any(label IN labels(candidate) WHERE label IN $kinds)';
const ORGANIZATION_KINDS: readonly NodeKind[] = ['University', 'ResearchInstitute', 'Enterprise', 'Platform'];

/**
 * The ways of holding a held topic, as UNION branches of a subquery on `held`, only those that can yield a candidate of
 * `kinds`. Per way, only the $perTopic candidates strongest in that way are kept (a popular topic has a hundred
 * thousand holders); the candidates strongest overall are among them, since a candidate's strength is that of its
 * strongest way. Ways weaker than a way's top $perTopic are dropped, which only happens on such popular topics. And a
 * way reads at most $scanLimit of a topic's holds (`MATCHING_CONFIG.holdsReadPerWay`) before choosing: on a topic held
 * more often than that in one way, the strongest are chosen among the first read, which bounds the work of a need on
 * the most popular topics (their strongest holders are equally strong by the topic, and the final ranking weighs
 * evidence, proximity and place).
 */
function holdBranches(kinds: readonly NodeKind[]): string | null {
  const scan = `WHERE ${KIND_FILTER}
       WITH * LIMIT toInteger($scanLimit)`;
  const holding = typesFrom(['HAS_EXPERTISE', 'FOCUSES_ON'], kinds);
  const roles = typesFrom(['LEADS', 'PARTICIPATES_IN'], kinds);
  const patents = typesFrom(['OWNS', 'INVENTED'], kinds);
  const branches = [
    holding &&
      `MATCH (candidate)-[r:${holding}]->(held)
       ${scan}
       WITH candidate, r, CASE type(r) WHEN 'HAS_EXPERTISE' THEN 'expertise' ELSE 'focus' END AS via
       ORDER BY $viaStrength[via] * coalesce($levelStrength[r.level], 1.0) DESC, candidate.id LIMIT toInteger($perTopic)
       RETURN candidate, r.level AS level, via, null AS viaId, null AS viaName, null AS primary, null AS year`,
    // Per candidate and role, its newest project on the topic.
    roles &&
      `MATCH (candidate)-[role:${roles}]->(project:Project)-[:ON_TOPIC]->(held)
       ${scan}
       WITH candidate, CASE type(role) WHEN 'LEADS' THEN 'led' ELSE 'joined' END AS via, project
       ORDER BY coalesce(project.startYear, 0) DESC, project.id
       WITH candidate, via, head(collect(project)) AS project
       WITH candidate, collect({via: via, project: project}) AS ways, max($viaStrength[via]) AS strongest
       ORDER BY strongest DESC, candidate.id LIMIT toInteger($perTopic)
       UNWIND ways AS way
       RETURN candidate, null AS level, way.via AS via, way.project.id AS viaId, way.project.name AS viaName, null AS primary, way.project.startYear AS year`,
    // Per candidate, its newest patent on the topic.
    patents &&
      `MATCH (candidate)-[:${patents}]->(patent:Patent)-[:ON_TOPIC]->(held)
       ${scan}
       WITH candidate, patent ORDER BY coalesce(patent.grantedYear, patent.filedYear, 0) DESC, patent.id
       WITH candidate, head(collect(patent)) AS patent
       ORDER BY candidate.id LIMIT toInteger($perTopic)
       RETURN candidate, null AS level, 'patent' AS via,
              patent.id AS viaId, patent.title AS viaName, null AS primary, coalesce(patent.grantedYear, patent.filedYear) AS year`,
  ].filter((branch) => branch !== null);
  if (kinds.some((kind) => ORGANIZATION_KINDS.includes(kind))) {
    // Per organisation, its affiliated expert strongest on the topic (level, then primary affiliation).
    branches.push(`MATCH (candidate:Organization)<-[affiliation:AFFILIATED_WITH]-(expert:Expert)-[r:HAS_EXPERTISE]->(held)
       ${scan}
       WITH candidate, expert, r, coalesce(affiliation.primary, false) AS primary
       ORDER BY CASE r.level WHEN 'EXPERT' THEN 3 WHEN 'ADVANCED' THEN 2 WHEN 'BASIC' THEN 1 ELSE 0 END DESC, primary DESC, expert.id
       WITH candidate, head(collect({level: r.level, viaId: expert.id, viaName: expert.name, primary: primary})) AS best
       ORDER BY coalesce($levelStrength[best.level], 1.0) * CASE WHEN best.primary THEN $staffPrimary ELSE $staffSecondary END DESC, candidate.id
       LIMIT toInteger($perTopic)
       RETURN candidate, best.level AS level, CASE WHEN candidate:Platform THEN 'members' ELSE 'staff' END AS via,
              best.viaId AS viaId, best.viaName AS viaName, best.primary AS primary, null AS year`);
  }
  if (kinds.includes('Enterprise')) {
    branches.push(`MATCH (candidate:Enterprise)-[:IN_SEGMENT]->(segment:ChainSegment)-[:REQUIRES]->(held)
       ${scan}
       WITH candidate, segment ORDER BY segment.id
       WITH candidate, head(collect(segment)) AS segment
       ORDER BY candidate.id LIMIT toInteger($perTopic)
       RETURN candidate, null AS level, 'segment' AS via, segment.id AS viaId, segment.name AS viaName, null AS primary, null AS year`);
  }
  if (kinds.includes('Platform')) {
    branches.push(`MATCH (candidate:Platform)-[:SERVES]->(:Industry)-[:HAS_SEGMENT]->(:ChainSegment)-[:REQUIRES]->(held)
       ${scan}
       WITH DISTINCT candidate ORDER BY candidate.id LIMIT toInteger($perTopic)
       RETURN candidate, null AS level, 'serves' AS via, null AS viaId, null AS viaName, null AS primary, null AS year`);
  }
  return branches.length === 0 ? null : branches.join('\n       UNION\n       ');
}

/** The strength of one way of holding, without recency: what the query orders holders by (same factors, same values). */
function holdStrength(hold: Pick<TopicHold, 'via' | 'level' | 'primary' | 'down' | 'up'>): number {
  const config = MATCHING_CONFIG.topics;
  const level = hold.level === null ? 1 : (config.expertiseLevel[hold.level as keyof typeof config.expertiseLevel] ?? 1);
  const staff = hold.via === 'staff' ? (hold.primary ? config.staffDiscount.primary : config.staffDiscount.secondary) : 1;
  return VIA_STRENGTH[hold.via] * level * staff * config.narrowerDiscountPerStep ** hold.down * config.broaderDiscountPerStep ** hold.up;
}

const VIA_STRENGTH: Record<HoldVia, number> = {
  expertise: 1,
  focus: MATCHING_CONFIG.topics.organizationFocus,
  staff: 1,
  members: MATCHING_CONFIG.topics.platformMemberDiscount,
  led: MATCHING_CONFIG.topics.ledProject,
  joined: MATCHING_CONFIG.topics.joinedProject,
  patent: MATCHING_CONFIG.topics.patent,
  segment: MATCHING_CONFIG.topics.segmentTopic,
  serves: MATCHING_CONFIG.topics.servedIndustryTopic,
};

/**
 * The strongest a hold through a related topic (narrower, broader or sibling) can be: the strongest way at the
 * strongest level, discounted by the mildest step.
 */
const STRONGEST_RELATED_HOLD = (() => {
  const config = MATCHING_CONFIG.topics;
  const strongestWay = Math.max(...Object.values(VIA_STRENGTH)) * Math.max(1, ...Object.values(config.expertiseLevel)) * Math.max(1, config.staffDiscount.primary);
  return strongestWay * Math.max(config.narrowerDiscountPerStep, config.broaderDiscountPerStep, config.narrowerDiscountPerStep * config.broaderDiscountPerStep);
})();

/**
 * The holders of need topics, per topic (see `findTopicHolders`): of the need topics themselves and of their related
 * topics, read at once; a topic's related holders count only when they could change its answer: not when at least
 * $perTopic candidates hold the need topic itself more strongly than any related topic can be held (a popular topic).
 */
export async function queryTopicHolders(database: Database, needTopicIds: string[], kinds: readonly NodeKind[], steps: number): Promise<Map<string, TopicHold[]>> {
  // Both reads at once (a need met the first time waits for one round trip, not two): most need topics need their
  // related topics (9 of 10 for a demand of the 1M graph), and each topic's answer is its own, whichever others are
  // read with it; a popular topic's related holds are then read for nothing, and dropped.
  const [direct, related] = await Promise.all([queryHolds(database, needTopicIds, kinds, 0), steps === 0 ? [] : queryHolds(database, needTopicIds, kinds, steps)]);
  const byTopic = new Map<string, TopicHold[]>(needTopicIds.map((id) => [id, []]));
  for (const hold of direct) byTopic.get(hold.needTopicId)?.push(hold);
  const needingRelated = new Set(
    needTopicIds.filter((id) => {
      const strongest = strongestPerCandidate(byTopic.get(id) ?? []);
      return [...strongest.values()].filter((strength) => strength > STRONGEST_RELATED_HOLD).length < MATCHING_CONFIG.holdersPerTopic;
    }),
  );
  if (steps === 0 || needingRelated.size === 0) return byTopic;
  for (const hold of related) if (needingRelated.has(hold.needTopicId)) byTopic.get(hold.needTopicId)?.push(hold);
  for (const id of needingRelated) byTopic.set(id, strongestHolders(byTopic.get(id) ?? []));
  return byTopic;
}

function strongestPerCandidate(holds: readonly TopicHold[]): Map<string, number> {
  const strongest = new Map<string, number>();
  for (const hold of holds) strongest.set(hold.candidateId, Math.max(strongest.get(hold.candidateId) ?? 0, holdStrength(hold)));
  return strongest;
}

/** Every hold of the `holdersPerTopic` candidates strongest on the topic (by their strongest hold, ties by id). */
function strongestHolders(holds: readonly TopicHold[]): TopicHold[] {
  const kept = new Set(
    [...strongestPerCandidate(holds)]
      .sort(([a, strengthA], [b, strengthB]) => strengthB - strengthA || (a < b ? -1 : a > b ? 1 : 0))
      .slice(0, MATCHING_CONFIG.holdersPerTopic)
      .map(([id]) => id),
  );
  return holds.filter((hold) => kept.has(hold.candidateId));
}

/**
 * One read of `queryTopicHolders`: the need topics themselves (`steps` 0, reading at most `holdsReadPerWay` holds per
 * way), or the topics within `steps` of them and their siblings (at most `relatedTopicsRead` of them per need topic,
 * the least discounted first; reading at most `holdersPerTopic` holds per way and related topic: they are discounted,
 * only their strongest holders can matter).
 */
async function queryHolds(database: Database, needTopicIds: string[], kinds: readonly NodeKind[], steps: number): Promise<TopicHold[]> {
  // No way of holding a topic is open to the kinds asked (none is an actor): nobody holds it.
  const branches = holdBranches(kinds);
  if (branches === null) return [];
  const config = MATCHING_CONFIG.topics;
  const related = steps === 0 ? 'WITH needTopicId, need AS held, 0 AS down, 0 AS up' : `CALL (need) {
       CALL (need) {
         MATCH path = (held:Topic)-[:BROADER*1..${steps}]->(need) RETURN held, length(path) AS down, 0 AS up
         UNION
         MATCH path = (need)-[:BROADER*1..${steps}]->(held:Topic) RETURN held, 0 AS down, length(path) AS up
         UNION
         MATCH (need)-[:BROADER]->(:Topic)<-[:BROADER]-(held:Topic) WHERE held <> need RETURN held, 1 AS down, 1 AS up
       }
       // The related topics closest in strength first (the mildest discount), at most $relatedTopics of them.
       WITH held, down, up ORDER BY $narrower ^ down * $broader ^ up DESC, held.id LIMIT toInteger($relatedTopics)
       RETURN held, down, up
     }`;
  const rows = await database.read(
    `UNWIND $needTopicIds AS needTopicId
     MATCH (need:Topic {id: needTopicId})
     ${related}
     CALL (held) {
       ${branches}
     }
     WITH candidate, needTopicId, held, down, up, level, via, viaId, viaName, primary, year
     // One row per way of holding: the strongest expert, the newest project or patent.
     ORDER BY CASE level WHEN 'EXPERT' THEN 3 WHEN 'ADVANCED' THEN 2 WHEN 'BASIC' THEN 1 ELSE 0 END DESC, coalesce(primary, false) DESC, coalesce(year, 0) DESC, viaId
     WITH candidate, needTopicId, held.id AS heldTopicId, down, up, via,
          head(collect({level: level, viaId: viaId, viaName: viaName, primary: primary, year: year})) AS best
     // Bound: per need topic, only the holders strongest on it (by the hold strength without recency) are returned.
     WITH candidate, needTopicId, heldTopicId, down, up, via, best,
          $viaStrength[via] * coalesce($levelStrength[best.level], 1.0)
            * CASE via WHEN 'staff' THEN CASE WHEN best.primary THEN $staffPrimary ELSE $staffSecondary END ELSE 1.0 END
            * $narrower ^ down * $broader ^ up AS strength
     WITH needTopicId, candidate, max(strength) AS strongest,
          collect({heldTopicId: heldTopicId, down: down, up: up, via: via, best: best}) AS ways
     ORDER BY strongest DESC, candidate.id
     WITH needTopicId, collect({candidate: candidate, ways: ways})[..$perTopic] AS holders
     UNWIND holders AS holder
     WITH holder.candidate AS candidate, needTopicId, holder.ways AS ways
     UNWIND ways AS way
     RETURN candidate.id AS candidateId, needTopicId, way.heldTopicId AS heldTopicId, way.down AS down, way.up AS up, way.via AS via,
            way.best.level AS level, way.best.viaId AS viaId, way.best.viaName AS viaName, way.best.primary AS primary, way.best.year AS year,
            [label IN labels(candidate) WHERE label IN $kinds] AS kinds`,
    {
      needTopicIds,
      kinds,
      perTopic: MATCHING_CONFIG.holdersPerTopic,
      scanLimit: steps === 0 ? MATCHING_CONFIG.holdsReadPerWay : MATCHING_CONFIG.holdersPerTopic,
      relatedTopics: MATCHING_CONFIG.relatedTopicsRead,
      viaStrength: VIA_STRENGTH,
      levelStrength: config.expertiseLevel,
      staffPrimary: config.staffDiscount.primary,
      staffSecondary: config.staffDiscount.secondary,
      narrower: config.narrowerDiscountPerStep,
      broader: config.broaderDiscountPerStep,
    },
  );
  return parseRows(topicHoldSchema, rows, 'topic holders');
}

/** Where a candidate (or a need) is: its region, the regions above it with their kinds, and the zones they belong to. */
export interface Place {
  regionId: string | null;
  ancestors: Array<{ id: string; kind: string; name: string }>;
  zones: Array<{ id: string; name: string }>;
}

const placeSchema: z.ZodType<Place> = z.object({
  regionId: z.string().nullable(),
  ancestors: z.array(z.object({ id: z.string(), kind: z.string(), name: z.string() })),
  zones: z.array(z.object({ id: z.string(), name: z.string() })),
});

/** The Cypher expression of a region variable's place: its ancestors (itself included) and its zones. */
const placeOf = (variable: string) => `{
  regionId: ${variable}.id,
  ancestors: COLLECT { MATCH (${variable})-[:PART_OF*0..]->(above:Region) RETURN DISTINCT above {.id, .kind, .name} },
  zones: COLLECT { MATCH (${variable})-[:PART_OF*0..]->(:Region)-[:IN_ZONE]->(zone:Region) RETURN DISTINCT zone {.id, .name} }
}`;

/** The place of a region (kept until a write). */
export function placeOfRegion(database: Database, regionId: string): Promise<Place> {
  return places.get(database, regionId);
}

const placeOfARegionRow = z.object({ place: placeSchema });

const places = new DerivedCache<Place, string>(
  async (database, regionId) => {
    const rows = await database.read(`MATCH (region:Region {id: $regionId}) RETURN ${placeOf('region')} AS place`, { regionId });
    return parseRows(placeOfARegionRow, rows, 'place of a region')[0]?.place ?? { regionId: null, ancestors: [], zones: [] };
  },
  MATCHING_CONFIG.vocabularyTtlMs,
  SMALL_FACTS_KEPT,
);

/** What the scorer needs to know of each candidate beyond its topics. */
export interface CandidateDetails {
  entity: EntityModel;
  place: Place;
  /** For experts: the primary (else first) affiliation's name. */
  affiliationName: string | null;
  /** Chain segments the candidate works in (an enterprise's own, or an expert's primary employer's). */
  segmentIds: string[];
}

const candidateDetailsSchema: z.ZodType<CandidateDetails> = z.object({
  entity: entitySchema,
  place: placeSchema,
  affiliationName: z.string().nullable(),
  segmentIds: z.array(z.string()),
});

/** Candidates whose details are kept per database (until a write; see `DerivedCache`). */
const DETAILS_KEPT = 16_000;

const detailsCache = new DerivedCache<CandidateDetails | null, string>(
  async (database, candidateId) => (await readCandidateDetails(database, [candidateId])).get(candidateId) ?? null,
  MATCHING_CONFIG.vocabularyTtlMs,
  DETAILS_KEPT,
);

/** The details of the candidates that exist, by id (kept until a write, like their holds). */
export async function candidateDetails(database: Database, candidateIds: string[]): Promise<Map<string, CandidateDetails>> {
  const details = await detailsCache.getAll(database, candidateIds, async (from, ids) => {
    const read = await readCandidateDetails(from, ids);
    return new Map(ids.map((id) => [id, read.get(id) ?? null]));
  });
  return new Map(details.filter((detail): detail is CandidateDetails => detail !== null).map((detail) => [detail.entity.id, detail]));
}

async function readCandidateDetails(database: Database, candidateIds: string[]): Promise<Map<string, CandidateDetails>> {
  const rows = await database.read(
    `UNWIND $candidateIds AS candidateId
     MATCH (candidate:Entity {id: candidateId})
     OPTIONAL MATCH (candidate)-[affiliation:AFFILIATED_WITH]->(employer:Organization)
     WITH candidate, employer ORDER BY coalesce(affiliation.primary, false) DESC, employer.name
     WITH candidate, head(collect(employer)) AS employer
     WITH candidate, employer, CASE WHEN candidate:Expert THEN employer ELSE candidate END AS locatedBy
     OPTIONAL MATCH (locatedBy)-[:LOCATED_IN]->(region:Region)
     WITH candidate, employer, locatedBy, head(collect(region)) AS region
     RETURN ${entityProjection('candidate')} AS entity, employer.name AS affiliationName,
            CASE WHEN region IS NULL THEN {regionId: null, ancestors: [], zones: []} ELSE ${placeOf('region')} END AS place,
            COLLECT { MATCH (locatedBy)-[:IN_SEGMENT]->(segment:ChainSegment) RETURN segment.id } AS segmentIds`,
    { candidateIds },
  );
  return new Map(
    parseRows(candidateDetailsSchema, rows, 'candidate details').map((details) => [
      details.entity.id,
      { ...details, affiliationName: sharing.optional(details.affiliationName), place: sharing.shared(`place\u0000${JSON.stringify(details.place)}`, () => details.place), segmentIds: sharing.list(details.segmentIds) },
    ]),
  );
}

export interface ProjectEvidence {
  candidateId: string;
  id: string;
  name: string;
  startYear: number;
  level: string;
  role: 'LEAD' | 'PARTICIPANT';
  topicIds: string[];
}

export interface PatentEvidence {
  candidateId: string;
  id: string;
  title: string;
  year: number;
  kind: string;
  topicIds: string[];
}

/** A candidate's projects and patents on one topic (each item's `topicIds` is that topic). */
interface TopicEvidence {
  projects: ProjectEvidence[];
  patents: PatentEvidence[];
}

const NO_EVIDENCE: TopicEvidence = { projects: [], patents: [] };

/**
 * An item of evidence weighs 1 (with its strings shared, about 150 bytes); a kept pair without evidence this much: it has
 * no entry of its own, only its share of its read's columns and of its row (see `PairCache`).
 */
const EMPTY_PAIR_WEIGHT = 0.02;

/**
 * The candidates' evidence per candidate and topic, kept until a write (see `PairCache`): the candidates examined for a
 * need are its topics' strongest holders, the same few hundred for every need on a popular topic, and reading their
 * projects and patents is most of a warm request's work on a large graph (a hub expert has thousands of patents, each
 * read with its topics to find those on the need's).
 */
const evidenceCache = new PairCache<TopicEvidence>(
  MATCHING_CONFIG.vocabularyTtlMs,
  (evidence) => EMPTY_PAIR_WEIGHT + evidence.projects.length + evidence.patents.length,
  MATCHING_CONFIG.evidenceKept,
  NO_EVIDENCE,
);

/** A candidate's projects and patents on the topics asked for. */
export interface CandidateEvidence {
  projects: ProjectEvidence[];
  patents: PatentEvidence[];
}

/**
 * Projects and patents of the candidates on any of `topicIds`, by candidate (every candidate asked for); an item's
 * `topicIds` are those of `topicIds` it is on, in their order.
 */
export async function evidenceOf(database: Database, candidateIds: string[], topicIds: string[]): Promise<Map<string, CandidateEvidence>> {
  const byTopic = await evidenceByTopic(database, candidateIds, topicIds);
  return new Map([...byTopic].map(([candidateId, evidence]) => [candidateId, evidenceOnTopics(evidence, topicIds)]));
}

/** A candidate's projects and patents per topic (the topics it has none on left out), as `evidenceByTopic` gives them. */
export type EvidenceByTopic = ReadonlyMap<string, TopicEvidence>;

/**
 * Projects and patents of the candidates per topic of `topicIds` (every candidate asked for; a topic it has none on
 * left out), each item once per topic with that topic: a batch of requests reads its candidates' evidence on all its
 * topics once, and each request gathers its own topics' with `evidenceOnTopics` — no item is copied for a request but
 * those on several of its topics.
 */
export async function evidenceByTopic(database: Database, candidateIds: string[], topicIds: string[]): Promise<Map<string, EvidenceByTopic>> {
  return evidenceCache.getAll(database, candidateIds, topicIds, async (from, candidates, topics) => {
    // The evidence store's first (the hubs'), then the others' read live.
    const stored = await readStoredEvidence(from, candidates, topics);
    const rest = candidates.filter((candidateId) => !stored.has(candidateId));
    const live = rest.length > 0 ? await readEvidence(from, rest, topics) : { projects: [], patents: [] };
    const read = storedOnTopics(stored, topics, live);
    // Per candidate, per topic: the ids are the strings asked with (see `readEvidence`), so these maps find them by
    // their hashes already known; a kept item is on one topic, its list shared per topic.
    const pairs = new Map<string, Map<string, TopicEvidence>>();
    const pairOf = (candidateId: string, topicId: string) => {
      let byTopic = pairs.get(candidateId);
      if (!byTopic) pairs.set(candidateId, (byTopic = new Map()));
      let pair = byTopic.get(topicId);
      if (!pair) byTopic.set(topicId, (pair = { projects: [], patents: [] }));
      return pair;
    };
    const topicLists = new Map<string, string[]>();
    const topicList = (topicId: string) => {
      let list = topicLists.get(topicId);
      if (!list) topicLists.set(topicId, (list = sharing.list([topicId])));
      return list;
    };
    for (const project of read.projects) {
      const item = { ...project, candidateId: sharing.string(project.candidateId), id: sharing.string(project.id), name: sharing.string(project.name), level: sharing.string(project.level) };
      for (const topicId of project.topicIds) pairOf(item.candidateId, topicId).projects.push({ ...item, topicIds: topicList(topicId) });
    }
    for (const patent of read.patents) {
      const item = { ...patent, candidateId: sharing.string(patent.candidateId), id: sharing.string(patent.id), title: sharing.string(patent.title), kind: sharing.string(patent.kind) };
      for (const topicId of patent.topicIds) pairOf(item.candidateId, topicId).patents.push({ ...item, topicIds: topicList(topicId) });
    }
    return (candidateId, topicId) => pairs.get(candidateId)?.get(topicId) ?? NO_EVIDENCE;
  });
}

/** A candidate's projects and patents on `topicIds` (see `evidenceByTopic`): an item's `topicIds` those it is on, in their order. */
export function evidenceOnTopics(byTopic: EvidenceByTopic | undefined, topicIds: readonly string[]): CandidateEvidence {
  if (!byTopic || byTopic.size === 0) return NO_EVIDENCE;
  const onTopics: TopicEvidence[] = [];
  for (const topicId of topicIds) {
    const evidence = byTopic.get(topicId);
    if (evidence && evidence !== NO_EVIDENCE) onTopics.push(evidence);
  }
  return { projects: mergeByItem(onTopics.map((evidence) => evidence.projects)), patents: mergeByItem(onTopics.map((evidence) => evidence.patents)) };
}

/**
 * The stored evidence (see evidence-store.ts) of each candidate on the topics read, as `readEvidence` reads it — an
 * item once per topic it is on, with that topic — added to `live` (the others' evidence, read live).
 */
function storedOnTopics(stored: ReadonlyMap<string, ReadonlyMap<string, StoredTopicEvidence>>, topicIds: readonly string[], live: { projects: ProjectEvidence[]; patents: PatentEvidence[] }): { projects: ProjectEvidence[]; patents: PatentEvidence[] } {
  if (stored.size === 0) return live;
  const projects = [...live.projects];
  const patents = [...live.patents];
  for (const [candidateId, byTopic] of stored) {
    for (const topicId of topicIds) {
      const evidence = byTopic.get(topicId);
      if (!evidence) continue;
      for (const [id, name, startYear, level, led] of evidence.projects) projects.push({ candidateId, id, name, startYear, level, role: led ? 'LEAD' : 'PARTICIPANT', topicIds: [topicId] });
      for (const [id, title, year, kind] of evidence.patents) patents.push({ candidateId, id, title, year, kind, topicIds: [topicId] });
    }
  }
  return { projects, patents };
}

/**
 * The items of several topics' lists, an item on several topics once: its topics gathered in the order met. Items are
 * the kept ones, never changed: one met on a second topic is copied, one met once is passed as it is (and a single
 * list as it is).
 */
function mergeByItem<T extends { id: string; topicIds: string[] }>(lists: T[][]): T[] {
  const nonEmpty = lists.filter((list) => list.length > 0);
  if (nonEmpty.length <= 1) return nonEmpty[0] ?? [];
  const byId = new Map<string, { item: T; copied: boolean }>();
  for (const list of nonEmpty) {
    for (const item of list) {
      const seen = byId.get(item.id);
      if (!seen) byId.set(item.id, { item, copied: false });
      else if (seen.copied) seen.item.topicIds.push(...item.topicIds);
      else byId.set(item.id, { item: { ...seen.item, topicIds: [...seen.item.topicIds, ...item.topicIds] }, copied: true });
    }
  }
  return [...byId.values()].map(({ item }) => item);
}

/**
 * What each way of `evidenceRows` costs per candidate link and per relationship on a topic, in records read (profiled
 * at 1M: walking from the candidates reads each item's every relationship to find its topics, 11 per link; walking from
 * the topics each item's to find its candidates, 7–14 per relationship on a topic; the join reads each link about twice
 * and each relationship on a topic once or twice, counted here a third higher, as its hash table took a third more time
 * per record read: three needs' evidence through the bare driver 154 → 74, 117 → 74 and 207 → 126 ms).
 */
const EVIDENCE_READ = { fromCandidates: 11, fromTopics: 14, joined: { perLink: 2.5, perItem: 1.6 } } as const;

/**
 * The rows of one kind of evidence — an item linked to a candidate by `links` and on one of the topics — read whichever
 * of three ways reads least: walking every link of every candidate (and each item's topics), walking every item on every
 * topic (and each item's candidates), or reading both ends' items alone and joining them on the item (a hash join: no
 * item's other relationships are walked). A hub expert has thousands of patents, a popular topic tens of thousands of
 * items, and the candidates of one need gather hundreds of either: at 1M a demand's candidates had 18 000 to 37 000
 * patent links against 1 600 to 40 000 items on its topics. The degrees come from the count store (no relationship is
 * read); the weights are the records read per link and per item on a topic by each way (see `EVIDENCE_READ`). All
 * three branches return the same rows; only the one chosen (or `$way`, when set) reads anything.
 */
function evidenceRows(links: string, item: string): string {
  return `CALL () {
       UNWIND $candidateIds AS candidateId MATCH (candidate:Entity {id: candidateId})
       RETURN sum(COUNT { (candidate)-[:${links}]->() }) AS fromCandidates
     }
     CALL () {
       UNWIND $topicIds AS topicId MATCH (topic:Topic {id: topicId})
       RETURN sum(COUNT { (topic)<-[:ON_TOPIC]-() }) AS fromTopics
     }
     WITH ${EVIDENCE_READ.fromCandidates} * fromCandidates AS fromCandidates, ${EVIDENCE_READ.fromTopics} * fromTopics AS fromTopics,
          ${EVIDENCE_READ.joined.perLink} * fromCandidates + ${EVIDENCE_READ.joined.perItem} * fromTopics AS joined
     WITH coalesce($way, CASE WHEN joined <= fromCandidates AND joined <= fromTopics THEN 'joined' WHEN fromCandidates <= fromTopics THEN 'fromCandidates' ELSE 'fromTopics' END) AS way
     CALL (way) {
       WITH * WHERE way = 'fromCandidates'
       UNWIND $candidateIds AS candidateId
       MATCH (candidate:Entity {id: candidateId})-[r:${links}]->(item:${item})-[:ON_TOPIC]->(topic:Topic)
       WHERE topic.id IN $topicIds
       RETURN candidate, item, type(r) AS link, topic
       UNION
       WITH * WHERE way = 'fromTopics'
       UNWIND $topicIds AS topicId
       // No label on the candidate: the planner must not start from the candidates' ids again.
       MATCH (topic:Topic {id: topicId})<-[:ON_TOPIC]-(item:${item})<-[r:${links}]-(candidate)
       WHERE candidate.id IN $candidateIds
       RETURN candidate, item, type(r) AS link, topic
       UNION
       WITH * WHERE way = 'joined'
       MATCH (candidate:Entity)-[r:${links}]->(item:${item})-[:ON_TOPIC]->(topic:Topic) USING JOIN ON item
       WHERE candidate.id IN $candidateIds AND topic.id IN $topicIds
       RETURN candidate, item, type(r) AS link, topic
     }
     // The candidate and the topics by their place in the lists asked for: a hub's rows repeat its id thousands of
     // times, and the ids come back as the very strings asked with (no string of their own to decode and share).
     WITH candidate, item, collect(DISTINCT link) AS links, collect(DISTINCT topic) AS topics
     WITH $candidateIndex[candidate.id] AS candidate, item, links, [topic IN topics | $topicIndex[topic.id]] AS topics`;
}

/** The ways `evidenceRows` can read evidence. */
export type EvidenceWay = 'fromCandidates' | 'fromTopics' | 'joined';

/** An evidence row as read: its candidate and topics by their place in the lists asked for (see `evidenceRows`). */
const evidenceRow = z.object({ candidate: z.number().int(), id: z.string(), topics: z.array(z.number().int()) });
const projectEvidenceRow = evidenceRow.extend({ name: z.string(), startYear: z.number(), level: z.string(), role: z.enum(['LEAD', 'PARTICIPANT']) });
const patentEvidenceRow = evidenceRow.extend({ title: z.string(), year: z.number(), kind: z.string() });

/** The id at `index` of a list asked for (an evidence row's candidate or topic); an index out of the list is a fault of the read. */
function idAt(ids: readonly string[], index: number, what: string): string {
  const id = ids[index];
  if (id === undefined) throw new Error(`evidence: a row names ${what} ${index}, not among the ${ids.length} asked for`);
  return id;
}

/**
 * Reads the projects and patents of the candidates on any of `topicIds` (an item's `topicIds`: those it is on), by the
 * way that reads least, or by `way` (tests ask each way for the same rows). Nothing is kept: see `evidenceOf`. The
 * candidate and topic ids of the rows are the strings of `candidateIds` and `topicIds` themselves.
 */
export async function readEvidence(
  database: Database,
  candidateIds: string[],
  topicIds: string[],
  way: EvidenceWay | null = null,
): Promise<{ projects: ProjectEvidence[]; patents: PatentEvidence[] }> {
  const indexOf = (ids: readonly string[]) => Object.fromEntries(ids.map((id, index) => [id, index] as const));
  const parameters = { candidateIds, topicIds, way, candidateIndex: indexOf(candidateIds), topicIndex: indexOf(topicIds) };
  const [projects, patents] = await Promise.all([
    database.read(
      `${evidenceRows('LEADS|PARTICIPATES_IN', 'Project')}
       RETURN candidate, item.id AS id, item.name AS name, item.startYear AS startYear, item.level AS level,
              CASE WHEN 'LEADS' IN links THEN 'LEAD' ELSE 'PARTICIPANT' END AS role, topics`,
      parameters,
    ),
    database.read(
      `${evidenceRows('INVENTED|OWNS', 'Patent')}
       RETURN candidate, item.id AS id, item.title AS title, coalesce(item.grantedYear, item.filedYear) AS year, item.kind AS kind, topics`,
      parameters,
    ),
  ]);
  const candidateOf = (index: number) => idAt(candidateIds, index, 'candidate');
  const topicsOf = (indexes: number[]) => indexes.map((index) => idAt(topicIds, index, 'topic'));
  return {
    projects: parseRows(projectEvidenceRow, projects, 'project evidence').map(
      (row): ProjectEvidence => ({ candidateId: candidateOf(row.candidate), id: row.id, name: row.name, startYear: row.startYear, level: row.level, role: row.role, topicIds: topicsOf(row.topics) }),
    ),
    patents: parseRows(patentEvidenceRow, patents, 'patent evidence').map(
      (row): PatentEvidence => ({ candidateId: candidateOf(row.candidate), id: row.id, title: row.title, year: row.year, kind: row.kind, topicIds: topicsOf(row.topics) }),
    ),
  };
}

/** How a candidate is connected to whoever has the need. */
export interface Proximity {
  candidateId: string;
  cooperating: boolean;
  sharedProjectIds: string[];
  sharedPlatformIds: string[];
  /** Ids along the shortest path from the candidate to the target (both included), or null beyond the hop limit. */
  pathIds: string[] | null;
  /**
   * The names (or titles) of the path's entities and of the shared projects and platforms, those that have one: a
   * reason names them, and reading them with the path saves the request a round trip.
   */
  names: Array<{ id: string; name: string }>;
}

const proximitySchema: z.ZodType<Proximity> = z.object({
  candidateId: z.string(),
  cooperating: z.boolean(),
  sharedProjectIds: z.array(z.string()),
  sharedPlatformIds: z.array(z.string()),
  pathIds: z.array(z.string()).nullish().transform((ids) => ids ?? null),
  names: z.array(z.object({ id: z.string(), name: z.string() })),
});

/** Links that make two parties close: work done together, not shared labels such as a region or a topic. */
const PROXIMITY_LINKS = 'COOPERATES_WITH|LEADS|PARTICIPATES_IN|AFFILIATED_WITH|HOSTS|TAKEN_BY|POSTED';

/** A candidate with no proximity to the target: the target itself, or an id that denotes nothing. */
const NO_PROXIMITY = null;

/**
 * Proximities kept per target and candidate until a write (see `PairCache`): a shortest path per candidate is the
 * costliest fact of a match, and the same party asks again as it pages through its matches or comes back to them.
 */
const proximityCache = new PairCache<Proximity | null>(
  MATCHING_CONFIG.vocabularyTtlMs,
  (proximity) => 1 + (proximity ? proximity.sharedProjectIds.length + proximity.sharedPlatformIds.length + (proximity.pathIds?.length ?? 0) + proximity.names.length : 0) / 4,
  MATCHING_CONFIG.proximitiesKept,
  NO_PROXIMITY,
);

/** How each candidate is connected to the target, by candidate id (none for the target itself or an unknown id). */
export async function proximityTo(database: Database, candidateIds: string[], targetId: string, maxHops: number): Promise<Map<string, Proximity>> {
  const row = JSON.stringify([targetId, maxHops]);
  const kept = await proximityCache.getAll(database, [row], candidateIds, async (from, _rows, candidates) => {
    const read = await readProximity(from, candidates, targetId, maxHops);
    return (_row, candidateId) => read.get(candidateId) ?? NO_PROXIMITY;
  });
  const byCandidate = new Map<string, Proximity>();
  for (const [candidateId, proximity] of kept.get(row) ?? []) if (proximity) byCandidate.set(candidateId, proximity);
  return byCandidate;
}

async function readProximity(database: Database, candidateIds: string[], targetId: string, maxHops: number): Promise<Map<string, Proximity>> {
  const graph = proximityGraphOf(database);
  return graph ? readProximityThrough(database, graph, candidateIds, targetId, maxHops) : readProximityInNeo4j(database, candidateIds, targetId, maxHops);
}

/**
 * The target's projects and platforms, read once, then each candidate checked against each of them (both ends known:
 * the planner starts from the end with fewer such links). Matched from both ends per candidate, the planner walked the
 * target's side for every candidate (a hub enterprise's 2 700 projects and 4 800 affiliations a hundred times: 5.7
 * million hits, 1.3 s, for one request on the 1M graph); walking each candidate's projects and links to find the
 * target's walked a hub university's 10 000 projects and its experts' thousands of affiliations (eight needs of the 1M
 * graph: 922 000 hits for these two lists, 243 000 this way). A platform is linked by an expert's affiliation or an
 * organisation's hosting, both towards it, or hosts a platform itself; an expert is never one. `path` is the clause
 * that gives each candidate's path to the target (or `null AS path`), `nodes` whether to return the ends' node numbers.
 */
function proximityQuery(path: string, nodes: boolean): string {
  return `MATCH (target:Entity {id: $targetId})
     WITH target,
          COLLECT { MATCH (target)-[:LEADS|PARTICIPATES_IN]->(project:Project) RETURN DISTINCT project } AS targetProjects,
          COLLECT { MATCH (target)-[:AFFILIATED_WITH|HOSTS]->(platform:Platform) RETURN platform UNION MATCH (target)<-[:HOSTS]-(platform:Platform) RETURN platform } AS targetPlatforms
     UNWIND $candidateIds AS candidateId
     MATCH (candidate:Entity {id: candidateId})
     WHERE candidate <> target
     WITH candidateId, candidate, target,
       COLLECT { UNWIND targetProjects AS project MATCH (candidate)-[:LEADS|PARTICIPATES_IN]->(project) RETURN DISTINCT project ORDER BY project.id } AS sharedProjects,
       COLLECT { UNWIND targetPlatforms AS platform MATCH (candidate)-[:AFFILIATED_WITH|HOSTS]-(platform) RETURN DISTINCT platform ORDER BY platform.id } AS sharedPlatforms,
       ${path}
     RETURN candidateId,
       EXISTS { (candidate)-[:COOPERATES_WITH]-(target) } OR EXISTS { (candidate)-[:AFFILIATED_WITH]->(:Organization)-[:COOPERATES_WITH]-(target) } AS cooperating,
       [project IN sharedProjects | project.id] AS sharedProjectIds,
       [platform IN sharedPlatforms | platform.id] AS sharedPlatformIds,
       [node IN path | node.id] AS pathIds,
       [node IN coalesce(path, []) + sharedProjects + sharedPlatforms WHERE coalesce(node.name, node.title) IS NOT NULL
         | {id: node.id, name: toString(coalesce(node.name, node.title))}] AS names${nodes ? ', toFloat(id(candidate)) AS candidateNode, toFloat(id(target)) AS targetNode' : ''}`;
}

/**
 * Proximities with the paths searched by Neo4j (when no proximity graph is kept). The shortest path is searched from
 * the target's end (and turned round): the search expands that end first, and a target with few links and none near it
 * is done at once, where a hub candidate's tens of thousands of links were expanded first before finding there was no
 * path (at 1M, 32 demands' reads of 20 candidates: 2 332 → 1 796 ms in all; a poster with one link 40–50 → 2–16 ms,
 * some hub posters 104 → 48 ms; the same path lengths for all).
 */
export async function readProximityInNeo4j(database: Database, candidateIds: string[], targetId: string, maxHops: number): Promise<Map<string, Proximity>> {
  const rows = await database.read(
    proximityQuery(`reverse(nodes(shortestPath((target)-[:${PROXIMITY_LINKS}*..${boundedHops(maxHops)}]-(candidate)))) AS path`, false),
    { candidateIds, targetId },
  );
  return keptProximities(parseRows(proximitySchema, rows, 'proximity'));
}

const proximityWithNodesSchema = z.object({
  candidateId: z.string(),
  cooperating: z.boolean(),
  sharedProjectIds: z.array(z.string()),
  sharedPlatformIds: z.array(z.string()),
  names: z.array(z.object({ id: z.string(), name: z.string() })),
  candidateNode: z.number().int().nonnegative(),
  targetNode: z.number().int().nonnegative(),
});

const pathNodeSchema = z.object({ node: z.number().int().nonnegative(), id: z.string(), name: z.string().nullable() });

/**
 * Proximities with the paths found in a proximity graph read since the last write (see `proximityGraphOf`): the shared
 * work in one read, the paths in memory, and the ids and names of the nodes on them in a second read. Should a node on a
 * path no longer be there (a write raced the graph), the whole batch is read as Neo4j finds it instead.
 */
export async function readProximityThrough(database: Database, graph: ProximityGraph, candidateIds: string[], targetId: string, maxHops: number): Promise<Map<string, Proximity>> {
  const rows = parseRows(proximityWithNodesSchema, await database.read(proximityQuery('null AS path', true), { candidateIds, targetId }), 'proximity');
  const hops = boundedHops(maxHops);
  const paths = rows.map((row) => graph.shortestPath(row.targetNode, row.candidateNode, hops)?.reverse() ?? null);
  const onPaths = [...new Set(paths.flatMap((path) => path ?? []))];
  const found = new Map<number, { id: string; name: string | null }>();
  if (onPaths.length > 0) {
    const nodeRows = await database.read(
      `UNWIND $nodes AS node MATCH (entity:Entity) WHERE id(entity) = node
       RETURN toFloat(node) AS node, entity.id AS id, CASE WHEN coalesce(entity.name, entity.title) IS NULL THEN null ELSE toString(coalesce(entity.name, entity.title)) END AS name`,
      { nodes: onPaths.map((node) => cypherInt(node)) },
    );
    for (const row of parseRows(pathNodeSchema, nodeRows, 'proximity path nodes')) found.set(row.node, { id: row.id, name: row.name });
    if (found.size < onPaths.length) return readProximityInNeo4j(database, candidateIds, targetId, maxHops);
  }
  return keptProximities(
    rows.map((row, index) => {
      const path = paths[index]!;
      const onPath = path ? path.map((node) => found.get(node)!) : [];
      return {
        candidateId: row.candidateId,
        cooperating: row.cooperating,
        sharedProjectIds: row.sharedProjectIds,
        sharedPlatformIds: row.sharedPlatformIds,
        pathIds: path ? onPath.map((node) => node.id) : null,
        names: [...onPath.flatMap(({ id, name }) => (name === null ? [] : [{ id, name }])), ...row.names],
      };
    }),
  );
}

/** A hop limit as it may be written into a query's text: a whole number from 1 to 6. */
function boundedHops(maxHops: number): number {
  if (!Number.isInteger(maxHops) || maxHops < 1 || maxHops > 6) throw new RangeError(`a path's hop limit must be a whole number from 1 to 6, got ${maxHops}`);
  return maxHops;
}

/** Proximities by candidate, their ids and names shared with the other kept values: a hub on many candidates' paths is named once. */
function keptProximities(proximities: Proximity[]): Map<string, Proximity> {
  return new Map(
    proximities.map((proximity) => [
      proximity.candidateId,
      {
        ...proximity,
        candidateId: sharing.string(proximity.candidateId),
        pathIds: proximity.pathIds && proximity.pathIds.map((id) => sharing.string(id)),
        names: proximity.names.map(({ id, name }) => sharing.shared(`name\u0000${id}\u0000${name}`, () => ({ id: sharing.string(id), name: sharing.string(name) }))),
      },
    ]),
  );
}

/** How large a database's proximity graph is: its highest node number and its links (from the count store). */
interface ProximityExtent {
  highest: number;
  links: number;
}

/** The bytes a proximity graph of this extent keeps (see `ProximityGraph.bytesFor`). */
export function proximityGraphBytes(extent: ProximityExtent): number {
  return ProximityGraph.bytesFor(extent.highest + 1, extent.links);
}

const extentRow = z.object({ highest: z.number().nullable(), links: z.number() });

/** The highest node number (one scan of the nodes, 0.1–0.2 s at 1M) and the links of the proximity types (the count store). */
async function readProximityExtent(database: Database): Promise<ProximityExtent> {
  const rows = await database.read(
    `CALL () { MATCH (node) RETURN toFloat(max(id(node))) AS highest }
     CALL () { UNWIND [${PROXIMITY_LINKS.split('|').map((type) => `COUNT { ()-[:${type}]->() }`).join(', ')}] AS links RETURN toFloat(sum(links)) AS links }
     RETURN highest, links`,
  );
  const [row] = parseRows(extentRow, rows, 'proximity graph extent');
  return { highest: row?.highest ?? -1, links: row?.links ?? 0 };
}

/** What a keep-warm round found: the graph, or why none is kept (larger than allowed). */
export type ProximityGraphOutcome = { graph: ProximityGraph; bytes: number } | { graph: null; bytes: number; maxBytes: number };

/**
 * The proximity graph of a database (see proximity-graph.ts), read whole when it takes at most `maxBytes`: every link of
 * the proximity types, once each (from its start node), in pages of node numbers seeked by id, into arrays made at
 * their size once. One graph per database, dropped by any write like the other kept values.
 */
async function readProximityGraph(database: Database, maxBytes: number): Promise<ProximityGraphOutcome> {
  const extent = await readProximityExtent(database);
  const bytes = proximityGraphBytes(extent);
  if (bytes > maxBytes) return { graph: null, bytes, maxBytes };
  const links = new LinkList(extent.links);
  const page = z.object({ starts: z.array(z.number()), ends: z.array(z.number()) });
  for (let first = 0; first <= extent.highest; first += PROXIMITY_GRAPH_PAGE) {
    const rows = await database.read(
      `UNWIND range($first, $last) AS node
       MATCH (start) WHERE id(start) = node
       MATCH (start)-[:${PROXIMITY_LINKS}]->(end)
       RETURN collect(toFloat(node)) AS starts, collect(toFloat(id(end))) AS ends`,
      { first: cypherInt(first), last: cypherInt(Math.min(extent.highest, first + PROXIMITY_GRAPH_PAGE - 1)) },
    );
    for (const row of parseRows(page, rows, 'proximity links')) links.append(row.starts, row.ends);
  }
  const graph = links.toGraph(extent.highest + 1);
  return { graph, bytes: graph.bytes };
}

/** Node numbers per read of the proximity graph (1M: 16 reads of about 70 000 links, 3 s in all). */
const PROXIMITY_GRAPH_PAGE = 1 << 16;

/** Per database and size limit (its key), the graph or why there is none. */
const proximityGraphs = new DerivedCache<ProximityGraphOutcome, string>((database, limit) => readProximityGraph(database, Number(limit)), MATCHING_CONFIG.vocabularyTtlMs, 2);

/** The limit each database's graph was last prepared with: the key `proximityGraphOf` looks under. */
const preparedLimits = new WeakMap<Database, string>();

/**
 * The database's proximity graph if one was read since its last write; undefined otherwise (paths are then Neo4j's).
 * A request never waits for one: the keep-warm round reads it (`prepareProximityGraph`).
 */
export function proximityGraphOf(database: Database): ProximityGraph | undefined {
  const limit = preparedLimits.get(database);
  return (limit === undefined ? undefined : proximityGraphs.ready(database, limit)?.value.graph) ?? undefined;
}

/**
 * Reads the database's proximity graph unless one is kept since its last write, if it takes at most `maxMegabytes`
 * (`PROXIMITY_GRAPH_MAX_MB`; 0: never). Beyond that no graph is kept and Neo4j finds every path.
 */
export function prepareProximityGraph(database: Database, maxMegabytes: number = MATCHING_CONFIG.proximityGraphMaxMegabytes): Promise<ProximityGraphOutcome> {
  const limit = String(Math.max(0, maxMegabytes) * 1e6);
  preparedLimits.set(database, limit);
  return proximityGraphs.get(database, limit);
}

/** Organisations (and their experts) that are part of the target itself: never proposed as its partners (kept until a write). */
export async function insidersOf(database: Database, targetId: string): Promise<Set<string>> {
  return new Set(await insiders.get(database, targetId));
}

const insidersRow = z.object({ ids: z.array(z.string()) });

const insiders = new DerivedCache<string[], string>(
  async (database, targetId) => {
    const rows = await database.read(
      `MATCH (target:Entity {id: $targetId})
       RETURN [target.id] + COLLECT { MATCH (expert:Expert)-[:AFFILIATED_WITH]->(target) RETURN expert.id } AS ids`,
      { targetId },
    );
    return parseRows(insidersRow, rows, 'insiders')[0]?.ids ?? [];
  },
  MATCHING_CONFIG.vocabularyTtlMs,
  TARGETS_KEPT,
);

/** The facts about a need's owner in the graph: its kind, topics, region and the segments it works in. */
export interface TargetFacts {
  entity: EntityModel;
  kind: NodeKind;
  /** The organisation whose closeness counts (the enterprise, or the demand's poster); null for industries and segments. */
  partyId: string | null;
  topics: Array<{ id: string; weight: number; origin: string }>;
  regionId: string | null;
  segmentIds: string[];
}

/** Per kind of target: the Cypher giving its need topics (rows {id, weight, origin}), starting from `target`. */
const TARGET_TOPICS: Partial<Record<NodeKind, string>> = {
  Enterprise: `CALL (target) {
      MATCH (target)-[:FOCUSES_ON]->(t:Topic) RETURN t.id AS id, 1.0 AS weight, '企业研发方向' AS origin
      UNION
      MATCH (target)-[:IN_SEGMENT]->(s:ChainSegment)-[:REQUIRES]->(t:Topic) RETURN t.id AS id, 0.8 AS weight, '所在产业链环节「' + s.name + '」所需技术' AS origin
      UNION
      MATCH (target)-[:POSTED]->(d:Demand)-[:REQUIRES]->(t:Topic) WHERE d.status IN ['OPEN', 'IN_PROGRESS']
      RETURN t.id AS id, 0.9 AS weight, '企业发布的需求「' + d.title + '」' AS origin
    } RETURN id, weight, origin`,
  Industry: `MATCH (target)-[:HAS_SEGMENT]->(s:ChainSegment)-[:REQUIRES]->(t:Topic) RETURN t.id AS id, 0.8 AS weight, '产业链环节「' + s.name + '」所需技术' AS origin`,
  ChainSegment: `MATCH (target)-[:REQUIRES]->(t:Topic) RETURN t.id AS id, 1.0 AS weight, '产业链环节「' + target.name + '」所需技术' AS origin`,
  Demand: `CALL (target) {
      MATCH (target)-[:REQUIRES]->(t:Topic) RETURN t.id AS id, 1.0 AS weight, '需求所需技术' AS origin
      UNION
      MATCH (target)<-[:POSTED]-(:Enterprise)-[:IN_SEGMENT]->(s:ChainSegment)-[:REQUIRES]->(t:Topic)
      WHERE NOT EXISTS { (target)-[:FOR_INDUSTRY]->(:Industry) } OR EXISTS { (target)-[:FOR_INDUSTRY]->(:Industry)-[:HAS_SEGMENT]->(s) }
      RETURN t.id AS id, $chainTopicWeight AS weight, '需求方所在产业链环节「' + s.name + '」所需技术' AS origin
    } RETURN id, weight, origin`,
};

/** Per kind of target: the organisation whose closeness counts, its region and the segments it works in. */
const TARGET_CONTEXT: Partial<Record<NodeKind, string>> = {
  Enterprise: `RETURN target.id AS partyId,
      COLLECT { MATCH (target)-[:LOCATED_IN]->(r:Region) RETURN r.id }[0] AS regionId,
      COLLECT { MATCH (target)-[:IN_SEGMENT]->(s:ChainSegment) RETURN s.id } AS segmentIds`,
  Demand: `OPTIONAL MATCH (target)<-[:POSTED]-(poster:Organization)
    RETURN poster.id AS partyId,
      COLLECT { MATCH (poster)-[:LOCATED_IN]->(r:Region) RETURN r.id }[0] AS regionId,
      COLLECT { MATCH (poster)-[:IN_SEGMENT]->(s:ChainSegment) RETURN s.id } AS segmentIds`,
  Industry: `OPTIONAL MATCH (target)-[:HAS_SEGMENT|IN_INDUSTRY|IN_SEGMENT*1..2]-(:Enterprise)-[:LOCATED_IN]->(:Region)-[:PART_OF*0..]->(county:Region {kind: 'COUNTY'})
    WITH county, count(*) AS enterprises ORDER BY enterprises DESC, county.id LIMIT 1
    RETURN null AS partyId, county.id AS regionId, [] AS segmentIds`,
  ChainSegment: `OPTIONAL MATCH (target)<-[:HAS_SEGMENT]-(:Industry)-[:HAS_SEGMENT|IN_INDUSTRY|IN_SEGMENT*1..2]-(:Enterprise)-[:LOCATED_IN]->(:Region)-[:PART_OF*0..]->(county:Region {kind: 'COUNTY'})
    WITH target, county, count(*) AS enterprises ORDER BY enterprises DESC, county.id LIMIT 1
    RETURN null AS partyId, county.id AS regionId, [target.id] AS segmentIds`,
};

const targetContextSchema = z.object({ partyId: z.string().nullable(), regionId: z.string().nullable(), segmentIds: z.array(z.string()) });

/** The need of an enterprise, industry, chain segment or demand, and where it sits; null when the id denotes none of those (kept until a write). */
export function targetFacts(database: Database, id: string): Promise<TargetFacts | null> {
  return targets.get(database, id);
}

const targets = new DerivedCache<TargetFacts | null, string>((database, id) => readTargetFacts(database, id), MATCHING_CONFIG.vocabularyTtlMs, TARGETS_KEPT);

const targetRow = z.object({ entity: entitySchema });

const targetTopicsRow = z.object({ id: z.string(), weight: z.number(), origin: z.string() });

async function readTargetFacts(database: Database, id: string): Promise<TargetFacts | null> {
  const [found] = await database.read(`MATCH (target:Entity {id: $id}) RETURN ${entityProjection('target')} AS entity`, { id });
  const entity = found ? parseRows(targetRow, [found], 'target')[0]?.entity : undefined;
  const topicsQuery = entity ? TARGET_TOPICS[entity.nodeKind] : undefined;
  const contextQuery = entity ? TARGET_CONTEXT[entity.nodeKind] : undefined;
  if (!entity || !topicsQuery || !contextQuery) return null;
  const [topics, context] = await Promise.all([
    database.read(`MATCH (target:Entity {id: $id}) ${topicsQuery}`, { id, chainTopicWeight: MATCHING_CONFIG.need.demandChainTopicWeight }),
    database.read(`MATCH (target:Entity {id: $id}) ${contextQuery}`, { id }),
  ]);
  const row = parseRows(targetContextSchema, context, 'target context')[0] ?? { partyId: null, regionId: null, segmentIds: [] };
  return {
    entity,
    kind: entity.nodeKind,
    partyId: row.partyId,
    topics: parseRows(targetTopicsRow, topics, 'target topics'),
    regionId: row.regionId,
    segmentIds: row.segmentIds,
  };
}

const warmUpQuestionsRow = z.object({ topicId: z.string().nullable(), enterpriseId: z.string().nullable(), demandId: z.string().nullable() });

/**
 * A topic held by an expert, an enterprise with a focus and a demand requiring a topic, if the graph has them: the
 * questions the matcher asks itself when the server starts (see `warmMatching`).
 */
export async function warmUpQuestions(database: Database): Promise<{ topicId: string | null; enterpriseId: string | null; demandId: string | null }> {
  const rows = await database.read(
    `RETURN COLLECT { MATCH (t:Topic) WHERE EXISTS { (t)<-[:HAS_EXPERTISE]-(:Expert) } RETURN t.id LIMIT 1 }[0] AS topicId,
            COLLECT { MATCH (e:Enterprise) WHERE EXISTS { (e)-[:FOCUSES_ON]->(:Topic) } RETURN e.id LIMIT 1 }[0] AS enterpriseId,
            COLLECT { MATCH (d:Demand) WHERE EXISTS { (d)-[:REQUIRES]->(:Topic) } RETURN d.id LIMIT 1 }[0] AS demandId`,
  );
  return parseRows(warmUpQuestionsRow, rows, 'warm-up questions')[0] ?? { topicId: null, enterpriseId: null, demandId: null };
}

/** What the matcher keeps for a database (for diagnostics and tests): holds, candidate details, evidence and proximities. */
export function matchingKept(database: Database): Record<'holders' | 'details' | 'evidence' | 'proximities', { keys?: number; rows?: number; pairs?: number; weight: number }> {
  return {
    holders: holdersCache.kept(database),
    details: detailsCache.kept(database),
    evidence: evidenceCache.kept(database),
    proximities: proximityCache.kept(database),
  };
}
