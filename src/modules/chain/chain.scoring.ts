/**
 * The transparent scorer of gap candidates: pure functions from facts to a score and its reasons. Each reason
 * carries its contribution, and the contributions (rounded to 0.1) add up exactly to the score.
 */
import type { EntityModel } from '../../graph/entity.js';
import type { ChainRules } from './chain.config.js';
import type { CandidateReasonModel, GapCandidateModel } from './chain.model.js';

/** How a candidate is linked to one required topic. */
export interface TopicLink {
  requiredId: string;
  topic: EntityModel;
  match: 'DIRECT' | 'RELATED';
  linkType: 'HAS_EXPERTISE' | 'FOCUSES_ON';
  level: string | null;
}

/** Everything the scorer knows of one candidate. */
export interface CandidateFacts {
  candidate: EntityModel;
  topicLinks: TopicLink[];
  /** Projects and patents of the candidate on the segment's topics. */
  evidence: EntityModel[];
  countyRegion: EntityModel | null;
  municipalityRegion: EntityModel | null;
  sharedZone: EntityModel | null;
  /** Enterprises of the segment the candidate (or its organisation) already cooperates with. */
  ties: EntityModel[];
}

const round = (value: number) => Math.round(value * 10) / 10;
const nameOf = (entity: EntityModel) => String(entity.name ?? entity.title ?? entity.id);

/** The value of one topic link under the rules: level or focus value, times the related factor for a related topic. */
export function linkValue(link: TopicLink, rules: ChainRules): number {
  const base =
    link.linkType === 'HAS_EXPERTISE'
      ? (rules.scoring.expertiseLevelValue[(link.level ?? 'BASIC') as 'BASIC' | 'ADVANCED' | 'EXPERT'] ?? rules.scoring.expertiseLevelValue.BASIC)
      : rules.scoring.focusValue;
  return link.match === 'DIRECT' ? base : base * rules.scoring.relatedTopicFactor;
}

/** Topic coverage before rounding: topicCoverageMax × mean over required topics of the best link value (0 when none). */
export function topicCoverage(links: readonly TopicLink[], requiredTopicIds: readonly string[], rules: ChainRules): { points: number; best: TopicLink[] } {
  if (requiredTopicIds.length === 0) return { points: 0, best: [] };
  const best: TopicLink[] = [];
  let sum = 0;
  for (const requiredId of requiredTopicIds) {
    const candidates = links.filter((link) => link.requiredId === requiredId);
    if (candidates.length === 0) continue;
    const top = candidates.reduce((a, b) => (linkValue(b, rules) > linkValue(a, rules) ? b : a));
    best.push(top);
    sum += linkValue(top, rules);
  }
  return { points: (rules.scoring.topicCoverageMax * sum) / requiredTopicIds.length, best };
}

/** Recency weight of an item from `year`, seen in `asOfYear`. */
export function recency(year: number | null | undefined, asOfYear: number, rules: ChainRules): number {
  if (year === null || year === undefined) return rules.scoring.evidenceFloor;
  const age = Math.max(0, asOfYear - year);
  return Math.max(rules.scoring.evidenceFloor, 1 - age / rules.scoring.evidenceHorizonYears);
}

const itemYear = (item: EntityModel) => (item.startYear ?? item.filedYear ?? null) as number | null;

