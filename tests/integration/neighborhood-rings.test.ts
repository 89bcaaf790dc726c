import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteByPrefix, openTestDatabase, uniquePrefix } from '../support/database.js';
import { findNeighborhood } from '../../src/modules/links/links.repository.js';

/**
 * A neighbourhood read ring by ring, on a hand-made star: C cooperates with N1…N5; N1 with M1…M3; M1 with Z.
 * Worked by hand: within 2 hops, C first, then N1…N5 (distance 1, by id), then M1…M3 (distance 2, by id); Z is 3 hops away.
 */
describe('neighbourhoods, ring by ring (links.repository findNeighborhood)', () => {
  const database = openTestDatabase();
  const prefix = uniquePrefix();
  const names = ['C', 'N1', 'N2', 'N3', 'N4', 'N5', 'M1', 'M2', 'M3', 'Z'];
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

  const around = (depth: number, limit: number, maxRing = 20_000) => findNeighborhood(database, `${prefix}:C`, ['COOPERATES_WITH'], depth, limit, 2000, null, maxRing);

  it('returns the nearest first, ties by id, and the edges among them', async () => {
    const two = await around(2, 100);
    expect(two.nodes.map((node) => local(node.id))).toEqual(['C', 'N1', 'N2', 'N3', 'N4', 'N5', 'M1', 'M2', 'M3']);
    expect(two.truncated).toBe(false);
    expect(two.edges).toHaveLength(8);
    expect((await around(3, 100)).nodes.map((node) => local(node.id)).at(-1)).toBe('Z');
  });

  it('stops at the limit and says so', async () => {
    const seven = await around(2, 7);
    expect(seven.nodes.map((node) => local(node.id))).toEqual(['C', 'N1', 'N2', 'N3', 'N4', 'N5', 'M1']);
    expect(seven.truncated).toBe(true);
    const exact = await around(1, 6);
    expect(exact.nodes).toHaveLength(6);
    expect(exact.truncated).toBe(false);
  });

  it('cuts a ring larger than maxRing and says so', async () => {
    const cut = await around(2, 100, 3);
    expect(cut.truncated).toBe(true);
    expect(cut.nodes).toHaveLength(1 + 3);
    expect(local(cut.nodes[0]!.id)).toBe('C');
  });
});
