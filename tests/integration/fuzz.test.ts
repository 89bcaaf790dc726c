import fc from 'fast-check';
import {
  buildASTSchema,
  concatAST,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  parse,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { loadTypeDefs } from '../../src/graphql/schema.js';
import { tokenFor, useTestService } from '../support/graphql-client.js';

const schema = buildASTSchema(concatAST(loadTypeDefs().map((source) => parse(source))));

/** Strings an attacker would try: Cypher, Lucene, JSON and GraphQL syntax, odd Unicode, and sizes. */
const INJECTIONS = [
  "'",
  '"',
  '\\',
  "' OR 1=1 //",
  '"}) MATCH (n) DETACH DELETE n //',
  'MATCH (n) DETACH DELETE n',
  '`) DETACH DELETE n //',
  '{}',
  '{{}}',
  '${process.env}',
  '*:*',
  'name:* OR description:*',
  'a~ AND b^10 OR "c" NOT d [1 TO 5] /regex/',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfffy',
  '\u202eevil\u202c',
  '<script>alert(1)</script>',
  '=HYPERLINK("http://evil.example")',
  '../../../../etc/passwd',
  ' ',
  '',
  '老腊肉'.repeat(2_000),
  'x'.repeat(1024 * 1024),
];

const payloads = fc.oneof(fc.constantFrom(...INJECTIONS), fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 40 }));

/** A value for a required argument that is not the one under test: the simplest valid-looking value of its type. */
function plainValue(type: GraphQLInputType, fill: string): unknown {
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner)) return [plainValue(inner.ofType, fill)];
  if (isEnumType(inner)) return inner.getValues()[0]!.name;
  if (isInputObjectType(inner)) {
    return Object.fromEntries(
      Object.values(inner.getFields())
        .filter((field) => isNonNullType(field.type) && field.defaultValue === undefined)
        .map((field) => [field.name, plainValue(field.type, fill)]),
    );
  }
  if (isScalarType(inner)) {
    if (inner.name === 'Int') return 1;
    if (inner.name === 'Float') return 1.5;
    if (inner.name === 'Boolean') return false;
    if (inner.name === 'Date') return '2026-01-01';
    return fill;
  }
  return fill;
}

/** Every place a string goes in an argument: the argument itself, or a path into its input object (one level). */
interface StringSlot {
  argument: GraphQLArgument;
  path: string[];
}

function stringSlots(field: GraphQLField<unknown, unknown>): StringSlot[] {
  return field.args.flatMap((argument) => {
    const named = getNamedType(argument.type);
    if (isScalarType(named) && (named.name === 'String' || named.name === 'ID')) return [{ argument, path: [] }];
    if (isInputObjectType(named)) {
      return Object.values(named.getFields())
        .filter((inputField) => {
          const inner = getNamedType(inputField.type);
          return isScalarType(inner) && (inner.name === 'String' || inner.name === 'ID' || inner.name === 'Date');
        })
        .map((inputField) => ({ argument, path: [inputField.name] }));
    }
    return [];
  });
}

/** The document and variables that put `payload` into one slot of `field`, every other required argument plain. */
function operationFor(kind: 'query' | 'mutation', field: GraphQLField<unknown, unknown>, slot: StringSlot, payload: string) {
  const variables: Record<string, unknown> = {};
  for (const argument of field.args) {
    if (argument === slot.argument) continue;
    if (isNonNullType(argument.type) && argument.defaultValue === undefined) variables[argument.name] = plainValue(argument.type, 'x');
  }
  const wrap = (value: unknown) => (isListType(isNonNullType(slot.argument.type) ? slot.argument.type.ofType : slot.argument.type) ? [value] : value);
  if (slot.path.length === 0) variables[slot.argument.name] = wrap(payload);
  else {
    const base = plainValue(slot.argument.type, 'x');
    const object = (Array.isArray(base) ? base[0] : base) as Record<string, unknown>;
    const inputType = getNamedType(slot.argument.type);
    const target = isInputObjectType(inputType) ? inputType.getFields()[slot.path[0]!] : undefined;
    object[slot.path[0]!] = target && isListType(isNonNullType(target.type) ? target.type.ofType : target.type) ? [payload] : payload;
    variables[slot.argument.name] = Array.isArray(base) ? [object] : object;
  }
  const declared = field.args.filter((argument) => argument.name in variables);
  const signature = declared.length > 0 ? `(${declared.map((argument) => `$${argument.name}: ${String(argument.type)}`).join(', ')})` : '';
  const call = declared.length > 0 ? `(${declared.map((argument) => `${argument.name}: $${argument.name}`).join(', ')})` : '';
  return { query: `${kind} Fuzz${signature} { result: ${field.name}${call} { __typename } }`, variables };
}

