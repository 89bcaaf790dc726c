import { describe, expect, it } from 'vitest';
import { useTestService } from '../support/graphql-client.js';
import { toGlobalId } from '../../src/graphql/global-id.js';

/** Chain analysis over the sample county (loaded read-only by the global setup); asOfYear is fixed so verdicts do not age. */
describe('industry chains over the sample county', () => {
  const suite = useTestService();

  const CHAIN = `query ($id: ID!, $county: ID) { industryChain(industry: $id, county: $county, asOfYear: 2026) {
      industry { name } county { name } asOfYear rules { staleYears weakMinimums { dimension minimum } explanation }
      links { upstream { name } downstream { name } }
      segments { segment { name } depth requiredTopics { name }
        support { enterprises localEnterprises rdPartners researchOrganizations platforms experts projects recentProjects patents lastProjectYear }
        enterprises { local qualifications actor { __typename ... on Enterprise { name } } }
        platforms { actor { ... on Platform { name } } topics { name } }
        experts { level actor { ... on Expert { name } } }
        projects { name startYear } patents { title }
        gaps { kind dimension observed required reason reasonEnglish
          candidates(first: 3) { score local actor { __typename ... on Enterprise { name } ... on Expert { name } ... on University { name } ... on ResearchInstitute { name } ... on Platform { name } }
            reasons { kind contribution summary summaryEn topics { name } projects { name } patents { title } regions { name } } } } } } }`;

  type Chain = {
    industry: { name: string };
    county: { name: string };
    rules: { staleYears: number; weakMinimums: Array<{ dimension: string; minimum: number }>; explanation: string[] };
    links: Array<{ upstream: { name: string }; downstream: { name: string } }>;
    segments: Array<{
      segment: { name: string };
      depth: number;
      support: Record<string, number | null>;
      enterprises: Array<{ local: boolean; qualifications: string[] }>;
      gaps: Array<{ kind: string; dimension: string; reason: string; candidates: Array<{ score: number; actor: { __typename: string }; reasons: Array<{ kind: string; contribution: number; topics: unknown[]; projects: unknown[]; patents: unknown[]; regions: unknown[] }> }> }>;
    }>;
  };
  const chainOf = async (industry: string) => {
    const result = await suite.service.query<{ industryChain: Chain }>(CHAIN, { id: toGlobalId('Industry', industry) });
    expect(result.errors).toBeUndefined();
    return result.data!.industryChain;
  };
  const segment = (chain: Chain, name: string) => chain.segments.find((item) => item.segment.name === name)!;

  it('orders the 老腊肉 chain upstream → downstream, branching after 制作', async () => {
    const chain = await chainOf('industry:laorou');
    expect(chain.county.name).toBe('X县');
    expect(chain.segments.map((item) => [item.segment.name, item.depth])).toEqual([
      ['老腊肉·育种', 0],
      ['老腊肉·养殖', 1],
      ['老腊肉·制作', 2],
      ['老腊肉·保存', 3],
      ['老腊肉·溯源', 3],
      ['老腊肉·销售', 4],
    ]);
    expect(chain.links).toContainEqual({ upstream: { name: '老腊肉·制作' }, downstream: { name: '老腊肉·溯源' } });
    expect(chain.rules.staleYears).toBe(5); // the README's rule: no project within 5 years of asOfYear is STALE
    // The README's minimums: 2 local enterprises, 1 R&D partner, 1 platform, 3 experts, 1 recent project.
    expect([...chain.rules.weakMinimums].sort((a, b) => a.dimension.localeCompare(b.dimension))).toEqual([
      { dimension: 'ENTERPRISES', minimum: 2 },
      { dimension: 'EXPERTS', minimum: 3 },
      { dimension: 'PLATFORMS', minimum: 1 },
      { dimension: 'RD_PARTNERS', minimum: 1 },
      { dimension: 'RECENT_PROJECTS', minimum: 1 },
    ]);
    expect(chain.rules.explanation.length).toBeGreaterThan(3);
  });

  it('shows the deliberate 老腊肉 gaps with ranked, explained candidates', async () => {
    const chain = await chainOf('industry:laorou');
    const breeding = segment(chain, '老腊肉·育种');
    expect(breeding.support.localEnterprises).toBe(0);
    expect(breeding.gaps.map((gap) => gap.kind)).toContain('NO_ENTERPRISE');
    const tracing = segment(chain, '老腊肉·溯源');
    expect(tracing.gaps.map((gap) => gap.kind)).toEqual(expect.arrayContaining(['NO_EXPERT', 'NO_PLATFORM', 'STALE']));
    expect(tracing.support.lastProjectYear).toBe(2019);
    for (const gap of [...breeding.gaps, ...tracing.gaps].filter((item) => item.kind !== 'NO_PLATFORM')) {
      expect(gap.candidates.length, `${gap.kind} has candidates`).toBeGreaterThan(0);
      for (const candidate of gap.candidates) {
        const sum = candidate.reasons.reduce((total, reason) => total + reason.contribution, 0);
        expect(candidate.score).toBeCloseTo(sum, 3);
        // the topic reason names the segment's topics the candidate covers; evidence reasons name their projects and patents
        expect(candidate.reasons.find((reason) => reason.kind === 'TOPIC_OVERLAP')?.topics.length).toBeGreaterThan(0);
        for (const reason of candidate.reasons.filter((item) => item.kind === 'PROJECT_EVIDENCE')) expect(reason.projects.length).toBeGreaterThan(0);
        for (const reason of candidate.reasons.filter((item) => item.kind === 'PATENT_EVIDENCE')) expect(reason.patents.length).toBeGreaterThan(0);
      }
      const scores = gap.candidates.map((candidate) => candidate.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
    }
    const expertGap = tracing.gaps.find((gap) => gap.kind === 'NO_EXPERT')!;
    expect(expertGap.candidates.every((candidate) => candidate.actor.__typename === 'Expert')).toBe(true);
  });

  it('shows 中药材 and 大木漆 gaps with candidates, including candidates outside the county', async () => {
    const herbs = await chainOf('industry:herbs');
    const preparations = segment(herbs, '中药材·制剂');
    expect(preparations.gaps.map((gap) => gap.kind)).toEqual(expect.arrayContaining(['NO_ENTERPRISE', 'STALE']));
    const damuqi = await chainOf('industry:damuqi');
    expect(damuqi.segments.map((item) => item.segment.name)).toEqual(['大木漆·种植采割', '大木漆·精制', '大木漆·产品创新']);
    const refining = segment(damuqi, '大木漆·精制');
    expect(refining.gaps.map((gap) => gap.kind)).toEqual(expect.arrayContaining(['NO_EXPERT', 'STALE']));
    expect(refining.support.lastProjectYear).toBe(2017);
    expect(segment(damuqi, '大木漆·产品创新').gaps.map((gap) => gap.kind)).toContain('NO_ENTERPRISE');
    const allCandidates = [herbs, damuqi].flatMap((chain) => chain.segments.flatMap((item) => item.gaps.flatMap((gap) => gap.candidates)));
    expect(allCandidates.length).toBeGreaterThan(0);
    const local = await suite.service.query<{ industryChain: { segments: Array<{ gaps: Array<{ candidates: Array<{ local: boolean }> }> }> } }>(
      `query ($id: ID!) { industryChain(industry: $id, asOfYear: 2026) { segments { gaps { candidates(first: 10) { local } } } } }`,
      { id: toGlobalId('Industry', 'industry:herbs') },
    );
    const flags = local.data!.industryChain.segments.flatMap((item) => item.gaps.flatMap((gap) => gap.candidates.map((candidate) => candidate.local)));
    expect(flags).toContain(false);
  });

  it('lists enterprises with qualifications, local ones first', async () => {
    const chain = await chainOf('industry:laorou');
    const making = segment(chain, '老腊肉·制作');
    expect(making.enterprises.length).toBe(making.support.enterprises);
    const locals = making.enterprises.map((member) => member.local);
    expect(locals).toEqual([...locals].sort((a, b) => Number(b) - Number(a)));
    expect(making.enterprises.some((member) => member.qualifications.length > 0)).toBe(true);
  });

  it('gives a cluster overview with counts by qualification, weakest segments and indicators', async () => {
    const result = await suite.service.query<{ clusterOverview: {
        cluster: { name: string };
        industries: Array<{ name: string }>;
        localEnterprises: number;
        qualificationCounts: Array<{ qualification: string; count: number }>;
        weakestSegments: Array<{ segment: { name: string }; gaps: Array<{ kind: string }> }>;
        indicators: unknown[];
      } }>(
      `query ($id: ID!) { clusterOverview(cluster: $id, asOfYear: 2026) { cluster { name } industries { name } localEnterprises qualificationCounts { qualification count }
          weakestSegments(first: 3) { segment { name } gaps { kind } } indicators { indicator { name } basis currentValue progressRatio } } }`,
      { id: toGlobalId('IndustryCluster', 'cluster:medicine-valley') },
    );
    expect(result.errors).toBeUndefined();
    const overview = result.data!.clusterOverview;
    expect(overview.cluster.name).toBe('药谷');
    expect(overview.industries.map((industry: { name: string }) => industry.name)).toContain('中药材');
    expect(overview.localEnterprises).toBeGreaterThan(0);
    expect(overview.qualificationCounts.map((entry: { qualification: string }) => entry.qualification)).toContain('HIGH_TECH');
    expect(overview.weakestSegments).toHaveLength(3);
    expect(overview.weakestSegments[0]!.gaps.length).toBeGreaterThan(0);
    expect(overview.indicators.length).toBe(6);
  });

  it('states per indicator whether it is derived or recorded, with progress', async () => {
    const result = await suite.service.query<{ indicatorProgress: Array<{ indicator: { name: string }; basis: string; currentValue: number; progressRatio: number; derivation: string }> }>(
      '{ indicatorProgress { indicator { name } basis derivation currentValue currentYear baselineValue targetValue progressRatio region { name } } }',
    );
    expect(result.errors).toBeUndefined();
    const byName = new Map(result.data!.indicatorProgress.map((entry) => [entry.indicator.name, entry]));
    expect(byName.get('高新技术企业数')).toMatchObject({ basis: 'DERIVED', currentValue: 17, progressRatio: 0.889 });
    expect(byName.get('科技型企业数')).toMatchObject({ basis: 'DERIVED', currentValue: 43 });
    expect(byName.get('每万人发明专利拥有量')?.basis).toBe('DERIVED');
    expect(byName.get('全社会R&D投入强度')).toMatchObject({ basis: 'RECORDED', currentValue: 1.2 });
    expect(byName.get('技术合同交易额')?.basis).toBe('RECORDED');
    const single = await suite.service.query<{ node: { progress: { basis: string } } }>('query ($id: ID!) { node(id: $id) { ... on Indicator { progress { basis } } } }', {
      id: toGlobalId('Indicator', 'indicator:tech-smes'),
    });
    expect(single.data?.node.progress.basis).toBe('DERIVED');
  });

  describe('errors', () => {
    it('refuses malformed ids, wrong kinds and years out of range, naming the argument', async () => {
      const wrongKind = await suite.service.query(CHAIN, { id: toGlobalId('Enterprise', 'ent:x') });
      expect(wrongKind.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'industry' });
      const year = await suite.service.query(`query ($id: ID!) { industryChain(industry: $id, asOfYear: 1800) { asOfYear } }`, { id: toGlobalId('Industry', 'industry:laorou') });
      expect(year.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'asOfYear' });
      const county = await suite.service.query(CHAIN, { id: toGlobalId('Industry', 'industry:laorou'), county: toGlobalId('Industry', 'industry:laorou') });
      expect(county.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'county' });
      const tooMany = await suite.service.query(
        `query ($id: ID!) { industryChain(industry: $id, asOfYear: 2026) { gaps { candidates(first: 21) { score } } } }`,
        { id: toGlobalId('Industry', 'industry:laorou') },
      );
      expect(tooMany.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'first' });
    });
    it('answers NOT_FOUND for an unknown industry or cluster', async () => {
      const missing = await suite.service.query(CHAIN, { id: toGlobalId('Industry', 'industry:none') });
      expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      const cluster = await suite.service.query('query ($id: ID!) { clusterOverview(cluster: $id) { localEnterprises } }', { id: toGlobalId('IndustryCluster', 'cluster:none') });
      expect(cluster.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    });
  });
});
