import { ENTITY_LABEL, NODE_KINDS, ORGANIZATION_LABEL, RELATIONSHIP_TYPE_NAMES, labelsOf, type NodeKind, type RelationshipType } from '../graph/kinds.js';
import { z } from 'zod';
import type { Database } from '../neo4j/database.js';
import { parseRows } from '../graph/rows.js';
import { locatedInKeys, refreshLocatedIn, withDerivedProperties } from '../graph/derived.js';
import { hashOf } from './registry.js';
import { markAllStoresStale } from '../graph/holder-marks.js';
import { ImportValidationError, checkDataset, datasetNodes, datasetRelationships, type NodeRecord, type Problem, type ValidatedDataset } from './dataset.js';

/** Reported after each written batch. */
export interface ImportProgress {
  phase: 'nodes' | 'relationships';
  /** The kind or type of the batch just written. */
  label: string;
  done: number;
  total: number;
}

export interface ImportOptions {
  /** Records per write transaction (default 2000). */
  batchSize?: number;
  /** Write transactions in flight at once (default 3): node batches hold distinct ids; relationship batches in flight never share a `to` node. */
  concurrency?: number;
  onProgress?: (progress: ImportProgress) => void;
}

export interface ImportSummary {
  dataset: string;
  nodes: number;
  relationships: number;
  nodesCreated: number;
  relationshipsCreated: number;
  propertiesSet: number;
  /** The graph held no entity: records were created without looking for existing ones. */
  firstLoad: boolean;
  durationMs: number;
  /** Time spent in the validation pass (part of durationMs). */
  validationMs: number;
}

const LOOKUP_BATCH = 10_000;

const referenceCheckRow = z.object({ id: z.string(), kind: z.enum(NODE_KINDS) });

/** Problems with ids referenced by the dataset that are neither in it nor in the graph (with an allowed kind). */
async function externalReferenceProblems(
  database: Database,
  references: Map<string, { kinds: readonly NodeKind[]; where: Problem }>,
): Promise<Problem[]> {
  const problems: Problem[] = [];
  const all = [...references.keys()];
  for (let start = 0; start < all.length; start += LOOKUP_BATCH) {
    const rows = await database.read(
      `UNWIND $ids AS id MATCH (n:${ENTITY_LABEL} {id: id})
       RETURN id, [label IN labels(n) WHERE NOT label IN ['${ENTITY_LABEL}', '${ORGANIZATION_LABEL}']][0] AS kind`,
      { ids: all.slice(start, start + LOOKUP_BATCH) },
    );
    const existing = new Map(parseRows(referenceCheckRow, rows, 'reference check').map((row) => [row.id, row.kind]));
    for (const id of all.slice(start, start + LOOKUP_BATCH)) {
      const { kinds, where } = references.get(id)!;
      const kind = existing.get(id);
      if (!kind) problems.push({ ...where, message: `unknown reference "${id}": no ${kinds.join(' or ')} with this id in the dataset or the graph` });
      else if (!kinds.includes(kind)) problems.push({ ...where, message: `"${id}" is a ${kind} in the graph; expected a ${kinds.join(' or ')}` });
    }
  }
  return problems;
}

const kindChangeCheckRow = z.object({ id: z.string(), wanted: z.enum(NODE_KINDS), kind: z.enum(NODE_KINDS) });

/** Problems with dataset ids that already exist in the graph as another kind (an id never changes kind). */
function kindChangeCheck(database: Database) {
  return async (nodes: Array<{ id: string; kind: NodeKind }>): Promise<Problem[]> => {
    const rows = await database.read(
      `UNWIND $records AS record MATCH (n:${ENTITY_LABEL} {id: record.id})
       WITH record, [label IN labels(n) WHERE NOT label IN ['${ENTITY_LABEL}', '${ORGANIZATION_LABEL}']][0] AS kind
       WHERE kind <> record.kind RETURN record.id AS id, record.kind AS wanted, kind`,
      { records: nodes },
    );
    return parseRows(kindChangeCheckRow, rows, 'kind change check').map((row) => ({
      file: `nodes/${row.wanted}.json`,
      id: row.id,
      field: 'id',
      message: `"${row.id}" exists in the graph as a ${row.kind}; an id cannot change kind`,
    }));
  };
}

/** Runs up to `limit` tasks at once; `add` waits for a free slot, `drain` for all, and the first failure is rethrown. */
class TaskPool {
  private readonly running = new Set<Promise<void>>();
  private failure: unknown;

