import { describe, expect, it } from 'vitest';
import { renderReport, type FirstAnswerRecord, type ResultRecord, type RunInfo } from '../../../bench/scale/report.js';

/**
 * The benchmark's report (bench/RESULTS.md) for a made-up run of one size: the cells' table, the first answers' table
 * and the budget rows that judge both — the 150 ms budget is met by the cells (12 ms) and missed by first answers
 * (200 ms: by 50.0).
 */
describe('bench report: cells and first answers', () => {
  const run: RunInfo = {
    size: 1000,
    seed: 1,
    date: '2026-12-01 06:00 UTC',
    machine: '2 × CPU',
    loadAverageBefore: [1, 1, 1],
    loadAverageAfter: [1, 1, 1],
    neo4j: { heap: '1g', pageCache: '512m', version: '5.26.0' },
    dataset: { nodes: 1000, relationships: 5000 },
    requests: { maxRequests: 1500, maxSeconds: 8, minRequests: 24, hardSeconds: 60, warmupRequests: 16 },
    failures: [],
  };
  const cell = (system: 'ours' | 'floor', concurrency: number, p95Ms: number): ResultRecord => ({
    size: 1000,
    workload: 'expertSearch',
    system,
    concurrency,
    p50Ms: p95Ms / 2,
    p95Ms,
    p99Ms: p95Ms * 2,
    rps: 100,
    serverRssMb: 250,
  });
  const records = [cell('ours', 1, 4), cell('floor', 1, 8), cell('ours', 8, 12), cell('floor', 8, 40)];
  const firsts: FirstAnswerRecord[] = [
    { size: 1000, workload: 'expertSearch', system: 'ours', requests: 64, p50Ms: 50, p95Ms: 200, maxMs: 900 },
    { size: 1000, workload: 'expertSearch', system: 'floor', requests: 64, p50Ms: 10, p95Ms: 20, maxMs: 30 },
  ];

  it('shows the first answers beside the cells, and judges the budget on both', () => {
    const report = renderReport(records, [run], 'notes', firsts);
    expect(report).toContain('| expertSearch | 8 | 6.0 / 12 / 24 | 100 | 20 / 40 / 80 | 100 |');
    expect(report).toContain('| expertSearch | 64 | 50 / 200 / 900 | 10 / 20 / 30 |');
    expect(report).toContain('| expertSearch p95 (c=8) | ≤ 150 ms | 12 ms | met |');
    expect(report).toContain('| expertSearch first answers p95 (one at a time) | ≤ 150 ms | 200 ms | missed by 50.0 ms |');
  });

  it("judges a filtered list's first answers on its own 50 ms budget, a chain's and a connection's on 300 ms", () => {
    const first = (workload: FirstAnswerRecord['workload'], p95Ms: number): FirstAnswerRecord => ({ size: 1000, workload, system: 'ours', requests: 64, p50Ms: p95Ms / 2, p95Ms, maxMs: p95Ms });
    const report = renderReport(records, [run], 'notes', [first('filteredList', 80), first('industryChain', 250), first('connections', 420)]);
    expect(report).toContain('| filteredList first answers p95 (one at a time) | ≤ 50 ms | 80 ms | missed by 30.0 ms |');
    expect(report).toContain('| industryChain first answers p95 (one at a time) | ≤ 300 ms | 250 ms | met |');
    expect(report).toContain('| connections first answers p95 (one at a time) | ≤ 300 ms | 420 ms | missed by 120.0 ms |');
  });

  it('writes a ratio far below 1 with two significant digits, not as 0.00×', () => {
    // nested3 p50: ours 3 ms, the floor 2 ms (1.50×), the peer 1 500 ms (3 / 1500 = 0.0020×).
    const nested = (system: ResultRecord['system'], p50Ms: number): ResultRecord => ({ ...cell('ours', 1, 1), workload: 'nested3', system, p50Ms });
    const report = renderReport([nested('ours', 3), nested('floor', 2), nested('peer', 1500)], [run], 'notes');
    expect(report).toContain('| nested3 p50 vs floor (c=1) | ≤ 1.25× | 1.50× | missed by 0.25× |');
    expect(report).toContain('| nested3 p50 vs peer (c=1) | ≤ 1.0× | 0.0020× | met |');
  });

  it('leaves the first answers out where none were measured', () => {
    const report = renderReport(records, [run], 'notes');
    expect(report).not.toContain('First answers');
    expect(report).not.toContain('first answers p95');
  });
});
