import neo4j, { isDate, isDateTime, isInt, isLocalDateTime, isNode, isRelationship, type Integer, type QueryResult, type Record as Neo4jRecord } from 'neo4j-driver';

/**
 * Converts a value read from Neo4j into plain JSON-friendly JavaScript: Integers become numbers, temporals ISO strings.
 * Maps and lists (plain objects and arrays, freshly built by the driver for this result and held by nothing else) are
 * converted in place, key by key, without asking what kind of value they are: a nested read of a few hundred maps and
 * lists is most of what a list with nested relations returns, and copying it doubled what each request allocated.
 */
export function toNative(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index += 1) {
      const item: unknown = value[index];
      if (item === undefined) value[index] = null;
      else if (item !== null && typeof item === 'object') value[index] = toNative(item);
    }
    return value;
  }
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype === Object.prototype || prototype === null) {
    const map = value as Record<string, unknown>;
    for (const key of Object.keys(map)) {
      const item = map[key];
      if (item === undefined) map[key] = null;
      else if (item !== null && typeof item === 'object') map[key] = toNative(item);
    }
    return map;
  }
  if (isInt(value)) return toSafeNumber(value);
  if (isDate(value) || isDateTime(value) || isLocalDateTime(value)) return String(value);
  if (isNode(value) || isRelationship(value)) return toNative({ ...value.properties });
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, toNative(item)]));
}

/** A record as a plain row: its fields by name, each converted by toNative. */
export function rowOf(record: Neo4jRecord): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const key of record.keys) row[String(key)] = toNative(record.get(key));
  return row;
}

/** The records of a result run in a transaction, as plain rows, for `parseRows`. */
export function recordsOf(result: QueryResult): Array<Record<string, unknown>> {
  return result.records.map(rowOf);
}

function toSafeNumber(value: Integer): number {
  if (!neo4j.integer.inSafeRange(value)) throw new RangeError(`Integer ${value.toString()} is outside JavaScript's safe range`);
  return value.toNumber();
}

/** A Neo4j Integer for LIMIT/SKIP and other parameters that must not be sent as floats. */
export function cypherInt(value: number): Integer {
  return neo4j.int(Math.trunc(value));
}
