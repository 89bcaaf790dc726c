/**
 * The schema's build step. schema/*.graphql are sources that state each repeated shape once, with a few build
 * directives; `expandSchema` writes the repeats out. The result, free of build directives, is what the server
 * serves and what codegen reads (the same function runs at server start and in `npm run codegen`):
 *
 * - `type X implements Node & Organization @inheritFields(from: "Organization")`: the interface's fields, in its
 *   order and with their descriptions, come first (a field X declares itself replaces the inherited one in place);
 *   X's own fields follow.
 * - `@connection(plural: "universities", singular: "university")` on a type, interface or union `X`: the Relay
 *   types `XConnection { edges nodes pageInfo totalCount }` and `XEdge { cursor node }`.
 * - `@connectionEdge(plural: "cooperation partners", connection: "A page of …")` on a type `XEdge` that declares
 *   its `node` and the relationship's properties: its `cursor` field and the type `XConnection`.
 * - `@orderBy(plural: "enterprises")` on an enum `XOrderField`: the input `XOrder { field direction }` (and the
 *   enum's description when it has none).
 * - The arguments `first`, `after` and `orderBy` of a field that returns a connection get the standard
 *   descriptions when they have none (`orderBy`'s names its default).
 */
import {
  Kind,
  parse,
  type DirectiveNode,
  type DefinitionNode,
  type DocumentNode,
  type EnumTypeDefinitionNode,
  type FieldDefinitionNode,
  type InputValueDefinitionNode,
  type InterfaceTypeDefinitionNode,
  type ASTNode,
  type ObjectTypeDefinitionNode,
  type StringValueNode,
  type TypeNode,
  getLocation,
  visit,
} from 'graphql';

/** The build directives, as SDL: what the sources may use; none of them reaches the served schema. */
export const BUILD_DIRECTIVES_SDL = `
directive @inheritFields(from: String!) on OBJECT
directive @connection(plural: String!, singular: String!) on OBJECT | INTERFACE | UNION
directive @connectionEdge(plural: String!, connection: String!) on OBJECT
directive @orderBy(plural: String!) on ENUM
`;

const BUILD_DIRECTIVE_ARGUMENTS: Record<string, readonly string[]> = {
  inheritFields: ['from'],
  connection: ['plural', 'singular'],
  connectionEdge: ['plural', 'connection'],
  orderBy: ['plural'],
};

/** A source that misuses a build directive; the message names the file and line. */
export class SchemaBuildError extends Error {
  constructor(node: ASTNode, message: string) {
    super(`${where(node)}: ${message}`);
    this.name = 'SchemaBuildError';
  }
}

function where(node: ASTNode): string {
  if (!node.loc) return 'schema';
  const { line } = getLocation(node.loc.source, node.loc.start);
  return `${node.loc.source.name}:${line}`;
}

const STANDARD_ARGUMENT_DESCRIPTIONS: Record<string, string> = {
  first: 'How many items to return (default 20, at most 100).',
  after: "Return the items after this cursor: the `endCursor` of the previous page or an edge's `cursor`.",
};

/** A GraphQL block string of `text`, as the sources write descriptions. */
const blockString = (text: string) => `"""${text.replaceAll('"""', '\\"""')}"""`;

const blockDescription = (value: string): StringValueNode => ({ kind: Kind.STRING, value, block: true });

function isBuildDirective(directive: DirectiveNode): boolean {
  return directive.name.value in BUILD_DIRECTIVE_ARGUMENTS;
}

/** The string arguments of a build directive, all required, none unknown. */
function argumentsOf(directive: DirectiveNode): Record<string, string> {
  const expected = BUILD_DIRECTIVE_ARGUMENTS[directive.name.value] ?? [];
  const values: Record<string, string> = {};
  for (const argument of directive.arguments ?? []) {
    if (!expected.includes(argument.name.value)) throw new SchemaBuildError(argument, `@${directive.name.value} has no argument "${argument.name.value}" (expected: ${expected.join(', ')})`);
    if (argument.value.kind !== Kind.STRING) throw new SchemaBuildError(argument, `@${directive.name.value}(${argument.name.value}:) must be a string`);
    values[argument.name.value] = argument.value.value;
  }
  const missing = expected.filter((name) => !(name in values));
  if (missing.length > 0) throw new SchemaBuildError(directive, `@${directive.name.value} needs ${missing.map((name) => `${name}:`).join(' and ')}`);
  return values;
}

function typeDefinitions(sdl: string): DefinitionNode[] {
  return [...parse(sdl, { noLocation: true }).definitions];
}

/** `XConnection` over edges `XEdge` whose nodes have the type `nodeType` (e.g. `University!`). */
function connectionType(name: string, nodeType: TypeNode, plural: string, description: string, edgesAre: string): DefinitionNode[] {
  return typeDefinitions(`
${blockString(description)}
type ${name}Connection {
  ${blockString(`The ${plural} of this page, ${edgesAre}.`)}
  edges: [${name}Edge!]!
  ${blockString(`The ${plural} of this page, without cursors.`)}
  nodes: [${printType(nodeType)}]!
  ${blockString('Where this page starts and ends, and whether more pages exist.')}
  pageInfo: PageInfo!
  ${blockString(`How many ${plural} the whole list holds, across all pages.`)}
  totalCount: Int!
}`);
}

