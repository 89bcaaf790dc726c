import { mkdtempSync, readFileSync, readdirSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { deleteByPrefix, openTestDatabase, uniquePrefix } from '../support/database.js';
import { MINI_COUNTY, prefixedCopy } from '../support/fixtures.js';
import { graphUnder } from '../support/graph-snapshot.js';
import { importDataset } from '../../src/import/importer.js';
import { exportGraph } from '../../src/import/exporter.js';
import { Clock } from '../../src/clock.js';
import { ImportValidationError } from '../../src/import/dataset.js';

type Records = Array<Record<string, unknown>>;
const readRecords = (file: string): Records => (JSON.parse(readFileSync(file, 'utf8')) as { records: Records }).records;
const writeRecords = (file: string, records: Records) => writeFileSync(file, JSON.stringify({ formatVersion: 1, records }, null, 2));

describe('the importer', () => {
  const database = openTestDatabase();
  const prefixes: string[] = [];
  const freshPrefix = () => {
    const prefix = uniquePrefix();
    prefixes.push(prefix);
    return prefix;
  };
  afterEach(async () => {
    for (const prefix of prefixes.splice(0)) await deleteByPrefix(database, prefix);
  });
  afterAll(() => database.close());

  /** Imports a broken copy and returns the validation problems; asserts nothing was written. */
  async function problemsOf(breakIt: (folder: string) => void): Promise<string> {
    const prefix = freshPrefix();
    const folder = prefixedCopy(MINI_COUNTY, prefix);
    breakIt(folder);
    const attempt = importDataset(database, folder);
    await expect(attempt).rejects.toBeInstanceOf(ImportValidationError);
    const error = (await attempt.catch((caught: unknown) => caught)) as ImportValidationError;
    expect((await graphUnder(database, prefix)).nodes).toEqual([]);
    return error.message;
  }

  describe('refuses bad input, naming file, record, field and expectation, and writes nothing', () => {
    it('a wrong enum value', async () => {
      const message = await problemsOf((folder) => {
        const file = path.join(folder, 'nodes', 'Platform.json');
        const records = readRecords(file);
        records[0]!.level = 'PROVINCIAL';
        writeRecords(file, records);
      });
      expect(message).toMatch(/nodes\/Platform\.json, record 0 \(id "t-[0-9a-f]+:plat:star"\), field "level": Invalid option: expected one of "NATIONAL"\|"MUNICIPAL"\|"COUNTY"; received "PROVINCIAL"/);
    });

    it('an unknown field, a missing required field and a malformed date', async () => {
      const message = await problemsOf((folder) => {
        const experts = path.join(folder, 'nodes', 'Expert.json');
        const records = readRecords(experts);
        records[1]!.titel = '教授';
        delete records[1]!.title;
        writeRecords(experts, records);
        const demands = path.join(folder, 'nodes', 'Demand.json');
        const demand = readRecords(demands);
        demand[0]!.deadline = '2025-13-45';
        writeRecords(demands, demand);
      });
      expect(message).toMatch(/nodes\/Expert\.json, record 1 \(id "[^"]+:expert:li"\), field "title": Invalid input: expected string, received undefined/);
      expect(message).toMatch(/nodes\/Expert\.json, record 1 \(id "[^"]+:expert:li"\): Unrecognized key: "titel"/);
      expect(message).toMatch(/nodes\/Demand\.json, record 0 .*field "deadline": a real calendar date; received "2025-13-45"/);
    });

    it('an unknown reference and a relationship end of the wrong kind', async () => {
      const message = await problemsOf((folder) => {
        const file = path.join(folder, 'relationships', 'AFFILIATED_WITH.json');
        const records = readRecords(file);
        records[0]!.to = 'univ:does-not-exist';
        records[1]!.to = records[1]!.from; // an expert affiliated with an expert
        writeRecords(file, records);
      });
      expect(message).toMatch(/relationships\/AFFILIATED_WITH\.json, record 0, field "to": unknown reference "univ:does-not-exist": no University or ResearchInstitute or Enterprise or Platform or GovernmentAgency with this id/);
      expect(message).toMatch(/relationships\/AFFILIATED_WITH\.json, record 1, field "to": "[^"]+:expert:wang" is a Expert; AFFILIATED_WITH\.to must be a University or/);
    });

    it('duplicate ids across files, duplicate relationships, unreadable JSON and unknown files', async () => {
      const message = await problemsOf((folder) => {
        const topics = path.join(folder, 'nodes', 'Topic.json');
        const records = readRecords(topics);
        const enterpriseId = readRecords(path.join(folder, 'nodes', 'Enterprise.json'))[0]!.id;
        records.push({ id: enterpriseId, name: '重复', source: 'test' });
        writeRecords(topics, records);
        const broader = path.join(folder, 'relationships', 'BROADER.json');
        const links = readRecords(broader);
        writeRecords(broader, [...links, links[0]!]);
        writeFileSync(path.join(folder, 'nodes', 'Policy.json'), '{"formatVersion": 1, "records": [');
        writeFileSync(path.join(folder, 'nodes', 'Experts.json'), '{}');
      });
      expect(message).toMatch(/nodes\/Topic\.json, record 4 \(id "[^"]+:ent:pork"\), field "id": duplicate id: already used by nodes\/Enterprise\.json record 0/);
      expect(message).toMatch(/relationships\/BROADER\.json, record 2: duplicate relationship/);
      expect(message).toMatch(/nodes\/Policy\.json: not readable JSON/);
      expect(message).toMatch(/nodes\/Experts\.json: unknown file: expected one of University\.json/);
    });

    it('an id that exists in the graph as another kind', async () => {
      const prefix = freshPrefix();
      await importDataset(database, prefixedCopy(MINI_COUNTY, prefix));
      const folder = mkdtempSync(path.join(os.tmpdir(), 'kg-kind-'));
      writeFileSync(path.join(folder, 'dataset.json'), JSON.stringify({ formatVersion: 1, name: 'kind change' }));
      mkdirSync(path.join(folder, 'nodes'));
      writeRecords(path.join(folder, 'nodes', 'Industry.json'), [{ id: `${prefix}:topic:food`, name: '改成产业', source: 'test' }]);
      const before = await graphUnder(database, prefix);
      await expect(importDataset(database, folder)).rejects.toThrow(/nodes\/Industry\.json, field "id": "t-[0-9a-f]+:topic:food" exists in the graph as a Topic; an id cannot change kind/);
      expect(await graphUnder(database, prefix)).toEqual(before);
    });
  });

  it('is idempotent: the same files twice give the same graph and create nothing new', async () => {
    const prefix = freshPrefix();
    const folder = prefixedCopy(MINI_COUNTY, prefix);
    const first = await importDataset(database, folder);
    const afterFirst = await graphUnder(database, prefix);
    const second = await importDataset(database, folder);
    expect(first).toMatchObject({ nodes: 45, relationships: 87, nodesCreated: 45, relationshipsCreated: 87 });
    expect(second).toMatchObject({ nodesCreated: 0, relationshipsCreated: 0 });
    expect(await graphUnder(database, prefix)).toEqual(afterFirst);
  });

  it('updates a changed record in place, dropping fields it no longer has', async () => {
    const prefix = freshPrefix();
    const folder = prefixedCopy(MINI_COUNTY, prefix);
    await importDataset(database, folder);
    const file = path.join(folder, 'nodes', 'Enterprise.json');
    const records = readRecords(file);
    records[1]!.employees = 55;
    delete records[1]!.description;
    writeRecords(file, records);
    await importDataset(database, folder);
    const [row] = await database.read('MATCH (n:Enterprise {id: $id}) RETURN n.employees AS employees, n.description AS description, count { (n)--() } AS links', {
      id: `${prefix}:ent:herb`,
    });
    expect(row).toEqual({ employees: 55, description: null, links: expect.any(Number) });
    const [count] = await database.read('MATCH (n:Entity) WHERE n.id STARTS WITH $prefix RETURN count(n) AS nodes', { prefix });
    expect(count?.nodes).toBe(45);
  });

  it('exports what it imported, losslessly: export → delete → import gives the same graph', async () => {
    const prefix = freshPrefix();
    const source = prefixedCopy(MINI_COUNTY, prefix);
    await importDataset(database, source);
    const original = await graphUnder(database, prefix);
    const exported = mkdtempSync(path.join(os.tmpdir(), 'kg-export-'));
    // 2026-02-28T23:30Z is 07:30 on 1 March in Shanghai: the export is dated by the county's calendar.
    const summary = await exportGraph(database, exported, { idPrefix: `${prefix}:`, clock: Clock.fixed('2026-02-28T23:30:00Z') });
    expect(summary).toMatchObject({ nodes: 45, relationships: 87 });
    expect(JSON.parse(readFileSync(path.join(exported, 'dataset.json'), 'utf8'))).toMatchObject({ description: `Exported on 2026-03-01 (ids starting with "${prefix}:")` });
    for (const sub of ['nodes', 'relationships']) {
      for (const file of readdirSync(path.join(source, sub))) {
        const byId = (records: Records) => [...records].sort((a, b) => JSON.stringify([a.id, a.from, a.to]).localeCompare(JSON.stringify([b.id, b.from, b.to])));
        const expected = byId(readRecords(path.join(source, sub, file)));
        const actual = byId(readRecords(path.join(exported, sub, file)));
        // Defaults the format fills in (primary: false, flexibleEngagement: false) are written out explicitly.
        expect(actual.map((record) => ({ ...record, primary: undefined, flexibleEngagement: undefined }))).toEqual(
          expected.map((record) => ({ ...record, primary: undefined, flexibleEngagement: undefined })),
        );
      }
    }
    await deleteByPrefix(database, prefix);
    await importDataset(database, exported);
    expect(await graphUnder(database, prefix)).toEqual(original);
  });

  it('writes nothing for a folder without dataset.json', async () => {
    const empty = mkdtempSync(path.join(os.tmpdir(), 'kg-empty-'));
    mkdirSync(path.join(empty, 'nodes'));
    await expect(importDataset(database, empty)).rejects.toThrow(/dataset\.json: missing: a dataset folder must contain dataset\.json/);
    expect(existsSync(path.join(empty, 'nodes'))).toBe(true);
  });
});
