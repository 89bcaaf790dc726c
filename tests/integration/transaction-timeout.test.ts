import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEFAULT_DATABASE_LIMITS, openDatabase, type Database } from '../../src/neo4j/database.js';
import { QueryTimeoutError } from '../../src/neo4j/errors.js';
import { migrate } from '../../src/graph/migrations.js';

/** A read that takes far longer than 50 ms on any machine: it counts 30 million generated rows. */
const SLOW_READ = 'UNWIND range(1, 30000000) AS x WITH x WHERE x % 7 = 0 RETURN count(x) AS total';

describe('the per-transaction time limit bounds requests, not administrative work', () => {
  let database: Database;

  beforeAll(() => {
    database = openDatabase(inject('neo4j'), { ...DEFAULT_DATABASE_LIMITS, transactionTimeoutMs: 50 });
  });
  afterAll(async () => {
    await database.close();
  });

  it('stops a request-path query that runs past the limit with QueryTimeoutError', async () => {
    await expect(database.read(SLOW_READ)).rejects.toBeInstanceOf(QueryTimeoutError);
  });

  it('lets the unbounded view of the same driver run it to the end (30 000 000 / 7 = 4 285 714 rows)', async () => {
    const rows = await database.unbounded().read(SLOW_READ);
    expect(rows).toEqual([{ total: 4_285_714 }]);
  });

  it('runs schema migrations (index population, back-fills) without the limit', async () => {
    const result = await migrate(database);
    expect(result.applied).toBeGreaterThan(20);
  });
});
