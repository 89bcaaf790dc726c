import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { NODE_KINDS, RELATIONSHIP_TYPES, RELATIONSHIP_TYPE_NAMES, type NodeKind, type RelationshipType } from '../graph/kinds.js';
import { DERIVED_PROPERTIES, NODE_SCHEMAS, RELATIONSHIP_SCHEMAS, datasetManifestSchema, FORMAT_VERSION } from '../graph/format.js';
import { readRecordFile, RecordFileError, type Envelope } from './records.js';
import { IdRegistry, PairFingerprints } from './registry.js';

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

/** A dataset folder that passed validation: what it holds, counted (its records stay in the files). */
export interface ValidatedDataset {
  folder: string;
  name: string;
  nodes: number;
  relationships: number;
  nodeCounts: Partial<Record<NodeKind, number>>;
  relationshipCounts: Partial<Record<RelationshipType, number>>;
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
  const result: Record<string, unknown> = {};
  for (const key in record) if (record[key] !== null && record[key] !== undefined) result[key] = record[key];
  return result;
}

function receivedOf(value: unknown): string {
  const shown = JSON.stringify(value);
  return shown === undefined ? 'nothing' : shown.length > 60 ? `${shown.slice(0, 57)}…` : shown;
}

function envelopeProblem(envelope: Envelope): boolean {
  return envelope.formatVersion !== FORMAT_VERSION || !envelope.hasRecords || envelope.otherKeys.length > 0;
}

/**
 * The valid records of one file, parsed, in order, one at a time; every invalid record, and a bad envelope or
 * unreadable JSON, becomes a problem instead (the records read before a JSON error are still yielded).
 */
function* parsedRecords<T>(folder: string, file: string, schema: z.ZodType<T>, problems: Problem[]): Generator<{ index: number; record: T }> {
  const records = readRecordFile(path.join(folder, file));
  let index = 0;
  try {
    for (;;) {
      const next = records.next();
      if (next.done) {
        if (envelopeProblem(next.value)) problems.push({ file, message: `expected {"formatVersion": ${FORMAT_VERSION}, "records": [...]} and nothing else` });
        return;
      }
      const raw = next.value;
      const result = schema.safeParse(raw);
      if (result.success) yield { index, record: result.data };
      else problems.push(...recordProblems(file, index, raw, result.error));
      index += 1;
    }
  } catch (error) {
    if (!(error instanceof RecordFileError)) throw error;
    problems.push({ file, message: `not readable JSON: ${error.message}` });
  }
}

/** One kind's record schema, seen through what every record of it has: an id. */
const nodeSchema = (kind: NodeKind): z.ZodType<{ id: string } & Record<string, unknown>> => NODE_SCHEMAS[kind];
/** One relationship type's record schema, seen through what every record of it has: its two ends. */
const relationshipSchema = (type: RelationshipType): z.ZodType<{ from: string; to: string } & Record<string, unknown>> => RELATIONSHIP_SCHEMAS[type];

/** The value at `path` inside a parsed JSON value; undefined where the path leads nowhere. */
function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  return path.reduce<unknown>((current, key) => (typeof current === 'object' && current !== null ? Reflect.get(current, key) : undefined), value);
}

function recordProblems(file: string, index: number, record: unknown, error: z.ZodError): Problem[] {
  const id = valueAt(record, ['id']);
  const recordId = typeof id === 'string' ? id : undefined;
  return error.issues.map((issue) => {
    const field = issue.path.join('.');
    const value = valueAt(record, issue.path);
    const unknownKeys = issue.code === 'unrecognized_keys' ? ` (unknown field${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.join(', ')})` : '';
    return {
      file,
      record: index,
      id: recordId,
      field: field || undefined,
      message: `${issue.message}${unknownKeys}${issue.code === 'unrecognized_keys' ? '' : `; received ${receivedOf(value)}`}`,
    };
  });
}

const nodeFile = (kind: NodeKind) => `nodes/${kind}.json`;
const relationshipFile = (type: RelationshipType) => `relationships/${type}.json`;

function toNodeRecord(kind: NodeKind, record: { id: string } & Record<string, unknown>): NodeRecord {
  for (const derived of DERIVED_PROPERTIES) delete record[derived];
  return { kind, id: record.id, properties: withoutNulls(record) };
}

function toRelationshipRecord(type: RelationshipType, record: { from: string; to: string } & Record<string, unknown>): RelationshipRecord {
  const { from, to, ...properties } = record;
  return { type, from, to, properties: withoutNulls(properties) };
}

/** The nodes of one kind's file, one at a time (for writing a validated dataset). */
export function* datasetNodes(folder: string, kind: NodeKind): Generator<NodeRecord> {
  if (!existsSync(path.join(folder, nodeFile(kind)))) return;
  const problems: Problem[] = [];
  for (const { record } of parsedRecords(folder, nodeFile(kind), nodeSchema(kind), problems)) yield toNodeRecord(kind, record);
  if (problems.length > 0) throw new ImportValidationError(problems.map((problem) => ({ ...problem, message: `${problem.message} (the file changed after validation)` })));
}

/** The relationships of one type's file, one at a time (for writing a validated dataset). */
export function* datasetRelationships(folder: string, type: RelationshipType): Generator<RelationshipRecord> {
  if (!existsSync(path.join(folder, relationshipFile(type)))) return;
  const problems: Problem[] = [];
  for (const { record } of parsedRecords(folder, relationshipFile(type), relationshipSchema(type), problems)) {
    yield toRelationshipRecord(type, record);
  }
  if (problems.length > 0) throw new ImportValidationError(problems.map((problem) => ({ ...problem, message: `${problem.message} (the file changed after validation)` })));
}

