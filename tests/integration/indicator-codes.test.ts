import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteByPrefix, uniquePrefix } from '../support/database.js';
import { useTestService } from '../support/graphql-client.js';
import { loadMiniCounty } from '../support/fixtures.js';
import { toGlobalId } from '../../src/graphql/global-id.js';

/**
 * The formula deriving an indicator is chosen by its code, never by its name. Mini county facts: region:county
 * (population 300 000) holds ent:pork and ent:herb, both HIGH_TECH, neither TECH_SME; the one invention patent
 * (granted 2024) is owned by univ:agri in region:city, which has no population.
 */
describe('indicator progress keyed by code', () => {
  const suite = useTestService();
  const prefix = uniquePrefix();
  const indicator = (slug: string, name: string, region: string, code: string | null, recordedValue: number) => ({
    id: `${prefix}:indicator:${slug}`,
    name,
    code,
    recordedValue,
    region: `${prefix}:region:${region}`,
  });
  const INDICATORS = [
    indicator('named-like-high-tech', '高新技术企业数', 'county', null, 7),
    indicator('renamed', '双倍增考核企业', 'county', 'HIGH_TECH_ENTERPRISES', 7),
    indicator('smes', '科技型企业（新口径）', 'county', 'TECH_SMES', 5),
    indicator('patents-county', '专利密度', 'county', 'INVENTION_PATENTS_PER_10K', 0.5),
    indicator('patents-city', '专利密度（市）', 'city', 'INVENTION_PATENTS_PER_10K', 0.5),
    indicator('contract-value', '技术合同成交额', 'county', 'TECH_CONTRACT_VALUE', 4200),
  ];

  beforeAll(async () => {
    await loadMiniCounty(suite.database, prefix);
    await suite.database.write(
      `UNWIND $indicators AS row
       MATCH (region:Region {id: row.region})
       CREATE (indicator:Entity:Indicator {id: row.id, name: row.name, unit: '家', baselineYear: 2022, baselineValue: 1.0, targetYear: 2027,
               targetValue: 9.0, recordedYear: 2024, recordedValue: row.recordedValue, source: 'test'})
       SET indicator.code = row.code
       CREATE (indicator)-[:MEASURES]->(region)`,
      { indicators: INDICATORS },
    );
  });
  afterAll(() => deleteByPrefix(suite.database, prefix));

  it('derives HIGH_TECH_ENTERPRISES, TECH_SMES and INVENTION_PATENTS_PER_10K by code, and records names and other codes', async () => {
    const result = await suite.service.query<{ indicatorProgress: Array<{ indicator: { id: string; name: string; code: string | null }; basis: string; currentValue: number | null; progressRatio: number | null }> }>(
      '{ indicatorProgress { indicator { id name code } basis currentValue progressRatio } }',
    );
    expect(result.errors).toBeUndefined();
    const ids = new Set(INDICATORS.map((entry) => toGlobalId('Indicator', entry.id)));
    const ours = result.data!.indicatorProgress.filter((entry) => ids.has(entry.indicator.id)).map((entry) => [entry.indicator.name, entry.indicator.code, entry.basis, entry.currentValue, entry.progressRatio]);
    expect(ours.sort()).toEqual(
      [
        // A name that reads like a formula, without a code: its recorded 7, progress (7 − 1) / (9 − 1) = 0.75.
        ['高新技术企业数', null, 'RECORDED', 7, 0.75],
        // The code under an unrelated name: the two HIGH_TECH enterprises of the county, (2 − 1) / 8 = 0.125.
        ['双倍增考核企业', 'HIGH_TECH_ENTERPRISES', 'DERIVED', 2, 0.125],
        // One TECH_SME enterprise in the county (ent:chicken, located in region:town, PART_OF the county): (1 − 1) / 8 = 0.
        ['科技型企业（新口径）', 'TECH_SMES', 'DERIVED', 1, 0],
        // The county owns no invention patent: 0 per 10 000, (0 − 1) / 8 = −0.125.
        ['专利密度', 'INVENTION_PATENTS_PER_10K', 'DERIVED', 0, -0.125],
        // The city has no population, so the formula cannot apply: recorded 0.5, (0.5 − 1) / 8 = −0.0625, rounded half up to −0.062.
        ['专利密度（市）', 'INVENTION_PATENTS_PER_10K', 'RECORDED', 0.5, -0.062],
        // A code without a formula: recorded 4200, (4200 − 1) / 8 = 524.875.
        ['技术合同成交额', 'TECH_CONTRACT_VALUE', 'RECORDED', 4200, 524.875],
      ].sort(),
    );
  });
});
