import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateDataset, TOPIC_ZIPF_EXPONENT } from '../../../tools/generate/generate.js';
import { checkDataset } from '../../../src/import/dataset.js';
import { NODE_KINDS } from '../../../src/graph/kinds.js';

const folders: string[] = [];
function generated(nodes: number, seed: number, idPrefix = 'gen'): string {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'kg-generate-'));
  folders.push(folder);
  generateDataset({ nodes, seed, folder, idPrefix });
  return folder;
}
const filesOf = (folder: string) => ['dataset.json', ...['nodes', 'relationships'].flatMap((sub) => readdirSync(path.join(folder, sub)).map((file) => `${sub}/${file}`))].sort();
const recordsOf = (folder: string, file: string) => (JSON.parse(readFileSync(path.join(folder, file), 'utf8')) as { records: Array<Record<string, unknown>> }).records;

/** Least-squares slope and R² of y over x. */
function fit(xs: number[], ys: number[]): { slope: number; r2: number } {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i += 1) {
    sxy += (xs[i]! - mx) * (ys[i]! - my);
    sxx += (xs[i]! - mx) ** 2;
    syy += (ys[i]! - my) ** 2;
  }
  return { slope: sxy / sxx, r2: (sxy * sxy) / (sxx * syy) };
}

afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

describe('npm run generate', () => {
  it('writes exactly the requested number of nodes, valid for the importer, with every reference inside the dataset', async () => {
    const folder = generated(2000, 5);
    const { dataset, problems, externalReferences } = await checkDataset(folder);
    expect(problems).toEqual([]);
    expect(externalReferences.size).toBe(0);
    expect(dataset.nodes).toBe(2000);
    // about five relationships per node, as the replicated county has
    expect(dataset.relationships / dataset.nodes).toBeGreaterThan(4);
    expect(dataset.relationships / dataset.nodes).toBeLessThan(6);
    // every kind is present, with one province over municipalities over counties
    for (const kind of NODE_KINDS) expect(dataset.nodeCounts[kind], kind).toBeGreaterThan(0);
    const regions = recordsOf(folder, 'nodes/Region.json');
    expect(regions.filter((region) => region.kind === 'PROVINCE')).toHaveLength(1);
    expect(regions.filter((region) => region.kind === 'MUNICIPALITY').length).toBeGreaterThanOrEqual(3);
    expect(regions.filter((region) => region.kind === 'COUNTY' || region.kind === 'DISTRICT').length).toBeGreaterThanOrEqual(6);
    // names are Chinese
    for (const expert of recordsOf(folder, 'nodes/Expert.json').slice(0, 50)) expect(expert.name).toMatch(/^[\u4e00-\u9fff]{2,4}$/);
  });

  it('gives the same bytes for the same seed and different data for another seed', () => {
    const [first, second, other] = [generated(2000, 5), generated(2000, 5), generated(2000, 6)];
    expect(filesOf(second)).toEqual(filesOf(first));
    for (const file of filesOf(first)) expect(readFileSync(path.join(second, file)).equals(readFileSync(path.join(first, file))), file).toBe(true);
    expect(readFileSync(path.join(other, 'nodes/Expert.json')).equals(readFileSync(path.join(first, 'nodes/Expert.json')))).toBe(false);
  });

  it('puts every id under the given prefix', () => {
    const folder = generated(1000, 1, 't-prefix');
    for (const file of filesOf(folder).filter((name) => name.startsWith('nodes/'))) {
      for (const record of recordsOf(folder, file)) expect(record.id).toMatch(/^t-prefix:[a-z]+:\d+$/);
    }
  });

  it('draws topics by a Zipf law and links with a heavy-tailed (power-law) degree distribution', () => {
    const folder = generated(50_000, 11);
    const degree = new Map<string, number>();
    const topicUse = new Map<string, number>();
    for (const file of filesOf(folder).filter((name) => name.startsWith('relationships/'))) {
      const type = path.basename(file, '.json');
      for (const { from, to } of recordsOf(folder, file) as Array<{ from: string; to: string }>) {
        degree.set(from, (degree.get(from) ?? 0) + 1);
        degree.set(to, (degree.get(to) ?? 0) + 1);
        if (['HAS_EXPERTISE', 'FOCUSES_ON', 'ON_TOPIC', 'REQUIRES'].includes(type)) topicUse.set(to, (topicUse.get(to) ?? 0) + 1);
      }
    }
    // Zipf: log(frequency) against log(rank) over the 200 most used topics is a line of slope −s (s = 1).
    const frequencies = [...topicUse.values()].sort((a, b) => b - a).slice(0, 200);
    const zipf = fit(frequencies.map((_, rank) => Math.log(rank + 1)), frequencies.map(Math.log));
    expect(zipf.slope).toBeGreaterThan(-TOPIC_ZIPF_EXPONENT - 0.15);
    expect(zipf.slope).toBeLessThan(-TOPIC_ZIPF_EXPONENT + 0.15);
    expect(zipf.r2).toBeGreaterThan(0.95);

    // Power law: the share of nodes with degree ≥ k falls as a straight line in log-log between k = 8 and 128
    // (slope −(α−1) with α between 2 and 3.5), where a Poisson or exponential tail would plunge; hubs exist.
    const degrees = [...degree.values()].sort((a, b) => a - b);
    expect(degrees).toHaveLength(50_000);
    const ks = [8, 16, 32, 64, 128];
    const tail = ks.map((k) => degrees.filter((value) => value >= k).length / degrees.length);
    const law = fit(ks.map(Math.log), tail.map(Math.log));
    expect(law.slope).toBeGreaterThan(-2.5);
    expect(law.slope).toBeLessThan(-1);
    expect(law.r2).toBeGreaterThan(0.9);
    const median = degrees[degrees.length >> 1]!;
    expect(degrees.at(-1)!).toBeGreaterThan(100 * median);
  }, 60_000);
});
