import { buildASTSchema, concatAST, isInterfaceType, isObjectType, lexicographicSortSchema, parse, print, printSchema, type DocumentNode } from 'graphql';

/**
 * What a schema means to its clients and to the server, as one comparable text: the lexicographically sorted
 * printed schema (types, fields, arguments, defaults, descriptions), then every directive applied to a field
 * (`@requiresRole`, `@personal`: server behaviour that the printed schema leaves out), one per line, sorted.
 */
export function describeServedSchema(typeDefs: ReadonlyArray<string | DocumentNode>): string {
  const schema = lexicographicSortSchema(buildASTSchema(concatAST(typeDefs.map((source) => (typeof source === 'string' ? parse(source) : source)))));
  const applied: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) && !isInterfaceType(type)) continue;
    for (const field of Object.values(type.getFields())) {
      for (const directive of field.astNode?.directives ?? []) applied.push(`${type.name}.${field.name} ${print(directive)}`);
    }
  }
  return `${printSchema(schema)}\n\n# Directives applied to fields:\n${applied.sort().map((line) => `# ${line}`).join('\n')}\n`;
}
