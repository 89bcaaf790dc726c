import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteByPrefix, uniquePrefix } from '../support/database.js';
import { useTestService } from '../support/graphql-client.js';
import { toGlobalId } from '../../src/graphql/global-id.js';

/**
 * The k shortest simple paths (`Connections.paths`, Yen's algorithm over bidirectional shortest-path searches) on a
 * hand-made graph of cooperations (undirected for paths): A–B, A–C, A–D, A–F, B–T, C–T, B–C, B–D, D–E, D–E2, E–E2, E–T,
 * F–G, G–H, H–T. Worked by hand, the simple paths from A to T are:
 * - 2 hops: ABT, ACT;
 * - 3 hops: ABCT, ACBT, ADBT, ADET;
 * - 4 hops: AFGHT, ADE2ET (A–D–E2–E–T), ABDET, ADBCT;
 * - 5 hops: ACBDET, ABDE2ET; 6 hops: ACBDE2ET — 13 in all.
 */
describe('connections: the k shortest simple paths', () => {
  const suite = useTestService();
  const prefix = uniquePrefix();
  const id = (local: string) => `${prefix}:${local}`;
  const NAMES = ['A', 'B', 'C', 'D', 'E', 'E2', 'F', 'G', 'H', 'T'];
  const LINKS = [
    ['A', 'B'],
    ['B', 'T'],
    ['A', 'C'],
    ['C', 'T'],
    ['A', 'D'],
    ['D', 'B'],
    ['D', 'E'],
    ['E', 'T'],
    ['A', 'F'],
    ['F', 'G'],
    ['G', 'H'],
    ['H', 'T'],
    ['B', 'C'],
    ['E', 'E2'],
    ['E2', 'D'],
  ];

  beforeAll(async () => {
    await suite.database.write('UNWIND $names AS name CREATE (:Entity:Organization:Enterprise {id: $prefix + ":" + name, name: $prefix + "-" + name})', { names: NAMES, prefix });
    await suite.database.write(
      'UNWIND $links AS link MATCH (a:Entity {id: $prefix + ":" + link[0]}), (b:Entity {id: $prefix + ":" + link[1]}) CREATE (a)-[:COOPERATES_WITH]->(b)',
      { links: LINKS, prefix },
    );
  });
  afterAll(() => deleteByPrefix(suite.database, prefix));

  const pathsFrom = async (first: number, maxHops = 6) => {
    const result = await suite.service.query<{ connections: { shortestLength: number; shortest: Array<{ nodes: Array<{ label: string }> }>; paths: Array<{ length: number; nodes: Array<{ label: string }> }> } }>(
      `query ($from: ID!, $to: ID!, $first: Int, $maxHops: Int) { connections(from: $from, to: $to, first: $first, maxHops: $maxHops) {
        shortestLength shortest { nodes { label } } paths { length nodes { label } } } }`,
      { from: toGlobalId('Enterprise', id('A')), to: toGlobalId('Enterprise', id('T')), first, maxHops },
    );
    expect(result.errors).toBeUndefined();
    const named = (path: { nodes: Array<{ label: string }> }) => path.nodes.map((node) => node.label.slice(prefix.length + 1)).join('');
    return { ...result.data!.connections, shortestNames: result.data!.connections.shortest.map(named), pathNames: result.data!.connections.paths.map(named), lengths: result.data!.connections.paths.map((path) => path.length) };
  };

  it('answers the two 2-hop paths first, then the four 3-hop ones, each path simple and once', async () => {
    const answer = await pathsFrom(6);
    expect(answer.shortestLength).toBe(2);
    expect([...answer.shortestNames].sort()).toEqual(['ABT', 'ACT']);
    expect(answer.lengths).toEqual([2, 2, 3, 3, 3, 3]);
    expect([...answer.pathNames.slice(0, 2)].sort()).toEqual(['ABT', 'ACT']);
    expect([...answer.pathNames.slice(2)].sort()).toEqual(['ABCT', 'ACBT', 'ADBT', 'ADET']);
  });

  it('goes on to 4-hop paths when asked for more, and stops at the hop limit', async () => {
    const seven = await pathsFrom(7);
    expect(seven.lengths).toEqual([2, 2, 3, 3, 3, 3, 4]);
    expect(['AFGHT', 'ADE2ET', 'ABDET', 'ADBCT']).toContain(seven.pathNames[6]);
    const all = await pathsFrom(20);
    // Every simple path there is (13 < 20): the 4-hop ones, then ACBDET and ABDE2ET (5 hops), then ACBDE2ET (6).
    expect(all.lengths).toEqual([2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 6]);
    expect([...all.pathNames.slice(6, 10)].sort()).toEqual(['ABDET', 'ADBCT', 'ADE2ET', 'AFGHT']);
    expect([...all.pathNames.slice(10, 12)].sort()).toEqual(['ABDE2ET', 'ACBDET']);
    expect(all.pathNames[12]).toBe('ACBDE2ET');
    const withinThree = await pathsFrom(10, 3);
    expect(withinThree.lengths).toEqual([2, 2, 3, 3, 3, 3]);
  });

  it('keeps an answer until a write: asked again, no path search is sent; a new cooperation A–T is seen at once', async () => {
    await pathsFrom(6);
    const searches: string[] = [];
    const stop = suite.database.onQuery((event) => {
      if (event.query && /shortestPath/i.test(event.query)) searches.push(event.query);
    });
    try {
      const again = await pathsFrom(6);
      expect(again.lengths).toEqual([2, 2, 3, 3, 3, 3]);
      expect(searches).toEqual([]);
      await suite.database.write('MATCH (a:Entity {id: $a}), (t:Entity {id: $t}) CREATE (a)-[:COOPERATES_WITH]->(t)', { a: id('A'), t: id('T') });
      const after = await pathsFrom(6);
      // AT (1 hop) now comes first; the next five are the two 2-hop paths and three of the four 3-hop ones.
      expect(after.shortestNames).toEqual(['AT']);
      expect(after.lengths).toEqual([1, 2, 2, 3, 3, 3]);
      expect(searches.length).toBeGreaterThan(0);
    } finally {
      stop();
      await suite.database.write('MATCH (:Entity {id: $a})-[r:COOPERATES_WITH]->(:Entity {id: $t}) DELETE r', { a: id('A'), t: id('T') });
    }
  });
});