/** Scores one candidate; the reasons' contributions add up to the score (reasons worth 0 are left out). */
export function scoreCandidate(facts: CandidateFacts, requiredTopicIds: readonly string[], asOfYear: number, rules: ChainRules): GapCandidateModel {
  const reasons: CandidateReasonModel[] = [];
  const coverage = topicCoverage(facts.topicLinks, requiredTopicIds, rules);
  if (coverage.points > 0) {
    const direct = coverage.best.filter((link) => link.match === 'DIRECT');
    const related = coverage.best.filter((link) => link.match === 'RELATED');
    const describe = (links: TopicLink[], separator: string) =>
      [...new Set(links.map((link) => nameOf(link.topic) + (link.level ? `(${link.level})` : '')))].join(separator);
    reasons.push({
      kind: 'TOPIC_COVERAGE',
      contribution: round(coverage.points),
      summary: `覆盖所需技术主题 ${coverage.best.length}/${requiredTopicIds.length}` + (direct.length ? `：直接 ${describe(direct, '、')}` : '') + (related.length ? `；相关 ${describe(related, '、')}` : ''),
      summaryEnglish: `Covers ${coverage.best.length} of ${requiredTopicIds.length} required topics` + (direct.length ? `: directly ${describe(direct, ', ')}` : '') + (related.length ? `; through related topics ${describe(related, ', ')}` : ''),
      evidence: [...new Map(coverage.best.map((link) => [link.topic.id, link.topic])).values()],
    });
  }
  if (facts.evidence.length > 0) {
    const weighted = facts.evidence.reduce((sum, item) => sum + rules.scoring.evidencePerItem * recency(itemYear(item), asOfYear, rules), 0);
    const years = facts.evidence.map(itemYear).filter((year): year is number => year !== null);
    const newest = years.length ? Math.max(...years) : null;
    reasons.push({
      kind: 'EVIDENCE',
      contribution: round(Math.min(rules.scoring.evidenceMax, weighted)),
      summary: `在该环节技术主题上有 ${facts.evidence.length} 项项目或专利${newest ? `，最近 ${newest} 年` : ''}`,
      summaryEnglish: `${facts.evidence.length} project(s) or patent(s) on the segment's topics${newest ? `, the newest from ${newest}` : ''}`,
      evidence: facts.evidence,
    });
  }
  const locality = facts.countyRegion
    ? { points: rules.scoring.locality.county, region: facts.countyRegion, zh: `位于本县（${nameOf(facts.countyRegion)}）`, en: `Located in the county (${nameOf(facts.countyRegion)})` }
    : facts.municipalityRegion
      ? { points: rules.scoring.locality.municipality, region: facts.municipalityRegion, zh: `位于本市（${nameOf(facts.municipalityRegion)}）`, en: `Located in the same municipality (${nameOf(facts.municipalityRegion)})` }
      : facts.sharedZone
        ? { points: rules.scoring.locality.sharedZone, region: facts.sharedZone, zh: `同属合作区 ${nameOf(facts.sharedZone)}`, en: `In a cooperation zone shared with the county (${nameOf(facts.sharedZone)})` }
        : null;
  if (locality) reasons.push({ kind: 'LOCALITY', contribution: locality.points, summary: locality.zh, summaryEnglish: locality.en, evidence: [locality.region] });
  if (facts.ties.length > 0) {
    const names = facts.ties.map(nameOf);
    reasons.push({
      kind: 'EXISTING_TIES',
      contribution: round(Math.min(rules.scoring.tiesMax, rules.scoring.tiePerCooperation * facts.ties.length)),
      summary: `已与该环节企业合作：${names.join('、')}`,
      summaryEnglish: `Already cooperates with enterprise(s) of the segment: ${names.join(', ')}`,
      evidence: facts.ties,
    });
  }
  const kept = reasons.filter((reason) => reason.contribution > 0);
  const score = round(kept.reduce((sum, reason) => sum + reason.contribution, 0));
  return { candidate: facts.candidate, score, local: facts.countyRegion !== null, reasons: kept };
}

/** Scores and ranks candidates: highest score first, ties by name then id. */
export function rankCandidates(facts: readonly CandidateFacts[], requiredTopicIds: readonly string[], asOfYear: number, rules: ChainRules): GapCandidateModel[] {
  return facts
    .map((fact) => scoreCandidate(fact, requiredTopicIds, asOfYear, rules))
    .sort((a, b) => b.score - a.score || nameOf(a.candidate).localeCompare(nameOf(b.candidate), 'zh') || a.candidate.id.localeCompare(b.candidate.id));
}
