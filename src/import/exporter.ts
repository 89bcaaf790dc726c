import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ENTITY_LABEL, NODE_KINDS, RELATIONSHIP_TYPE_NAMES } from '../graph/kinds.js';
import { z } from 'zod';
import type { Database } from '../neo4j/database.js';
import { parseRows } from '../graph/rows.js';

const propertiesRowSchema = z.object({ properties: z.record(z.string(), z.unknown()) });
const linkRowSchema = z.object({ from: z.string(), to: z.string(), properties: z.record(z.string(), z.unknown()) });
import { DERIVED_PROPERTIES, FORMAT_VERSION, NODE_SCHEMAS, RELATIONSHIP_SCHEMAS } from '../graph/format.js';
import { withoutDerivedRelationshipProperties } from '../graph/derived.js';
import type { Clock } from '../clock.js';

export interface ExportOptions {
  /** Export only nodes whose id starts with this prefix, and relationships between such nodes. */
  idPrefix?: string;
  name?: string;
  /** The clock whose "today" dates the export (its description says when it was made). */
  clock: Clock;
}

export interface ExportSummary {
  nodes: number;
  relationships: number;
  files: number;
}

/** Orders a record's fields as the format lists them, so exported files read like hand-written ones. */
function ordered(record: Record<string, unknown>, fieldOrder: string[]): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const field of fieldOrder) if (record[field] !== undefined && record[field] !== null) result[field] = record[field];
  return result;
}

function writeJson(file: string, value: unknown): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

/** Writes the graph (or the part under `idPrefix`) to `folder` in the seed format; importing the folder gives the same graph. */
export async function exportGraph(database: Database, folder: string, options: ExportOptions): Promise<ExportSummary> {
  const prefix = options.idPrefix ?? '';
  const summary: ExportSummary = { nodes: 0, relationships: 0, files: 1 };
  writeJson(path.join(folder, 'dataset.json'), {
    formatVersion: FORMAT_VERSION,
    name: options.name ?? 'export',
    description: `Exported on ${options.clock.today()}${prefix ? ` (ids starting with "${prefix}")` : ''}`,
  });
  for (const kind of NODE_KINDS) {
    const rows = await database.read(`MATCH (n:${kind}) WHERE n.id STARTS WITH $prefix RETURN properties(n) AS properties ORDER BY n.id`, { prefix });
    if (rows.length === 0) continue;
    const fields = Object.keys(NODE_SCHEMAS[kind].shape);
    const records = parseRows(propertiesRowSchema, rows, `export of ${kind}`).map(({ properties }) => {
      for (const derived of DERIVED_PROPERTIES) delete properties[derived];
      return ordered(properties, fields);
    });
    writeJson(path.join(folder, 'nodes', `${kind}.json`), { formatVersion: FORMAT_VERSION, records });
    summary.nodes += records.length;
    summary.files += 1;
  }
  for (const type of RELATIONSHIP_TYPE_NAMES) {
    const rows = await database.read(
      `MATCH (a:${ENTITY_LABEL})-[r:${type}]->(b:${ENTITY_LABEL})
       WHERE a.id STARTS WITH $prefix AND b.id STARTS WITH $prefix
       RETURN a.id AS from, b.id AS to, properties(r) AS properties ORDER BY from, to`,
      { prefix },
    );
    if (rows.length === 0) continue;
    const fields = Object.keys(RELATIONSHIP_SCHEMAS[type].shape);
    const records = parseRows(linkRowSchema, rows, `export of ${type}`).map((row) => ordered({ ...withoutDerivedRelationshipProperties(row.properties), from: row.from, to: row.to }, fields));
    writeJson(path.join(folder, 'relationships', `${type}.json`), { formatVersion: FORMAT_VERSION, records });
    summary.relationships += records.length;
    summary.files += 1;
  }
  return summary;
}
