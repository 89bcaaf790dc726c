import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/config.js';
import { cyclesOf, forbiddenArrows, importEdges, unitOf } from '../support/module-graph.js';

const edges = importEdges(path.join(projectRoot, 'src'));

describe('module boundaries of src/', () => {
  it('reads the imports (a sanity check of the reader: known arrows are found)', () => {
    expect(edges).toContainEqual({ from: path.join('graph', 'query.ts'), to: path.join('graph', 'kinds.ts') });
    expect(edges).toContainEqual({ from: path.join('modules', 'export', 'export.file.ts'), to: path.join('modules', 'chain', 'chain.service.ts') });
  });

  it('has every arrow run down the layers: domain modules → shared → graphql/import → graph → neo4j → base', () => {
    expect(forbiddenArrows(edges)).toEqual([]);
  });

  it('has no cycle among units (folders of src/, each domain module on its own)', () => {
    const units = edges.map(({ from, to }) => [unitOf(from), unitOf(to)] as const).filter(([from, to]) => from !== 'generated' && to !== 'generated');
    expect(cyclesOf(units)).toEqual([]);
  });

  it('has no cycle among files', () => {
    expect(cyclesOf(edges.map(({ from, to }) => [from, to] as const))).toEqual([]);
  });
});

describe('the boundary checks', () => {
  it('report an arrow up a layer and one between units of a layer that forbids it', () => {
    expect(forbiddenArrows([{ from: path.join('graph', 'a.ts'), to: path.join('modules', 'chain', 'b.ts') }])).toEqual([
      `${path.join('graph', 'a.ts')} → ${path.join('modules', 'chain', 'b.ts')} (graph may not import domain modules)`,
    ]);
    expect(forbiddenArrows([{ from: path.join('graphql', 'a.ts'), to: path.join('import', 'b.ts') }])).toHaveLength(1);
    expect(forbiddenArrows([{ from: path.join('modules', 'chain', 'a.ts'), to: path.join('modules', 'links', 'b.ts') }])).toEqual([]);
  });

  it('report each cycle once, whatever node it is entered from', () => {
    expect(cyclesOf([['links', 'export'], ['export', 'chain'], ['chain', 'links'], ['chain', 'matching']])).toEqual([['chain', 'links', 'export', 'chain']]);
    expect(cyclesOf([['a', 'b'], ['b', 'c']])).toEqual([]);
  });
});
