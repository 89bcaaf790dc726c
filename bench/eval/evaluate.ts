/**
 * Scores the matcher against a judged set (nDCG@10, P@5, MRR per query family and overall) and, in the same run,
 * two baselines (bench/eval/baselines.ts): full text over names and descriptions, and BM25 over each candidate's
 * full text. A set may also state required flags and chain-gap expectations (the held-out set does); they are
 * checked when present.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NodeKind } from '../../src/graph/kinds.js';
import type { Database } from '../../src/neo4j/database.js';
import { recommendPartners, searchExperts, type MatchModel } from '../../src/modules/matching/matching.service.js';
import { Bm25Baseline, excludedFor, fullTextBaseline, needTextOf } from './baselines.js';
import { evaluateChainGaps, type ChainGapExpectations, type ChainGapReport } from './chain-gaps.js';

/** Evidence recency is measured from the judged counties' "now", so the figures do not drift as years pass. */
export const REFERENCE_YEAR = 2026;

const here = path.dirname(fileURLToPath(import.meta.url));
/** The development set: over seeds/sample-county, written beside the matcher; weights may be tuned on it. */
export const JUDGEMENTS_FILE = path.join(here, 'judgements.json');
/** The held-out set: over bench/eval/heldout/county; never used for tuning (bench/eval/heldout/README.md). */
export const HELDOUT_JUDGEMENTS_FILE = path.join(here, 'heldout', 'judgements.json');
export const HELDOUT_DATASET = path.join(here, 'heldout', 'county');

export type Family = 'expertSearch' | 'demandMatches' | 'partnerRecommendations';
export const FAMILIES: readonly Family[] = ['expertSearch', 'demandMatches', 'partnerRecommendations'];

export interface JudgedQuery {
  id: string;
  family: Family;
  need: { text?: string; region?: string; demand?: string; for?: string; kinds?: string[] };
  judgements: Record<string, number>;
  /** One line per judged id (held-out set). */
  reasons?: Record<string, string>;
  expectNoTopic?: boolean;
}

export interface RequiredFlag {
  query: string;
  candidate: string;
  flag: 'alreadyCooperating' | 'possibleConflict';
  reason: string;
}

export interface JudgedSet {
  queries: JudgedQuery[];
  requiredFlags?: RequiredFlag[];
  chainGaps?: ChainGapExpectations;
}

/** Reads a judged set file. */
export function readJudgedSet(file: string): JudgedSet {
  return JSON.parse(readFileSync(file, 'utf8')) as JudgedSet;
}

const KIND_OF_ENUM: Record<string, NodeKind> = {
  UNIVERSITY: 'University',
  RESEARCH_INSTITUTE: 'ResearchInstitute',
  ENTERPRISE: 'Enterprise',
  PLATFORM: 'Platform',
  EXPERT: 'Expert',
};
const ALL_KINDS: NodeKind[] = Object.values(KIND_OF_ENUM);

export interface Metrics {
  ndcg10: number;
  p5: number;
  mrr: number;
}

export type Ranker = 'ours' | 'fullText' | 'bm25';
export const RANKERS: readonly Ranker[] = ['ours', 'fullText', 'bm25'];

export interface QueryOutcome {
  id: string;
  family: Family;
  metrics: Record<Ranker, Metrics>;
  ourTop: string[];
  latencyMs: number;
}

export interface FlagReport {
  total: number;
  set: number;
  /** Required flags not set: the candidate was not proposed, or was proposed without the flag. */
  missing: Array<RequiredFlag & { proposed: boolean }>;
}

export interface EvaluationReport {
  queries: QueryOutcome[];
  /** Mean metrics per family and overall ("all"), per ranker. */
  summary: Record<string, { queries: number } & Record<Ranker, Metrics>>;
  /** Needs that name no known topic: how many the matcher answered with "no known topic" (instead of noise). */
  noTopic: { total: number; recognised: number };
  flags: FlagReport | null;
  chainGaps: ChainGapReport | null;
}

/** nDCG@k with gains 2^rel − 1 against the ideal ordering of all judged items. */
export function ndcgAt(ranked: string[], judgements: Record<string, number>, k: number): number {
  const gain = (relevance: number) => 2 ** relevance - 1;
  const dcg = ranked.slice(0, k).reduce((sum, id, index) => sum + gain(judgements[id] ?? 0) / Math.log2(index + 2), 0);
  const ideal = Object.values(judgements)
    .sort((a, b) => b - a)
    .slice(0, k)
    .reduce((sum, relevance, index) => sum + gain(relevance) / Math.log2(index + 2), 0);
  return ideal === 0 ? 0 : dcg / ideal;
}

/** Share of the first k results that are relevant (judged 2 or 3). */
export function precisionAt(ranked: string[], judgements: Record<string, number>, k: number): number {
  return ranked.slice(0, k).filter((id) => (judgements[id] ?? 0) >= 2).length / k;
}

/** 1 / rank of the first relevant (2 or 3) result; 0 when none. */
export function reciprocalRank(ranked: string[], judgements: Record<string, number>): number {
  const index = ranked.findIndex((id) => (judgements[id] ?? 0) >= 2);
  return index === -1 ? 0 : 1 / (index + 1);
}

function metricsOf(ranked: string[], judgements: Record<string, number>): Metrics {
  return { ndcg10: ndcgAt(ranked, judgements, 10), p5: precisionAt(ranked, judgements, 5), mrr: reciprocalRank(ranked, judgements) };
}

function mean(values: Metrics[]): Metrics {
  const count = Math.max(values.length, 1);
  return {
    ndcg10: values.reduce((sum, value) => sum + value.ndcg10, 0) / count,
    p5: values.reduce((sum, value) => sum + value.p5, 0) / count,
    mrr: values.reduce((sum, value) => sum + value.mrr, 0) / count,
  };
}

