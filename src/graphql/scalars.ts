/**
 * The schema's custom scalars (schema/base.graphql). Each checks its values on the way in (variables and
 * literals) and on the way out. The graphql package may be loaded twice in one process (its ESM and CommonJS
 * builds), so nothing here relies on `instanceof` or `isXType` across them: literals are recognised by their
 * `kind`, and Apollo copies the scalar's functions onto its own schema's type.
 */
import { GraphQLScalarType, Kind, print, type ValueNode } from 'graphql';
import type { Resolvers } from '../generated/graphql.js';
import { isCalendarDate } from '../clock.js';

/** A value a custom scalar refuses; the server reports it as BAD_USER_INPUT, naming the argument or field. */
export class InvalidScalarValueError extends Error {
  override name = 'InvalidScalarValueError';
}

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

const shown = (value: unknown) => (typeof value === 'string' ? `"${value}"` : JSON.stringify(value) ?? String(value));

/** Returns `value` when it is a calendar date string; throws InvalidScalarValueError saying what was expected otherwise. */
function calendarDateOf(value: unknown): string {
  if (typeof value !== 'string') throw new InvalidScalarValueError(`A Date is a string YYYY-MM-DD; received ${shown(value)}.`);
  if (!DATE_PATTERN.test(value)) throw new InvalidScalarValueError(`A Date is written YYYY-MM-DD (e.g. 2026-03-01); received ${shown(value)}.`);
  if (!isCalendarDate(value)) throw new InvalidScalarValueError(`${shown(value)} is not a real calendar date.`);
  return value;
}

/** `Date`: an ISO-8601 calendar date, `YYYY-MM-DD`, checked against the calendar. */
export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: 'An ISO-8601 calendar date, `YYYY-MM-DD`.',
  serialize: (value) => {
    if (typeof value === 'string' && isCalendarDate(value)) return value;
    throw new Error(`A stored Date value is not a calendar date: ${shown(value)}`);
  },
  parseValue: calendarDateOf,
  parseLiteral: (ast: ValueNode) => {
    if (ast.kind !== Kind.STRING) throw new InvalidScalarValueError(`A Date is a string YYYY-MM-DD; received ${print(ast)}.`);
    return calendarDateOf(ast.value);
  },
});

/** The custom scalars' resolvers, one per `scalar` of the SDL. */
export const scalarResolvers: Resolvers = { Date: DateScalar };
