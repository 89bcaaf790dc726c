import { describe, expect, it } from 'vitest';
import { evidenceRelevance, holdStrength, rarity, scoreCandidate, topicSignal, topicSignalOf, type CandidateFacts, type RankedNeedTopic } from '../../../../src/modules/matching/matching.scoring.js';
import type { TopicHold } from '../../../../src/modules/matching/matching.repository.js';

const need: RankedNeedTopic[] = [
  { id: 'topic:a', weight: 1, origin: 'test', rarity: 0.9 },
  { id: 'topic:b', weight: 1, origin: 'test', rarity: 0.1 },
];
const hold = (needTopicId: string, level: string | null, via: TopicHold['via'] = 'expertise', down = 0, up = 0): TopicHold => ({
  candidateId: 'expert:x',
  needTopicId,
  heldTopicId: needTopicId,
  down,
  up,
  level,
  via,
  kinds: ['Expert'],
});
const place = { regionId: 'region:town', ancestors: [{ id: 'region:town', kind: 'TOWNSHIP', name: '镇' }, { id: 'region:county', kind: 'COUNTY', name: 'X县' }], zones: [] };
const facts = (holds: TopicHold[], extra: Partial<CandidateFacts> = {}): CandidateFacts => ({
  holds,
  details: { entity: { nodeKind: 'Expert', id: 'expert:x', name: '某', title: '教授', talentCard: 'A' }, place, affiliationName: '某大学', segmentIds: [] },
  projects: [],
  patents: [],
  names: new Map([['topic:a', '甲'], ['topic:b', '乙']]),
  ...extra,
});

