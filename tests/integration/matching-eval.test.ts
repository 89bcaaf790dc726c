import { afterAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../support/database.js';
import { evaluateMatching, formatReport } from '../../bench/eval/evaluate.js';

/** The figure reached when the matcher was last tuned (0.854 overall nDCG@10), minus a small margin. */
const OVERALL_NDCG_FLOOR = 0.82;

describe('matching quality on the judged needs (bench/eval/judgements.json)', () => {
  const database = openTestDatabase();
  afterAll(() => database.close());

  it(`keeps overall nDCG@10 at or above ${OVERALL_NDCG_FLOOR} and beats the full-text baseline in every family`, async () => {
    const report = await evaluateMatching(database);
    process.stdout.write(`${formatReport(report)}\n`);
    expect(report.summary.all!.queries).toBeGreaterThanOrEqual(30);
    expect(report.summary.all!.ours.ndcg10).toBeGreaterThanOrEqual(OVERALL_NDCG_FLOOR);
    for (const family of ['expertSearch', 'demandMatches', 'partnerRecommendations']) {
      expect(report.summary[family]!.ours.ndcg10, family).toBeGreaterThan(report.summary[family]!.fullText.ndcg10);
    }
    expect(report.noTopic.recognised).toBe(report.noTopic.total);
  }, 120_000);
});
