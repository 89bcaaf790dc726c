import { describe, expect, it } from 'vitest';
import {
  buildASTSchema,
  concatAST,
  getNamedType,
  isInterfaceType,
  isLeafType,
  isNonNullType,
  isObjectType,
  isUnionType,
  parse,
  type GraphQLField,
  type GraphQLObjectType,
} from 'graphql';
import { loadTypeDefs } from '../../src/graphql/schema.js';
import { useTestService } from '../support/graphql-client.js';

const schema = buildASTSchema(concatAST(loadTypeDefs().map((source) => parse(source))));

/** A selection of every field of a type that needs no argument: leaves as they are, objects by their typename or count. */
function selectionOf(type: GraphQLObjectType): string {
  const fields = Object.values(type.getFields()).filter((field: GraphQLField<unknown, unknown>) => field.args.every((arg) => !isNonNullType(arg.type) || arg.defaultValue !== undefined));
  return fields
    .map((field) => {
      const named = getNamedType(field.type);
      if (isLeafType(named)) return field.name;
      if (isObjectType(named) && named.getFields().totalCount) return `${field.name} { totalCount pageInfo { hasNextPage } }`;
      if (isObjectType(named) || isInterfaceType(named) || isUnionType(named)) return `${field.name} { __typename }`;
      return field.name;
    })
    .join(' ');
}

/** Every top-level list of a node kind (universities, experts, …), with its node type; not the audit log. */
const lists = Object.values(schema.getQueryType()!.getFields()).flatMap((field) => {
  const connection = getNamedType(field.type);
  if (!isObjectType(connection) || !connection.getFields().nodes || field.args.some((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined)) return [];
  const node = getNamedType(connection.getFields().nodes!.type);
  return isObjectType(node) && node.getInterfaces().some((face) => face.name === 'Node') ? [{ field: field.name, node }] : [];
});

/**
 * Every field of every node type, resolved on real records of the sample county: a resolver that throws, or a
 * non-null field the data leaves empty, fails here even if no other test asks for that field.
 */
describe('every field of every node type resolves on the sample county', () => {
  const suite = useTestService();

  it('covers the lists of every kind', () => {
    expect(lists.map((list) => list.field)).toEqual(expect.arrayContaining(['universities', 'enterprises', 'platforms', 'experts', 'projects', 'patents', 'demands', 'policies', 'indicators', 'regions', 'topics', 'chainSegments', 'industries', 'industryClusters']));
  });

  it.each(lists.map((list) => [list.field, list.node] as const))('%s', async (field, node) => {
    const result = await suite.service.query<Record<string, { nodes: unknown[] }>>(`{ ${field}(first: 15) { totalCount nodes { ${selectionOf(node)} } } }`);
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    expect(result.data?.[field]?.nodes.length).toBeGreaterThan(0);
  });
});
