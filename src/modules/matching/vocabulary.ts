/**
 * The matching vocabulary of a database, cached: every topic's labels, every industry's segments with their required
 * topics, the number of experts and organisations (for topic rarity), and — built on first use — the topics' text
 * profiles. Reading free text needs all of it, and reloading it on every request cost a whole-graph scan and several
 * round trips. Both are dropped by any write through the database or by another writer (see `DerivedCache`).
 */
import type { Database } from '../../neo4j/database.js';
import { DerivedCache } from '../../neo4j/derived-cache.js';
import { MATCHING_CONFIG } from './matching.config.js';
import { loadTopicProfileSources, loadVocabulary, namesOf } from './matching.repository.js';
import { topicNamesOf, type IndustryLabel, type TopicLabel } from './need.js';
import { TopicProfiles } from './topic-profiles.js';

export interface Vocabulary {
  topics: TopicLabel[];
  industries: IndustryLabel[];
  /** Experts and organisations in the graph: the N of topic rarity. */
  candidateTotal: number;
}

const vocabularies = new DerivedCache<Vocabulary>(loadVocabulary, MATCHING_CONFIG.vocabularyTtlMs);
const profiles = new DerivedCache<TopicProfiles>(async (database) => new TopicProfiles(await loadTopicProfileSources(database)), MATCHING_CONFIG.vocabularyTtlMs);

/** The topics, industries and candidate count of a database (cached, see the module comment). */
export function vocabularyOf(database: Database): Promise<Vocabulary> {
  return vocabularies.get(database, '');
}

/** The topics' text profiles of a database, built on first use and cached like the vocabulary. */
export function topicProfilesOf(database: Database): Promise<TopicProfiles> {
  return profiles.get(database, '');
}

/** Each vocabulary's topics and segments by id, to their names (built on first use, dropped with the vocabulary). */
const labelNames = new WeakMap<Vocabulary, Map<string, string>>();

function namesInVocabulary(vocabulary: Vocabulary): Map<string, string> {
  let names = labelNames.get(vocabulary);
  if (!names) {
    names = new Map(topicNamesOf(vocabulary.topics));
    for (const industry of vocabulary.industries) for (const segment of industry.segments) names.set(segment.id, segment.name);
    labelNames.set(vocabulary, names);
  }
  return names;
}

/**
 * The names of topics and chain segments (and of any other entity), by id: those of the vocabulary's topics and segments
 * from it, the others read (see `namesOf`) — a chain's gaps name a hundred topics and more, which a first answer read
 * beside its other reads (30–100 ms at 1M, sharing the cores with them) although the vocabulary already held them.
 */
export async function labelNamesOf(database: Database, vocabulary: Vocabulary, ids: readonly string[]): Promise<Map<string, string>> {
  const known = namesInVocabulary(vocabulary);
  const names = new Map<string, string>();
  const rest: string[] = [];
  for (const id of new Set(ids)) {
    const name = known.get(id);
    if (name !== undefined) names.set(id, name);
    else rest.push(id);
  }
  if (rest.length > 0) for (const [id, name] of await namesOf(database, rest)) names.set(id, name);
  return names;
}
