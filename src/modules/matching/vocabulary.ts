/**
 * The matching vocabulary of a database, cached: every topic's labels, every industry's segments with their required
 * topics, the number of experts and organisations (for topic rarity), and — built on first use — the topics' text
 * profiles. Reading free text needs all of it, and reloading it on every request cost a whole-graph scan and several
 * round trips. Both are dropped by any write through the database or by another writer (see `DerivedCache`).
 */
import type { Database } from '../../neo4j/database.js';
import { DerivedCache } from '../../neo4j/derived-cache.js';
import { MATCHING_CONFIG } from './matching.config.js';
import { loadTopicProfileSources, loadVocabulary } from './matching.repository.js';
import type { IndustryLabel, TopicLabel } from './need.js';
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
