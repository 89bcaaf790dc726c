import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteByPrefix, openTestDatabase, uniquePrefix } from '../support/database.js';
import { findNeighborhood } from '../../src/modules/links/links.repository.js';
import { findEntity } from '../../src/modules/chain/chain.repository.js';

/**
 * A neighbourhood read ring by ring, on a hand-made star: C cooperates with N1…N5; N1 with M1…M3; M1 with Z.
 * Worked by hand: within 2 hops, C first, then N1…N5 (distance 1, by id), then M1…M3 (distance 2, by id); Z is 3 hops away.
 * I stands alone. Edges among C…M3: C–N1…N5 and N1–M1…M3, 8; among C…M1: 6.
 */
describe('neighbourhoods, ring by ring (links.repository findNeighborhood)', () => {
  const database = openTestDatabase();
  const prefix = uniquePrefix();
  const names = ['C', 'N1', 'N2', 'N3', 'N4', 'N5', 'M1', 'M2', 'M3', 'Z', 'I'];
  const links = [['C', 'N1'], ['C', 'N2'], ['C', 'N3'], ['C', 'N4'], ['C', 'N5'], ['N1', 'M1'], ['N1', 'M2'], ['N1', 'M3'], ['M1', 'Z']];
  const local = (id: string) => id.slice(prefix.length + 1);

  beforeAll(async () => {
    await database.write('UNWIND $names AS name CREATE (:Entity:Organization:Enterprise {id: $prefix + ":" + name, name: name})', { names, prefix });
    await database.write('UNWIND $links AS link MATCH (a:Entity {id: $prefix + ":" + link[0]}), (b:Entity {id: $prefix + ":" + link[1]}) CREATE (a)-[:COOPERATES_WITH]->(b)', { links, prefix });
  });
  afterAll(async () => {
    await deleteByPrefix(database, prefix);
    await database.close();
  });

  const around = async (depth: number, limit: number, maxRing = 20_000, centre = 'C') => {
    const entity = await findEntity(database, 'Entity', `${prefix}:${centre}`);
    if (!entity) throw new Error(`no ${centre}`);
    const queries: string[] = [];
    const stop = database.onQuery((event) => queries.push(event.query ?? ''));
    try {
      return { ...(await findNeighborhood(database, entity, ['COOPERATES_WITH'], depth, limit, 2000, { maxRing })), roundTrips: queries.length };
    } finally {
      stop();
    }
  };
  const edgeNames = (edges: readonly { from: string; to: string }[]) => edges.map((edge) => `${local(edge.from)}-${local(edge.to)}`).sort();

  it('returns the nearest first, ties by id, and the edges among them', async () => {
    const two = await around(2, 100);
    expect(two.nodes.map((node) => local(node.id))).toEqual(['C', 'N1', 'N2', 'N3', 'N4', 'N5', 'M1', 'M2', 'M3']);
    expect(two.truncated).toBe(false);
    expect(edgeNames(two.edges)).toEqual(['C-N1', 'C-N2', 'C-N3', 'C-N4', 'C-N5', 'N1-M1', 'N1-M2', 'N1-M3']);
    expect(two.roundTrips).toBe(2);
    const three = await around(3, 100);
    expect(three.nodes.map((node) => local(node.id)).at(-1)).toBe('Z');
    expect(three.edges).toHaveLength(9);
    expect(three.roundTrips).toBe(3);
  });

  it('answers the centre alone at depth 0, and stops at an empty ring', async () => {
    const zero = await around(0, 100);
    expect(zero.nodes.map((node) => local(node.id))).toEqual(['C']);
    expect(zero.edges).toEqual([]);
    const alone = await around(3, 100, 20_000, 'I');
    expect(alone.nodes.map((node) => local(node.id))).toEqual(['I']);
    expect(alone).toMatchObject({ edges: [], truncated: false, roundTrips: 1 });
  });

  it('stops at the limit and says so', async () => {
    const seven = await around(2, 7);
    expect(seven.nodes.map((node) => local(node.id))).toEqual(['C', 'N1', 'N2', 'N3', 'N4', 'N5', 'M1']);
    expect(seven.truncated).toBe(true);
    expect(edgeNames(seven.edges)).toEqual(['C-N1', 'C-N2', 'C-N3', 'C-N4', 'C-N5', 'N1-M1']);
    const exact = await around(1, 6);
    expect(exact.nodes).toHaveLength(6);
    expect(exact.truncated).toBe(false);
    expect(exact.roundTrips).toBe(1);
  });

  it('cuts a ring larger than maxRing and says so', async () => {
    const cut = await around(2, 100, 3);
    expect(cut.truncated).toBe(true);
    expect(cut.nodes).toHaveLength(1 + 3);
    expect(local(cut.nodes[0]!.id)).toBe('C');
    expect(edgeNames(cut.edges)).toEqual(cut.nodes.slice(1).map((node) => `C-${local(node.id)}`).sort());
    expect(cut.roundTrips).toBe(1);
  });
});
