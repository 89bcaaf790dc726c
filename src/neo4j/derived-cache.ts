/**
 * A value derived from a whole database (a vocabulary, the default county…), computed once and shared by requests.
 *
 * Invalidation: a generation counter per database, bumped by every write that goes through it (any mutation, import or
 * migration: `Database` reports each write round trip to its listeners), so this process always sees its own writes at
 * the next request; and a time to live for writes by other processes (another server behind the load balancer,
 * `kg import` run beside the server), which are seen within that time: past it, the kept value is still answered while
 * a fresh one is computed in the background (it replaces the old one once computed), so no request waits for a
 * recomputation that only the clock asked for. A failed computation is not kept: the next caller tries again.
 */
import type { Database } from './database.js';

interface Entry<T> {
  generation: number;
  computedAt: number;
  value: Promise<T>;
  /** Set while a fresh value is computed in the background because this one is past its time to live. */
  refreshing?: boolean;
  /** The value's weight once computed (see `WeightLimit`); 0 until then. */
  weight: number;
}

/** A bound on the total weight of the values kept per database (a count of rows, say), besides the count of keys. */
export interface WeightLimit<T> {
  of: (value: T) => number;
  max: number;
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

/** How many write round trips went through the database since a cache first looked at it: caches of their own compare it. */
export function writesSeen(database: Database): number {
  return generationOf(database).writes;
}

/**
 * Values derived from a database, one per key (an industry and a county, say): at most `maxKeys` per database and, with
 * a `weight` limit, values of at most that total weight, the least recently computed dropped first (a value heavier
 * than the limit alone is answered and not kept).
 */
export class DerivedCache<T, K extends string = ''> {
  private readonly entries = new WeakMap<Database, Map<string, Entry<T>>>();
  private readonly weights = new WeakMap<Map<string, Entry<T>>, { total: number }>();

  constructor(
    private readonly compute: (database: Database, key: K) => Promise<T>,
    private readonly ttlMs: number,
    private readonly maxKeys = 1,
    private readonly weight?: WeightLimit<T>,
  ) {}

  /** The number of values kept for the database that are still valid (no write since), and their total weight (for tests and diagnostics). */
  kept(database: Database): { keys: number; weight: number } {
    const writes = generationOf(database).writes;
    let keys = 0;
    let weight = 0;
    for (const entry of this.entries.get(database)?.values() ?? []) {
      if (entry.generation !== writes) continue;
      keys += 1;
      weight += entry.weight;
    }
    return { keys, weight };
  }

  /** The value for this database and key: the cached one while no write went through it and it is younger than the time to live. */
  get(database: Database, key: K): Promise<T> {
    return this.entriesFor(database, [key], async (from, keys) => new Map(await Promise.all(keys.map(async (one) => [one, await this.compute(from, one)] as const))))[0]!.value;
  }

  /**
   * The values of several keys, those not kept computed together by `computeMany` in one call (one database round trip
   * instead of one per key); expired ones are answered kept and refreshed together in the background.
   */
  getAll(database: Database, keys: readonly K[], computeMany: (database: Database, keys: K[]) => Promise<Map<K, T>>): Promise<T[]> {
    return Promise.all(this.entriesFor(database, keys, computeMany).map((entry) => entry.value));
  }

  /** The entries of the keys, in their order: kept ones reused (expired ones refreshed in the background), missing ones computed. */
  private entriesFor(database: Database, keys: readonly K[], computeMany: (database: Database, keys: K[]) => Promise<Map<K, T>>): Array<Entry<T>> {
    const state = generationOf(database);
    let entries = this.entries.get(database);
    if (!entries) this.entries.set(database, (entries = new Map()));
    const keyed = entries;
    const missing: K[] = [];
    const stale: Array<[K, Entry<T>]> = [];
    // The entries answered, held here: storing many keys at once may drop earlier ones from the cache itself.
    const answered = new Map<K, Entry<T>>();
    for (const key of new Set(keys)) {
      const entry = keyed.get(key);
      if (!entry || entry.generation !== state.writes) missing.push(key);
      else {
        answered.set(key, entry);
        if (Date.now() - entry.computedAt >= this.ttlMs && !entry.refreshing) stale.push([key, entry]);
      }
    }
    const valueOf = (batch: Promise<Map<K, T>>, key: K) =>
      batch.then((values) => {
        if (!values.has(key)) throw new Error(`DerivedCache: no value was computed for ${key}`);
        return values.get(key) as T;
      });
    if (missing.length > 0) {
      const batch = computeMany(database, missing);
      for (const key of missing) {
        const fresh: Entry<T> = { generation: state.writes, computedAt: Date.now(), value: valueOf(batch, key), weight: 0 };
        fresh.value.catch(() => {
          if (keyed.get(key) === fresh) this.drop(keyed, key);
        });
        this.store(keyed, key, fresh);
        answered.set(key, fresh);
      }
    }
    if (stale.length > 0) {
      for (const [, entry] of stale) entry.refreshing = true;
      const batch = computeMany(
        database,
        stale.map(([key]) => key),
      );
      batch.then(
        () => {
          for (const [key, entry] of stale) {
            if (keyed.get(key) === entry) this.store(keyed, key, { generation: entry.generation, computedAt: Date.now(), value: valueOf(batch, key), weight: 0 });
          }
        },
        () => {
          for (const [, entry] of stale) entry.refreshing = false;
        },
      );
    }
    return keys.map((key) => answered.get(key)!);
  }

  /**
   * Keeps an entry as the most recent, dropping the oldest beyond `maxKeys`; with a weight limit, the entry's weight is
   * counted once its value is computed, and the oldest entries are dropped until the total is within the limit.
   */
  private store(entries: Map<string, Entry<T>>, key: K, entry: Entry<T>): void {
    this.drop(entries, key);
    entries.set(key, entry);
    for (const oldest of entries.keys()) {
      if (entries.size <= this.maxKeys) break;
      this.drop(entries, oldest);
    }
    const limit = this.weight;
    if (!limit) return;
    entry.value.then(
      (value) => {
        if (entries.get(key) !== entry) return;
        entry.weight = limit.of(value);
        const totals = this.totalsOf(entries);
        totals.total += entry.weight;
        for (const oldest of entries.keys()) {
          if (totals.total <= limit.max) break;
          this.drop(entries, oldest);
        }
      },
      () => undefined,
    );
  }

  private drop(entries: Map<string, Entry<T>>, key: string): void {
    const entry = entries.get(key);
    if (!entry) return;
    entries.delete(key);
    this.totalsOf(entries).total -= entry.weight;
  }

  private totalsOf(entries: Map<string, Entry<T>>): { total: number } {
    let totals = this.weights.get(entries);
    if (!totals) this.weights.set(entries, (totals = { total: 0 }));
    return totals;
  }
}
