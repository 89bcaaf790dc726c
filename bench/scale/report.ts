/**
 * The benchmark's outputs: bench/results.json (one record per size × workload × system × concurrency, merged
 * across runs: a new run of a size replaces that size's records), bench/first-answers.json (per size × workload ×
 * system, for the workloads whose answers our server keeps: each question's first answer), bench/results-runs.json
 * (per size: when, where, how the database was loaded) and bench/RESULTS.md, rendered from them.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../src/config.js';
import type { SystemName } from './servers.js';
import { WORKLOADS, type WorkloadName } from './workloads.js';
import type { ImportFigures } from './instance.js';

export interface ResultRecord {
  size: number;
  workload: WorkloadName;
  system: SystemName;
  concurrency: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  rps: number;
  serverRssMb: number;
}

/** Each of a workload's questions asked once, one at a time, before its cells: what a question costs the first time. */
export interface FirstAnswerRecord {
  size: number;
  workload: WorkloadName;
  system: SystemName;
  requests: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
}

export interface RunInfo {
  size: number;
  seed: number;
  date: string;
  machine: string;
  loadAverageBefore: number[];
  loadAverageAfter: number[];
  neo4j: { heap: string; pageCache: string; version: string };
  dataset: { nodes: number; relationships: number };
  requests: { maxRequests: number; maxSeconds: number; minRequests: number; hardSeconds: number; warmupRequests: number };
  imported?: Omit<ImportFigures, 'output'>;
  failures: string[];
  /** Later runs that measured some workloads again, with their bounds. */
  notes?: string[];
  requestsNote?: string;
}

const RESULTS_FILE = path.join(projectRoot, 'bench', 'results.json');
const RUNS_FILE = path.join(projectRoot, 'bench', 'results-runs.json');
const FIRST_ANSWERS_FILE = path.join(projectRoot, 'bench', 'first-answers.json');
const REPORT_FILE = path.join(projectRoot, 'bench', 'RESULTS.md');

const readJson = <T>(file: string, fallback: T): T => (existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as T) : fallback);

/**
 * Replaces, for `info.size`, the records of the (workload, system, concurrency) cells this run measured (all others
 * of that size stay, so a size can be completed by runs of a few workloads) and rewrites the three files.
 */
export function saveResults(
  records: ResultRecord[],
  firsts: FirstAnswerRecord[],
  info: RunInfo,
  notes: string,
  measured: Array<{ workload: string; system: SystemName; concurrency: number }>,
): void {
  const wasMeasured = (record: ResultRecord) => measured.some((cell) => cell.workload === record.workload && cell.system === record.system && cell.concurrency === record.concurrency);
  const workloadOrder = (a: { workload: string }, b: { workload: string }) => WORKLOADS.findIndex((w) => w.name === a.workload) - WORKLOADS.findIndex((w) => w.name === b.workload);
  const all = readJson<ResultRecord[]>(RESULTS_FILE, []).filter((record) => record.size !== info.size || !wasMeasured(record));
  all.push(...records);
  all.sort((a, b) => a.size - b.size || workloadOrder(a, b) || a.concurrency - b.concurrency || a.system.localeCompare(b.system));
  writeFileSync(RESULTS_FILE, `${JSON.stringify(all, null, 1)}\n`);
  const allFirsts = readJson<FirstAnswerRecord[]>(FIRST_ANSWERS_FILE, []).filter(
    (record) => record.size !== info.size || !measured.some((cell) => cell.workload === record.workload && cell.system === record.system),
  );
  allFirsts.push(...firsts);
  allFirsts.sort((a, b) => a.size - b.size || workloadOrder(a, b) || a.system.localeCompare(b.system));
  writeFileSync(FIRST_ANSWERS_FILE, `${JSON.stringify(allFirsts, null, 1)}\n`);
  const runs = readJson<RunInfo[]>(RUNS_FILE, []);
  const earlier = runs.find((run) => run.size === info.size);
  const merged: RunInfo = earlier
    ? {
        ...earlier,
        failures: [...earlier.failures.filter((failure) => !measured.some((cell) => failure.startsWith(`${cell.workload} on ${cell.system}`))), ...info.failures],
        notes: [
          ...(earlier.notes ?? []),
          `${info.date}: ${[...new Set(measured.map((cell) => `${cell.workload}/${cell.system}`))].join(', ')} measured again in a run of its own ` +
            `(${info.requestsNote ?? 'same bounds'}; load average ${info.loadAverageBefore.map((value) => value.toFixed(1)).join(' ')})`,
        ],
      }
    : info;
  const others = runs.filter((run) => run.size !== info.size);
  others.push(earlier && measured.length < WORKLOADS.length * 4 ? merged : info);
  others.sort((a, b) => a.size - b.size);
  writeFileSync(RUNS_FILE, `${JSON.stringify(others, null, 1)}\n`);
  writeFileSync(REPORT_FILE, renderReport(all, others, notes, allFirsts));
}

