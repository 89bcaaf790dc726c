import { ENTITY_LABEL, ORGANIZATION_LABEL, labelsOf, type NodeKind, type RelationshipType } from '../graph/kinds.js';
import type { Database } from '../neo4j/database.js';
import { withDerivedProperties } from '../graph/derived.js';
import { ImportValidationError, readDataset, type Dataset, type NodeRecord, type Problem, type RelationshipRecord } from './dataset.js';

/** Reported after each written batch, and once per phase start. */
export interface ImportProgress {
  phase: 'nodes' | 'relationships';
  /** The kind or type of the batch just written. */
  label: string;
  done: number;
  total: number;
}

export interface ImportOptions {
  /** Records per write transaction (default 500). */
  batchSize?: number;
  onProgress?: (progress: ImportProgress) => void;
}

export interface ImportSummary {
  dataset: string;
  nodes: number;
  relationships: number;
  nodesCreated: number;
  relationshipsCreated: number;
  propertiesSet: number;
  durationMs: number;
}

/** Problems with ids referenced by the dataset that are neither in it nor in the graph (with an allowed kind). */
async function externalReferenceProblems(
  database: Database,
  references: Map<string, { kinds: readonly NodeKind[]; where: Problem }>,
): Promise<Problem[]> {
  if (references.size === 0) return [];
  const rows = await database.read(
    `UNWIND $ids AS id MATCH (n:${ENTITY_LABEL} {id: id})
     RETURN id, [label IN labels(n) WHERE NOT label IN ['${ENTITY_LABEL}', '${ORGANIZATION_LABEL}']][0] AS kind`,
    { ids: [...references.keys()] },
  );
  const existing = new Map(rows.map((row) => [row.id as string, row.kind as NodeKind]));
  const problems: Problem[] = [];
  for (const [id, { kinds, where }] of references) {
    const kind = existing.get(id);
    if (!kind) problems.push({ ...where, message: `unknown reference "${id}": no ${kinds.join(' or ')} with this id in the dataset or the graph` });
    else if (!kinds.includes(kind)) problems.push({ ...where, message: `"${id}" is a ${kind} in the graph; expected a ${kinds.join(' or ')}` });
  }
  return problems;
}

/** Problems with dataset ids that already exist in the graph as another kind (an id never changes kind). */
async function kindChangeProblems(database: Database, nodes: NodeRecord[]): Promise<Problem[]> {
  const rows = await database.read(
    `UNWIND $records AS record MATCH (n:${ENTITY_LABEL} {id: record.id})
     WITH record, [label IN labels(n) WHERE NOT label IN ['${ENTITY_LABEL}', '${ORGANIZATION_LABEL}']][0] AS kind
     WHERE kind <> record.kind RETURN record.id AS id, record.kind AS wanted, kind`,
    { records: nodes.map((node) => ({ id: node.id, kind: node.kind })) },
  );
  return rows.map((row) => ({
      file: `nodes/${row.wanted as string}.json`,
      id: row.id as string,
      field: 'id',
      message: `"${row.id as string}" exists in the graph as a ${row.kind as string}; an id cannot change kind`,
    }));
}

function batches<T>(items: T[], size: number): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size));
  return result;
}

function groupBy<T, K extends string>(items: T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}

/** Stored form of a node's properties: the record's fields plus what the importer derives. */
function storedProperties(record: NodeRecord): Record<string, unknown> {
  return withDerivedProperties(record.properties);
}

/**
 * Upserts a validated dataset: nodes first, then relationships, in batched write transactions of
 * `UNWIND … MERGE … SET x = row`, so a record that changed is updated in place, the same input twice gives the
 * same graph, and an interrupted run completes when run again.
 */
export async function writeDataset(database: Database, dataset: Dataset, options: ImportOptions = {}): Promise<ImportSummary> {
  const started = performance.now();
  const batchSize = options.batchSize ?? 500;
  const counters = { nodesCreated: 0, relationshipsCreated: 0, propertiesSet: 0 };
  const add = (updates: { nodesCreated: number; relationshipsCreated: number; propertiesSet: number }) => {
    counters.nodesCreated += updates.nodesCreated;
    counters.relationshipsCreated += updates.relationshipsCreated;
    counters.propertiesSet += updates.propertiesSet;
  };

  let done = 0;
  for (const [kind, records] of groupBy(dataset.nodes, (node) => node.kind)) {
    const labels = labelsOf(kind).map((label) => `:${label}`).join('');
    for (const batch of batches(records, batchSize)) {
      const rows = batch.map((record) => ({ id: record.id, properties: storedProperties(record) }));
      add(
        await database.writeTransaction(async (transaction) => {
          const result = await transaction.run(`UNWIND $rows AS row MERGE (n:${ENTITY_LABEL} {id: row.id}) SET n = row.properties SET n${labels}`, { rows });
          return result.summary.counters.updates();
        }),
      );
      done += batch.length;
      options.onProgress?.({ phase: 'nodes', label: kind, done, total: dataset.nodes.length });
    }
  }

  done = 0;
  for (const [type, records] of groupBy(dataset.relationships, (relationship) => relationship.type)) {
    for (const batch of batches(records, batchSize)) {
      const rows = batch.map((record: RelationshipRecord) => ({ from: record.from, to: record.to, properties: record.properties }));
      add(
        await database.writeTransaction(async (transaction) => {
          const result = await transaction.run(
            `UNWIND $rows AS row
             MATCH (a:${ENTITY_LABEL} {id: row.from})
             MATCH (b:${ENTITY_LABEL} {id: row.to})
             MERGE (a)-[r:${type satisfies RelationshipType}]->(b) SET r = row.properties`,
            { rows },
          );
          return result.summary.counters.updates();
        }),
      );
      done += batch.length;
      options.onProgress?.({ phase: 'relationships', label: type, done, total: dataset.relationships.length });
    }
  }

  return {
    dataset: dataset.name,
    nodes: dataset.nodes.length,
    relationships: dataset.relationships.length,
    ...counters,
    durationMs: Math.round(performance.now() - started),
  };
}

/** Validates the folder completely (files, records, references against the dataset and the graph); throws ImportValidationError listing every problem. */
export async function validateDataset(database: Database, folder: string): Promise<Dataset> {
  const { dataset, problems, externalReferences } = readDataset(folder);
  problems.push(...(await externalReferenceProblems(database, externalReferences)), ...(await kindChangeProblems(database, dataset.nodes)));
  if (problems.length > 0) throw new ImportValidationError(problems);
  return dataset;
}

/** Validates the folder completely, then writes it. Writes nothing when invalid. */
export async function importDataset(database: Database, folder: string, options: ImportOptions = {}): Promise<ImportSummary> {
  return writeDataset(database, await validateDataset(database, folder), options);
}
