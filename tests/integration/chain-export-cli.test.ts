import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { XMLValidator } from 'fast-xml-parser';
import { runEntryPoint } from '../support/processes.js';
import { testInstanceEnvironment } from '../support/test-neo4j.js';

/** `npm run kg -- export-graph` against the suite's Neo4j (sample county, read-only). */
describe('kg export-graph', () => {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'kg-export-graph-'));
  const environment = { ...testInstanceEnvironment, NEO4J_URI: '', LOG_LEVEL: 'silent' };

  it('writes an industry chain as GraphML', async () => {
    const file = path.join(folder, 'laorou.graphml');
    const result = await runEntryPoint('src/cli/kg.ts', ['export-graph', file, '--industry', 'industry:laorou'], environment);
    expect(result.code, result.output).toBe(0);
    expect(result.output).toMatch(/exported \d+ nodes and \d+ edges/);
    const graphml = readFileSync(file, 'utf8');
    expect(XMLValidator.validate(graphml)).toBe(true);
    expect(graphml).toContain('老腊肉·溯源');
  });

  it('writes a neighbourhood as CSV node and edge lists', async () => {
    const base = path.join(folder, 'swu');
    const result = await runEntryPoint('src/cli/kg.ts', ['export-graph', base, '--format', 'csv', '--neighborhood', 'univ:swu', '--depth', '1'], environment);
    expect(result.code, result.output).toBe(0);
    expect(readFileSync(`${base}.nodes.csv`, 'utf8')).toMatch(/^Id,Label,Kind,RecordId/);
    expect(readFileSync(`${base}.edges.csv`, 'utf8')).toMatch(/^Source,Target,Type,Relationship/);
  });

  it('refuses an unknown id or a bad format with a message', async () => {
    const unknown = await runEntryPoint('src/cli/kg.ts', ['export-graph', path.join(folder, 'x.graphml'), '--industry', 'industry:none'], environment);
    expect(unknown.code).toBe(1);
    expect(unknown.output).toContain('--industry: no industry has the id "industry:none"');
    const format = await runEntryPoint('src/cli/kg.ts', ['export-graph', path.join(folder, 'x'), '--format', 'gexf'], environment);
    expect(format.code).not.toBe(0);
    expect(format.output).toContain('expected graphml or csv');
  });
});