  constructor(private readonly limit: number) {}

  async add(task: () => Promise<void>): Promise<void> {
    while (this.running.size >= this.limit) await Promise.race(this.running);
    this.throwIfFailed();
    const promise: Promise<void> = task()
      .catch((error: unknown) => {
        this.failure ??= error;
      })
      .finally(() => this.running.delete(promise));
    this.running.add(promise);
  }

  async drain(): Promise<void> {
    await Promise.all(this.running);
    this.throwIfFailed();
  }

  private throwIfFailed(): void {
    if (this.failure !== undefined) throw this.failure;
  }
}

/**
 * Concurrent writers that never touch the same relationship end: each row goes to the lane of its `to` id, a lane
 * runs one batch at a time, and a batch locks its rows in (from, to) order — so two batches in flight share no
 * `to` node and take shared `from` nodes in the same order, which is what lets several run without deadlocks on
 * hub nodes (a county with thousands of enterprises, a popular topic).
 */
class LanePool {
  private readonly running: Array<Promise<void>>;
  private failure: unknown;

  constructor(readonly count: number) {
    this.running = Array.from({ length: count }, () => Promise.resolve());
  }

  /** Waits until the lane's previous batch is done, then starts `task` in it. */
  async add(lane: number, task: () => Promise<void>): Promise<void> {
    await this.running[lane];
    if (this.failure !== undefined) throw this.failure;
    this.running[lane] = task().catch((error: unknown) => {
      this.failure ??= error;
    });
  }

  async drain(): Promise<void> {
    await Promise.all(this.running);
    if (this.failure !== undefined) throw this.failure;
  }
}

interface RelationshipRow {
  from: string;
  to: string;
  properties: Record<string, unknown>;
}

const byEnds = (a: RelationshipRow, b: RelationshipRow) => (a.from < b.from ? -1 : a.from > b.from ? 1 : a.to < b.to ? -1 : a.to > b.to ? 1 : 0);

/**
 * The write of a batch of nodes: an upsert (MERGE on the id), or — on a first load into a graph with no entity —
 * a plain CREATE, which skips the per-row lookup (the uniqueness constraints still refuse a duplicate id).
 */
const nodeStatement = (kind: NodeKind, firstLoad: boolean) => {
  const labels = labelsOf(kind).map((label) => `:${label}`).join('');
  return firstLoad
    ? `UNWIND $rows AS row CREATE (n:${ENTITY_LABEL}${labels}) SET n = row.properties`
    : `UNWIND $rows AS row MERGE (n:${ENTITY_LABEL} {id: row.id}) SET n = row.properties SET n${labels} WITH n ${refreshLocatedIn('n')}`;
};

/**
 * The write of a batch of relationships, ends found through the Entity id index: MERGE, or CREATE on a first load
 * (every end was created by this run and the validation refused duplicate relationships, so none can exist).
 */
const relationshipStatement = (type: RelationshipType, firstLoad: boolean) =>
  `UNWIND $rows AS row
   MATCH (a:${ENTITY_LABEL} {id: row.from})
   MATCH (b:${ENTITY_LABEL} {id: row.to})
   ${firstLoad ? 'CREATE' : 'MERGE'} (a)-[r:${type}]->(b) SET r = row.properties${type === 'LOCATED_IN' ? ` ${locatedInKeys('a', 'r', 'b')}` : ''}`;

/** True when the graph holds no entity: the import is a first load and may CREATE instead of MERGE. */
async function graphIsEmpty(database: Database): Promise<boolean> {
  const rows = await database.read(`MATCH (n:${ENTITY_LABEL}) RETURN n.id AS id LIMIT 1`);
  return rows.length === 0;
}

/** Stored form of a node's properties: the record's fields plus what the importer derives. */
function storedProperties(record: NodeRecord): Record<string, unknown> {
  return withDerivedProperties(record.properties);
}

/**
 * Upserts a validated dataset, streaming its files a second time: nodes first, then relationships, in batched
 * write transactions of `UNWIND … MERGE … SET x = row` (relationship ends found through the Entity id index),
 * several in flight at once. A record that changed is updated in place, the same input twice gives the same
 * graph, and an interrupted run completes when run again.
 */
