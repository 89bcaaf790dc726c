/**
 * A value derived from a whole database (a vocabulary, the default county…), computed once and shared by requests.
 *
 * Invalidation: a generation counter per database, bumped by every write that goes through it (any mutation, import or
 * migration: `Database` reports each write round trip to its listeners), so this process always sees its own writes at
 * the next request; and a time to live for writes by other processes (another server behind the load balancer,
 * `kg import` run beside the server), which are seen within that time. A failed computation is not kept: the next
 * caller tries again.
 */
import type { Database } from './database.js';

interface Entry<T> {
  generation: number;
  computedAt: number;
  value: Promise<T>;
}

/** Write round trips seen per database since a cache first looked at it; one listener per database for every cache. */
const generations = new WeakMap<Database, { writes: number }>();

function generationOf(database: Database): { writes: number } {
  let state = generations.get(database);
  if (!state) {
    const created = { writes: 0 };
    database.onQuery((event) => {
      if (event.mode === 'WRITE') created.writes += 1;
    });
    generations.set(database, created);
    state = created;
  }
  return state;
}

/**
 * Values derived from a database, one per key (an industry and a county, say): at most `maxKeys` per database, the
 * least recently computed dropped first.
 */
export class DerivedCache<T, K extends string = ''> {
  private readonly entries = new WeakMap<Database, Map<string, Entry<T>>>();

  constructor(
    private readonly compute: (database: Database, key: K) => Promise<T>,
    private readonly ttlMs: number,
    private readonly maxKeys = 1,
  ) {}

  /** The value for this database and key: the cached one while no write went through it and it is younger than the time to live. */
  get(database: Database, key: K): Promise<T> {
    const state = generationOf(database);
    const now = Date.now();
    let entries = this.entries.get(database);
    if (!entries) this.entries.set(database, (entries = new Map()));
    const entry = entries.get(key);
    if (entry && entry.generation === state.writes && now - entry.computedAt < this.ttlMs) return entry.value;
    const fresh: Entry<T> = { generation: state.writes, computedAt: now, value: this.compute(database, key) };
    const keyed = entries;
    fresh.value.catch(() => {
      if (keyed.get(key) === fresh) keyed.delete(key);
    });
    keyed.delete(key);
    keyed.set(key, fresh);
    for (const oldest of keyed.keys()) {
      if (keyed.size <= this.maxKeys) break;
      keyed.delete(oldest);
    }
    return fresh.value;
  }
}