const CURSOR_FIELD = `${blockString('The opaque cursor of this edge; pass it as `after` to continue after it.')}
  cursor: String!`;

function printType(type: TypeNode): string {
  if (type.kind === Kind.NON_NULL_TYPE) return `${printType(type.type)}!`;
  if (type.kind === Kind.LIST_TYPE) return `[${printType(type.type)}]`;
  return type.name.value;
}

/** `@connection` on X: XConnection and XEdge. */
function standardConnection(name: string, directive: DirectiveNode): DefinitionNode[] {
  const { plural, singular } = argumentsOf(directive);
  const nodeType: TypeNode = { kind: Kind.NON_NULL_TYPE, type: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: name } } };
  return [
    ...connectionType(name, nodeType, plural!, `A page of ${plural} (Relay connection).`, 'each with its cursor'),
    ...typeDefinitions(`
${blockString(`One of ${plural} in a page, with its cursor.`)}
type ${name}Edge {
  ${CURSOR_FIELD}
  ${blockString(`The ${singular}.`)}
  node: ${name}!
}`),
  ];
}

/** `@connectionEdge` on XEdge: XConnection, and XEdge with its cursor first. */
function relationshipConnection(definition: ObjectTypeDefinitionNode, directive: DirectiveNode): { connection: DefinitionNode[]; edge: ObjectTypeDefinitionNode } {
  const { plural, connection } = argumentsOf(directive);
  const name = definition.name.value.replace(/Edge$/, '');
  if (`${name}Edge` !== definition.name.value) throw new SchemaBuildError(directive, `@connectionEdge belongs on a type named …Edge, not ${definition.name.value}`);
  const node = definition.fields?.find((field) => field.name.value === 'node');
  if (!node) throw new SchemaBuildError(directive, `${definition.name.value} with @connectionEdge must declare its node field`);
  if (definition.fields?.some((field) => field.name.value === 'cursor')) throw new SchemaBuildError(directive, `${definition.name.value}: its cursor field is generated by @connectionEdge; remove it`);
  const [cursorType] = typeDefinitions(`type Cursor { ${CURSOR_FIELD} }`);
  const cursor = cursorType?.kind === Kind.OBJECT_TYPE_DEFINITION ? cursorType.fields?.[0] : undefined;
  return {
    connection: connectionType(name, node.type, plural!, connection!, 'each with its cursor and relationship properties'),
    edge: { ...definition, fields: [...(cursor ? [cursor] : []), ...(definition.fields ?? [])] },
  };
}

/** `@orderBy` on XOrderField: the input XOrder (the enum gets its standard description when it has none). */
function orderInput(definition: EnumTypeDefinitionNode, directive: DirectiveNode): { input: DefinitionNode[]; enumeration: EnumTypeDefinitionNode } {
  const { plural } = argumentsOf(directive);
  const name = definition.name.value.replace(/OrderField$/, '');
  if (`${name}OrderField` !== definition.name.value) throw new SchemaBuildError(directive, `@orderBy belongs on an enum named …OrderField, not ${definition.name.value}`);
  return {
    input: typeDefinitions(`
${blockString(`How to sort a list of ${plural}.`)}
input ${name}Order {
  ${blockString('The field to sort by.')}
  field: ${name}OrderField!
  ${blockString('Ascending or descending.')}
  direction: OrderDirection!
}`),
    enumeration: { ...definition, description: definition.description ?? blockDescription(`The fields a list of ${plural} can be sorted by.`) },
  };
}

/** `@inheritFields` on X: the interface's fields first (X's own declaration of one replaces it in place), then X's own. */
function inheritFields(definition: ObjectTypeDefinitionNode, directive: DirectiveNode, interfaces: ReadonlyMap<string, InterfaceTypeDefinitionNode>): ObjectTypeDefinitionNode {
  const { from } = argumentsOf(directive);
  const source = interfaces.get(from!);
  if (!source) throw new SchemaBuildError(directive, `@inheritFields: no interface named ${from}`);
  if (!definition.interfaces?.some((implemented) => implemented.name.value === from)) {
    throw new SchemaBuildError(directive, `@inheritFields: ${definition.name.value} does not implement ${from}`);
  }
  const own = new Map((definition.fields ?? []).map((field) => [field.name.value, field]));
  const inherited = (source.fields ?? []).map((field) => own.get(field.name.value) ?? field);
  const inheritedNames = new Set(inherited.map((field) => field.name.value));
  return { ...definition, fields: [...inherited, ...(definition.fields ?? []).filter((field) => !inheritedNames.has(field.name.value))] };
}

/**
 * One definition with its build directives applied, in their order: what they generate before it (XConnection of
 * an edge, XOrder of an order enum), the definition itself without them, what they generate after it (XConnection
 * and XEdge of a node type).
 */
