import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteByPrefix, openTestDatabase, uniquePrefix } from '../support/database.js';
import {
  prepareProximityGraph,
  proximityGraphOf,
  proximityTo,
  readProximityInNeo4j,
  readProximityThrough,
  type Proximity,
} from '../../src/modules/matching/matching.repository.js';

/**
 * Paths to the party in need found in the proximity graph kept in memory, against Neo4j's own. Hand-built, party T
 * (an enterprise):
 *   T –COOPERATES_WITH→ R;  T –PARTICIPATES_IN→ P ←LEADS– U (a university);  E1 –AFFILIATED_WITH→ U;
 *   E4 –AFFILIATED_WITH→ R2 –COOPERATES_WITH→ U;  E5 –AFFILIATED_WITH→ R3 –COOPERATES_WITH→ R2;  F has no link.
 * So, each path unique and turned to run from the candidate: R [R, T] (cooperating); U [U, P, T] sharing project P;
 * E1 [E1, U, P, T]; E4 [E4, R2, U, P, T] (4 links); E5 is 5 links away and F nowhere: no path within 4.
 */
describe('matching: proximity paths from the kept proximity graph', () => {
  const database = openTestDatabase();
  const prefix = uniquePrefix();
  const id = (local: string) => `${prefix}:${local}`;
  const candidates = ['R', 'U', 'E1', 'E4', 'E5', 'F'].map(id);

  beforeAll(async () => {
    await database.write(
      `CREATE (t:Entity:Organization:Enterprise {id: $prefix + ':T', name: '测试需求方'})
       CREATE (r:Entity:Organization:Enterprise {id: $prefix + ':R', name: '测试合作企业'})
       CREATE (p:Entity:Project {id: $prefix + ':P', name: '测试共同项目'})
       CREATE (u:Entity:Organization:University {id: $prefix + ':U', name: '测试大学'})
       CREATE (e1:Entity:Expert {id: $prefix + ':E1', name: '测试专家一'})
       CREATE (r2:Entity:Organization:Enterprise {id: $prefix + ':R2', name: '测试二级企业'})
       CREATE (e4:Entity:Expert {id: $prefix + ':E4', name: '测试专家四'})
       CREATE (r3:Entity:Organization:Enterprise {id: $prefix + ':R3', name: '测试三级企业'})
       CREATE (e5:Entity:Expert {id: $prefix + ':E5', name: '测试专家五'})
       CREATE (:Entity:Organization:Enterprise {id: $prefix + ':F', name: '测试无关企业'})
       CREATE (t)-[:COOPERATES_WITH]->(r), (t)-[:PARTICIPATES_IN]->(p), (u)-[:LEADS]->(p), (e1)-[:AFFILIATED_WITH]->(u),
              (e4)-[:AFFILIATED_WITH]->(r2), (r2)-[:COOPERATES_WITH]->(u), (e5)-[:AFFILIATED_WITH]->(r3), (r3)-[:COOPERATES_WITH]->(r2)`,
      { prefix },
    );
  });
  afterAll(async () => {
    await deleteByPrefix(database, prefix);
    await database.close();
  });

  /** A proximity as the test states it: the path by local names, and the names read with it. */
  const expected = (local: string, path: string[] | null, more: Partial<Proximity> = {}): Proximity => ({
    candidateId: id(local),
    cooperating: false,
    sharedProjectIds: [],
    sharedPlatformIds: [],
    pathIds: path && path.map(id),
    names: (path ?? []).map((step) => ({ id: id(step), name: NAMES[step]! })),
    ...more,
  });
  const NAMES: Record<string, string> = {
    T: '测试需求方', R: '测试合作企业', P: '测试共同项目', U: '测试大学', E1: '测试专家一', R2: '测试二级企业', E4: '测试专家四',
  };
  const everyExpected = (): Proximity[] => [
    expected('R', ['R', 'T'], { cooperating: true }),
    { ...expected('U', ['U', 'P', 'T'], { sharedProjectIds: [id('P')] }), names: [...expected('U', ['U', 'P', 'T']).names, { id: id('P'), name: NAMES.P! }] },
    expected('E1', ['E1', 'U', 'P', 'T']),
    expected('E4', ['E4', 'R2', 'U', 'P', 'T']),
    expected('E5', null),
    expected('F', null),
  ];

  it('finds the same paths, shared work and names in memory as Neo4j does, with no path beyond 4 links', async () => {
    const { graph } = await prepareProximityGraph(database);
    expect(graph).not.toBeNull();
    expect(proximityGraphOf(database)).toBe(graph);
    const inMemory = await readProximityThrough(database, graph!, candidates, id('T'), 4);
    const inNeo4j = await readProximityInNeo4j(database, candidates, id('T'), 4);
    expect([...inMemory.values()]).toEqual(everyExpected());
    expect([...inNeo4j.values()]).toEqual(everyExpected());
    // A shorter limit: E1 (3 links) still, E4 (4) no more.
    const three = await readProximityThrough(database, graph!, [id('E1'), id('E4')], id('T'), 3);
    expect(three.get(id('E1'))?.pathIds).toEqual(['E1', 'U', 'P', 'T'].map(id));
    expect(three.get(id('E4'))?.pathIds).toBeNull();
    // The party itself and an id that denotes nothing have no proximity.
    expect([...(await readProximityThrough(database, graph!, [id('T'), id('nobody')], id('T'), 4)).keys()]).toEqual([]);
  });

  it('is not used once the graph changed, and is read again after', async () => {
    await prepareProximityGraph(database);
    expect(proximityGraphOf(database)).toBeDefined();
    // E5 joins U: now 3 links from T.
    await database.write(`MATCH (e5:Expert {id: $e5}), (u:University {id: $u}) CREATE (e5)-[:AFFILIATED_WITH]->(u)`, { e5: id('E5'), u: id('U') });
    expect(proximityGraphOf(database)).toBeUndefined();
    const afterWrite = await proximityTo(database, [id('E5')], id('T'), 4);
    expect(afterWrite.get(id('E5'))?.pathIds).toEqual(['E5', 'U', 'P', 'T'].map(id));
    const { graph } = await prepareProximityGraph(database);
    expect(proximityGraphOf(database)).toBe(graph);
    const inMemory = await readProximityThrough(database, graph!, [id('E5')], id('T'), 4);
    expect(inMemory.get(id('E5'))?.pathIds).toEqual(['E5', 'U', 'P', 'T'].map(id));
    await database.write(`MATCH (:Expert {id: $e5})-[link:AFFILIATED_WITH]->(:University {id: $u}) DELETE link`, { e5: id('E5'), u: id('U') });
  });

  it('keeps no graph larger than allowed (none at all with 0 MB), and Neo4j finds the paths then', async () => {
    const outcome = await prepareProximityGraph(database, 0);
    expect(outcome).toMatchObject({ graph: null, maxBytes: 0 });
    expect(outcome.bytes).toBeGreaterThan(0); // the test database's nodes and links, whatever else it holds
    expect(proximityGraphOf(database)).toBeUndefined();
    const read = await proximityTo(database, [id('E1')], id('T'), 4);
    expect(read.get(id('E1'))?.pathIds).toEqual(['E1', 'U', 'P', 'T'].map(id));
    // Allowed again: kept.
    const kept = await prepareProximityGraph(database, 64);
    expect(kept.graph).not.toBeNull();
    expect(proximityGraphOf(database)).toBe(kept.graph);
  });

  it('reads the batch from Neo4j when a node on a path is gone since the graph was read (a write it has not seen yet)', async () => {
    const { graph } = await prepareProximityGraph(database);
    // Another connection deletes R2, the second step of E4's only path: this one's graph still has it.
    const other = openTestDatabase();
    try {
      await other.write('MATCH (r2:Entity {id: $r2}) DETACH DELETE r2', { r2: id('R2') });
    } finally {
      await other.close();
    }
    const read = await readProximityThrough(database, graph!, [id('E4'), id('E1')], id('T'), 4);
    expect(read.get(id('E4'))).toEqual(expected('E4', null));
    expect(read.get(id('E1'))?.pathIds).toEqual(['E1', 'U', 'P', 'T'].map(id));
  });
});