/** Writes RESULTS.md again from the kept figures and bench/scale/notes.md (after the notes changed; nothing is measured). */
export function rewriteReport(notes: string): void {
  writeFileSync(
    REPORT_FILE,
    renderReport(readJson<ResultRecord[]>(RESULTS_FILE, []), readJson<RunInfo[]>(RUNS_FILE, []), notes, readJson<FirstAnswerRecord[]>(FIRST_ANSWERS_FILE, [])),
  );
}

const ms = (value: number | undefined) => (value === undefined || Number.isNaN(value) ? '—' : value < 10 ? value.toFixed(1) : value.toFixed(0));
/** A ratio as written in the tables: two decimals, or two significant digits below 0.1 (the peer's 1M nested3 is ~400× slower). */
const times = (value: number) => `${value >= 0.1 ? value.toFixed(2) : value.toPrecision(2)}×`;
const ratio = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined || !(b > 0) ? '—' : times(a / b));

/** RESULTS.md: per size, one table of ours / floor / peer side by side, then the budgets. */
export function renderReport(records: ResultRecord[], runs: RunInfo[], notes: string, firsts: FirstAnswerRecord[] = []): string {
  const lines: string[] = ['# Scale benchmark results', '', '<!-- Written by `npm run bench -- --size N`; edit bench/scale/report.ts, not this file. -->', '', notes.trim(), ''];
  for (const run of runs) {
    const of = (workload: string, system: SystemName, concurrency: number) =>
      records.find((record) => record.size === run.size && record.workload === workload && record.system === system && record.concurrency === concurrency);
    lines.push(`## ${run.size.toLocaleString('en-US')} nodes`, '');
    lines.push(
      `Run ${run.date} on ${run.machine}; load average before/after ${run.loadAverageBefore.map((v) => v.toFixed(1)).join(' ')} / ${run.loadAverageAfter.map((v) => v.toFixed(1)).join(' ')}. ` +
        `Dataset: \`npm run generate -- --nodes ${run.size} --seed ${run.seed}\` (${run.dataset.nodes.toLocaleString('en-US')} nodes, ${run.dataset.relationships.toLocaleString('en-US')} relationships). ` +
        `Neo4j ${run.neo4j.version}, heap ${run.neo4j.heap}, page cache ${run.neo4j.pageCache}. ` +
        `Each cell: ${run.requests.warmupRequests} warm-up requests, then until ${run.requests.maxRequests} requests, or ${run.requests.maxSeconds} s once ${run.requests.minRequests} have answered, or ${run.requests.hardSeconds} s at most.`,
      '',
    );
    if (run.imported) {
      const imported = run.imported;
      lines.push(
        `Loaded with \`kg import${imported.method === 'offline' ? ' --offline' : ''}\`: ${imported.seconds.toFixed(1)} s, ${imported.recordsPerSecond.toLocaleString('en-US')} records/s` +
          `${imported.peakRssMb ? `, importer peak RSS ${imported.peakRssMb} MB` : ''}.`,
        '',
      );
    }
    lines.push(
      '| workload | c | ours p50 / p95 / p99 ms | ours req/s | floor p50 / p95 / p99 ms | floor req/s | peer p50 / p95 / p99 ms | peer req/s | ours ÷ floor (p50) | ours ÷ peer (p50) | RSS MB ours / floor / peer |',
      '|---|---|---|---|---|---|---|---|---|---|---|',
    );
    for (const workload of WORKLOADS) {
      for (const concurrency of [1, 8]) {
        const [ours, floor, peer] = (['ours', 'floor', 'peer'] as const).map((system) => of(workload.name, system, concurrency));
        if (!ours && !floor && !peer) continue;
        const cell = (record: ResultRecord | undefined) => (record ? `${ms(record.p50Ms)} / ${ms(record.p95Ms)} / ${ms(record.p99Ms)}` : '—');
        const rps = (record: ResultRecord | undefined) => (record ? record.rps.toFixed(record.rps < 10 ? 1 : 0) : '—');
        const rss = [ours, floor, peer].map((record) => (record ? record.serverRssMb.toFixed(0) : '—')).join(' / ');
        lines.push(
          `| ${workload.name} | ${concurrency} | ${cell(ours)} | ${rps(ours)} | ${cell(floor)} | ${rps(floor)} | ${cell(peer)} | ${rps(peer)} | ${ratio(ours?.p50Ms, floor?.p50Ms)} | ${ratio(ours?.p50Ms, peer?.p50Ms)} | ${rss} |`,
        );
      }
    }
    const sizeFirsts = firsts.filter((record) => record.size === run.size);
    if (sizeFirsts.length > 0) {
      lines.push(
        '',
        "First answers — the workloads whose answers (for search, totals) our server keeps until a write: before the cells, each question asked once, one at a time (the cells above then mostly meet questions asked before):",
        '',
        '| workload | questions | ours p50 / p95 / max ms | floor p50 / p95 / max ms |',
        '|---|---|---|---|',
      );
      for (const workload of WORKLOADS) {
        const [ours, floor] = (['ours', 'floor'] as const).map((system) => sizeFirsts.find((record) => record.workload === workload.name && record.system === system));
        if (!ours && !floor) continue;
        const cell = (record: FirstAnswerRecord | undefined) => (record ? `${ms(record.p50Ms)} / ${ms(record.p95Ms)} / ${ms(record.maxMs)}` : '—');
        lines.push(`| ${workload.name} | ${ours?.requests ?? floor?.requests ?? '—'} | ${cell(ours)} | ${cell(floor)} |`);
      }
    }
    if (run.notes?.length) lines.push('', 'Measured again after the full run:', '', ...run.notes.map((note) => `- ${note}`));
    if (run.failures.length > 0) lines.push('', 'Not measured, or with errors:', '', ...run.failures.map((failure) => `- ${failure}`));
    lines.push('', ...budgetLines(records.filter((record) => record.size === run.size), sizeFirsts), '');
  }
  return `${lines.join('\n')}\n`;
}