export async function writeDataset(database: Database, dataset: ValidatedDataset, options: ImportOptions = {}): Promise<Omit<ImportSummary, 'validationMs'>> {
  const started = performance.now();
  const batchSize = options.batchSize ?? 2000;
  const pool = new TaskPool(options.concurrency ?? 3);
  const counters = { nodesCreated: 0, relationshipsCreated: 0, propertiesSet: 0 };
  // Decided once, before anything is written: an interrupted first load is, when run again, an upsert.
  const firstLoad = await graphIsEmpty(database);
  const write = async (statement: string, rows: unknown[]) => {
    const updates = await database.writeTransaction(async (transaction) => (await transaction.run(statement, { rows })).summary.counters.updates());
    counters.nodesCreated += updates.nodesCreated;
    counters.relationshipsCreated += updates.relationshipsCreated;
    counters.propertiesSet += updates.propertiesSet;
  };

  try {
    await writeRecords(dataset, batchSize, options, pool, firstLoad, write);
  } finally {
    // A bulk load does not trace what it changed: every topic's kept holder lists are marked stale (also after a
    // failed or interrupted load, which may have written part of the dataset).
    await markAllStoresStale(database);
  }

  return {
    dataset: dataset.name,
    nodes: dataset.nodes,
    relationships: dataset.relationships,
    ...counters,
    firstLoad,
    durationMs: Math.round(performance.now() - started),
  };
}

/** The two streaming passes of `writeDataset`: nodes, then relationships. */
async function writeRecords(
  dataset: ValidatedDataset,
  batchSize: number,
  options: ImportOptions,
  pool: TaskPool,
  firstLoad: boolean,
  write: (statement: string, rows: unknown[]) => Promise<void>,
): Promise<void> {
  let done = 0;
  for (const kind of NODE_KINDS) {
    const statement = nodeStatement(kind, firstLoad);
    let rows: Array<{ id: string; properties: Record<string, unknown> }> = [];
    const submit = async () => {
      const batch = rows;
      rows = [];
      await pool.add(async () => {
        await write(statement, batch);
        done += batch.length;
        options.onProgress?.({ phase: 'nodes', label: kind, done, total: dataset.nodes });
      });
    };
    for (const record of datasetNodes(dataset.folder, kind)) {
      rows.push({ id: record.id, properties: storedProperties(record) });
      if (rows.length >= batchSize) await submit();
    }
    if (rows.length > 0) await submit();
  }
  await pool.drain(); // every node exists before any relationship looks its ends up

  done = 0;
  const lanes = new LanePool(options.concurrency ?? 3);
  for (const type of RELATIONSHIP_TYPE_NAMES) {
    const statement = relationshipStatement(type, firstLoad);
    const rows: RelationshipRow[][] = Array.from({ length: lanes.count }, () => []);
    const submit = async (lane: number) => {
      const batch = rows[lane]!.sort(byEnds);
      rows[lane] = [];
      await lanes.add(lane, async () => {
        await write(statement, batch);
        done += batch.length;
        options.onProgress?.({ phase: 'relationships', label: type, done, total: dataset.relationships });
      });
    };
    for (const record of datasetRelationships(dataset.folder, type)) {
      const lane = hashOf(record.to) % lanes.count;
      rows[lane]!.push({ from: record.from, to: record.to, properties: record.properties });
      if (rows[lane]!.length >= batchSize) await submit(lane);
    }
    for (let lane = 0; lane < lanes.count; lane += 1) if (rows[lane]!.length > 0) await submit(lane);
  }
  await lanes.drain();
}

/**
 * Validates the folder completely in one streaming pass (files, records, references against the dataset and the
 * graph); throws ImportValidationError listing every problem.
 */
export async function validateDataset(database: Database, folder: string): Promise<ValidatedDataset> {
  const { dataset, problems, externalReferences } = await checkDataset(folder, kindChangeCheck(database));
  problems.push(...(await externalReferenceProblems(database, externalReferences)));
  if (problems.length > 0) throw new ImportValidationError(problems);
  return dataset;
}

/** Validates the folder completely, then writes it in a second pass. Writes nothing when invalid. */
export async function importDataset(database: Database, folder: string, options: ImportOptions = {}): Promise<ImportSummary> {
  const started = performance.now();
  const dataset = await validateDataset(database, folder);
  const validationMs = Math.round(performance.now() - started);
  const summary = await writeDataset(database, dataset, options);
  return { ...summary, validationMs, durationMs: Math.round(performance.now() - started) };
}