describe('scoring', () => {
  it("weighs each candidate's best hold per need topic, one candidate after another with one need's function", () => {
    // Importances: 甲 1 × (0.25 + 0.75 × 0.9) = 0.925, 乙 1 × (0.25 + 0.75 × 0.1) = 0.325; denominator 1.25.
    const signalOf = topicSignalOf(need);
    const strongest = [hold('topic:a', 'BASIC'), hold('topic:a', 'EXPERT'), hold('topic:c', 'EXPERT')];
    expect(signalOf(strongest)).toBeCloseTo(0.925 / 1.25, 10); // the EXPERT hold (1) of 甲; 丙 is not in the need
    expect(signalOf([hold('topic:b', 'ADVANCED')])).toBeCloseTo((0.325 * 0.75) / 1.25, 10); // nothing of the first candidate left over
    expect(signalOf([])).toBe(0);
    expect(signalOf(strongest)).toBeCloseTo(0.74, 10);
    const known = scoreCandidate('expert:x', need, facts(strongest), 2026, signalOf(strongest));
    expect(known.score).toBe(scoreCandidate('expert:x', need, facts(strongest), 2026).score);
  });

  it('rates rare topics above common ones (IDF-like)', () => {
    expect(rarity(0, 100)).toBe(1);
    expect(rarity(100, 100)).toBe(0);
    expect(topicSignal(need, [hold('topic:a', 'EXPERT')])).toBeGreaterThan(topicSignal(need, [hold('topic:b', 'EXPERT')]));
  });

  it('discounts lower levels, broader and narrower topics, and platform-derived holds', () => {
    expect(holdStrength(hold('topic:a', 'EXPERT'))).toBe(1);
    expect(holdStrength(hold('topic:a', 'BASIC'))).toBeLessThan(holdStrength(hold('topic:a', 'ADVANCED')));
    expect(holdStrength(hold('topic:a', 'EXPERT', 'expertise', 1))).toBeCloseTo(0.85);
    expect(holdStrength(hold('topic:a', 'EXPERT', 'expertise', 0, 1))).toBeCloseTo(0.5);
    expect(holdStrength(hold('topic:a', 'EXPERT', 'members'))).toBeLessThan(1);
  });

  it('makes the reasons add up to the score, and shares out the weight of signals that cannot apply', () => {
    const withoutParty = scoreCandidate('expert:x', need, facts([hold('topic:a', 'EXPERT'), hold('topic:b', 'EXPERT')]), 2026);
    const sum = withoutParty.reasons.reduce((total, reason) => total + reason.contribution, 0);
    expect(withoutParty.score).toBeCloseTo(sum, 4);
    expect(withoutParty.reasons.map((reason) => reason.kind)).toEqual(['TOPIC_OVERLAP', 'CAPACITY']);
    // topic 0.45 and capacity 0.08 of the weights that apply (all but proximity and geography: 0.78)
    expect(withoutParty.score).toBeCloseTo((0.45 + 0.08) / 0.78, 3);
  });

  it('decays old evidence and rewards recent national projects', () => {
    const project = (startYear: number, level: string) => ({ candidateId: 'expert:x', id: `p${startYear}`, name: '项目', startYear, level, role: 'LEAD' as const, topicIds: ['topic:a'] });
    const recent = scoreCandidate('expert:x', need, facts([hold('topic:a', 'EXPERT')], { projects: [project(2025, 'NATIONAL')] }), 2026);
    const old = scoreCandidate('expert:x', need, facts([hold('topic:a', 'EXPERT')], { projects: [project(2012, 'COUNTY')] }), 2026);
    const evidence = (scored: typeof recent) => scored.reasons.find((reason) => reason.kind === 'PROJECT_EVIDENCE')!.contribution;
    expect(evidence(recent)).toBeGreaterThan(evidence(old) * 5);
  });

  it("weighs evidence by its topics' relevance to the need, the topics held in a need topic's stead discounted like holds", () => {
    // Importances: 甲 0.925, 乙 0.325 → relevance 甲 1, 乙 0.325 / 0.925.
    const relevance = evidenceRelevance(need, [
      { ...hold('topic:a', 'EXPERT', 'expertise', 1), heldTopicId: 'topic:c' }, // narrower than 甲: 0.85
      { ...hold('topic:b', 'EXPERT', 'expertise', 0, 1), heldTopicId: 'topic:d' }, // broader than 乙: 0.3514 × 0.5
      { ...hold('topic:a', 'EXPERT', 'expertise', 1, 1), heldTopicId: 'topic:e' }, // sibling of 甲: 0.425 …
      { ...hold('topic:b', 'EXPERT', 'expertise', 1), heldTopicId: 'topic:e' }, // … and narrower than 乙: 0.2986; the greater counts
    ]);
    expect(Object.fromEntries([...relevance].map(([id, value]) => [id, Number(value.toFixed(4))]))).toEqual({
      'topic:a': 1,
      'topic:b': 0.3514,
      'topic:c': 0.85,
      'topic:d': 0.1757,
      'topic:e': 0.425,
    });
    const project = (id: string, startYear: number, level: string, topicIds: string[]) => ({ candidateId: 'expert:x', id, name: id, startYear, level, role: 'LEAD' as const, topicIds });
    const evidence = (projects: ReturnType<typeof project>[], withRelevance: boolean) =>
      scoreCandidate('expert:x', need, facts([hold('topic:a', 'EXPERT')], { projects, ...(withRelevance ? { evidenceRelevance: relevance } : {}) }), 2026).reasons.find(
        (reason) => reason.kind === 'PROJECT_EVIDENCE',
      )!;
    // One national project led this year on 乙 alone: 1 − e^(−0.3514 / 1.5) = 0.2088; counted fully, 1 − e^(−1 / 1.5) = 0.4866.
    expect(evidence([project('p:b', 2026, 'NATIONAL', ['topic:b'])], true).signal).toBeCloseTo(0.2088, 4);
    expect(evidence([project('p:b', 2026, 'NATIONAL', ['topic:b'])], false).signal).toBeCloseTo(0.4866, 4);
    // On 乙 and 丙 at once, it counts at 丙's 0.85: 1 − e^(−0.85 / 1.5) = 0.4326.
    expect(evidence([project('p:bc', 2026, 'NATIONAL', ['topic:b', 'topic:c'])], true).signal).toBeCloseTo(0.4326, 4);
    // Shown weightiest first: a national project of 2024 on 甲 (½^(2/4) = 0.7071) before a county one of 2026 on 乙 (0.6 × 0.3514 = 0.2108).
    expect(evidence([project('p:new', 2026, 'COUNTY', ['topic:b']), project('p:old', 2024, 'NATIONAL', ['topic:a'])], true).projectIds).toEqual(['p:old', 'p:new']);
  });

  it('counts geography only where the need has a place: same county beats a shared zone', () => {
    const needPlace = { regionId: 'region:county', ancestors: [{ id: 'region:county', kind: 'COUNTY', name: 'X县' }], zones: [] };
    const scored = scoreCandidate('expert:x', need, facts([hold('topic:a', 'EXPERT')], { needPlace }), 2026);
    expect(scored.reasons.find((reason) => reason.kind === 'GEOGRAPHY')).toMatchObject({ signal: 1, summary: '同在X县', regionIds: ['region:county'] });
  });
});
