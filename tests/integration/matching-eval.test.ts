import path from 'node:path';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../support/database.js';
import { testNeo4jSettings } from '../support/test-neo4j.js';
import { evaluateMatching, formatReport, HELDOUT_DATASET, HELDOUT_JUDGEMENTS_FILE, type EvaluationReport } from '../../bench/eval/evaluate.js';
import { startLocalNeo4j, stopLocalNeo4j } from '../../src/local-neo4j/manager.js';
import { openDatabase, type Database } from '../../src/neo4j/database.js';
import { migrate } from '../../src/graph/migrations.js';
import { importDataset } from '../../src/import/importer.js';

/** The figure reached when the matcher was last tuned (0.888 overall nDCG@10), minus a margin. */
const OVERALL_NDCG_FLOOR = 0.85;
/**
 * Per family, the development set's nDCG@10 when the matcher was last tuned (expert search 0.893, demands 0.846,
 * partners 0.921) minus 0.02: issue 10 asks that no family drop.
 */
const DEVELOPMENT_FLOORS: Record<string, number> = { expertSearch: 0.873, demandMatches: 0.826, partnerRecommendations: 0.901 };

describe('matching quality on the judged needs (bench/eval/judgements.json)', () => {
  const database = openTestDatabase();
  afterAll(() => database.close());

  it(`keeps overall nDCG@10 at or above ${OVERALL_NDCG_FLOOR}, each family at or above its floor and above the full-text baseline`, async () => {
    const report = await evaluateMatching(database);
    process.stdout.write(`${formatReport(report)}\n`);
    expect(report.summary.all!.queries).toBeGreaterThanOrEqual(30);
    expect(report.summary.all!.ours.ndcg10).toBeGreaterThanOrEqual(OVERALL_NDCG_FLOOR);
    for (const [family, floor] of Object.entries(DEVELOPMENT_FLOORS)) {
      expect(report.summary[family]!.ours.ndcg10, family).toBeGreaterThan(report.summary[family]!.fullText.ndcg10);
      expect(report.summary[family]!.ours.ndcg10, family).toBeGreaterThanOrEqual(floor);
    }
    expect(report.noTopic.recognised).toBe(report.noTopic.total);
  }, 120_000);
});

/**
 * The held-out set's floor: issue 10's budget, nDCG@10 ≥ 0.85 in each family (measured: expert search 0.856, demands
 * 0.879, partners 0.940 — the matcher was never tuned on this set), and partners no lower than measured − 0.02; every
 * required flag set; at least 80 % of the expected chain-gap candidates in their gap's top 5 (29/29 measured). Rarity,
 * proximity and the candidate pool are whole-graph figures, so the held-out county gets a Neo4j instance of its own
 * (port of the test instance + 27), created for this file and deleted after it.
 */
const HELDOUT_FLOORS: Record<string, number> = { expertSearch: 0.85, demandMatches: 0.85, partnerRecommendations: 0.92 };
const heldoutSettings = { ...testNeo4jSettings, instance: `${testNeo4jSettings.instance}-heldout`, boltPort: testNeo4jSettings.boltPort + 27 };
const quiet = () => {};

describe('matching quality on the held-out county (bench/eval/heldout)', () => {
  let database: Database;
  let report: EvaluationReport;

  beforeAll(async () => {
    const handle = await startLocalNeo4j(heldoutSettings, quiet);
    database = openDatabase(handle.connection);
    await database.writeAutoCommit('MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS');
    await migrate(database);
    await importDataset(database, HELDOUT_DATASET);
    report = await evaluateMatching(database, HELDOUT_JUDGEMENTS_FILE);
    process.stdout.write(`${formatReport(report)}\n`);
  }, 300_000);

  afterAll(async () => {
    await database?.close();
    await stopLocalNeo4j(heldoutSettings, quiet);
    rmSync(path.join(heldoutSettings.rootDir, 'instances', heldoutSettings.instance), { recursive: true, force: true });
  }, 120_000);

  for (const [family, floor] of Object.entries(HELDOUT_FLOORS)) {
    it(`${family}: nDCG@10 at or above ${floor}`, () => {
      expect(report.summary[family]!.queries).toBeGreaterThanOrEqual(11);
      expect(report.summary[family]!.ours.ndcg10).toBeGreaterThanOrEqual(floor);
    });
  }

  it('sets every required flag (alreadyCooperating, possibleConflict)', () => {
    expect(report.flags!.total).toBe(18);
    expect(report.flags!.missing).toEqual([]);
  });

  it("puts at least 80 % of the expected chain-gap candidates in their gap's top 5, and answers needs naming no topic with noKnownTopic", () => {
    const gaps = report.chainGaps!;
    expect(gaps.expected).toBe(29);
    expect(gaps.found / gaps.expected).toBeGreaterThanOrEqual(0.8);
    expect(gaps.inapplicableGaps).toBe(0);
    expect(report.noTopic.recognised).toBe(report.noTopic.total);
  });
});
