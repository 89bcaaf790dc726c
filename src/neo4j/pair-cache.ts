/**
 * Values derived from a database per pair of keys — a candidate and a topic, say — kept as `DerivedCache` keeps its
 * values: until a write by this process (seen at once) or by another writer (seen within about 2 s) changes the
 * database's generation; past a time to live (a safety net) a row is still answered while it is read again in the
 * background, and replaced once read (one such read at a time per database: the rows of one request; the others past
 * their time wait for a later request). Pairs are kept in rows (one per first key), so a request asking for a hundred
 * candidates on two hundred topics looks up twenty thousand pairs without twenty thousand entries of their own; the
 * pairs not kept are read together, in one call, for the rows that miss any of them.
 *
 * Memory: the kept values weigh at most `maxWeight` in all (per database), the rows least recently used dropped first.
 * With an `empty` value (most pairs of a sparse relation — a candidate with no patent on a topic — have it), a row does
 * not hold an entry per empty pair: it holds the columns of each read that gave it one, a set shared by all the rows of
 * that read.
 */
import type { Database } from './database.js';
import { writesSeen } from './derived-cache.js';

interface Row<V> {
  computedAt: number;
  /** The values read, but for empty ones. */
  values: Map<string, V>;
  /** The columns of the reads of this row that gave it an empty value (shared with the other rows of each read). */
  read: Array<ReadonlySet<string>>;
  weight: number;
  /** Set while the row, past its time to live, is read again in the background. */
  refreshing?: boolean;
  /**
   * Sets of columns found all held by the row (their numbers, see `columnSetId`; at most `COVERED_PER_ROW`, then
   * forgotten together): asked again, such a set is not checked column by column.
   */
  covered?: Set<number>;
}

/** Past this many reads a row gathers the columns of its reads into one set of its own. */
const READS_PER_ROW = 4;

/** Sets of columns asked for, numbered (a row remembers those it was found to hold); at most this many at once. */
const COLUMN_SETS_NUMBERED = 1_000;
/** A row remembers at most this many sets of columns it holds (the needs it is a candidate for, say). */
const COVERED_PER_ROW = 64;

interface State<V> {
  generation: number;
  rows: Map<string, Row<V>>;
  weight: number;
  /** Set while rows past their time to live are read again in the background: one such read at a time (see `DerivedCache`). */
  refreshing?: boolean;
}

/** Reads the values of every pair of `rows` × `columns` (the pairs without a value get the reader's empty value). */
export type PairReader<V> = (database: Database, rows: string[], columns: string[]) => Promise<(row: string, column: string) => V>;

