import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { NODE_KINDS, RELATIONSHIP_TYPES, RELATIONSHIP_TYPE_NAMES, type NodeKind, type RelationshipType } from '../graph/kinds.js';
import { DERIVED_PROPERTIES, NODE_SCHEMAS, RELATIONSHIP_SCHEMAS, datasetManifestSchema, fileSchema } from './format.js';

/** One node of a dataset: its kind, id and the properties to store (nulls removed). */
export interface NodeRecord {
  kind: NodeKind;
  id: string;
  properties: Record<string, unknown>;
}

/** One relationship of a dataset. */
export interface RelationshipRecord {
  type: RelationshipType;
  from: string;
  to: string;
  properties: Record<string, unknown>;
}

/** A whole dataset folder, validated. */
export interface Dataset {
  name: string;
  nodes: NodeRecord[];
  relationships: RelationshipRecord[];
}

/** One thing wrong with the input: which file, which record, which field, what was expected. */
export interface Problem {
  file: string;
  /** Zero-based index of the record in the file's `records`, when the problem is in one record. */
  record?: number;
  id?: string;
  field?: string;
  message: string;
}

const MAX_PROBLEMS_LISTED = 50;

/** The input is invalid; nothing was written. `problems` lists every fault found. */
export class ImportValidationError extends Error {
  override name = 'ImportValidationError';
  constructor(readonly problems: Problem[]) {
    super(
      `The dataset is invalid (${problems.length} problem${problems.length === 1 ? '' : 's'}); nothing was written:\n${problems
        .slice(0, MAX_PROBLEMS_LISTED)
        .map(describeProblem)
        .join('\n')}${problems.length > MAX_PROBLEMS_LISTED ? `\n  … and ${problems.length - MAX_PROBLEMS_LISTED} more` : ''}`,
    );
  }
}

export function describeProblem(problem: Problem): string {
  const where = [
    problem.file,
    problem.record !== undefined ? `record ${problem.record}${problem.id ? ` (id "${problem.id}")` : ''}` : undefined,
    problem.field ? `field "${problem.field}"` : undefined,
  ]
    .filter(Boolean)
    .join(', ');
  return `  ${where}: ${problem.message}`;
}

function withoutNulls(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== null && value !== undefined));
}

function readJson(folder: string, file: string, problems: Problem[]): unknown {
  try {
    return JSON.parse(readFileSync(path.join(folder, file), 'utf8'));
  } catch (error) {
    problems.push({ file, message: `not readable JSON: ${(error as Error).message}` });
    return undefined;
  }
}

function receivedOf(value: unknown): string {
  const shown = JSON.stringify(value);
  return shown === undefined ? 'nothing' : shown.length > 60 ? `${shown.slice(0, 57)}…` : shown;
}

/** Validates one file's envelope and records; returns the parsed records (or none when the envelope is wrong). */
function parseFile<T>(folder: string, file: string, recordSchema: z.ZodType<T>, problems: Problem[]): T[] {
  const raw = readJson(folder, file, problems) as { formatVersion?: unknown; records?: unknown[] } | undefined;
  if (raw === undefined) return [];
  const envelope = fileSchema(recordSchema as z.ZodType).omit({ records: true }).safeParse({ formatVersion: raw?.formatVersion });
  if (!envelope.success || !Array.isArray(raw.records) || Object.keys(raw).some((key) => key !== 'formatVersion' && key !== 'records')) {
    problems.push({ file, message: 'expected {"formatVersion": 1, "records": [...]} and nothing else' });
    return [];
  }
  const parsed: T[] = [];
  raw.records.forEach((record, index) => {
    const result = recordSchema.safeParse(record);
    const recordId = typeof (record as { id?: unknown })?.id === 'string' ? ((record as { id: string }).id) : undefined;
    if (result.success) {
      parsed.push(result.data);
      return;
    }
    for (const issue of result.error.issues) {
      const field = issue.path.join('.');
      const value = issue.path.reduce<unknown>((current, key) => (current as Record<string | number, unknown> | undefined)?.[key as string], record);
      const unknownKeys = issue.code === 'unrecognized_keys' ? ` (unknown field${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.join(', ')})` : '';
      problems.push({
        file,
        record: index,
        id: recordId,
        field: field || undefined,
        message: `${issue.message}${unknownKeys}${issue.code === 'unrecognized_keys' ? '' : `; received ${receivedOf(value)}`}`,
      });
    }
  });
  return parsed;
}