/** Runs every judged need through the matcher and both baselines; checks required flags and chain gaps when the set has them. */
export async function evaluateMatching(database: Database, file = JUDGEMENTS_FILE): Promise<EvaluationReport> {
  const set = readJudgedSet(file);
  const bm25 = new Bm25Baseline(database);
  const outcomes: QueryOutcome[] = [];
  const noTopic = { total: 0, recognised: 0 };
  const matchesByQuery = new Map<string, MatchModel[]>();
  for (const query of set.queries) {
    const started = performance.now();
    const kinds = query.need.kinds?.map((kind) => KIND_OF_ENUM[kind]!).filter(Boolean) ?? (query.family === 'expertSearch' ? ['Expert' as const] : ALL_KINDS);
    let matches: MatchModel[];
    let needText: string;
    let exclude: Set<string>;
    let noKnownTopic = false;
    if (query.family === 'expertSearch') {
      const result = await searchExperts(database, { text: query.need.text ?? '', regionId: query.need.region ?? null }, null, REFERENCE_YEAR);
      noKnownTopic = result.noKnownTopic;
      matches = result.matches;
      needText = query.need.text ?? '';
      exclude = new Set();
    } else {
      const targetId = (query.family === 'demandMatches' ? query.need.demand : query.need.for) ?? '';
      const result = await recommendPartners(database, targetId, kinds, null, REFERENCE_YEAR);
      if (!result) throw new Error(`${query.id}: ${targetId} is not an enterprise, industry, segment or demand`);
      matches = result.matches;
      needText = await needTextOf(database, targetId);
      exclude = await excludedFor(database, targetId);
    }
    const latencyMs = performance.now() - started;
    matchesByQuery.set(query.id, matches);
    if (query.expectNoTopic) {
      noTopic.total += 1;
      if (noKnownTopic) noTopic.recognised += 1;
      continue;
    }
    const ranked = matches.map((match) => match.candidate.id);
    const [fullText, bm25Ranked] = await Promise.all([fullTextBaseline(database, needText, kinds, exclude), bm25.rank(needText, kinds, exclude)]);
    outcomes.push({
      id: query.id,
      family: query.family,
      metrics: { ours: metricsOf(ranked, query.judgements), fullText: metricsOf(fullText, query.judgements), bm25: metricsOf(bm25Ranked, query.judgements) },
      ourTop: ranked.slice(0, 5),
      latencyMs,
    });
  }
  const summary: EvaluationReport['summary'] = {};
  for (const family of [...FAMILIES, 'all'] as const) {
    const selected = outcomes.filter((outcome) => family === 'all' || outcome.family === family);
    summary[family] = {
      queries: selected.length,
      ours: mean(selected.map((outcome) => outcome.metrics.ours)),
      fullText: mean(selected.map((outcome) => outcome.metrics.fullText)),
      bm25: mean(selected.map((outcome) => outcome.metrics.bm25)),
    };
  }
  return {
    queries: outcomes,
    summary,
    noTopic,
    flags: set.requiredFlags ? checkFlags(set.requiredFlags, matchesByQuery) : null,
    chainGaps: set.chainGaps ? await evaluateChainGaps(database, set.chainGaps) : null,
  };
}

function checkFlags(required: RequiredFlag[], matchesByQuery: Map<string, MatchModel[]>): FlagReport {
  const missing: FlagReport['missing'] = [];
  for (const flag of required) {
    const match = matchesByQuery.get(flag.query)?.find((candidate) => candidate.candidate.id === flag.candidate);
    if (!match?.[flag.flag]) missing.push({ ...flag, proposed: Boolean(match) });
  }
  return { total: required.length, set: required.length - missing.length, missing };
}

/** The report as a plain-text table. */
export function formatReport(report: EvaluationReport): string {
  const number = (value: number) => value.toFixed(3);
  const triple = (row: Record<Ranker, Metrics>, metric: keyof Metrics) => RANKERS.map((ranker) => number(row[ranker][metric]).padStart(5)).join(' ');
  const lines = [
    'family                  queries | nDCG@10 ours  text  bm25 | P@5  ours  text  bm25 | MRR  ours  text  bm25',
    '------------------------------- + ------------------------- + --------------------- + ---------------------',
  ];
  for (const [family, row] of Object.entries(report.summary)) {
    lines.push(`${family.padEnd(24)}${String(row.queries).padStart(7)} | ${triple(row, 'ndcg10').padStart(25)} | ${triple(row, 'p5').padStart(21)} | ${triple(row, 'mrr').padStart(21)}`);
  }
  lines.push(`needs naming no known topic answered with "no known topic": ${report.noTopic.recognised}/${report.noTopic.total}`);
  if (report.flags) {
    lines.push(`required flags set: ${report.flags.set}/${report.flags.total} (${((100 * report.flags.set) / Math.max(report.flags.total, 1)).toFixed(0)} %)`);
  }
  if (report.chainGaps) {
    const gaps = report.chainGaps;
    lines.push(
      `chain gaps: expected candidates in their gap's top ${gaps.topN}: ${gaps.found}/${gaps.expected} (${((100 * gaps.found) / Math.max(gaps.expected, 1)).toFixed(0)} %); expected gaps not reported: ${gaps.gapsMissing}/${gaps.expectations}`,
      `chain gaps: gaps with no candidate: ${gaps.gapsWithoutCandidates}/${gaps.gapsTotal}; topic-based gaps on segments requiring no topic: ${gaps.inapplicableGaps}`,
    );
  }
  return lines.join('\n');
}
