import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { deleteByPrefix, uniquePrefix } from '../support/database.js';
import { startTestService, type TestService } from '../support/graphql-client.js';
import { loadMiniCounty } from '../support/fixtures.js';
import { toGlobalId } from '../../src/graphql/global-id.js';
import { DEFAULT_DATABASE_LIMITS, openDatabase, type Database } from '../../src/neo4j/database.js';
import { Clock } from '../../src/clock.js';

/** The test database with room for the run's first chain analysis, whose large query is planned cold (slow on a loaded machine). */
const openPatientDatabase = () => openDatabase(inject('neo4j'), { ...DEFAULT_DATABASE_LIMITS, transactionTimeoutMs: 60_000 });

/**
 * "Today" and "this year" come from the service's one clock, read in the county's time zone (Asia/Shanghai,
 * UTC+8): services started with fixed clocks give answers that do not depend on the machine's clock or zone.
 * Mini county facts used: demand:cold is posted by agency:sci; seg:process of industry:pork requires
 * topic:preserve, whose only project proj:smoke (MUNICIPAL, led by univ:agri) started in 2023.
 */
describe('one clock, in the county time zone', () => {
  let database: Database;
  const prefix = uniquePrefix();
  const gid = (kind: Parameters<typeof toGlobalId>[0], id: string) => toGlobalId(kind, `${prefix}:${id}`);
  const services: TestService[] = [];
  const serviceAt = async (instant: string) => {
    const service = await startTestService(database, { clock: Clock.fixed(instant) });
    services.push(service);
    return service;
  };

  beforeAll(async () => {
    database = openPatientDatabase();
    await loadMiniCounty(database, prefix);
  });
  afterAll(async () => {
    await Promise.all(services.map((service) => service.close()));
    await deleteByPrefix(database, prefix);
    await database.close();
  });

  it('dates a new demand by the county calendar: 2026-02-28T23:30Z is 07:30 on 1 March in Shanghai', async () => {
    const service = await serviceAt('2026-02-28T23:30:00Z');
    const result = await service.query<{ demandCreate: { demand: { id: string; postedOn: string } } }>(
      `mutation ($input: DemandCreateInput!) { demandCreate(input: $input) { demand { id postedOn } userErrors { message } } }`,
      { input: { slug: `${prefix}-dated`, title: '时钟测试需求', budget: 1, postedBy: gid('GovernmentAgency', 'agency:sci'), source: 'test' } },
      'editor',
    );
    const changes = await service.query<{ changes: { nodes: Array<{ at: string; operation: string }> } }>(
      `query ($id: ID!) { changes(filter: { entity: $id }) { nodes { at operation } } }`,
      { id: toGlobalId('Demand', `demand:${prefix}-dated`) },
      'admin',
    );
    await database.write('MATCH (d:Demand {id: $id}) DETACH DELETE d', { id: `demand:${prefix}-dated` });
    expect(result.errors).toBeUndefined();
    expect(result.data?.demandCreate.demand.postedOn).toBe('2026-03-01');
    // The audit log keeps the instant itself, in UTC.
    expect(changes.data?.changes.nodes).toEqual([{ at: '2026-02-28T23:30:00.000Z', operation: 'demandCreate' }]);
  });

  const CHAIN = `query ($id: ID!, $county: ID!) { industryChain(industry: $id, county: $county) {
    asOfYear segments { segment { name } gaps { kind reason } } } }`;
  type Chain = { industryChain: { asOfYear: number; segments: Array<{ segment: { name: string }; gaps: Array<{ kind: string; reason: string }> }> } };
  const processGaps = (chain: Chain['industryChain']) => chain.segments.find((analysis) => analysis.segment.name === '制作')?.gaps ?? [];

  it('analyses a chain as of the county year: 2028-12-31T16:30Z is already 2029, so the 2023 project is older than 5 years', async () => {
    const late = await serviceAt('2028-12-31T16:30:00Z');
    const variables = { id: gid('Industry', 'industry:pork'), county: gid('Region', 'region:county') };
    const stale = await late.query<Chain>(CHAIN, variables);
    expect(stale.errors).toBeUndefined();
    expect(stale.data?.industryChain.asOfYear).toBe(2029);
    // 2029 − 5 = 2024 > 2023: no project on 冷链保存 started in the window.
    expect(processGaps(stale.data!.industryChain).find((gap) => gap.kind === 'STALE')?.reason).toBe('近 5 年（2024 年以来）没有该环节技术主题的项目；最近一项始于 2023 年');

    const earlier = await serviceAt('2028-12-31T15:30:00Z'); // 23:30 on 31 December in Shanghai: still 2028
    const fresh = await earlier.query<Chain>(CHAIN, variables);
    expect(fresh.data?.industryChain.asOfYear).toBe(2028);
    expect(processGaps(fresh.data!.industryChain).map((gap) => gap.kind)).not.toContain('STALE');
  });

  it('weighs matching evidence by the county year', async () => {
    const QUERY = `query ($id: ID!) { demandMatches(demandId: $id, kinds: [UNIVERSITY]) { matches { nodes {
      candidate { ... on University { name } } reasons { kind contribution } } } } }`;
    type Matches = { demandMatches: { matches: { nodes: Array<{ candidate: { name: string }; reasons: Array<{ kind: string; contribution: number }> }> } } };
    const projectContribution = async (instant: string) => {
      const result = await (await serviceAt(instant)).query<Matches>(QUERY, { id: gid('Demand', 'demand:cold') });
      expect(result.errors).toBeUndefined();
      const university = result.data?.demandMatches.matches.nodes.find((match) => match.candidate.name === '示例农业大学');
      return university?.reasons.find((reason) => reason.kind === 'PROJECT_EVIDENCE')?.contribution;
    };
    // proj:smoke, MUNICIPAL (0.8), led (1), 2023; half-life 4 years; signal 1 − exp(−evidence / 1.5); weight 0.15.
    // In 2027 (Shanghai, at 2026-12-31T16:30Z): evidence 0.8 × 0.5^(4/4) = 0.4, signal 0.234067, contribution 0.0351.
    expect(await projectContribution('2026-12-31T16:30:00Z')).toBe(0.0351);
    // In 2026 (one hour earlier, still 31 December in Shanghai): evidence 0.8 × 0.5^(3/4) = 0.475683, signal 0.271757, contribution 0.0408.
    expect(await projectContribution('2026-12-31T15:30:00Z')).toBe(0.0408);
  });
});
