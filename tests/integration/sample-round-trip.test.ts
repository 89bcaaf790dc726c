import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../support/database.js';
import { SAMPLE_DATASET } from '../support/test-neo4j.js';
import { exportGraph } from '../../src/import/exporter.js';
import { Clock } from '../../src/clock.js';

type Records = Array<Record<string, unknown>>;
const recordsOf = (file: string): Records => (JSON.parse(readFileSync(file, 'utf8')) as { records: Records }).records;
const key = (record: Record<string, unknown>) => JSON.stringify([record.id, record.from, record.to]);
/** Records as the importer stores them: defaults written out, nulls dropped, in id order. */
const normalised = (records: Records) =>
  records
    .filter((record) => !String(record.id ?? record.from).startsWith('t-'))
    .map((record) => {
      const copy: Record<string, unknown> = { ...record };
      if ('primary' in copy || ('from' in copy && 'role' in copy)) copy.primary ??= undefined;
      for (const [field, value] of Object.entries(copy)) if (value === null || value === undefined) delete copy[field];
      return copy;
    })
    .sort((a, b) => key(a).localeCompare(key(b)));

/** The sample county is loaded by the global setup; exporting the graph must give its files back, record for record. */
describe('the sample county round trip', () => {
  const database = openTestDatabase();
  afterAll(() => database.close());

  it('exports every record of every file of seeds/sample-county, unchanged', async () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'kg-sample-export-'));
    await exportGraph(database, folder, { name: 'sample round trip', clock: new Clock() });
    let nodes = 0;
    let relationships = 0;
    for (const sub of ['nodes', 'relationships'] as const) {
      const files = readdirSync(path.join(SAMPLE_DATASET, sub)).sort();
      expect(readdirSync(path.join(folder, sub)).sort()).toEqual(expect.arrayContaining(files));
      for (const file of files) {
        const original = normalised(recordsOf(path.join(SAMPLE_DATASET, sub, file)));
        const exported = normalised(recordsOf(path.join(folder, sub, file)));
        // defaults the format fills in are written out on export (primary: false, flexibleEngagement: false)
        const withoutDefaults = (records: Records) => records.map(({ primary, flexibleEngagement, ...rest }) => ({ ...rest, primary: primary || undefined, flexibleEngagement: flexibleEngagement || undefined }));
        expect(withoutDefaults(exported), `${sub}/${file}`).toEqual(withoutDefaults(original));
        if (sub === 'nodes') nodes += original.length;
        else relationships += original.length;
      }
    }
    expect({ nodes, relationships }).toEqual({ nodes: 577, relationships: 2283 });
  });
});
