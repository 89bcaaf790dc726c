import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteByPrefix, openTestDatabase, uniquePrefix, withReads } from '../support/database.js';
import { recommendPartners } from '../../src/modules/matching/matching.service.js';

/**
 * Proximity of the candidates not read ahead is read without waiting for the read ahead. Hand-built: enterprise E
 * focuses on topic T; 21 experts X01…X21 hold T at the same level, so they tie on every signal known before proximity,
 * and for a page of one all of them can still reach it. The read ahead takes the first 20 by topic signal (ties by id:
 * X01…X20); X21, the only one sharing a project with E (P, which E leads), is read in a second proximity read, and
 * comes first.
 */
describe('matching: proximity beyond the read ahead', () => {
  const prefix = uniquePrefix();
  const id = (local: string) => `${prefix}:${local}`;
  const database = openTestDatabase();
  const experts = Array.from({ length: 21 }, (_, index) => `X${String(index + 1).padStart(2, '0')}`);

  beforeAll(async () => {
    await database.write(
      `CREATE (t:Entity:Topic {id: $prefix + ':T', name: '测试邻近课题'})
       CREATE (e:Entity:Organization:Enterprise {id: $prefix + ':E', name: '测试邻近企业', foundedYear: 2010})-[:FOCUSES_ON]->(t)
       CREATE (e)-[:LEADS]->(:Entity:Project {id: $prefix + ':P', name: '测试邻近项目', level: 'COUNTY', startYear: 2024})
       WITH t
       UNWIND $experts AS local
       CREATE (x:Entity:Expert {id: $prefix + ':' + local, name: '测试专家' + local})-[:HAS_EXPERTISE {level: 'EXPERT'}]->(t)`,
      { prefix, experts },
    );
    await database.write(`MATCH (x:Expert {id: $x}), (p:Project {id: $p}) CREATE (x)-[:PARTICIPATES_IN]->(p)`, { x: id('X21'), p: id('P') });
  });
  afterAll(async () => {
    await deleteByPrefix(database, prefix);
    await database.close();
  });

  it('starts the rest while the read ahead is still under way, and ranks the one found there first', async () => {
    const fresh = openTestDatabase();
    const events: string[] = [];
    const asked: string[][] = [];
    let secondStarted!: () => void;
    const second = new Promise<void>((resolve) => (secondStarted = resolve));
    // The first proximity read (the read ahead) does not end until a second one has started, or 3 s have passed:
    // a matcher that waited for it before reading the rest would start the rest only after it ended.
    const watched = withReads(fresh, async (query, parameters, real) => {
      if (!query.includes('shortestPath')) return real.read(query, parameters);
      const number = asked.push([...((parameters?.candidateIds as string[] | undefined) ?? [])].sort());
      events.push(`start ${number}`);
      if (number > 1) secondStarted();
      const rows = await real.read(query, parameters);
      if (number === 1) await Promise.race([second, delay(3_000)]);
      events.push(`end ${number}`);
      return rows;
    });
    try {
      const result = await recommendPartners(watched, id('E'), ['Expert'], null, 2026, 1);
      expect(result!.matches[0]!.candidate.id).toBe(id('X21'));
      expect(result!.matches[0]!.reasons.find((reason) => reason.kind === 'GRAPH_PROXIMITY')?.summary).toBe('与需求方共同参与项目「测试邻近项目」');
      expect(result!.matchCount).toBe(21);
      expect(asked).toEqual([experts.slice(0, 20).map(id), [id('X21')]]);
      // The rest started before the read ahead ended (which of the two ends first is a race).
      expect(events.slice(0, 2)).toEqual(['start 1', 'start 2']);
      expect([...events].sort()).toEqual(['end 1', 'end 2', 'start 1', 'start 2']);
    } finally {
      await fresh.close();
    }
  });
});
