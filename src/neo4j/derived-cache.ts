/**
 * A value derived from a whole database (a vocabulary, the default county…), computed once and shared by requests.
 *
 * Invalidation: a generation counter per database, bumped by every write that goes through it (any mutation, import or
 * migration: `Database` reports each write round trip to its listeners), so this process always sees its own writes at
 * the next request; and by any transaction another writer committed (another server behind the load balancer, `kg
 * import` run beside the server, a tool): at most every `CHANGE_CHECK_MS` a cache's access has the database's last
 * commit probed (`Database.lastChange`, one `RETURN 1`), and a token that moved for a reason other than this process's
 * writes bumps the generation — so other processes' writes are seen within about two seconds, and a graph that did not
 * change is never read again for it. A time to live remains as a safety net (values are read again in the background
 * past it): one such background computation at a time per cache and database — after a quiet while, a burst of
 * requests finds every value past its time and, refreshed all at once, they took the database from the requests
 * (measured at 100k with a 60 s time to live: 4 requests/s instead of 74, p95 5.5 s); the values past their time
 * meanwhile are answered as kept and refreshed by a later request. A failed computation is not kept: the next caller
 * tries again.
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
  /** The value, once computed (see `ready`). */
  settled?: { value: T };
}

/** A bound on the total weight of the values kept per database (a count of rows, say), besides the count of keys. */
export interface WeightLimit<T> {
  of: (value: T) => number;
  max: number;
}

/** How often, at most, the database's last commit is probed for other writers' changes. */
export const CHANGE_CHECK_MS = 2_000;

/**
 * The time to live of the kept values of the services (matching, chains, links, list totals): a safety net only —
 * changes by this process and other writers are seen through the generation — so long enough that reading the kept
 * values again in the background is rare work.
 */
export const KEPT_VALUES_TTL_MS = 10 * 60_000;

/** The generation of a database's derived values, and the bookkeeping of its change probes. */
interface Generation {
  /** Bumped by each write round trip of this process and each change by another writer: the caches' generation. */
  writes: number;
  /** The last commit's token as last probed; undefined until the first probe (or a local write) sets a baseline. */
  token?: string;
  /** Set by a local write: the next probe only records the token (the write already bumped the generation). */
  rebase: boolean;
  /** Local writes counted, so that a probe that began before one does not count that write as another writer's. */
  localWrites: number;
  checkedAt: number;
  probing: boolean;
  /** Another probe is wanted once the one in flight is done. */
  again: boolean;
}

/** Per database, one listener for every cache and one probe at a time. */
const generations = new WeakMap<Database, Generation>();

function generationOf(database: Database): Generation {
  let state = generations.get(database);
  if (!state) {
    const created: Generation = { writes: 0, rebase: true, localWrites: 0, checkedAt: 0, probing: false, again: false };
    database.onQuery((event) => {
      if (event.mode === 'READ') return;
      // A write of derived values moves the last commit's token like any local write, but changes no kept value.
      if (event.mode === 'WRITE') created.writes += 1;
      created.localWrites += 1;
      created.rebase = true;
      probe(database, created);
    });
    generations.set(database, created);
    state = created;
  }
  if (Date.now() - state.checkedAt >= CHANGE_CHECK_MS) probe(database, state);
  return state;
}

/** Probes the last commit (one probe at a time) and bumps the generation when another writer committed since the last probe. */
function probe(database: Database, state: Generation): void {
  if (state.probing) {
    state.again = true;
    return;
  }
  state.probing = true;
  state.checkedAt = Date.now();
  const localWrites = state.localWrites;
  database
    .lastChange()
    .then(
      (token) => {
        // A local write during the probe: its token may or may not include that write; the next probe decides.
        if (localWrites !== state.localWrites) state.again = true;
        else if (state.rebase || state.token === undefined) {
          state.token = token;
          state.rebase = false;
        } else if (token !== state.token) {
          state.token = token;
          state.writes += 1;
        }
      },
      () => undefined,
    )
    .finally(() => {
      state.probing = false;
      if (state.again) {
        state.again = false;
        probe(database, state);
      }
    });
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
  /** The databases (their entries) with a background refresh in flight: at most one each. */
  private readonly refreshing = new WeakSet<Map<string, Entry<T>>>();

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

  /** The number of values kept for the database that are computed and still valid (see `ready`). */
  settled(database: Database): number {
    const writes = generationOf(database).writes;
    return [...(this.entries.get(database)?.values() ?? [])].filter((entry) => entry.generation === writes && entry.settled).length;
  }

  /** The value for this database and key: the cached one while no write went through it and it is younger than the time to live. */
  get(database: Database, key: K): Promise<T> {
    return this.entriesFor(database, [key], async (from, keys) => new Map(await Promise.all(keys.map(async (one) => [one, await this.compute(from, one)] as const))))[0]!.value;
  }

  /**
   * The value kept for the key when it is computed and still valid (no write since), without waiting or computing
   * anything; undefined otherwise. For a caller that has a slower way to answer meanwhile (see `facets.ts`).
   */
  ready(database: Database, key: K): { value: T } | undefined {
    const entry = this.entries.get(database)?.get(key);
    return entry && entry.generation === generationOf(database).writes ? entry.settled : undefined;
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
        if (Date.now() - entry.computedAt >= this.ttlMs && !entry.refreshing && !this.refreshing.has(keyed)) stale.push([key, entry]);
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
      this.refreshing.add(keyed);
      const batch = computeMany(
        database,
        stale.map(([key]) => key),
      );
      batch
        .then(
          () => {
            for (const [key, entry] of stale) {
              if (keyed.get(key) === entry) this.store(keyed, key, { generation: entry.generation, computedAt: Date.now(), value: valueOf(batch, key), weight: 0 });
            }
          },
          () => {
            for (const [, entry] of stale) entry.refreshing = false;
          },
        )
        .finally(() => this.refreshing.delete(keyed));
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
    entry.value.then(
      (value) => {
        entry.settled = { value };
        const limit = this.weight;
        if (!limit || entries.get(key) !== entry) return;
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

/**
 * The questions asked lately of a database (at most `limit`, the least recent dropped first), each with the function
 * that asks it again: what the server prepares again once a change dropped their kept answers (see `src/keep-warm.ts`).
 * Asking again through that function is not noted as asked: the list holds the questions users asked last, not those
 * the server asked itself, and one nobody asks any more leaves it as newer ones come.
 */
export class RecentlyAsked {
  private readonly asked = new WeakMap<Database, Map<string, () => Promise<unknown>>>();

  constructor(private readonly limit: number) {}

  note(database: Database, key: string, ask: () => Promise<unknown>): void {
    let questions = this.asked.get(database);
    if (!questions) this.asked.set(database, (questions = new Map()));
    questions.delete(key);
    questions.set(key, ask);
    for (const oldest of questions.keys()) {
      if (questions.size <= this.limit) break;
      questions.delete(oldest);
    }
  }

  /**
   * Asks each question again (but those of `done`, answered already), the most recent first, one at a time; a question
   * that fails is left out. Returns how many were answered.
   */
  async askAgain(database: Database, done: ReadonlySet<string> = new Set()): Promise<number> {
    let answered = 0;
    for (const [key, ask] of [...(this.asked.get(database)?.entries() ?? [])].reverse()) {
      if (done.has(key)) continue;
      answered += await ask().then(
        () => 1,
        () => 0,
      );
    }
    return answered;
  }
}
