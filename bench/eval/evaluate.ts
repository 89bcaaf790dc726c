/**
 * Scores the matcher against the judged needs in judgements.json (nDCG@10, P@5, MRR per query family and
 * overall) and, in the same run, a plain full-text baseline: the same need as a full-text query over the
 * candidates' names and descriptions.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NodeKind } from '../../src/graph/kinds.js';
import type { Database } from '../../src/neo4j/database.js';
import { FULLTEXT_INDEX } from '../../src/neo4j/migrations.js';
import { luceneQuery } from '../../src/modules/search/search.repository.js';
import { recommendPartners, searchExperts } from '../../src/modules/matching/matching.service.js';

/** Evidence recency is measured from the sample county's "now", so the figures do not drift as years pass. */
export const REFERENCE_YEAR = 2026;

export const JUDGEMENTS_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'judgements.json');

type Family = 'expertSearch' | 'demandMatches' | 'partnerRecommendations';

interface JudgedQuery {
  id: string;
  family: Family;
  need: { text?: string; region?: string; demand?: string; for?: string; kinds?: string[] };
  judgements: Record<string, number>;
  expectNoTopic?: boolean;
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

export interface QueryOutcome {
  id: string;
  family: Family;
  ours: Metrics;
  baseline: Metrics;
  ourTop: string[];
  latencyMs: number;
}

export interface EvaluationReport {
  queries: QueryOutcome[];
  /** Mean metrics per family and overall ("all"), for ours and the baseline. */
  summary: Record<string, { queries: number; ours: Metrics; baseline: Metrics }>;
  /** Needs that name no known topic: how many the matcher answered with "no known topic" (instead of noise). */
  noTopic: { total: number; recognised: number };
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

/** The baseline: the need's text as a full-text query over names and descriptions, restricted to the candidate kinds. */
async function fullTextBaseline(database: Database, text: string, kinds: NodeKind[], exclude: Set<string>): Promise<string[]> {
  if (!text.trim()) return [];
  const rows = await database.read(
    `CALL db.index.fulltext.queryNodes($index, $query) YIELD node, score
     WHERE any(label IN labels(node) WHERE label IN $kinds)
     RETURN node.id AS id ORDER BY score DESC, id LIMIT 30`,
    { index: FULLTEXT_INDEX, query: luceneQuery(text), kinds },
  );
  return rows.map((row) => row.id as string).filter((id) => !exclude.has(id));
}

async function textOf(database: Database, id: string): Promise<string> {
  const rows = await database.read('MATCH (n:Entity {id: $id}) RETURN coalesce(n.name, n.title, "") + " " + coalesce(n.description, "") AS text', { id });
  return String(rows[0]?.text ?? '');
}

/** Runs every judged need through the matcher and the baseline. */
export async function evaluateMatching(database: Database, file = JUDGEMENTS_FILE): Promise<EvaluationReport> {
  const { queries } = JSON.parse(readFileSync(file, 'utf8')) as { queries: JudgedQuery[] };
  const outcomes: QueryOutcome[] = [];
  const noTopic = { total: 0, recognised: 0 };
  for (const query of queries) {
    const started = performance.now();
    const kinds = query.need.kinds?.map((kind) => KIND_OF_ENUM[kind]!).filter(Boolean) ?? (query.family === 'expertSearch' ? ['Expert' as const] : ALL_KINDS);
    let ranked: string[];
    let baselineText: string;
    let noKnownTopic = false;
    if (query.family === 'expertSearch') {
      const result = await searchExperts(database, { text: query.need.text ?? '', regionId: query.need.region ?? null }, null, REFERENCE_YEAR);
      noKnownTopic = result.noKnownTopic;
      ranked = result.matches.map((match) => match.candidate.id);
      baselineText = query.need.text ?? '';
    } else {
      const targetId = (query.family === 'demandMatches' ? query.need.demand : query.need.for) ?? '';
      const result = await recommendPartners(database, targetId, kinds, null, REFERENCE_YEAR);
      if (!result) throw new Error(`${query.id}: ${targetId} is not an enterprise, industry, segment or demand`);
      ranked = result.matches.map((match) => match.candidate.id);
      baselineText = await textOf(database, targetId);
    }
    const latencyMs = performance.now() - started;
    if (query.expectNoTopic) {
      noTopic.total += 1;
      if (noKnownTopic) noTopic.recognised += 1;
      continue;
    }
    const exclude = new Set([query.need.for ?? '', query.need.demand ?? '']);
    const baseline = await fullTextBaseline(database, baselineText, kinds, exclude);
    outcomes.push({ id: query.id, family: query.family, ours: metricsOf(ranked, query.judgements), baseline: metricsOf(baseline, query.judgements), ourTop: ranked.slice(0, 5), latencyMs });
  }
  const summary: EvaluationReport['summary'] = {};
  for (const family of ['expertSearch', 'demandMatches', 'partnerRecommendations', 'all'] as const) {
    const selected = outcomes.filter((outcome) => family === 'all' || outcome.family === family);
    summary[family] = { queries: selected.length, ours: mean(selected.map((outcome) => outcome.ours)), baseline: mean(selected.map((outcome) => outcome.baseline)) };
  }
  return { queries: outcomes, summary, noTopic };
}

/** The report as a plain-text table. */
export function formatReport(report: EvaluationReport): string {
  const number = (value: number) => value.toFixed(3);
  const lines = [
    'family                  queries | nDCG@10 ours  base | P@5 ours  base | MRR ours  base',
    '------------------------------- + ----------------- + -------------- + --------------',
  ];
  for (const [family, row] of Object.entries(report.summary)) {
    lines.push(
      `${family.padEnd(24)}${String(row.queries).padStart(7)} | ${number(row.ours.ndcg10).padStart(12)} ${number(row.baseline.ndcg10).padStart(5)} | ${number(row.ours.p5).padStart(8)} ${number(row.baseline.p5).padStart(5)} | ${number(row.ours.mrr).padStart(8)} ${number(row.baseline.mrr).padStart(5)}`,
    );
  }
  lines.push(`needs naming no known topic answered with "no known topic": ${report.noTopic.recognised}/${report.noTopic.total}`);
  return lines.join('\n');
}
