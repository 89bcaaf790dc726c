import { generate } from '@graphql-codegen/cli';
import path from 'node:path';
import codegenConfig from '../codegen.js';
import { projectRoot } from '../src/config.js';
import { formatJsonSchema } from '../src/graph/format.js';
import { servedSchemaSdl } from '../src/graphql/schema.js';

/** A file that a generator owns: its project-relative path and its exact expected content. */
export interface GeneratedFile {
  path: string;
  content: string;
}

/** Computes every generated file's content without writing anything. */
export async function generatedFiles(): Promise<GeneratedFile[]> {
  const previous = process.cwd();
  process.chdir(projectRoot);
  try {
    const outputs = (await generate({ ...codegenConfig, cwd: projectRoot }, false)) as Array<{ filename: string; content: string }>;
    return [
      { path: 'src/generated/schema.graphql', content: servedSchemaSdl() },
      ...outputs.map((output) => ({ path: path.relative(projectRoot, path.resolve(projectRoot, output.filename)), content: output.content })),
      { path: 'seeds/format.schema.json', content: `${JSON.stringify(formatJsonSchema(), null, 2)}\n` },
    ];
  } finally {
    process.chdir(previous);
  }
}