export class PairCache<V> {
  private readonly states = new WeakMap<Database, State<V>>();
  private readonly columnSets = new Map<string, number>();
  private columnSetsNumbered = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly weightOf: (value: V) => number,
    private readonly maxWeight: number,
    private readonly empty?: V,
  ) {}

  /** The number of rows and pairs kept for the database, and their weight (for tests and diagnostics). */
  kept(database: Database): { rows: number; pairs: number; weight: number } {
    const state = this.states.get(database);
    if (!state || state.generation !== writesSeen(database)) return { rows: 0, pairs: 0, weight: 0 };
    let pairs = 0;
    for (const row of state.rows.values()) pairs += this.columnsOf(row).length;
    return { rows: state.rows.size, pairs, weight: state.weight };
  }

  /**
   * The values of `rows` × `columns`, per row then column — but for pairs with the empty value, which are left out: the
   * kept ones reused, the others read by `read` in one call.
   */
  async getAll(database: Database, rows: readonly string[], columns: readonly string[], read: PairReader<V>): Promise<Map<string, Map<string, V>>> {
    const state = this.stateOf(database);
    const generation = state.generation;
    const startedAt = Date.now();
    const answer = new Map<string, Map<string, V>>();
    const missingRows: string[] = [];
    const missingColumns = new Set<string>();
    const staleRows: string[] = [];
    const columnSet = new Set(columns);
    const uniqueColumns = [...columnSet];
    const columnsKey = this.columnSetId(uniqueColumns);
    for (const key of new Set(rows)) {
      const row = state.rows.get(key);
      if (row) {
        // Most recently used last: the first rows are the ones dropped when the weight runs over.
        state.rows.delete(key);
        state.rows.set(key, row);
        if (startedAt - row.computedAt >= this.ttlMs && !row.refreshing && !state.refreshing) {
          row.refreshing = true;
          staleRows.push(key);
        }
      }
      const values = new Map<string, V>();
      answer.set(key, values);
      if (row?.covered?.has(columnsKey)) {
        // Every column known: only the row's values among them are looked at (a hub's row is met again and again).
        if (row.values.size <= uniqueColumns.length) {
          for (const [column, value] of row.values) if (columnSet.has(column)) values.set(column, value);
        } else {
          for (const column of uniqueColumns) {
            const value = row.values.get(column);
            if (value !== undefined) values.set(column, value);
          }
        }
        continue;
      }
      let missing = false;
      for (const column of uniqueColumns) {
        const value = row ? this.valueIn(row, column) : undefined;
        if (value === undefined) {
          missing = true;
          missingColumns.add(column);
        } else if (value !== this.empty) values.set(column, value);
      }
      if (missing) missingRows.push(key);
      else if (row) {
        if (!row.covered || row.covered.size >= COVERED_PER_ROW) row.covered = new Set();
        row.covered.add(columnsKey);
      }
    }
    if (staleRows.length > 0) {
      // One background read at a time: rows found past their time meanwhile are answered as kept, refreshed by a later request.
      state.refreshing = true;
      this.refresh(database, state, staleRows, read);
    }
    if (missingRows.length === 0) return answer;

    const readColumns = uniqueColumns.filter((column) => missingColumns.has(column));
    const valueOf = await read(database, missingRows, readColumns);
    for (const key of missingRows) {
      const values = answer.get(key)!;
      for (const column of readColumns) {
        if (values.has(column)) continue;
        const value = valueOf(key, column);
        if (this.empty === undefined || value !== this.empty) values.set(column, value);
      }
    }
    // A write that went through the database meanwhile makes what was read possibly stale: answered, not kept.
    if (this.states.get(database) === state && writesSeen(database) === generation) this.keep(state, missingRows, readColumns, valueOf, startedAt, false);
    return answer;
  }

  /**
   * Keeps what one read gave for `rows` × `columns`: into the rows kept (the pairs they lack), or into fresh rows that
   * replace them (a refresh); then drops the least recently used rows past the weight limit.
   */
  private keep(state: State<V>, rows: readonly string[], columns: readonly string[], valueOf: (row: string, column: string) => V, readAt: number, replace: boolean): void {
    const readSet: ReadonlySet<string> = new Set(columns);
    for (const key of rows) {
      if (replace) this.drop(state, key);
      let row = state.rows.get(key);
      if (!row) state.rows.set(key, (row = { computedAt: readAt, values: new Map(), read: [], weight: 0 }));
      let emptyRead = false;
      for (const column of columns) {
        if (this.valueIn(row, column) !== undefined) continue;
        const value = valueOf(key, column);
        const weight = this.weightOf(value);
        if (this.empty !== undefined && value === this.empty) emptyRead = true;
        else row.values.set(column, value);
        row.weight += weight;
        state.weight += weight;
      }
      if (emptyRead) {
        row.read.push(readSet);
        if (row.read.length > READS_PER_ROW) row.read = [new Set(row.read.flatMap((read) => [...read]))];
      }
    }
    for (const oldest of state.rows.keys()) {
      if (state.weight <= this.maxWeight) break;
      this.drop(state, oldest);
    }
  }

  /** Reads rows past their time to live again (every column they hold) in the background, and replaces them once read. */
  private refresh(database: Database, state: State<V>, rows: string[], read: PairReader<V>): void {
    const generation = state.generation;
    const readAt = Date.now();
    const columns = [...new Set(rows.flatMap((key) => this.columnsOf(state.rows.get(key))))];
    const settled = () => {
      state.refreshing = false;
      for (const key of rows) {
        const row = state.rows.get(key);
        if (row) row.refreshing = false;
      }
    };
    // A failed refresh keeps the rows as they are (tried again by the next request past their time to live).
    read(database, rows, columns)
      .then((valueOf) => {
        // Rows dropped meanwhile stay dropped; a write meanwhile emptied the cache (nothing to replace).
        if (this.states.get(database) !== state || writesSeen(database) !== generation) return;
        this.keep(
          state,
          rows.filter((key) => state.rows.has(key)),
          columns,
          valueOf,
          readAt,
          true,
        );
      })
      .catch(() => undefined)
      .finally(settled);
  }

  /**
   * The number of a set of columns (in the order asked): the same set asked again gets the same number until
   * `COLUMN_SETS_NUMBERED` sets have been numbered; then numbering starts afresh, never reusing a number.
   */
  private columnSetId(columns: readonly string[]): number {
    const key = columns.join('\u0000');
    let id = this.columnSets.get(key);
    if (id === undefined) {
      if (this.columnSets.size >= COLUMN_SETS_NUMBERED) this.columnSets.clear();
      this.columnSets.set(key, (id = ++this.columnSetsNumbered));
    }
    return id;
  }

  /** The columns a row holds a value for (empty ones included). */
  private columnsOf(row: Row<V> | undefined): string[] {
    return row ? [...new Set([...row.values.keys(), ...row.read.flatMap((read) => [...read])])] : [];
  }

  /** A row's value for a column: kept, empty (read, none kept), or undefined (not read). */
  private valueIn(row: Row<V>, column: string): V | undefined {
    const value = row.values.get(column);
    if (value !== undefined || this.empty === undefined) return value;
    return row.read.some((columns) => columns.has(column)) ? this.empty : undefined;
  }

  /** The database's state, emptied when a write went through it since. */
  private stateOf(database: Database): State<V> {
    const generation = writesSeen(database);
    let state = this.states.get(database);
    if (!state || state.generation !== generation) {
      state = { generation, rows: new Map(), weight: 0 };
      this.states.set(database, state);
    }
    return state;
  }

  private drop(state: State<V>, key: string): void {
    const row = state.rows.get(key);
    if (!row) return;
    state.rows.delete(key);
    state.weight -= row.weight;
  }
}
