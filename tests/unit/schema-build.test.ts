import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildASTSchema, concatAST, parse, print, Source, type DocumentNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { expandSchema, SchemaBuildError } from '../../src/graphql/schema-build.js';
import { loadTypeDefs } from '../../src/graphql/schema.js';
import { describeServedSchema } from '../support/served-schema.js';
import { projectRoot } from '../../src/config.js';

const source = (text: string, name = 'schema/test.graphql') => parse(new Source(text, name));
const expandOne = (text: string) => print(concatAST(expandSchema([source(text)])));
const same = (text: string) => print(parse(text));

describe('the served schema', () => {
  it('is what clients saw before the schema sources used build directives (recorded in tests/fixtures/schema/served-schema.graphql)', () => {
    // The fixture is the sorted print of the schema served before this step existed; a deliberate change to the API
    // updates it in the same commit, so that every client-visible change shows up in review.
    const recorded = readFileSync(path.join(projectRoot, 'tests/fixtures/schema/served-schema.graphql'), 'utf8');
    expect(describeServedSchema(loadTypeDefs())).toBe(recorded);
  });

  it('keeps no build directive', () => {
    expect(loadTypeDefs().join('\n')).not.toMatch(/@(inheritFields|connection|connectionEdge|orderBy)\b/);
  });
});

const PAGE_INFO = 'type PageInfo { endCursor: String } enum OrderDirection { ASC DESC }';

