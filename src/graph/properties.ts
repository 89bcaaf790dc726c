/**
 * Typed reads of entity properties (an EntityModel holds them as `unknown`). Enum-valued properties are checked
 * against their closed set here, so resolvers return the enum's type, not `string`; the importer only writes
 * values of these sets, so a value outside one is a data error and is reported, never passed on silently.
 */
import { ENUMS } from './format.js';
import type { EntityModel } from './entity.js';

/** The closed sets of stored enum values, as the importer validates them. */
export const STORED_ENUMS = ENUMS;

/** A value of one of the stored enums, e.g. `StoredEnumValue<'ExpertiseLevel'>`. */
export type StoredEnumValue<TName extends keyof typeof STORED_ENUMS> = (typeof STORED_ENUMS)[TName][number];

function describe(value: unknown): string {
  return typeof value === 'string' ? `"${value}"` : JSON.stringify(value) ?? String(value);
}

/** The value if it is one of `allowed`, null when absent; anything else throws. */
export function enumValue<TValue extends string>(value: unknown, allowed: readonly TValue[], what: string): TValue | null {
  if (value === null || value === undefined) return null;
  const found = allowed.find((candidate) => candidate === value);
  if (found === undefined) throw new Error(`${what}: expected one of ${allowed.join(', ')}, got ${describe(value)}`);
  return found;
}

/** A list whose items are each one of `allowed`; absent is the empty list. */
export function enumList<TValue extends string>(value: unknown, allowed: readonly TValue[], what: string): TValue[] {
  if (value === null || value === undefined) return [];
  if (!Array.isArray(value)) throw new Error(`${what}: expected a list, got ${describe(value)}`);
  return value.map((item) => {
    const checked = enumValue(item, allowed, what);
    if (checked === null) throw new Error(`${what}: a list item is null`);
    return checked;
  });
}

/** A numeric property as a number, null when absent; anything else throws. */
export function numberValue(value: unknown, what: string): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'number') throw new Error(`${what}: expected a number, got ${describe(value)}`);
  return value;
}

/** A list of strings (e.g. aliases); absent is the empty list; anything else throws. */
export function stringList(value: unknown, what: string): string[] {
  if (value === null || value === undefined) return [];
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) throw new Error(`${what}: expected a list of strings, got ${describe(value)}`);
  return value;
}

/** An entity's aliases (empty when it has none). */
export const aliasesOf = (entity: EntityModel): string[] => stringList(entity.aliases, `${entity.nodeKind} ${entity.id}: aliases`);

/** A numeric property the schema declares non-null; absent or not a number throws. */
export function requiredNumber(value: unknown, what: string): number {
  const found = numberValue(value, what);
  if (found === null) throw new Error(`${what}: expected a number, but it is absent`);
  return found;
}
