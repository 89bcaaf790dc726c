/**
 * Every number the matcher uses, in one place. A match's score is Σ weight × signal over the signals that
 * apply to the question (weights of signals that cannot apply — e.g. proximity when nobody in the graph has the
 * need — are shared out among the others in proportion), so each reason's contribution is its weight times its
 * signal and the contributions add up to the score. Each signal lies in [0, 1].
 */
import { DEFAULT_PROXIMITY_GRAPH_MAX_MB } from '../../config.js';
import { KEPT_VALUES_TTL_MS } from '../../neo4j/derived-cache.js';
/** A table of factors by key: written as a literal, read with any key (a missing key reads undefined). */
function scale(values: Record<string | number, number>): Record<string | number, number> {
  return values;
}

export const MATCHING_CONFIG = {
  /** How much each signal can contribute (they add up to 1). */
  weights: {
    TOPIC_OVERLAP: 0.45,
    PROJECT_EVIDENCE: 0.15,
    PATENT_EVIDENCE: 0.1,
    GRAPH_PROXIMITY: 0.12,
    GEOGRAPHY: 0.1,
    CAPACITY: 0.08,
  },
  /** A candidate whose topic signal is below this is not a match at all (no noise from proximity or region alone). */
  minimumTopicSignal: 0.12,
  topics: {
    /** How strongly an expertise level counts. */
    expertiseLevel: scale({ EXPERT: 1, ADVANCED: 0.75, BASIC: 0.45 }),
    /** An organisation's research or business focus (FOCUSES_ON) counts like this level. */
    organizationFocus: 0.7,
    /** A platform holds its member experts' topics (AFFILIATED_WITH) at their level times this. */
    platformMemberDiscount: 0.8,
    /** An organisation holds its affiliated experts' topics at their level times this (primary affiliation, other). */
    staffDiscount: { primary: 0.8, secondary: 0.6 },
    /** Evidence as a hold: a project on the topic the candidate led or joined, a patent on it it owns or invented. */
    ledProject: 0.75,
    joinedProject: 0.45,
    patent: 0.6,
    /** An enterprise holds the topics required by the chain segments it works in (IN_SEGMENT) this strongly. */
    segmentTopic: 0.4,
    /** Evidence holds fade with age like evidence (halfLifeYears), but never below this share. */
    evidenceHoldFloor: 0.5,
    /** A platform holds the topics required by the chains of the industries it serves (SERVES) this strongly. */
    servedIndustryTopic: 0.25,
    /** Holding a narrower topic than the need's (a specialist) counts this much per step down. */
    narrowerDiscountPerStep: 0.85,
    /** Holding a broader topic than the need's (a generalist) counts this much per step up. */
    broaderDiscountPerStep: 0.5,
    /** How many steps of the topic hierarchy (BROADER) are followed either way. */
    hierarchySteps: 2,
  },
  evidence: {
    /** Evidence halves in value every this many years. */
    halfLifeYears: 4,
    projectLevel: scale({ NATIONAL: 1, MUNICIPAL: 0.8, COUNTY: 0.6 }),
    projectRole: scale({ LEAD: 1, PARTICIPANT: 0.7 }),
    patentKind: scale({ INVENTION: 1, UTILITY_MODEL: 0.6, DESIGN: 0.3 }),
    /** signal = 1 − exp(−Σ evidence / saturation): two or three strong recent items come close to 1. */
    saturation: 1.5,
  },
  proximity: {
    cooperating: 1,
    sharedProject: 0.7,
    sharedPlatform: 0.6,
    /** A path of this many hops or fewer through projects, platforms, affiliations and cooperation. */
    pathValue: scale({ 2: 0.5, 3: 0.4, 4: 0.25 }),
    maxPathHops: 4,
  },
  geography: { sameCounty: 1, sameMunicipality: 0.6, sharedZone: 0.4 },
  capacity: {
    talentCard: scale({ A: 1, B: 0.7 }),
    leadingTalent: 0.8,
    programme: 0.6,
    expertBase: 0.25,
    platformLevel: scale({ NATIONAL: 1, MUNICIPAL: 0.7, COUNTY: 0.4 }),
    researchOrganization: 0.8,
    enterpriseQualification: scale({ LEADING: 0.8, HIGH_TECH: 0.65, SPECIALIZED: 0.6, TECH_SME: 0.45, ABOVE_DESIGNATED_SIZE: 0.4 }),
    enterpriseBase: 0.2,
  },
  need: {
    /** A topic (or a chain segment) counts as named by the text when more than this share of its name's (or an alias's) words, weighted by how few topics use them, occur in it. */
    topicRecall: 0.5,
    /** Share of an industry name's words (weighted the same way) that must occur for the industry to count as named. */
    industryRecall: 0.6,
    /** Weight of the topics of a chain segment the text names (within a named industry). */
    namedSegmentTopicWeight: 0.9,
    /** Weight of the topics of every segment of a named industry when no segment is named. */
    industryTopicWeight: 0.4,
    /** A word used by at most this many topics' labels is distinctive: alone it points to them (when nothing is named outright). */
    distinctiveWordTopics: 2,
    /** The weight of a topic found through one distinctive word. */
    distinctiveWordWeight: 0.35,
    /** A topic whose name or alias the text writes with one character wrong counts with this weight. */
    typoWeight: 0.8,
    /** Topic text profiles (BM25): the best match must score at least this; others within this share of it count, at most so many, weighted by their share. */
    profileMinScore: 7,
    profileRelativeScore: 0.6,
    profileMaxTopics: 3,
    profileWeight: 0.6,
    /** A demand's need widened through the chain: the topics required by its poster's segments (in the demand's industry) join at this weight. */
    demandChainTopicWeight: 0.15,
    /** At most this many topics are kept, strongest first. */
    maxTopics: 8,
    /** Suggestions offered when the text names no known topic. */
    suggestions: 5,
    /** A topic's text profile reads the names and titles of at most this many of the projects and patents tagged with it. */
    profileTitlesPerTopic: 30,
  },
  /**
   * A need is matched on at most this many topics, the heaviest first (rarer first among equals): a target's need
   * gathers its declared focus, its demands and every topic its chain segments require, which in a large graph can be
   * hundreds of topics, most of them light.
   */
  maxNeedTopics: 24,
  /**
   * Per need topic, at most this many holders (the strongest by hold strength before recency) are fetched; then at most
   * `candidatesExamined` candidates (best by topic signal) are examined in full (details, evidence, proximity). A page
   * holds at most 50 matches, so the bounds only cut candidates that cannot reach it; on the sample county no need
   * reaches either.
   */
  holdersPerTopic: 200,
  /**
   * Per need topic and way of holding it, at most this many holds are read before the strongest `holdersPerTopic` are
   * chosen (see matching.repository.ts): a bound on the work of the most popular topics of a large graph.
   */
  holdsReadPerWay: 4000,
  /**
   * The holders of need topics are kept between requests (until a write), at most this many holds in all per database:
   * a bound on the server's memory (a hold is about 150 bytes, its ids and names shared with the other kept values; a
   * popular topic with its related topics has thousands). The benchmark's 192 distinct needs at 1M hold about 200 000.
   */
  holdsKept: 200_000,
  /**
   * The examined candidates' projects and patents on each topic are kept between requests (until a write), at most this
   * much in all per database: an item of evidence weighs 1 (about 150 bytes), a candidate and topic with none 0.02 (see
   * matching.repository.ts).
   */
  evidenceKept: 100_000,
  /**
   * The evidence store (see evidence-store.ts) keeps the projects and patents of the candidates with at least this many
   * links to them: at 1M, 4 600 candidates with 20 links or more had 444 000 of the 990 000 links, 687 with 100 or more
   * 297 000 — and the strongest holders a need examines are these hubs. A candidate with fewer is read live about as
   * fast as its kept evidence.
   */
  evidenceStoredFrom: 16,
  /** Proximities (shared work, shortest path) of candidates to the party in need are kept, at most about this many per database. */
  proximitiesKept: 50_000,
  /**
   * Proximity, the costliest fact, counts only for the candidates that can still reach the page asked for, known once
   * their other facts are scored; meanwhile it is read ahead for the best candidates by topic signal — at least
   * `atLeast`, and `perPageMatch` per match up to the page's end (all of them when every match must be exact) — which
   * most of those later asked for are among (at 1M, 13 to 23 of the 100 examined, for most first answers).
   */
  proximityReadAhead: { atLeast: 20, perPageMatch: 2 },
  /**
   * The proximity graph (shortest paths found in memory, see proximity-graph.ts) is kept when it takes at most this
   * many MB (outside the JavaScript heap): 15 MB at 1M nodes and 1.1M links; a province of some millions fits, a larger
   * graph leaves its paths to Neo4j. The server's `PROXIMITY_GRAPH_MAX_MB` sets it (0: never kept).
   */
  proximityGraphMaxMegabytes: DEFAULT_PROXIMITY_GRAPH_MAX_MB,
  /**
   * Answers to expert searches, partner recommendations and demand matches are kept per question (need or target,
   * kinds, filter or region, year and the page's end) until a write, at most this many matches in all per database
   * (about 18 MB): a kept answer holds only the matches up to its page's end and one more, and the count of all; a
   * match with its reasons (the ids of the projects and patents they name) takes about 4.5 KB of heap (measured at
   * 10k: 128 answers, 1 408 matches, 6.2 MB).
   */
  answerMatchesKept: 4_000,
  /**
   * At most this many of the questions asked lately (through the API) are asked again in the background once a change
   * dropped their kept answers (see `src/keep-warm.ts`): at a million nodes a question's first answer takes 0.2–1 s.
   */
  questionsAskedAgain: 32,
  /** Needs read from text (topics or suggestions) are kept per text, at most this many per database. */
  needsKept: 2_000,
  /** Per need topic, at most this many related topics (narrower, broader, siblings) are read, the least discounted first. */
  relatedTopicsRead: 24,
  candidatesExamined: 100,
  /**
   * Everything the matcher keeps (vocabulary, holders, evidence, proximities, needs read…) is dropped by any write through
   * the same database or by another writer (seen within `CHANGE_CHECK_MS`, see `DerivedCache`), and read again in the
   * background after this long, as a safety net.
   */
  vocabularyTtlMs: KEPT_VALUES_TTL_MS,
  /** The most matches one page may hold. */
  maxPageSize: 50,
} as const;

export type MatchSignal = keyof typeof MATCHING_CONFIG.weights;
// Object.keys types its result string[]; the keys are exactly the weights' (a literal object above).
export const MATCH_SIGNALS = Object.keys(MATCHING_CONFIG.weights) as MatchSignal[];
