/**
 * Validation of rows at the repository boundary: a repository states the shape of what its Cypher returns as a
 * schema, and callers get that type, checked, instead of `Record<string, unknown>` cast into shape.
 */
import { z } from 'zod';
import { NODE_KINDS, RELATIONSHIP_TYPE_NAMES } from './kinds.js';
import { STORED_ENUMS } from './properties.js';
import { withoutDerivedRelationshipProperties } from './derived.js';

/** An entity as `entityProjection` returns it (see EntityModel): its kind, its id and any other properties. */
export const entitySchema = z.object({ nodeKind: z.enum(NODE_KINDS), id: z.string() }).catchall(z.unknown());

/** A relationship as `{type: type(r), from: a.id, to: b.id, properties: properties(r)}` returns it, without the properties the graph derives. */
export const graphEdgeSchema = z.object({
  type: z.enum(RELATIONSHIP_TYPE_NAMES),
  from: z.string(),
  to: z.string(),
  properties: z.record(z.string(), z.unknown()).transform(withoutDerivedRelationshipProperties),
});

/** A count as `count(…)` returns it (an integer, converted). */
export const countSchema = z.object({ total: z.number().int().nonnegative() });

/** Stored enum values as row fields. */
export const storedEnum = <TName extends keyof typeof STORED_ENUMS>(name: TName) => z.enum(STORED_ENUMS[name]);

/** The rows, each checked against `schema`; a row that does not fit is a bug in the query and throws, naming `what`. */
export function parseRows<TSchema extends z.ZodType>(schema: TSchema, rows: readonly unknown[], what: string): Array<z.output<TSchema>> {
  return rows.map((row, index) => {
    const parsed = schema.safeParse(row);
    if (!parsed.success) throw new Error(`${what}: row ${index} does not have the expected shape: ${z.prettifyError(parsed.error)}`);
    return parsed.data;
  });
}
