import { describe, expect, it } from 'vitest';
import { CHAIN_RULES } from '../../../../src/modules/chain/chain.config.js';
import { chainDepths, judgeSegment } from '../../../../src/modules/chain/chain.analysis.js';
import { rankCandidates, recency, scoreCandidate, type CandidateFacts } from '../../../../src/modules/chain/chain.scoring.js';
import { progressRatio, derivationFor } from '../../../../src/modules/chain/indicator.derivations.js';
import type { EntityModel } from '../../../../src/graph/entity.js';
import type { SegmentSupportModel } from '../../../../src/modules/chain/chain.model.js';

const entity = (nodeKind: EntityModel['nodeKind'], id: string, extra: Record<string, unknown> = {}): EntityModel => ({ nodeKind, id, name: id, ...extra });
const support = (overrides: Partial<SegmentSupportModel>): SegmentSupportModel => ({
  enterprises: 3, localEnterprises: 3, rdPartners: 2, researchOrganizations: 2, platforms: 2, experts: 5, projects: 4, recentProjects: 2, patents: 1, lastProjectYear: 2025, ...overrides,
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
    const gaps = judgeSegment(support({ localEnterprises: 0, enterprises: 2, rdPartners: 0, platforms: 0, experts: 0, recentProjects: 0, lastProjectYear: 2017 }), CHAIN_RULES, 2026);
    expect(gaps.map((gap) => gap.kind)).toEqual(['NO_ENTERPRISE', 'NO_RD_PARTNER', 'NO_PLATFORM', 'NO_EXPERT', 'STALE']);
    expect(gaps[0]?.reason).toContain('县外有 2 家');
    expect(gaps[4]?.reason).toContain('2017');
    expect(gaps[4]?.reasonEnglish).toContain(`since ${2026 - CHAIN_RULES.staleYears}`);
  });
  it('calls a dimension WEAK below its documented minimum but above zero', () => {
    const gaps = judgeSegment(support({ experts: CHAIN_RULES.weakMinimums.EXPERTS - 1 }), CHAIN_RULES, 2026);
    expect(gaps).toEqual([expect.objectContaining({ kind: 'WEAK', dimension: 'EXPERTS', observed: CHAIN_RULES.weakMinimums.EXPERTS - 1, required: CHAIN_RULES.weakMinimums.EXPERTS })]);
  });
});

describe('candidate scoring', () => {
  const topicA = entity('Topic', 'topic:a');
  const topicB = entity('Topic', 'topic:b');
  const facts = (overrides: Partial<CandidateFacts>): CandidateFacts => ({
    candidate: entity('Expert', 'expert:x'), topicLinks: [], evidence: [], countyRegion: null, municipalityRegion: null, sharedZone: null, ties: [], ...overrides,
  });

  it('adds the reasons up to the score, each reason with its evidence', () => {
    const scored = scoreCandidate(
      facts({
        topicLinks: [
          { requiredId: 'topic:a', topic: topicA, match: 'DIRECT', linkType: 'HAS_EXPERTISE', level: 'EXPERT' },
          { requiredId: 'topic:b', topic: topicB, match: 'RELATED', linkType: 'FOCUSES_ON', level: null },
        ],
        evidence: [entity('Project', 'proj:p', { startYear: 2024 }), entity('Patent', 'patent:q', { filedYear: 2010 })],
        countyRegion: entity('Region', 'region:town'),
        ties: [entity('Enterprise', 'ent:e')],
      }),
      ['topic:a', 'topic:b'],
      2026,
      CHAIN_RULES,
    );
    expect(scored.reasons.map((reason) => reason.kind)).toEqual(['TOPIC_COVERAGE', 'EVIDENCE', 'LOCALITY', 'EXISTING_TIES']);
    const sum = scored.reasons.reduce((total, reason) => total + reason.contribution, 0);
    expect(scored.score).toBeCloseTo(sum, 6);
    // coverage: 50 × (1 + 0.8 × 0.4) / 2 = 33
    expect(scored.reasons[0]?.contribution).toBe(33);
    expect(scored.reasons[0]?.evidence.map((topic) => topic.id)).toEqual(['topic:a', 'topic:b']);
    expect(scored.reasons[2]).toMatchObject({ contribution: CHAIN_RULES.scoring.locality.county, evidence: [{ id: 'region:town' }] });
    expect(scored.local).toBe(true);
  });

  it('weights recent evidence more and never below the floor', () => {
    expect(recency(2026, 2026, CHAIN_RULES)).toBe(1);
    expect(recency(2021, 2026, CHAIN_RULES)).toBeCloseTo(0.5);
    expect(recency(1990, 2026, CHAIN_RULES)).toBe(CHAIN_RULES.scoring.evidenceFloor);
  });

  it('ranks by score, then by name', () => {
    const ranked = rankCandidates(
      [
        facts({ candidate: entity('Expert', 'expert:b', { name: '乙' }), countyRegion: entity('Region', 'r') }),
        facts({ candidate: entity('Expert', 'expert:a', { name: '甲' }), countyRegion: entity('Region', 'r') }),
        facts({ candidate: entity('Expert', 'expert:c', { name: '丙' }), municipalityRegion: entity('Region', 'm') }),
      ],
      ['topic:a'],
      2026,
      CHAIN_RULES,
    );
    expect(ranked.map((candidate) => candidate.score)).toEqual([15, 15, 8]);
    expect(ranked[2]?.candidate.id).toBe('expert:c');
  });
});

describe('indicators', () => {
  it('derives the speech indicators the graph can count and records the rest', () => {
    expect(derivationFor('高新技术企业数')?.key).toBe('HIGH_TECH_ENTERPRISES');
    expect(derivationFor('科技型企业数')?.key).toBe('TECH_SMES');
    expect(derivationFor('每万人发明专利拥有量')?.key).toBe('INVENTION_PATENTS_PER_10K');
    expect(derivationFor('全社会R&D投入强度')).toBeNull();
    expect(derivationFor('技术合同交易额')).toBeNull();
  });
  it('computes (current − baseline) / (target − baseline)', () => {
    expect(progressRatio(17, 9, 18)).toBe(0.889);
    expect(progressRatio(9, 9, 18)).toBe(0);
    expect(progressRatio(null, 9, 18)).toBeNull();
    expect(progressRatio(5, 5, 5)).toBeNull();
  });
});