/** What reading a folder found: its counts, every problem, and the ids referenced but not defined there. */
export interface DatasetReading {
  dataset: ValidatedDataset;
  problems: Problem[];
  externalReferences: Map<string, { kinds: readonly NodeKind[]; where: Problem }>;
}

/** Ids and kinds of the nodes read so far, handed over in batches for checks against a graph. */
export type NodeBatchCheck = (nodes: Array<{ id: string; kind: NodeKind }>) => Promise<Problem[]>;

const CHECK_BATCH = 10_000;

/**
 * Reads and checks a dataset folder in one streaming pass: every file's shape, every record's fields, id
 * uniqueness, duplicate relationships and the kinds at both ends. References to ids absent from the folder are
 * returned in `externalReferences` for the caller to check against the graph; `checkNodes` (when given) sees
 * every node id in batches. Memory grows by about 35 bytes per id and, for the largest relationship file, 24
 * bytes per relationship, never with the records themselves. Never throws for bad content: see `problems`.
 */
export async function checkDataset(folder: string, checkNodes?: NodeBatchCheck): Promise<DatasetReading> {
  const problems: Problem[] = [];
  const externalReferences = new Map<string, { kinds: readonly NodeKind[]; where: Problem }>();
  const dataset: ValidatedDataset = { folder, name: path.basename(folder), nodes: 0, relationships: 0, nodeCounts: {}, relationshipCounts: {} };
  if (!existsSync(path.join(folder, 'dataset.json'))) {
    problems.push({ file: 'dataset.json', message: 'missing: a dataset folder must contain dataset.json' });
    return { dataset, problems, externalReferences };
  }
  let manifest: unknown;
  try {
    manifest = JSON.parse(readFileSync(path.join(folder, 'dataset.json'), 'utf8'));
  } catch (error) {
    problems.push({ file: 'dataset.json', message: `not readable JSON: ${error instanceof Error ? error.message : String(error)}` });
  }
  const manifestResult = datasetManifestSchema.safeParse(manifest);
  if (manifestResult.success) dataset.name = manifestResult.data.name;
  else if (manifest !== undefined) {
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

  const ids = new IdRegistry();
  let pending: Array<{ id: string; kind: NodeKind }> = [];
  const flush = async () => {
    if (checkNodes && pending.length > 0) problems.push(...(await checkNodes(pending)));
    pending = [];
  };
  for (const [kindNumber, kind] of NODE_KINDS.entries()) {
    const file = nodeFile(kind);
    if (!existsSync(path.join(folder, file))) continue;
    let count = 0;
    for (const { index, record } of parsedRecords(folder, file, nodeSchema(kind), problems)) {
      const id = record.id;
      const earlier = ids.add(id, kindNumber, index);
      if (earlier) {
        problems.push({ file, record: index, id, field: 'id', message: `duplicate id: already used by ${nodeFile(NODE_KINDS[earlier.kind]!)} record ${earlier.record}` });
        continue;
      }
      count += 1;
      pending.push({ id, kind });
      if (pending.length >= CHECK_BATCH) await flush();
    }
    dataset.nodeCounts[kind] = count;
    dataset.nodes += count;
  }
  await flush();

  for (const type of RELATIONSHIP_TYPE_NAMES) {
    const file = relationshipFile(type);
    if (!existsSync(path.join(folder, file))) continue;
    const pairs = new PairFingerprints();
    const suspects: Array<{ record: number; earlier: number }> = [];
    let count = 0;
    for (const { index, record } of parsedRecords(folder, file, relationshipSchema(type), problems)) {
      const { from, to } = record;
      const earlier = pairs.add(from, to, index);
      if (earlier !== undefined) suspects.push({ record: index, earlier });
      count += 1;
      if (from === to) problems.push({ file, record: index, field: 'from', message: `a ${type} relationship cannot connect "${from}" to itself` });
      for (const [end, endId] of [['from', from], ['to', to]] as const) {
        const allowed: readonly NodeKind[] = RELATIONSHIP_TYPES[type][end];
        const kindNumber = ids.kindOf(endId);
        if (kindNumber === undefined) {
          if (!externalReferences.has(endId)) externalReferences.set(endId, { kinds: allowed, where: { file, record: index, field: end, message: '' } });
        } else if (!allowed.includes(NODE_KINDS[kindNumber]!)) {
          problems.push({ file, record: index, field: end, message: `"${endId}" is a ${NODE_KINDS[kindNumber]!}; ${type}.${end} must be a ${allowed.join(' or ')}` });
        }
      }
    }
    const duplicates = confirmDuplicates(folder, type, suspects);
    for (const duplicate of duplicates) {
      problems.push({ file, record: duplicate.record, message: `duplicate relationship ${duplicate.from} → ${duplicate.to}: already record ${duplicate.earlier}` });
    }
    dataset.relationshipCounts[type] = count - duplicates.length;
    dataset.relationships += count - duplicates.length;
  }
  return { dataset, problems, externalReferences };
}

/** Of the records whose (from, to) fingerprint matched an earlier one, those whose pair really repeats it. */
function confirmDuplicates(folder: string, type: RelationshipType, suspects: Array<{ record: number; earlier: number }>) {
  if (suspects.length === 0) return [];
  const wanted = new Set(suspects.flatMap((suspect) => [suspect.record, suspect.earlier]));
  const pairs = new Map<number, { from: string; to: string }>();
  for (const { index, record } of parsedRecords(folder, relationshipFile(type), relationshipSchema(type), [])) {
    if (wanted.has(index)) pairs.set(index, record);
  }
  return suspects.flatMap((suspect) => {
    const [first, second] = [pairs.get(suspect.earlier), pairs.get(suspect.record)];
    return first && second && first.from === second.from && first.to === second.to ? [{ ...suspect, from: second.from, to: second.to }] : [];
  });
}
