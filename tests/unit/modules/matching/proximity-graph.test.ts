import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LinkList, type ProximityGraph } from '../../../../src/modules/matching/proximity-graph.js';
import { proximityGraphBytes } from '../../../../src/modules/matching/matching.repository.js';

/** A graph from links written as [a, b] pairs (direction does not matter). */
function graphOf(links: Array<[number, number]>, nodeCount?: number): ProximityGraph {
  const list = new LinkList();
  list.append(
    links.map(([start]) => start),
    links.map(([, end]) => end),
  );
  return list.toGraph(nodeCount);
}

/**
 * By hand: a chain 0–1–2–3–4–5; a hub 6 linked to 0, to 5 and to 10…19 (its links written both ways round); 8–9 apart;
 * 7 linked to itself only; 0–1 written twice.
 */
const hubLinks: Array<[number, number]> = [
  [0, 1],
  [2, 1],
  [2, 3],
  [3, 4],
  [5, 4],
  [6, 0],
  [5, 6],
  ...Array.from({ length: 10 }, (_, index): [number, number] => (index % 2 === 0 ? [6, 10 + index] : [10 + index, 6])),
  [8, 9],
  [7, 7],
  [1, 0],
];

describe('ProximityGraph.shortestPath', () => {
  const graph = graphOf(hubLinks, 30);

  it('finds the shortest path, both ends included, whichever way the links were written', () => {
    expect(graph.shortestPath(0, 3, 4)).toEqual([0, 1, 2, 3]); // 0–6–5–4–3 is 4 links
    expect(graph.shortestPath(0, 5, 4)).toEqual([0, 6, 5]); // the chain is 5 links
    expect(graph.shortestPath(5, 0, 4)).toEqual([5, 6, 0]);
    expect(graph.shortestPath(1, 5, 4)).toEqual([1, 0, 6, 5]); // 1–2–3–4–5 is 4 links
    expect(graph.shortestPath(10, 11, 4)).toEqual([10, 6, 11]);
    expect(graph.shortestPath(10, 3, 4)).toEqual([10, 6, 5, 4, 3]); // through 0 it is 5 links
    expect(graph.shortestPath(8, 9, 1)).toEqual([8, 9]);
  });

  it('finds none beyond the hop limit', () => {
    expect(graph.shortestPath(2, 5, 2)).toBeNull();
    expect(graph.shortestPath(2, 5, 3)).toEqual([2, 3, 4, 5]);
    expect(graph.shortestPath(10, 3, 3)).toBeNull();
    expect(graph.shortestPath(0, 1, 0)).toBeNull();
  });

  it('finds none between parts that are not linked, from a node to itself, or for a number outside the graph', () => {
    expect(graph.shortestPath(8, 0, 6)).toBeNull();
    expect(graph.shortestPath(7, 0, 6)).toBeNull();
    expect(graph.shortestPath(25, 0, 6)).toBeNull(); // inside the node count, with no link
    expect(graph.shortestPath(3, 3, 4)).toBeNull();
    expect(graph.shortestPath(0, 30, 4)).toBeNull();
    expect(graph.shortestPath(-1, 0, 4)).toBeNull();
    expect(graph.shortestPath(0.5, 0, 4)).toBeNull();
  });

  it('counts links once each way, a link to itself not at all, and a repeated link twice', () => {
    expect(graph.degree(6)).toBe(12);
    expect(graph.degree(7)).toBe(0);
    expect(graph.degree(0)).toBe(3); // 1 (twice) and 6
    expect(graph.degree(31)).toBe(0);
    expect(graph.nodeCount).toBe(30);
    expect(graph.linkCount).toBe(19); // 21 written, the link of 7 to itself dropped
    // 31 offsets and 38 neighbours of 4 bytes, and a search's two marks of a byte per node; the estimate made before
    // reading (from the highest number, 29, and the 19 links) agrees.
    expect(graph.bytes).toBe(336);
    expect(proximityGraphBytes({ highest: 29, links: 19 })).toBe(336);
    // The 1M benchmark graph: 1 014 001 node numbers and 1 097 890 links, 14.9 MB.
    expect(proximityGraphBytes({ highest: 1_014_000, links: 1_097_890 })).toBe(14_867_130);
  });

  it('always returns a path of existing links as short as a plain breadth-first search finds, search after search', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 40 }).chain((nodes) =>
          fc.record({
            nodes: fc.constant(nodes),
            links: fc.array(fc.tuple(fc.nat(nodes - 1), fc.nat(nodes - 1)), { maxLength: 80 }),
            // Several searches on one graph: each must find the marks of the one before cleared.
            searches: fc.array(fc.record({ from: fc.nat(nodes - 1), to: fc.nat(nodes - 1), maxHops: fc.integer({ min: 1, max: 6 }) }), { minLength: 1, maxLength: 6 }),
          }),
        ),
        ({ nodes, links, searches }) => {
          const graph = graphOf(links, nodes);
          const linked = new Set(links.flatMap(([a, b]) => [`${a}-${b}`, `${b}-${a}`]));
          for (const { from, to, maxHops } of searches) {
            const path = graph.shortestPath(from, to, maxHops);
            const distance = plainDistance(nodes, links, from, to);
            if (from === to || distance > maxHops) {
              expect(path).toBeNull();
              continue;
            }
            expect(path).not.toBeNull();
            expect(path!.length - 1).toBe(distance);
            expect([path![0], path!.at(-1)]).toEqual([from, to]);
            for (let step = 1; step < path!.length; step += 1) expect(linked.has(`${path![step - 1]}-${path![step]}`)).toBe(true);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

});

describe('LinkList', () => {
  it('refuses links whose ends are not node numbers, naming them', () => {
    expect(() => new LinkList().append([0, 1], [1])).toThrow('2 starts against 1 ends');
    expect(() => new LinkList().append([0, -1], [1, 2])).toThrow('got -1 – 2');
    expect(() => new LinkList().append([1.5], [2])).toThrow('got 1.5 – 2');
  });

  it('grows past its first buffer and keeps every link', () => {
    const list = new LinkList();
    const starts = Array.from({ length: 5_000 }, (_, index) => index);
    list.append(
      starts,
      starts.map((start) => start + 1),
    );
    const graph = list.toGraph();
    expect(list.size).toBe(5_000);
    expect(graph.nodeCount).toBe(5_001);
    expect(graph.shortestPath(0, 3, 3)).toEqual([0, 1, 2, 3]);
    expect(graph.degree(2_500)).toBe(2);
    // Made for fewer links than come (a count read before a write added some): it grows as well.
    const small = new LinkList(1);
    small.append([0, 1, 2], [1, 2, 3]);
    expect(small.toGraph().shortestPath(0, 3, 3)).toEqual([0, 1, 2, 3]);
  });
});

/** The distance by a breadth-first search from one end over the links as written (Infinity when unlinked). */
function plainDistance(nodes: number, links: Array<[number, number]>, from: number, to: number): number {
  const distance = new Array<number>(nodes).fill(Infinity);
  distance[from] = 0;
  let frontier = [from];
  while (frontier.length > 0) {
    const next: number[] = [];
    for (const node of frontier) {
      for (const [a, b] of links) {
        const other = a === node ? b : b === node ? a : -1;
        if (other >= 0 && distance[other] === Infinity) {
          distance[other] = distance[node]! + 1;
          next.push(other);
        }
      }
    }
    frontier = next;
  }
  return distance[to]!;
}