/** The issue's budgets, measured against this size's records. */
export function budgetLines(records: ResultRecord[], firsts: FirstAnswerRecord[] = []): string[] {
  const find = (workload: WorkloadName, system: SystemName, concurrency: number) => records.find((r) => r.workload === workload && r.system === system && r.concurrency === concurrency);
  const verdict = (value: number | undefined, limit: number, unit = ' ms') => (value === undefined ? 'not measured' : value <= limit ? 'met' : `missed by ${(value - limit).toFixed(unit === '×' ? 2 : 1)}${unit}`);
  const rows: Array<[string, string, string, string]> = [];
  const ourLookup = find('lookup', 'ours', 8);
  rows.push(['lookup p95 (c=8)', '≤ 10 ms', `${ms(ourLookup?.p95Ms)} ms`, verdict(ourLookup?.p95Ms, 10)]);
  const ourList = find('filteredList', 'ours', 8);
  rows.push(['filteredList with totalCount p95 (c=8)', '≤ 50 ms', `${ms(ourList?.p95Ms)} ms`, verdict(ourList?.p95Ms, 50)]);
  // Totals are kept per filter: the budget applied to each filter's first request as well (it counts the matches).
  const listFirst = firsts.find((one) => one.workload === 'filteredList' && one.system === 'ours');
  if (listFirst) rows.push(['filteredList first answers p95 (one at a time)', '≤ 50 ms', `${ms(listFirst.p95Ms)} ms`, verdict(listFirst.p95Ms, 50)]);
  // A filtered list too ("high-tech enterprises of a region"): the same budget.
  const ourRegionList = find('regionList', 'ours', 8);
  if (ourRegionList) rows.push(['regionList with totalCount p95 (c=8)', '≤ 50 ms', `${ms(ourRegionList.p95Ms)} ms`, verdict(ourRegionList.p95Ms, 50)]);
  const regionFirst = firsts.find((one) => one.workload === 'regionList' && one.system === 'ours');
  if (regionFirst) rows.push(['regionList first answers p95 (one at a time)', '≤ 50 ms', `${ms(regionFirst.p95Ms)} ms`, verdict(regionFirst.p95Ms, 50)]);
  for (const concurrency of [1, 8]) {
    const [ours, floor, peer] = (['ours', 'floor', 'peer'] as const).map((system) => find('nested3', system, concurrency));
    const toFloor = ours && floor ? ours.p50Ms / floor.p50Ms : undefined;
    const toPeer = ours && peer ? ours.p50Ms / peer.p50Ms : undefined;
    rows.push([`nested3 p50 vs floor (c=${concurrency})`, '≤ 1.25×', toFloor === undefined ? '—' : times(toFloor), verdict(toFloor, 1.25, '×')]);
    rows.push([`nested3 p50 vs peer (c=${concurrency})`, '≤ 1.0×', toPeer === undefined ? '—' : times(toPeer), verdict(toPeer, 1, '×')]);
  }
  for (const workload of ['expertSearch', 'partnerRecommendations', 'demandMatches'] as const) {
    const record = find(workload, 'ours', 8);
    rows.push([`${workload} p95 (c=8)`, '≤ 150 ms', `${ms(record?.p95Ms)} ms`, verdict(record?.p95Ms, 150)]);
    // The cells mostly meet questions asked before (kept answers): the budget applied to first answers as well.
    const first = firsts.find((one) => one.workload === workload && one.system === 'ours');
    if (first) rows.push([`${workload} first answers p95 (one at a time)`, '≤ 150 ms', `${ms(first.p95Ms)} ms`, verdict(first.p95Ms, 150)]);
  }
  for (const workload of ['industryChain', 'connections'] as const) {
    const record = find(workload, 'ours', 8);
    rows.push([`${workload} p95 (c=8)`, '≤ 300 ms', `${ms(record?.p95Ms)} ms`, verdict(record?.p95Ms, 300)]);
    const first = firsts.find((one) => one.workload === workload && one.system === 'ours');
    if (first) rows.push([`${workload} first answers p95 (one at a time)`, '≤ 300 ms', `${ms(first.p95Ms)} ms`, verdict(first.p95Ms, 300)]);
  }
  const rss = Math.max(...records.filter((record) => record.system === 'ours').map((record) => record.serverRssMb));
  rows.push(['our server RSS (max over the run)', '≤ 400 MB', `${rss.toFixed(0)} MB`, verdict(rss, 400, ' MB')]);
  return ['Budgets of issue 12 (set for 1M nodes; shown at every size):', '', '| budget | limit | measured | verdict |', '|---|---|---|---|', ...rows.map((row) => `| ${row.join(' | ')} |`)];
}
