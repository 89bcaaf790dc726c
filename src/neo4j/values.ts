import neo4j, { isDate, isDateTime, isInt, isLocalDateTime, isNode, isRelationship, type Integer, type QueryResult, type Record as Neo4jRecord } from 'neo4j-driver';

/** Converts a value read from Neo4j into plain JSON-friendly JavaScript: Integers become numbers, temporals ISO strings. */
export function toNative(value: unknown): unknown {
  if (value === null || value === undefined) return value ?? null;
  if (isInt(value)) return toSafeNumber(value);
  if (Array.isArray(value)) return value.map(toNative);
  if (typeof value === 'object') {
    if (isDate(value) || isDateTime(value) || isLocalDateTime(value)) return String(value);
    if (isNode(value) || isRelationship(value)) return toNative(value.properties);
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, toNative(item)]));
  }
  return value;
}

/** A record as a plain row: its fields by name, each converted by toNative. */
export function rowOf(record: Neo4jRecord): Record<string, unknown> {
  return Object.fromEntries(record.keys.map((key) => [String(key), toNative(record.get(key))]));
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
