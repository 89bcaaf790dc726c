import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/neo4j/database.js';
import { openTestDatabase } from '../support/database.js';

/** What a read hands back: the driver's values turned into plain JavaScript (src/neo4j/values.ts), read from a real server. */
describe('values read from Neo4j', () => {
  let database: Database;
  beforeAll(() => {
    database = openTestDatabase();
  });
  afterAll(async () => {
    await database?.close();
  });

  it('turns integers into numbers and temporals into ISO text, through nested maps and lists', async () => {
    const rows = await database.read(
      `RETURN 42 AS count, 2.5 AS ratio, 'text' AS name, true AS flag, null AS nothing,
              {total: 3, items: [{year: 2022, on: date('2026-12-02'), tags: ['a', 'b']}, {year: null, at: datetime('2026-12-02T04:05:06Z')}], empty: {}} AS page,
              [[1, 2], []] AS lists, localdatetime('2026-12-02T12:00:00') AS local`,
    );
    expect(rows).toEqual([
      {
        count: 42,
        ratio: 2.5,
        name: 'text',
        flag: true,
        nothing: null,
        page: { total: 3, items: [{ year: 2022, on: '2026-12-02', tags: ['a', 'b'] }, { year: null, at: '2026-12-02T04:05:06Z' }], empty: {} },
        lists: [[1, 2], []],
        local: '2026-12-02T12:00:00',
      },
    ]);
    // Plain values, not the driver's: a number, not an Integer object.
    expect(typeof (rows[0]!.page as { total: unknown }).total).toBe('number');
  });

  it('refuses an integer JavaScript cannot hold exactly, naming it', async () => {
    await expect(database.read('RETURN 9007199254740993 AS big')).rejects.toThrow(/Integer 9007199254740993 is outside JavaScript's safe range/);
  });
});
