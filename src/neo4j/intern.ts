/**
 * One copy of equal strings, string lists and small values among values kept long (the matcher's kept holders,
 * evidence and candidate details): every row read from Neo4j arrives with strings of its own, so the same candidate id,
 * topic id, title or kind repeated over a hundred thousand kept rows would be as many copies.
 *
 * Shared lists and values must not be changed by whoever receives them (copy first). Bounded: past `max` entries the
 * tables start again empty (what was shared stays shared; later reads share among themselves).
 */
export class Interner {
  private strings = new Map<string, string>();
  private values = new Map<string, unknown>();

  constructor(private readonly max = 200_000) {}

  /** The kept copy of a string equal to `value` (this one, kept, when it is the first). */
  string(value: string): string {
    const kept = this.strings.get(value);
    if (kept !== undefined) return kept;
    if (this.strings.size >= this.max) this.strings = new Map();
    this.strings.set(value, value);
    return value;
  }

  /** `string`, passing null and undefined through. */
  optional<T extends string | null | undefined>(value: T): T {
    return typeof value === 'string' ? (this.string(value) as T) : value;
  }

  /** A shared list equal to `values` (its strings shared too); never to be changed. */
  list(values: readonly string[]): string[] {
    return this.shared(`list\u0000${values.join('\u0000')}`, () => values.map((value) => this.string(value)));
  }

  /** The value kept under `key`, made by `make` the first time. */
  shared<T>(key: string, make: () => T): T {
    if (this.values.has(key)) return this.values.get(key) as T;
    if (this.values.size >= this.max) this.values = new Map();
    const value = make();
    this.values.set(key, value);
    return value;
  }
}
