/**
 * The matching vocabulary of a database, cached: every topic's labels, every industry's segments with their required
 * topics, the number of experts and organisations (for topic rarity), and — built on first use — the topics' text
 * profiles. Reading free text needs all of it, and reloading it on every request cost a whole-graph scan and several
 * round trips.
 *
 * Invalidation: a generation counter per database, bumped by every write that goes through it (any mutation, import or
 * migration: `Database` reports each write round trip to its listeners), so this process always sees its own writes at
 * the next request; and a time to live (`MATCHING_CONFIG.vocabularyTtlMs`, 60 s) for writes by other processes (another
 * server behind the load balancer, `kg import` run beside the server), which are seen within that time.
 */
import type { Database } from '../../neo4j/database.js';
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

interface Entry {
  generation: number;
  loadedAt: number;
  vocabulary: Promise<Vocabulary>;
  profiles: Promise<TopicProfiles> | null;
}

interface DatabaseState {
  /** Write round trips seen on this database since the cache first looked at it. */
  writes: number;
  entry: Entry | null;
}

const states = new WeakMap<Database, DatabaseState>();

function stateOf(database: Database): DatabaseState {
  let state = states.get(database);
  if (!state) {
    const created: DatabaseState = { writes: 0, entry: null };
    database.onQuery((event) => {
      if (event.mode === 'WRITE') {
        created.writes += 1;
        created.entry = null;
      }
    });
    states.set(database, created);
    state = created;
  }
  return state;
}

/** The current entry of a database: reused while no write went through it and it is younger than the time to live. */
function currentEntry(database: Database): Entry {
  const state = stateOf(database);
  const now = Date.now();
  const entry = state.entry;
  if (entry && entry.generation === state.writes && now - entry.loadedAt < MATCHING_CONFIG.vocabularyTtlMs) return entry;
  const generation = state.writes;
  const fresh: Entry = { generation, loadedAt: now, vocabulary: loadVocabulary(database), profiles: null };
  // A failed load is not cached: the next request tries again.
  fresh.vocabulary.catch(() => {
    if (state.entry === fresh) state.entry = null;
  });
  state.entry = fresh;
  return fresh;
}

/** The topics, industries and candidate count of a database (cached, see the module comment). */
export function vocabularyOf(database: Database): Promise<Vocabulary> {
  return currentEntry(database).vocabulary;
}

/** The topics' text profiles of a database, built on first use and cached with the vocabulary. */
export function topicProfilesOf(database: Database): Promise<TopicProfiles> {
  const entry = currentEntry(database);
  if (!entry.profiles) {
    const profiles = loadTopicProfileSources(database).then((sources) => new TopicProfiles(sources));
    profiles.catch(() => {
      if (entry.profiles === profiles) entry.profiles = null;
    });
    entry.profiles = profiles;
  }
  return entry.profiles;
}
