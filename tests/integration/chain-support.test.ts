import { afterAll, describe, expect, it } from 'vitest';
import { findDefaultCounty, findSegmentSupport } from '../../src/modules/chain/chain.repository.js';
import type { Row } from '../../src/neo4j/database.js';
import { openTestDatabase, withReads } from '../support/database.js';

/**
 * A chain's support is counted in three queries side by side (src/modules/chain/chain.repository.ts). A write between
 * them can add or remove a segment that one part sees and another does not: the whole is counted again, once, and a
 * chain that keeps changing is reported, never joined half. Over the sample county (read-only); each case reads
 * through a database object of its own, so no kept support is shared between them.
 */
describe("a chain's support, counted in parts", () => {
  const database = openTestDatabase();
  afterAll(() => database.close());
  const OPTIONS = { recentSince: 2021, supporterLimit: 10 };

  /** The support of 老腊肉, through reads that drop the first segment from the research part's first `times` answers. */
  const supportDropping = async (times: number) => {
    const county = (await findDefaultCounty(database))!;
    let supportReads = 0;
    let dropped = 0;
    const disturbed = withReads(database, async (query, parameters, real) => {
      const rows: Row[] = await real.read(query, parameters);
      if (/AS rdPartners/.test(query)) {
        supportReads += 1;
        if (dropped < times) {
          dropped += 1;
          return rows.filter((row) => row.segmentId !== 'seg:laorou-breeding');
        }
      }
      return rows;
    });
    return { support: findSegmentSupport(disturbed, 'industry:laorou', county.id, OPTIONS), reads: () => supportReads };
  };

  it('joins the three parts per segment: the figures worked out from the sample', async () => {
    const { support, reads } = await supportDropping(0);
    const rows = await support;
    expect(reads()).toBe(1);
    // The six segments of 老腊肉 (育种 养殖 制作 保存 溯源 销售), each with every dimension.
    expect(rows).toHaveLength(6);
    const breeding = rows.find((row) => row.segmentId === 'seg:laorou-breeding')!;
    expect(breeding.localEnterprises).toBe(0); // no enterprise of X县 breeds (the sample's deliberate gap)
    const tracing = rows.find((row) => row.segmentId === 'seg:laorou-tracing')!;
    expect(tracing.lastProjectYear).toBe(2019); // its one project started in 2019 (the sample's STALE gap)
    for (const row of rows) expect(Object.keys(row)).toHaveLength(16); // segmentId and the 15 figures and id lists of the three parts
  });

  it('counts again once when a part missed a segment, with the same answer as undisturbed', async () => {
    const undisturbed = await (await supportDropping(0)).support;
    const { support, reads } = await supportDropping(1);
    expect(await support).toEqual(undisturbed);
    expect(reads()).toBe(2);
  });

  it('reports a chain whose segments changed during both counts, naming it', async () => {
    const { support, reads } = await supportDropping(2);
    await expect(support).rejects.toThrow(/segment support of industry:laorou: its segments changed while they were counted/);
    expect(reads()).toBe(2);
  });
});
