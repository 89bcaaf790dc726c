import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { deleteByPrefix, silentLogger, uniquePrefix } from '../support/database.js';
import { startTestService, type TestService } from '../support/graphql-client.js';
import { loadMiniCounty } from '../support/fixtures.js';
import { toGlobalId } from '../../src/graphql/global-id.js';
import type { Database } from '../../src/neo4j/database.js';
import { DEFAULT_DATABASE_LIMITS, openDatabase } from '../../src/neo4j/database.js';
import { createHttpService } from '../../src/server.js';

/** The test database with room for the run's first chain analysis, whose large query is planned cold (slow on a loaded machine). */
const openPatientDatabase = () => openDatabase(inject('neo4j'), { ...DEFAULT_DATABASE_LIMITS, transactionTimeoutMs: 60_000 });

/**
 * `IndustryChain.rules` are the rules the verdicts were judged by, with prose generated from them. Mini county,
 * segment 制作 (seg:process) of 老腊肉 as of 2026: one local enterprise (ent:pork); R&D partner univ:agri (it cooperates
 * with ent:pork); platform plat:star (serves the industry, hosts expert:wang who holds 冷链保存); three local experts on
 * 冷链保存 or a narrower topic (expert:li through ent:pork, expert:wang through plat:star, expert:zhang through inst:meat
 * on topic:vacuum, which is narrower than 冷链保存); one project on it, started 2023.
 */
describe('the chain rules actually applied', () => {
  let database: Database;
  const prefix = uniquePrefix();
  const services: TestService[] = [];
  const CHAIN = `query ($id: ID!, $county: ID!) { industryChain(industry: $id, county: $county, asOfYear: 2026) {
    rules { asOfYear staleYears weakMinimums { dimension minimum } topiclessSegmentDimensions explanation }
    segments { segment { name } gaps { kind dimension observed required } } } }`;
  type Chain = {
    industryChain: {
      rules: { asOfYear: number; staleYears: number; weakMinimums: Array<{ dimension: string; minimum: number }>; topiclessSegmentDimensions: string[]; explanation: string[] };
      segments: Array<{ segment: { name: string }; gaps: Array<{ kind: string; dimension: string; observed: number; required: number }> }>;
    };
  };
  const chainWith = async (options: Parameters<typeof startTestService>[1]) => {
    const service = await startTestService(database, options);
    services.push(service);
    const result = await service.query<Chain>(CHAIN, { id: toGlobalId('Industry', `${prefix}:industry:pork`), county: toGlobalId('Region', `${prefix}:region:county`) });
    expect(result.errors).toBeUndefined();
    return result.data!.industryChain;
  };
  const processGaps = (chain: Chain['industryChain']) => chain.segments.find((analysis) => analysis.segment.name === '制作')?.gaps;

  beforeAll(async () => {
    database = openPatientDatabase();
    await loadMiniCounty(database, prefix);
  });
  afterAll(async () => {
    await Promise.all(services.map((service) => service.close()));
    await deleteByPrefix(database, prefix);
    await database.close();
  });

  it('returns the default rules with the year applied, and judges by them', async () => {
    const chain = await chainWith({});
    expect(chain.rules).toMatchObject({ asOfYear: 2026, staleYears: 5, topiclessSegmentDimensions: ['ENTERPRISES'] });
    expect(chain.rules.weakMinimums).toEqual([
      { dimension: 'ENTERPRISES', minimum: 2 },
      { dimension: 'RD_PARTNERS', minimum: 1 },
      { dimension: 'PLATFORMS', minimum: 1 },
      { dimension: 'EXPERTS', minimum: 3 },
      { dimension: 'RECENT_PROJECTS', minimum: 1 },
    ]);
    expect(chain.rules.explanation).toContain(
      '2021 年（2026 − 5）以来开始的该环节主题项目：0 个为「近年无项目」（STALE），少于 1 个为「近年项目偏少」（WEAK） / projects on its topics started in or after 2021 (2026 − 5): none is STALE, fewer than 1 is WEAK.',
    );
    expect(chain.rules.explanation).toContain(
      '县内具备其技术主题专长的专家：0 个为「缺县内专家」（NO_EXPERT），少于 3 个为「县内专家偏少」（WEAK） / local experts holding one of its topics: none is NO_EXPERT, fewer than 3 is WEAK.',
    );
    expect(chain.rules.explanation).toContain('不要求技术主题的环节只按县内企业判定 / A segment that requires no topic is judged on local enterprises only (ENTERPRISES).');
    // 1 local enterprise < 2; 3 local experts meet 3; the 2023 project is within 2021…2026.
    expect(processGaps(chain)).toEqual([{ kind: 'WEAK', dimension: 'ENTERPRISES', observed: 1, required: 2 }]);
  });

  it('states and applies other thresholds when the service is configured with them', async () => {
    const chain = await chainWith({
      chainRules: { staleYears: 2, weakMinimums: { ENTERPRISES: 1, RD_PARTNERS: 1, PLATFORMS: 1, EXPERTS: 2, RECENT_PROJECTS: 1 }, candidatesDefault: 3, candidatesMax: 10 },
    });
    expect(chain.rules).toMatchObject({ asOfYear: 2026, staleYears: 2 });
    expect(chain.rules.explanation).toContain(
      '2024 年（2026 − 2）以来开始的该环节主题项目：0 个为「近年无项目」（STALE），少于 1 个为「近年项目偏少」（WEAK） / projects on its topics started in or after 2024 (2026 − 2): none is STALE, fewer than 1 is WEAK.',
    );
    expect(chain.rules.explanation).toContain(
      '县内具备其技术主题专长的专家：0 个为「缺县内专家」（NO_EXPERT），少于 2 个为「县内专家偏少」（WEAK） / local experts holding one of its topics: none is NO_EXPERT, fewer than 2 is WEAK.',
    );
    expect(chain.rules.explanation.some((line) => line.includes('默认列出 3 个，最多 10 个'))).toBe(true);
    // Now 1 enterprise meets its minimum of 1, and 2023 is before 2024: the segment is STALE only.
    expect(processGaps(chain)).toEqual([{ kind: 'STALE', dimension: 'RECENT_PROJECTS', observed: 0, required: 1 }]);
  });

  it('refuses rules out of range when the service is built', async () => {
    const probe = openDatabase(inject('neo4j'));
    try {
      await expect(
        createHttpService(probe, silentLogger, { chainRules: { staleYears: 0, weakMinimums: { ENTERPRISES: 2, RD_PARTNERS: 1, PLATFORMS: 1, EXPERTS: 3, RECENT_PROJECTS: 1 }, candidatesDefault: 5, candidatesMax: 20 } }),
      ).rejects.toThrow('chain rules: staleYears must be a whole number from 1 to 100, got 0');
    } finally {
      await probe.close();
    }
  });
});
