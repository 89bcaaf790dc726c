import neo4j, { isDate, isDateTime, isInt, isLocalDateTime, isNode, isRelationship, type Integer } from 'neo4j-driver';

/** Converts a value read from Neo4j into plain JSON-friendly JavaScript: Integers become numbers, temporals ISO strings. */
export function toNative(value: unknown): unknown {
  if (value === null || value === undefined) return value ?? null;
  if (isInt(value)) return toSafeNumber(value as Integer);
  if (isDate(value as object) || isDateTime(value as object) || isLocalDateTime(value as object)) return String(value);
  if (Array.isArray(value)) return value.map(toNative);
  if (typeof value === 'object') {
    if (isNode(value as object) || isRelationship(value as object)) return toNative((value as { properties: unknown }).properties);
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([key, item]) => [key, toNative(item)]));
  }
  return value;
}

function toSafeNumber(value: Integer): number {
  if (!neo4j.integer.inSafeRange(value)) throw new RangeError(`Integer ${value.toString()} is outside JavaScript's safe range`);
  return value.toNumber();
}

/** A Neo4j Integer for LIMIT/SKIP and other parameters that must not be sent as floats. */
export function cypherInt(value: number): Integer {
  return neo4j.int(Math.trunc(value));
}
