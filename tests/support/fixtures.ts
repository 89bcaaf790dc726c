import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from '../../src/neo4j/database.js';
import { importDataset } from '../../src/import/importer.js';
import { projectRoot } from '../../src/config.js';
import type { MatchRequest } from '../../src/modules/matching/matching.service.js';

export const MINI_COUNTY = path.join(projectRoot, 'tests', 'fixtures', 'mini-county');

/** Copies a dataset folder into a temporary one, prefixing every id (and every reference) with `prefix:`. */
export function prefixedCopy(folder: string, prefix: string): string {
  const target = mkdtempSync(path.join(os.tmpdir(), 'kg-dataset-'));
  cpSync(folder, target, { recursive: true });
  for (const sub of ['nodes', 'relationships']) {
    for (const file of readdirSync(path.join(target, sub))) {
      const full = path.join(target, sub, file);
      const content = JSON.parse(readFileSync(full, 'utf8')) as { records: Array<Record<string, unknown>> };
      for (const record of content.records) {
        for (const key of ['id', 'from', 'to']) if (typeof record[key] === 'string') record[key] = `${prefix}:${record[key] as string}`;
      }
      writeFileSync(full, JSON.stringify(content, null, 2));
    }
  }
  return target;
}

/** Imports the mini county under `prefix` (ids like `<prefix>:ent:pork`). */
export async function loadMiniCounty(database: Database, prefix: string): Promise<void> {
  await importDataset(database, prefixedCopy(MINI_COUNTY, prefix));
}

/**
 * Imports records written inline, through the importer (validated as any dataset): `nodes` and `relationships` by kind
 * or type (`{ Enterprise: [...] }`, `{ LOCATED_IN: [...] }`), from a temporary folder removed afterwards.
 */
export async function importRecords(
  database: Database,
  name: string,
  records: { nodes: Record<string, unknown[]>; relationships: Record<string, unknown[]> },
): Promise<void> {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'kg-records-'));
  try {
    writeFileSync(path.join(folder, 'dataset.json'), JSON.stringify({ formatVersion: 1, name }));
    for (const sub of ['nodes', 'relationships'] as const) {
      mkdirSync(path.join(folder, sub));
      for (const [file, list] of Object.entries(records[sub])) writeFileSync(path.join(folder, sub, `${file}.json`), JSON.stringify({ formatVersion: 1, records: list }));
    }
    await importDataset(database, folder);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/**
 * A matching question on one need topic for candidates of `kinds`, as a chain's gap asks it (no party, no region, no
 * filter, as of 2026), with `changes` on top.
 */
export function topicQuestion(topicId: string, kinds: MatchRequest['kinds'], changes: Partial<MatchRequest> = {}): MatchRequest {
  return {
    needTopics: [{ id: topicId, weight: 1, origin: '测试' }],
    kinds,
    partyId: null,
    regionId: null,
    excludeIds: new Set(),
    conflictSegmentIds: [],
    filter: null,
    referenceYear: 2026,
    ...changes,
  };
}
