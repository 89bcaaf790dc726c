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
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadTypeDefs } from '../../src/graphql/schema.js';
import { fromGlobalId } from '../../src/graphql/global-id.js';
import { useTestService } from '../support/graphql-client.js';
import { SAMPLE_DATASET } from '../support/test-neo4j.js';

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
/** Records of seeds/sample-county/nodes/<kind>.json, by id: the fixture the answers are checked against. */
function seedRecords(kinds: string[]): Map<string, Record<string, unknown>> {
  const records = new Map<string, Record<string, unknown>>();
  for (const kind of kinds) {
    const file = JSON.parse(readFileSync(path.join(SAMPLE_DATASET, 'nodes', `${kind}.json`), 'utf8')) as { records: Array<Record<string, unknown>> };
    for (const record of file.records) records.set(record.id as string, record);
  }
  return records;
}

/** Each list: the number of records in the sample county (counted in its node files) and the files it reads. */
const EXPECTED: Record<string, { totalCount: number; kinds: string[] }> = {
  universities: { totalCount: 5, kinds: ['University'] },
  researchInstitutes: { totalCount: 5, kinds: ['ResearchInstitute'] },
  enterprises: { totalCount: 101, kinds: ['Enterprise'] },
  platforms: { totalCount: 25, kinds: ['Platform'] },
  governmentAgencies: { totalCount: 9, kinds: ['GovernmentAgency'] },
  experts: { totalCount: 114, kinds: ['Expert'] },
  industryClusters: { totalCount: 3, kinds: ['IndustryCluster'] },
  industries: { totalCount: 17, kinds: ['Industry'] },
  chainSegments: { totalCount: 21, kinds: ['ChainSegment'] },
  topics: { totalCount: 89, kinds: ['Topic'] },
  projects: { totalCount: 61, kinds: ['Project'] },
  patents: { totalCount: 64, kinds: ['Patent'] },
  demands: { totalCount: 30, kinds: ['Demand'] },
  policies: { totalCount: 6, kinds: ['Policy'] },
  indicators: { totalCount: 8, kinds: ['Indicator'] },
  regions: { totalCount: 19, kinds: ['Region'] },
};

/** The seed format's spelling of a value where the API's enum differs (talent cards). */
const SEED_SPELLING: Record<string, Record<string, string>> = { talentCard: { A_CARD: 'A', B_CARD: 'B' } };

/**
 * Every field of every node type, resolved on real records of the sample county: a resolver that throws, or a
 * non-null field the data leaves empty, fails here even if no other test asks for that field. Each list's count is
 * the number of records in its seed files, and every field the seed record also has comes back with the seed's value.
 */
describe('every field of every node type resolves on the sample county', () => {
  const suite = useTestService();

  it('covers the lists of every kind, each with an expected count', () => {
    expect(lists.map((list) => list.field).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(lists.map((list) => [list.field, list.node] as const))('%s', async (field, node) => {
    const result = await suite.service.query<Record<string, { totalCount: number; nodes: Array<Record<string, unknown>> }>>(
      `{ ${field}(first: 15) { totalCount nodes { ${selectionOf(node)} } } }`,
    );
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    const expected = EXPECTED[field]!;
    const connection = result.data![field]!;
    expect(connection.totalCount).toBe(expected.totalCount);
    expect(connection.nodes).toHaveLength(Math.min(15, expected.totalCount));
    const seeds = seedRecords(expected.kinds);
    let compared = 0;
    for (const answer of connection.nodes) {
      const seed = seeds.get(fromGlobalId(answer.id as string)?.id ?? '');
      expect(seed, `${String(answer.id)} is a record of the sample county`).toBeDefined();
      for (const [key, value] of Object.entries(answer)) {
        if (!(key in seed!) || key === 'id' || (value !== null && typeof value === 'object' && !Array.isArray(value))) continue;
        const spelled = typeof value === 'string' ? (SEED_SPELLING[key]?.[value] ?? value) : value;
        expect(spelled, `${field} ${String(answer.id)} ${key}`).toEqual(seed![key]);
        compared += 1;
      }
    }
    expect(compared).toBeGreaterThanOrEqual(connection.nodes.length); // at least the name or title of each
  });
});