function expandDefinition(definition: DefinitionNode, interfaces: ReadonlyMap<string, InterfaceTypeDefinitionNode>): DefinitionNode[] {
  if (!('directives' in definition) || !definition.directives?.some(isBuildDirective)) return [definition];
  let subject: DefinitionNode = definition;
  const before: DefinitionNode[] = [];
  const after: DefinitionNode[] = [];
  for (const directive of definition.directives.filter(isBuildDirective)) {
    const name = directive.name.value;
    if (name === 'inheritFields' && subject.kind === Kind.OBJECT_TYPE_DEFINITION) subject = inheritFields(subject, directive, interfaces);
    else if (name === 'connection' && (subject.kind === Kind.OBJECT_TYPE_DEFINITION || subject.kind === Kind.INTERFACE_TYPE_DEFINITION || subject.kind === Kind.UNION_TYPE_DEFINITION)) {
      after.push(...standardConnection(subject.name.value, directive));
    } else if (name === 'connectionEdge' && subject.kind === Kind.OBJECT_TYPE_DEFINITION) {
      const { connection, edge } = relationshipConnection(subject, directive);
      before.push(...connection);
      subject = edge;
    } else if (name === 'orderBy' && subject.kind === Kind.ENUM_TYPE_DEFINITION) {
      const { input, enumeration } = orderInput(subject, directive);
      before.push(...input);
      subject = enumeration;
    } else throw new SchemaBuildError(directive, `@${name} is not allowed on ${definition.kind}${definedName(definition) ? ` ${definedName(definition)}` : ''}`);
  }
  // The definition's own build directives (path ['directives', index]) go; one anywhere else stays and fails the build.
  const served = visit(subject, { Directive: (directive, _key, _parent, path) => (path.length === 2 && isBuildDirective(directive) ? null : undefined) });
  return [...before, served, ...after];
}

/** The `name` of the type a field returns, lists and non-null unwrapped. */
function namedType(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type);
}

/** `{field: NAME, direction: ASC}` as `NAME ASC`. */
function orderDefault(argument: InputValueDefinitionNode): string {
  const value = argument.defaultValue;
  if (value?.kind !== Kind.OBJECT) throw new SchemaBuildError(argument, 'orderBy needs a description or a default value such as {field: NAME, direction: ASC}');
  const part = (name: string) => {
    const field = value.fields.find((candidate) => candidate.name.value === name);
    if (field?.value.kind !== Kind.ENUM) throw new SchemaBuildError(argument, `orderBy's default needs an enum ${name}`);
    return field.value.value;
  };
  return `${part('field')} ${part('direction')}`;
}

/** A field of a connection type with its paging arguments described. */
function describePagingArguments(field: FieldDefinitionNode): FieldDefinitionNode {
  if (!namedType(field.type).endsWith('Connection') || !field.arguments?.some((argument) => !argument.description)) return field;
  return {
    ...field,
    arguments: field.arguments.map((argument) => {
      if (argument.description) return argument;
      const name = argument.name.value;
      const standard = name === 'orderBy'
        ? `The order of the items (default: ${orderDefault(argument)}); ties are broken by id so that cursors stay stable.`
        : STANDARD_ARGUMENT_DESCRIPTIONS[name];
      return standard ? { ...argument, description: blockDescription(standard) } : argument;
    }),
  };
}

function withDescribedArguments(definition: DefinitionNode): DefinitionNode {
  switch (definition.kind) {
    case Kind.OBJECT_TYPE_DEFINITION:
    case Kind.OBJECT_TYPE_EXTENSION:
    case Kind.INTERFACE_TYPE_DEFINITION:
    case Kind.INTERFACE_TYPE_EXTENSION:
      return definition.fields ? { ...definition, fields: definition.fields.map(describePagingArguments) } : definition;
    default:
      return definition;
  }
}

function definedName(definition: DefinitionNode): string | undefined {
  return definition.kind.endsWith('Definition') && 'name' in definition ? definition.name?.value : undefined;
}

/**
 * The sources (one document per file) with every build directive expanded: one document per source, in the same
 * order, each definition beside what it generates. Throws SchemaBuildError on a misused directive, and on a type
 * that is both generated and written by hand.
 */
export function expandSchema(sources: readonly DocumentNode[]): DocumentNode[] {
  const interfaces = new Map<string, InterfaceTypeDefinitionNode>();
  for (const source of sources) {
    for (const definition of source.definitions) if (definition.kind === Kind.INTERFACE_TYPE_DEFINITION) interfaces.set(definition.name.value, definition);
  }
  const expanded = sources.map((source) => ({ ...source, definitions: source.definitions.flatMap((definition) => expandDefinition(definition, interfaces).map(withDescribedArguments)) }));
  const byName = new Map<string, DefinitionNode[]>();
  for (const definition of expanded.flatMap((document) => document.definitions)) {
    const name = definedName(definition);
    if (name) byName.set(name, [...(byName.get(name) ?? []), definition]);
  }
  for (const [name, definitions] of byName) {
    const handWritten = definitions.find((definition) => definition.loc);
    if (definitions.length > 1 && handWritten && definitions.some((definition) => !definition.loc)) {
      throw new SchemaBuildError(handWritten, `${name} is generated by a build directive; remove this hand-written definition`);
    }
  }
  return expanded;
}