/** Error codes that say "your input was wrong" or "refused": anything else (INTERNAL_SERVER_ERROR…) is a defect. */
const TYPED_CODES = new Set(['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED', 'NOT_FOUND', 'QUERY_TOO_COMPLEX', 'PAYLOAD_TOO_LARGE', 'BAD_REQUEST', 'GRAPHQL_PARSE_FAILED']);

describe('every string argument of every query and mutation, driven with injection payloads (fast-check)', () => {
  const suite = useTestService();

  async function fingerprint(): Promise<unknown> {
    const [nodes] = await suite.database.read('MATCH (n:Entity) RETURN count(n) AS nodes, sum(size(keys(n))) AS properties');
    const [relationships] = await suite.database.read('MATCH (:Entity)-[r]->(:Entity) RETURN count(r) AS relationships, sum(size(keys(r))) AS properties');
    return { nodes, relationships };
  }

  async function expectTypedAnswer(body: { query: string; variables: Record<string, unknown> }, token: string, payload: string): Promise<void> {
    const response = await suite.service.post(body, { token });
    expect(response.status, body.query).toBeLessThan(500);
    const answer = (await response.json()) as { data?: unknown; errors?: Array<{ message: string; extensions?: { code?: string } }> };
    for (const error of answer.errors ?? []) {
      expect(TYPED_CODES.has(error.extensions?.code ?? ''), `${body.query} ${JSON.stringify(error)}`).toBe(true);
      // The message may quote the input back; beyond that it shows no Cypher, driver error or stack.
      expect(error.message.split(payload).join('')).not.toMatch(/MATCH |RETURN |Neo4jError|at .*\.ts:\d+/);
    }
    if (!answer.errors) expect(answer.data).toBeDefined();
  }

  it('queries answer a normal result or a typed error, and never change the graph', async () => {
    const token = await tokenFor('admin', 'fuzz-queries');
    const before = await fingerprint();
    const fields = Object.values(schema.getQueryType()!.getFields()).flatMap((field) => stringSlots(field).map((slot) => ({ field, slot })));
    expect(fields.length).toBeGreaterThan(30);
    for (const { field, slot } of fields) {
      await fc.assert(
        fc.asyncProperty(payloads, async (payload) => expectTypedAnswer(operationFor('query', field, slot, payload), token, payload)),
        { numRuns: 4, seed: 20261130 },
      );
    }
    expect(await fingerprint()).toEqual(before);
  }, 300_000);

  it('mutations answer a normal result, userErrors or a typed error; whatever they create is removed after', async () => {
    const subject = `fuzz-mutations-${Date.now()}`;
    const token = await tokenFor('admin', subject);
    const before = await fingerprint();
    const fields = Object.values(schema.getMutationType()!.getFields()).flatMap((field) => stringSlots(field).map((slot) => ({ field, slot })));
    expect(fields.length).toBeGreaterThan(30);
    try {
      for (const { field, slot } of fields) {
        await fc.assert(
          fc.asyncProperty(payloads, async (payload) => expectTypedAnswer(operationFor('mutation', field, slot, payload), token, payload)),
          { numRuns: 3, seed: 20261130 },
        );
      }
    } finally {
      // Whatever the fuzzer managed to create is found through the audit log and removed.
      await suite.database.write(
        `MATCH (c:Change {actor: $subject}) WHERE c.action = 'CREATE' MATCH (n:Entity {id: c.entityId}) DETACH DELETE n`,
        { subject },
      );
      await suite.database.write('MATCH (c:Change {actor: $subject}) DELETE c', { subject });
    }
    expect(await fingerprint()).toEqual(before);
  }, 300_000);
});
