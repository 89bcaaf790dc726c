/**
 * The offline path for a first load into an empty database: the validated dataset is streamed into the CSV files
 * of `neo4j-admin database import full` (the same stored properties as the transactional importer, derived
 * ones included), then the tool builds the store directly, without transactions.
 */
import { createWriteStream, mkdirSync, mkdtempSync, rmSync, type WriteStream } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { NODE_KINDS, RELATIONSHIP_TYPE_NAMES, labelsOf } from '../graph/kinds.js';
import { withDerivedProperties, DERIVED_PROPERTIES } from '../graph/derived.js';
import { NODE_SCHEMAS, RELATIONSHIP_SCHEMAS } from '../graph/format.js';
import { ImportValidationError, checkDataset, datasetNodes, datasetRelationships, type DatasetReading, type ValidatedDataset } from './dataset.js';
import type { LocalNeo4jSettings } from '../config.js';
import { adminImport, startLocalNeo4j, stopLocalNeo4j, type ProgressSink } from '../local-neo4j/manager.js';
import { openDatabase } from '../neo4j/database.js';
import { migrate } from '../graph/migrations.js';

/** Separates the items of list properties in the CSV files (never found in text: a control character). */
export const ARRAY_DELIMITER = '\u001f';

type CsvType = 'string' | 'double' | 'boolean' | 'string[]';

/** The CSV type of a format field. Numbers are doubles, as the transactional path (JavaScript numbers) stores them. */
function csvTypeOf(schema: unknown): CsvType {
  let inner = schema;
  while (inner instanceof z.ZodOptional || inner instanceof z.ZodNullable || inner instanceof z.ZodDefault || inner instanceof z.ZodPipe) {
    inner = inner instanceof z.ZodPipe ? inner.in : inner.unwrap();
  }
  if (inner instanceof z.ZodNumber) return 'double';
  if (inner instanceof z.ZodBoolean) return 'boolean';
  if (inner instanceof z.ZodArray) return 'string[]';
  return 'string';
}

function columnsOf(schema: { shape: object }, skip: readonly string[]): Array<{ name: string; type: CsvType }> {
  return Object.entries(schema.shape)
    .filter(([name]) => !skip.includes(name))
    .map(([name, field]) => ({ name, type: csvTypeOf(field) }));
}

function csvValue(value: unknown, type: CsvType): string {
  if (value === undefined || value === null) return '';
  if (type === 'string[]') {
    const items = Array.isArray(value) ? value.map(String) : [String(value)];
    return items.length === 0 ? '' : quoted(items.join(ARRAY_DELIMITER));
  }
  if (type === 'string') return quoted(String(value));
  return String(value);
}