describe('expandSchema', () => {
  it('writes an interface\'s fields into a type with @inheritFields, in the interface\'s order, before the type\'s own fields', () => {
    const expanded = expandOne(`
      interface Named { "The name." name: String! "Other names." aliases: [String!]! }
      type Person implements Named @inheritFields(from: "Named") { "Age." age: Int "Own description wins." aliases: [String!]! }
    `);
    expect(expanded).toBe(same(`
      interface Named { "The name." name: String! "Other names." aliases: [String!]! }
      type Person implements Named { "The name." name: String! "Own description wins." aliases: [String!]! "Age." age: Int }
    `));
  });

  it('generates XConnection and XEdge for @connection, with descriptions from plural and singular', () => {
    const expanded = expandOne(`${PAGE_INFO} "A city." type City @connection(plural: "cities", singular: "city") { name: String }`);
    expect(expanded).toBe(same(`${PAGE_INFO}
      "A city." type City { name: String }
      """A page of cities (Relay connection)."""
      type CityConnection {
        """The cities of this page, each with its cursor."""
        edges: [CityEdge!]!
        """The cities of this page, without cursors."""
        nodes: [City!]!
        """Where this page starts and ends, and whether more pages exist."""
        pageInfo: PageInfo!
        """How many cities the whole list holds, across all pages."""
        totalCount: Int!
      }
      """One of cities in a page, with its cursor."""
      type CityEdge {
        """The opaque cursor of this edge; pass it as \`after\` to continue after it."""
        cursor: String!
        """The city."""
        node: City!
      }
    `));
  });

  it('generates the connection of a hand-written edge with @connectionEdge, and the edge\'s cursor', () => {
    const expanded = expandOne(`${PAGE_INFO} type City { name: String }
      "One twinning." type TwinEdge @connectionEdge(plural: "twin cities", connection: "A page of twins.") { "The twin." node: City! "Since when." since: Int }`);
    expect(expanded).toBe(same(`${PAGE_INFO} type City { name: String }
      """A page of twins."""
      type TwinConnection {
        """The twin cities of this page, each with its cursor and relationship properties."""
        edges: [TwinEdge!]!
        """The twin cities of this page, without cursors."""
        nodes: [City!]!
        """Where this page starts and ends, and whether more pages exist."""
        pageInfo: PageInfo!
        """How many twin cities the whole list holds, across all pages."""
        totalCount: Int!
      }
      "One twinning."
      type TwinEdge {
        """The opaque cursor of this edge; pass it as \`after\` to continue after it."""
        cursor: String!
        "The twin." node: City! "Since when." since: Int
      }
    `));
  });

  it('generates XOrder for @orderBy on XOrderField, and describes the enum when it is not', () => {
    const expanded = expandOne(`${PAGE_INFO} enum CityOrderField @orderBy(plural: "cities") { "By name." NAME }`);
    expect(expanded).toBe(same(`${PAGE_INFO}
      """How to sort a list of cities."""
      input CityOrder { """The field to sort by.""" field: CityOrderField! """Ascending or descending.""" direction: OrderDirection! }
      """The fields a list of cities can be sorted by."""
      enum CityOrderField { "By name." NAME }
    `));
  });

  it('describes first, after and orderBy of a field returning a connection when they are not, and nothing else', () => {
    const expanded = expandOne(`
      type Query {
        cities(filter: String, first: Int = 20, "Own words." after: String, orderBy: CityOrder = {field: NAME, direction: DESC}): CityConnection!
        names(first: Int): [String!]!
      }
    `);
    expect(expanded).toBe(same(`
      type Query {
        cities(
          filter: String
          """How many items to return (default 20, at most 100)."""
          first: Int = 20
          "Own words."
          after: String
          """The order of the items (default: NAME DESC); ties are broken by id so that cursors stay stable."""
          orderBy: CityOrder = {field: NAME, direction: DESC}
        ): CityConnection!
        names(first: Int): [String!]!
      }
    `));
  });

  it('keeps one document per source, in order', () => {
    const documents = expandSchema([source('type A { a: Int }', 'schema/a.graphql'), source('type B { b: Int }', 'schema/b.graphql')]);
    expect(documents.map((document: DocumentNode) => print(document))).toEqual(['type A {\n  a: Int\n}', 'type B {\n  b: Int\n}']);
  });

  describe('refuses, naming the file and line,', () => {
    const refusal = (text: string) => {
      try {
        expandSchema([source(text)]);
      } catch (error) {
        expect(error).toBeInstanceOf(SchemaBuildError);
        return (error as Error).message;
      }
      throw new Error('expandSchema accepted it');
    };

    it('a type that is both generated and hand-written', () => {
      expect(refusal('type City @connection(plural: "cities", singular: "city") { n: Int }\n"Mine." type CityEdge { cursor: String! }'))
        .toBe('schema/test.graphql:2: CityEdge is generated by a build directive; remove this hand-written definition');
    });

    it('@inheritFields from an interface the type does not implement, or that does not exist', () => {
      expect(refusal('interface Named { name: String }\ntype City @inheritFields(from: "Named") { n: Int }')).toBe('schema/test.graphql:2: @inheritFields: City does not implement Named');
      expect(refusal('type City @inheritFields(from: "Nothing") { n: Int }')).toBe('schema/test.graphql:1: @inheritFields: no interface named Nothing');
    });

    it('a missing, unknown or non-string argument', () => {
      expect(refusal('type City @connection(plural: "cities") { n: Int }')).toBe('schema/test.graphql:1: @connection needs singular:');
      expect(refusal('type City @connection(plural: "cities", singular: "city", extra: "x") { n: Int }')).toMatch(/^schema\/test\.graphql:1: @connection has no argument "extra"/);
      expect(refusal('enum CityOrderField @orderBy(plural: 3) { NAME }')).toBe('schema/test.graphql:1: @orderBy(plural:) must be a string');
    });

    it('a directive in the wrong place or on a wrongly named definition', () => {
      expect(refusal('enum Size @connection(plural: "sizes", singular: "size") { S }')).toBe('schema/test.graphql:1: @connection is not allowed on EnumTypeDefinition Size');
      expect(refusal('enum Size @orderBy(plural: "sizes") { S }')).toBe('schema/test.graphql:1: @orderBy belongs on an enum named …OrderField, not Size');
      expect(refusal('type Twin @connectionEdge(plural: "twins", connection: "A page.") { node: Int }')).toBe('schema/test.graphql:1: @connectionEdge belongs on a type named …Edge, not Twin');
      expect(refusal('type TwinEdge @connectionEdge(plural: "twins", connection: "A page.") { since: Int }')).toBe('schema/test.graphql:1: TwinEdge with @connectionEdge must declare its node field');
    });

    it('an orderBy argument with neither a description nor a default', () => {
      expect(refusal('type Query {\n  cities(orderBy: CityOrder): CityConnection!\n}')).toBe('schema/test.graphql:2: orderBy needs a description or a default value such as {field: NAME, direction: ASC}');
    });
  });

  it('leaves a build directive used on a field in place, so that building the schema fails on it', () => {
    const [document] = expandSchema([source('type Query { a: Int @orderBy(plural: "x") }')]);
    expect(() => buildASTSchema(document!)).toThrow(/Unknown directive "@orderBy"/);
  });
});
