import { afterAll, describe, expect, inject, it } from 'vitest';
import neo4j from 'neo4j-driver';
import { waitForQuietDatabase } from '../../bench/scale/run.js';

/**
 * The benchmark waits, before each cell, until Neo4j runs no transaction left from the cell before (a slow system's
 * requests go on in Neo4j after its load generator stopped). Here a transaction of the test's own stays open for a
 * known time: the wait must last at least that long, and end soon after it closes.
 */
describe('the benchmark waits for a quiet database', () => {
  const connection = inject('neo4j');
  const driver = neo4j.driver(connection.uri, neo4j.auth.basic(connection.user, connection.password));
  afterAll(() => driver.close());

  it('returns at once when nothing else runs', async () => {
    expect(await waitForQuietDatabase(connection)).toBeLessThan(2_000);
  });

  it('waits while another transaction is open, and returns once it has closed', async () => {
    const session = driver.session({ database: connection.database });
    const transaction = await session.beginTransaction();
    await transaction.run('RETURN 1');
    const held = 1_500;
    const closed = new Promise<void>((resolve) => setTimeout(() => void transaction.commit().then(() => resolve()), held));
    const waited = await waitForQuietDatabase(connection);
    await closed;
    await session.close();
    // It polls every 250 ms: it saw the transaction until it closed, and no longer than a few polls after.
    expect(waited).toBeGreaterThanOrEqual(held - 50);
    expect(waited).toBeLessThan(held + 5_000);
  });
});
