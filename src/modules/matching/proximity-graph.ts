/**
 * The links that make two parties close (work done together: cooperation, projects, affiliations, hosting, demands
 * taken or posted), held in memory as adjacency arrays over Neo4j's node numbers, to find the shortest path between a
 * candidate and the party in need without asking Neo4j for it.
 *
 * Why: Neo4j's `shortestPath` searches from both ends, but expands every node of a level, a hub's whole neighbourhood
 * included — a university of 52 000 links costs 15–30 ms per candidate it is or lies on the way to, and the hubs are
 * the strongest candidates, so a first answer's twenty paths took 50–230 ms at 1M. Here each step expands the side
 * whose frontier has the fewer links, and a hub's links are one array slice. The whole graph of a million nodes and
 * 1.1 million links takes 15 MB (a node's links as 32-bit node numbers, both ways: 13 MB; a byte per node for each
 * side of a search: 2 MB) and 3–4 s to read.
 *
 * The arrays are indexed by Neo4j's internal node number (`id(n)`: dense from 0, reused after a delete), so no map
 * from entity ids is held; a graph is only ever used while no write has happened since it was read (see
 * `proximityGraphOf` in the matching repository), which is what makes the numbers safe to use.
 */

/** Pairs of node numbers, appended as they are read; grows by doubling. */
export class LinkList {
  private starts: Int32Array;
  private ends: Int32Array;
  private count = 0;
  /** The largest node number seen at either end (−1 when empty). */
  highest = -1;

  /** `expected`: how many links are about to come, if known (the arrays are made that large at once). */
  constructor(expected = 1024) {
    const capacity = Math.max(1, Math.ceil(expected));
    this.starts = new Int32Array(capacity);
    this.ends = new Int32Array(capacity);
  }

  /** Appends the links `starts[i] – ends[i]` (a link's direction does not matter). */
  append(starts: readonly number[], ends: readonly number[]): void {
    if (starts.length !== ends.length) throw new RangeError(`a link needs two ends: ${starts.length} starts against ${ends.length} ends`);
    this.reserve(this.count + starts.length);
    for (let index = 0; index < starts.length; index += 1) {
      const start = starts[index]!;
      const end = ends[index]!;
      if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < 0 || start > 0x7fffffff || end > 0x7fffffff) {
        throw new RangeError(`a link's ends must be node numbers (0 to 2³¹−1), got ${start} – ${end}`);
      }
      this.starts[this.count] = start;
      this.ends[this.count] = end;
      this.count += 1;
      if (start > this.highest) this.highest = start;
      if (end > this.highest) this.highest = end;
    }
  }

  get size(): number {
    return this.count;
  }

  /** The graph of these links over node numbers 0 to `nodeCount − 1` (at least every number seen). */
  toGraph(nodeCount = this.highest + 1): ProximityGraph {
    const nodes = Math.max(nodeCount, this.highest + 1);
    const offsets = new Int32Array(nodes + 1);
    for (let index = 0; index < this.count; index += 1) {
      if (this.starts[index] === this.ends[index]) continue;
      offsets[this.starts[index]! + 1]! += 1;
      offsets[this.ends[index]! + 1]! += 1;
    }
    for (let node = 0; node < nodes; node += 1) offsets[node + 1]! += offsets[node]!;
    const neighbours = new Int32Array(offsets[nodes]!);
    const filled = offsets.slice(0, nodes);
    for (let index = 0; index < this.count; index += 1) {
      const start = this.starts[index]!;
      const end = this.ends[index]!;
      if (start === end) continue;
      neighbours[filled[start]!++] = end;
      neighbours[filled[end]!++] = start;
    }
    return new ProximityGraph(offsets, neighbours);
  }

  private reserve(capacity: number): void {
    if (capacity <= this.starts.length) return;
    let grown = this.starts.length;
    while (grown < capacity) grown *= 2;
    const starts = new Int32Array(grown);
    const ends = new Int32Array(grown);
    starts.set(this.starts.subarray(0, this.count));
    ends.set(this.ends.subarray(0, this.count));
    this.starts = starts;
    this.ends = ends;
  }
}

/** An undirected graph over node numbers 0…n−1: node `v`'s neighbours are `neighbours[offsets[v] … offsets[v+1])`. */
export class ProximityGraph {
  constructor(
    private readonly offsets: Int32Array,
    private readonly neighbours: Int32Array,
  ) {
    if (offsets.length === 0 || offsets[offsets.length - 1] !== neighbours.length) {
      throw new RangeError(`offsets must end at the number of neighbours (${neighbours.length}), got ${offsets[offsets.length - 1] ?? 'none'}`);
    }
    this.marks = [new Uint8Array(offsets.length - 1), new Uint8Array(offsets.length - 1)];
  }