/** What reading a folder found: the valid records, every problem, and the ids referenced but not defined there. */
export interface DatasetReading {
  dataset: Dataset;
  problems: Problem[];
  externalReferences: Map<string, { kinds: readonly NodeKind[]; where: Problem }>;
}

/**
 * Reads and checks a dataset folder: every file's shape, every record's fields, id uniqueness, duplicate
 * relationships and the kinds at both ends. References to ids absent from the folder are returned in
 * `externalReferences` for the caller to check against the graph. Never throws for bad content: see `problems`.
 */
export function readDataset(folder: string): DatasetReading {
  const problems: Problem[] = [];
  if (!existsSync(path.join(folder, 'dataset.json'))) {
    problems.push({ file: 'dataset.json', message: 'missing: a dataset folder must contain dataset.json' });
    return { dataset: { name: path.basename(folder), nodes: [], relationships: [] }, problems, externalReferences: new Map() };
  }
  const manifestResult = datasetManifestSchema.safeParse(readJson(folder, 'dataset.json', problems));
  if (!manifestResult.success) {
    for (const issue of manifestResult.error.issues) problems.push({ file: 'dataset.json', field: issue.path.join('.') || undefined, message: issue.message });
  }
  for (const sub of ['nodes', 'relationships'] as const) {
    const known: readonly string[] = sub === 'nodes' ? NODE_KINDS : RELATIONSHIP_TYPE_NAMES;
    if (!existsSync(path.join(folder, sub))) continue;
    for (const file of readdirSync(path.join(folder, sub))) {
      if (!known.includes(file.replace(/\.json$/, '')) || !file.endsWith('.json')) {
        problems.push({ file: `${sub}/${file}`, message: `unknown file: expected one of ${known.map((name) => `${name}.json`).join(', ')}` });
      }
    }
  }

  const nodes: NodeRecord[] = [];
  const kindById = new Map<string, { kind: NodeKind; file: string; record: number }>();
  for (const kind of NODE_KINDS) {
    const file = `nodes/${kind}.json`;
    if (!existsSync(path.join(folder, file))) continue;
    parseFile(folder, file, NODE_SCHEMAS[kind] as z.ZodType<Record<string, unknown>>, problems).forEach((record, index) => {
      const id = record.id as string;
      const earlier = kindById.get(id);
      if (earlier) {
        problems.push({ file, record: index, id, field: 'id', message: `duplicate id: already used by ${earlier.file} record ${earlier.record}` });
        return;
      }
      for (const derived of DERIVED_PROPERTIES) delete record[derived];
      kindById.set(id, { kind, file, record: index });
      nodes.push({ kind, id, properties: withoutNulls(record) });
    });
  }

  const relationships: RelationshipRecord[] = [];
  const externalReferences = new Map<string, { kinds: readonly NodeKind[]; where: Problem }>();
  for (const type of RELATIONSHIP_TYPE_NAMES) {
    const file = `relationships/${type}.json`;
    if (!existsSync(path.join(folder, file))) continue;
    const seen = new Map<string, number>();
    parseFile(folder, file, RELATIONSHIP_SCHEMAS[type] as z.ZodType<Record<string, unknown>>, problems).forEach((record, index) => {
      const { from, to, ...properties } = record as { from: string; to: string } & Record<string, unknown>;
      const pair = `${from}\u0000${to}`;
      if (seen.has(pair)) {
        problems.push({ file, record: index, message: `duplicate relationship ${from} → ${to}: already record ${seen.get(pair)}` });
        return;
      }
      seen.set(pair, index);
      if (from === to) problems.push({ file, record: index, field: 'from', message: `a ${type} relationship cannot connect "${from}" to itself` });
      for (const [end, endId] of [['from', from], ['to', to]] as const) {
        const allowed = RELATIONSHIP_TYPES[type][end] as readonly NodeKind[];
        const target = kindById.get(endId);
        if (!target) {
          externalReferences.set(endId, { kinds: allowed, where: { file, record: index, field: end, message: '' } });
        } else if (!allowed.includes(target.kind)) {
          problems.push({ file, record: index, field: end, message: `"${endId}" is a ${target.kind}; ${type}.${end} must be a ${allowed.join(' or ')}` });
        }
      }
      relationships.push({ type, from, to, properties: withoutNulls(properties) });
    });
  }
  return { dataset: { name: manifestResult.data?.name ?? path.basename(folder), nodes, relationships }, problems, externalReferences };
}
