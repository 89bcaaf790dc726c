import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../src/config.js';

const TOOL = path.join(projectRoot, 'tools', 'graphml-validate');
const BUILD = path.join(projectRoot, '.neo4j', 'tools', 'graphml-validate');

/** Fetches the schema jar with Maven and compiles the validator once; later calls reuse the build. */
function buildValidator(): string {
  if (existsSync(path.join(BUILD, 'ValidateGraphML.class'))) return BUILD;
  mkdirSync(BUILD, { recursive: true });
  execFileSync('mvn', ['-B', '-q', '-f', path.join(TOOL, 'pom.xml'), 'dependency:copy-dependencies', '-DexcludeTransitive=true', `-DoutputDirectory=${BUILD}`], { stdio: 'pipe' });
  execFileSync('javac', ['-d', BUILD, path.join(TOOL, 'ValidateGraphML.java')], { stdio: 'pipe' });
  return BUILD;
}

/** Validates a GraphML document against the GraphML XML Schema (graphml.xsd); returns the validator's verdict. */
export function validateAgainstGraphmlSchema(graphml: string): { valid: boolean; message: string } {
  const build = buildValidator();
  const jars = readdirSync(build).filter((file) => file.endsWith('.jar')).map((file) => path.join(build, file));
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'kg-graphml-')), 'export.graphml');
  writeFileSync(file, graphml);
  try {
    const output = execFileSync('java', ['-cp', [build, ...jars].join(path.delimiter), 'ValidateGraphML', file], { encoding: 'utf8' });
    return { valid: true, message: output.trim() };
  } catch (error) {
    return { valid: false, message: String((error as { stdout?: string }).stdout ?? error).trim() };
  }
}