function quoted(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/** A CSV file written through a stream, waiting for it to drain so memory stays bounded. */
class CsvFile {
  private readonly stream: WriteStream;
  private buffer = '';

  constructor(readonly file: string, header: string) {
    this.stream = createWriteStream(file);
    this.buffer = `${header}\n`;
  }

  async line(text: string): Promise<void> {
    this.buffer += `${text}\n`;
    if (this.buffer.length > 1 << 20) await this.flush();
  }

  async close(): Promise<void> {
    await this.flush();
    await new Promise<void>((resolve, reject) => this.stream.end((error?: Error | null) => (error ? reject(error) : resolve())));
  }

  private async flush(): Promise<void> {
    const text = this.buffer;
    this.buffer = '';
    if (!this.stream.write(text)) await new Promise<void>((resolve) => this.stream.once('drain', () => resolve()));
  }
}

/** The files written and the `neo4j-admin database import full` arguments that load them. */
export interface AdminImportFiles {
  arguments: string[];
  nodes: number;
  relationships: number;
}

/**
 * Writes the dataset as neo4j-admin CSV files into `folder`: one node file per kind (header line with typed
 * columns, labels from the kind) and one relationship file per type. Lists that are empty are left out (a CSV
 * cannot hold an empty list), which the API reads the same as an empty list.
 */
export async function writeAdminImportFiles(dataset: ValidatedDataset, folder: string): Promise<AdminImportFiles> {
  mkdirSync(folder, { recursive: true });
  const args: string[] = [];
  let nodes = 0;
  let relationships = 0;
  for (const kind of NODE_KINDS) {
    if (!dataset.nodeCounts[kind]) continue;
    const columns = [
      ...columnsOf(NODE_SCHEMAS[kind], ['id']),
      ...DERIVED_PROPERTIES.map((name) => ({ name, type: 'string' as const })),
    ];
    const file = path.join(folder, `nodes-${kind}.csv`);
    const csv = new CsvFile(file, ['id:ID', ':LABEL', ...columns.map((column) => `${column.name}:${column.type}`)].join(','));
    const labels = labelsOf(kind).join(ARRAY_DELIMITER);
    for (const record of datasetNodes(dataset.folder, kind)) {
      const stored = withDerivedProperties(record.properties);
      await csv.line([quoted(record.id), quoted(labels), ...columns.map((column) => csvValue(stored[column.name], column.type))].join(','));
      nodes += 1;
    }
    await csv.close();
    args.push(`--nodes=${file}`);
  }
  for (const type of RELATIONSHIP_TYPE_NAMES) {
    if (!dataset.relationshipCounts[type]) continue;
    const columns = columnsOf(RELATIONSHIP_SCHEMAS[type], ['from', 'to']);
    const file = path.join(folder, `relationships-${type}.csv`);
    const csv = new CsvFile(file, [':START_ID', ':END_ID', ...columns.map((column) => `${column.name}:${column.type}`)].join(','));
    for (const record of datasetRelationships(dataset.folder, type)) {
      await csv.line([quoted(record.from), quoted(record.to), ...columns.map((column) => csvValue(record.properties[column.name], column.type))].join(','));
      relationships += 1;
    }
    await csv.close();
    args.push(`--relationships=${type}=${file}`);
  }
  args.push(`--array-delimiter=${ARRAY_DELIMITER}`, '--multiline-fields=true', '--overwrite-destination=true', '--skip-bad-relationships=false', '--high-parallel-io=on');
  return { arguments: args, nodes, relationships };
}

/** What an offline import did and how long each step took. */
export interface OfflineImportSummary {
  dataset: string;
  nodes: number;
  relationships: number;
  validationMs: number;
  csvMs: number;
  adminImportMs: number;
  indexesMs: number;
  durationMs: number;
}

/**
 * A first load into the project's local, empty Neo4j: validates the folder (streaming; every reference must be
 * inside the dataset), writes neo4j-admin CSV files into a temporary folder, stops the server, builds the store
 * with `neo4j-admin database import full`, starts the server again, applies the migrations and waits for every
 * index to come online. Refuses a database that holds anything (it would be replaced).
 */
export async function importOffline(settings: LocalNeo4jSettings, databaseName: string, folder: string, progress: ProgressSink): Promise<OfflineImportSummary> {
  const started = performance.now();
  const elapsed = (since: number) => Math.round(performance.now() - since);
  const handle = await startLocalNeo4j(settings, progress, databaseName);
  let database = openDatabase(handle.connection);
  let validation: DatasetReading;
  try {
    const [row] = await database.read('MATCH (n) RETURN count(n) > 0 AS hasData');
    if (row?.hasData) throw new ImportValidationError([{ file: 'dataset.json', message: `the database "${databaseName}" is not empty: --offline only loads into an empty database (use the transactional import, without --offline)` }]);
    validation = await checkDataset(folder);
  } finally {
    await database.close();
  }
  const { dataset, problems, externalReferences } = validation;
  for (const [id, { kinds, where }] of externalReferences) problems.push({ ...where, message: `unknown reference "${id}": no ${kinds.join(' or ')} with this id in the dataset (an offline import loads an empty database)` });
  if (problems.length > 0) throw new ImportValidationError(problems);
  const validationMs = elapsed(started);

  const csvStarted = performance.now();
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'kg-offline-'));
  try {
    const files = await writeAdminImportFiles(dataset, scratch);
    const csvMs = elapsed(csvStarted);
    await stopLocalNeo4j(settings, progress);
    const adminStarted = performance.now();
    await adminImport(settings, databaseName, files.arguments, progress);
    const adminImportMs = elapsed(adminStarted);
    const indexesStarted = performance.now();
    const restarted = await startLocalNeo4j(settings, progress, databaseName);
    database = openDatabase(restarted.connection);
    try {
      await migrate(database);
      await database.writeAutoCommit('CALL db.awaitIndexes(3600)');
    } finally {
      await database.close();
    }
    return { dataset: dataset.name, nodes: files.nodes, relationships: files.relationships, validationMs, csvMs, adminImportMs, indexesMs: elapsed(indexesStarted), durationMs: elapsed(started) };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
