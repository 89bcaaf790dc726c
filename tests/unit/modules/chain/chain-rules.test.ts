import { describe, expect, it } from 'vitest';
import { CHAIN_RULES } from '../../../../src/modules/chain/chain.config.js';
import { chainDepths, judgeSegment } from '../../../../src/modules/chain/chain.analysis.js';
import { progressRatio, derivationFor } from '../../../../src/modules/chain/indicator.derivations.js';
import type { SegmentSupportModel } from '../../../../src/modules/chain/chain.model.js';
import { NODE_SCHEMAS } from '../../../../src/graph/format.js';

const support = (overrides: Partial<SegmentSupportModel>): SegmentSupportModel => ({
  enterprises: 3, localEnterprises: 3, rdPartners: 2, researchOrganizations: 2, platforms: 2, experts: 5, localExperts: 4, projects: 4, recentProjects: 2, patents: 1, lastProjectYear: 2025, ...overrides,
});

describe('chain depths (upstream → downstream order)', () => {
  it('ranks a branching chain by the longest path from its head', () => {
    const depths = chainDepths(['a', 'b', 'c', 'd', 'e'], new Map([['a', ['b']], ['b', ['c', 'd']], ['d', ['e']], ['c', ['e']]]));
    expect(Object.fromEntries(depths)).toEqual({ a: 0, b: 1, c: 2, d: 2, e: 3 });
  });
  it('survives a cycle and ignores links to segments outside the chain', () => {
    const depths = chainDepths(['a', 'b'], new Map([['a', ['b', 'x']], ['b', ['a']]]));
    expect([...depths.keys()].sort()).toEqual(['a', 'b']);
  });
});

describe('gap verdicts', () => {
  it('finds nothing wrong with a well supported segment', () => {
    expect(judgeSegment(support({}), CHAIN_RULES, 2026)).toEqual([]);
  });
  it('gives one verdict per empty dimension, with the reason', () => {
    const gaps = judgeSegment(support({ localEnterprises: 0, enterprises: 2, rdPartners: 0, platforms: 0, experts: 2, localExperts: 0, recentProjects: 0, lastProjectYear: 2017 }), CHAIN_RULES, 2026);
    expect(gaps.map((gap) => gap.kind)).toEqual(['NO_ENTERPRISE', 'NO_RD_PARTNER', 'NO_PLATFORM', 'NO_EXPERT', 'STALE']);
    expect(gaps[0]?.reason).toContain('县外有 2 家');
    expect(gaps[3]?.reason).toBe('县内没有专家具备该环节所需技术主题（或其下位主题）的专长（县外有 2 位）');
    expect(gaps[4]?.reason).toContain('2017');
    expect(gaps[4]?.reasonEnglish).toContain('since 2021'); // staleYears = 5 (README): 2026 − 5
  });
  it('calls a dimension WEAK below its documented minimum but above zero, counting local experts only', () => {
    // The README's minimum for experts is 3: two local experts (of nine) are too few, three are enough.
    const gaps = judgeSegment(support({ experts: 9, localExperts: 2 }), CHAIN_RULES, 2026);
    expect(gaps).toEqual([expect.objectContaining({ kind: 'WEAK', dimension: 'EXPERTS', observed: 2, required: 3, label: '县内专家偏少' })]);
    expect(judgeSegment(support({ experts: 9, localExperts: 3 }), CHAIN_RULES, 2026)).toEqual([]);
  });
  it('gives two WEAK gaps of one segment distinct labels', () => {
    const gaps = judgeSegment(support({ localEnterprises: 1, localExperts: 1 }), CHAIN_RULES, 2026);
    expect(gaps.map((gap) => [gap.kind, gap.label])).toEqual([
      ['WEAK', '企业偏少'],
      ['WEAK', '县内专家偏少'],
    ]);
  });
  it('judges a segment that requires no topic on its enterprises only: no verdict nothing could clear', () => {
    const empty = support({ localEnterprises: 0, enterprises: 0, rdPartners: 0, platforms: 0, experts: 0, localExperts: 0, recentProjects: 0, lastProjectYear: null });
    expect(judgeSegment(empty, CHAIN_RULES, 2026, false).map((gap) => gap.kind)).toEqual(['NO_ENTERPRISE']);
    expect(judgeSegment(empty, CHAIN_RULES, 2026, true).map((gap) => gap.kind)).toEqual(['NO_ENTERPRISE', 'NO_RD_PARTNER', 'NO_PLATFORM', 'NO_EXPERT', 'STALE']);
  });
});

describe('indicators', () => {
  it('chooses a formula by the indicator code only: three codes the graph can count, none for other codes, names or no code', () => {
    expect(derivationFor('HIGH_TECH_ENTERPRISES')?.cypher).toContain("'HIGH_TECH' IN coalesce(enterprise.qualifications, [])");
    expect(derivationFor('TECH_SMES')?.cypher).toContain("'TECH_SME' IN coalesce(enterprise.qualifications, [])");
    expect(derivationFor('INVENTION_PATENTS_PER_10K')?.cypher).toContain('10000.0 / region.population');
    expect([derivationFor('RD_INTENSITY'), derivationFor('高新技术企业数'), derivationFor('high_tech_enterprises'), derivationFor(null), derivationFor(undefined)]).toEqual([null, null, null, null, null]);
  });
  it('refuses an indicator code that is not upper case in the seed format', () => {
    const indicator = { id: 'indicator:x', name: '指标', unit: '家', baselineYear: 2022, baselineValue: 1, targetYear: 2027, targetValue: 2, source: 'test' };
    expect(NODE_SCHEMAS.Indicator.safeParse({ ...indicator, code: 'HIGH_TECH_ENTERPRISES' }).success).toBe(true);
    expect(NODE_SCHEMAS.Indicator.safeParse(indicator).success).toBe(true);
    expect(NODE_SCHEMAS.Indicator.safeParse({ ...indicator, code: 'high-tech' }).error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['code', 'an upper-case code such as HIGH_TECH_ENTERPRISES'],
    ]);
  });
  it('computes (current − baseline) / (target − baseline)', () => {
    expect(progressRatio(17, 9, 18)).toBe(0.889);
    expect(progressRatio(9, 9, 18)).toBe(0);
    expect(progressRatio(null, 9, 18)).toBeNull();
    expect(progressRatio(5, 5, 5)).toBeNull();
  });
});
