import neo4j, { isDate, isDateTime, isInt, isLocalDateTime, isNode, isRelationship, type Integer, type QueryResult, type Record as Neo4jRecord } from 'neo4j-driver';

/**
 * Converts a value read from Neo4j into plain JSON-friendly JavaScript: Integers become numbers, temporals ISO strings.
 * Maps and lists (plain objects and arrays as the driver builds them) are copied key by key without asking what
 * kind of value they are: a nested read of a few hundred maps is most of what a list with nested relations returns.
 */
export function toNative(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const copy = new Array<unknown>(value.length);
    for (let index = 0; index < value.length; index += 1) copy[index] = toNative(value[index]);
    return copy;
  }
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype === Object.prototype || prototype === null) {
    const copy: Record<string, unknown> = {};
    for (const key of Object.keys(value)) copy[key] = toNative((value as Record<string, unknown>)[key]);
    return copy;
  }
  if (isInt(value)) return toSafeNumber(value);
  if (isDate(value) || isDateTime(value) || isLocalDateTime(value)) return String(value);
  if (isNode(value) || isRelationship(value)) return toNative(value.properties);
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