  /** Per side of a search, each node's depth plus one (0: not reached); all 0 between searches. */
  private readonly marks: [Uint8Array, Uint8Array];

  /**
   * The bytes a graph over `nodeCount` node numbers with `links` links takes: a 32-bit offset per node number (and one
   * more), two 32-bit neighbours per link, and a byte per node number for each side of a search.
   */
  static bytesFor(nodeCount: number, links: number): number {
    return 4 * (nodeCount + 1) + 8 * links + 2 * nodeCount;
  }

  /** How many node numbers the graph spans. */
  get nodeCount(): number {
    return this.offsets.length - 1;
  }

  /** How many links it holds (each once). */
  get linkCount(): number {
    return this.neighbours.length / 2;
  }

  /** The bytes its arrays take. */
  get bytes(): number {
    return ProximityGraph.bytesFor(this.nodeCount, this.linkCount);
  }

  /** How many links a node has (0 for a number outside the graph). */
  degree(node: number): number {
    return this.has(node) ? this.offsets[node + 1]! - this.offsets[node]! : 0;
  }

  /**
   * A shortest path from `from` to `to` of at most `maxHops` links, as the node numbers along it (both ends included),
   * or null when there is none that short (or `from` is `to`, or either is outside the graph). Of several shortest
   * paths one is returned; which one depends on the order links were read in.
   */
  shortestPath(from: number, to: number, maxHops: number): number[] | null {
    if (from === to || !this.has(from) || !this.has(to) || maxHops < 1) return null;
    // Breadth-first from both ends; each step expands one whole level of the side whose frontier has the fewer links.
    // Once no node is reached from both ends, the distance exceeds the two depths' sum, so the first meeting found while
    // expanding a level closes a shortest path (every meeting of that level gives the same length). A side marks the
    // nodes it reached with their depth plus one in its byte array (Maps of tens of thousands of entries, behind a hub,
    // took 231 ms of one request's 20 searches); every mark is cleared before returning.
    const depths = this.marks;
    const levels: [number[][], number[][]] = [[[from]], [[to]]];
    depths[0][from] = 1;
    depths[1][to] = 1;
    try {
      for (let hops = 0; hops < maxHops; hops += 1) {
        const side = this.linksOf(levels[0].at(-1)!) <= this.linksOf(levels[1].at(-1)!) ? 0 : 1;
        const own = depths[side];
        const other = depths[1 - side]!;
        const frontier = levels[side].at(-1)!;
        const depth = levels[side].length;
        // Held in the levels at once: the marks of a search that returns midway are cleared like the others.
        const next: number[] = [];
        levels[side].push(next);
        for (const node of frontier) {
          for (let at = this.offsets[node]!, end = this.offsets[node + 1]!; at < end; at += 1) {
            const neighbour = this.neighbours[at]!;
            if (own[neighbour] !== 0) continue;
            own[neighbour] = depth + 1;
            next.push(neighbour);
            if (other[neighbour] !== 0) return side === 0 ? this.joined(depths, neighbour, node) : this.joined([depths[1], depths[0]], neighbour, node).reverse();
          }
        }
        if (next.length === 0) return null;
      }
      return null;
    } finally {
      for (const side of [0, 1] as const) for (const level of levels[side]) for (const node of level) depths[side][node] = 0;
    }
  }

  private has(node: number): boolean {
    return Number.isInteger(node) && node >= 0 && node < this.offsets.length - 1;
  }

  /** The links out of a frontier's nodes: the cost of expanding it. */
  private linksOf(frontier: readonly number[]): number {
    let links = 0;
    for (const node of frontier) links += this.offsets[node + 1]! - this.offsets[node]!;
    return links;
  }

  /**
   * The path from the first side's start to the second's through `meeting`, just reached from `reachedFrom` on the first
   * side: each step back on a side is a neighbour marked one level closer to its start.
   */
  private joined(depths: readonly [Uint8Array, Uint8Array], meeting: number, reachedFrom: number): number[] {
    const path = [meeting];
    for (let node = reachedFrom; ; node = this.closerNeighbour(depths[0], node)) {
      path.push(node);
      if (depths[0][node] === 1) break;
    }
    path.reverse();
    for (let node = meeting; depths[1][node] !== 1; ) {
      node = this.closerNeighbour(depths[1], node);
      path.push(node);
    }
    return path;
  }

  /** A neighbour of `node` marked one level closer to the side's start than `node` is. */
  private closerNeighbour(depth: Uint8Array, node: number): number {
    const closer = depth[node]! - 1;
    for (let at = this.offsets[node]!, end = this.offsets[node + 1]!; at < end; at += 1) {
      if (depth[this.neighbours[at]!] === closer) return this.neighbours[at]!;
    }
    throw new Error(`proximity graph: node ${node} at depth ${closer} has no neighbour one level closer`);
  }
}
