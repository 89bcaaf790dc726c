/**
 * Writes a subgraph as GraphML (http://graphml.graphdrawing.org/xmlns, valid against graphml.xsd: keys declared
 * with attr.type before the graph, node and edge data referring to them) or as CSV node and edge lists
 * (RFC 4180, with Gephi's Id/Label and Source/Target/Type headers). Pure functions, no I/O.
 */
import { toGlobalId } from '../../graphql/global-id.js';
import type { EntityModel } from '../../graph/entity.js';
import type { GraphEdgeModel, SubgraphModel } from '../links/links.model.js';
import { RELATIONSHIP_VERBS } from '../links/relationship-verbs.js';
import { DERIVED_PROPERTIES } from '../../graph/derived.js';

export type GraphExportFormat = 'GRAPHML' | 'CSV';

export interface GraphExportModel {
  format: GraphExportFormat;
  nodeCount: number;
  edgeCount: number;
  graphml: string | null;
  nodesCsv: string | null;
  edgesCsv: string | null;
}

type AttributeType = 'boolean' | 'long' | 'double' | 'string';

/** One column of the export: its name, its GraphML type and how to read it from an item. */
interface Column<T> {
  name: string;
  type: AttributeType;
  value: (item: T) => unknown;
}

const HIDDEN_NODE_PROPERTIES = new Set<string>(['id', 'nodeKind', ...DERIVED_PROPERTIES]);

function typeOf(values: readonly unknown[]): AttributeType {
  const present = values.filter((value) => value !== null && value !== undefined);
  if (present.length > 0 && present.every((value) => typeof value === 'boolean')) return 'boolean';
  if (present.length > 0 && present.every((value) => typeof value === 'number' && Number.isInteger(value))) return 'long';
  if (present.length > 0 && present.every((value) => typeof value === 'number')) return 'double';
  return 'string';
}

/** Property columns of items, by name, with fixed columns first; a property named like a fixed column is prefixed `property.`. */
function propertyColumns<T>(items: readonly T[], properties: (item: T) => Record<string, unknown>, fixed: ReadonlyArray<Column<T>>, hidden: ReadonlySet<string>): Array<Column<T>> {
  const names = [...new Set(items.flatMap((item) => Object.keys(properties(item))))].filter((name) => !hidden.has(name)).sort();
  const taken = new Set(fixed.map((column) => column.name));
  return [
    ...fixed,
    ...names.map((name) => ({
      name: taken.has(name) ? `property.${name}` : name,
      type: typeOf(items.map((item) => properties(item)[name])),
      value: (item: T) => properties(item)[name],
    })),
  ];
}

const labelOf = (node: EntityModel) => String(node.name ?? node.title ?? node.id);
const nodeGlobalId = (node: EntityModel) => toGlobalId(node.nodeKind, node.id);

function nodeColumns(nodes: readonly EntityModel[]): Array<Column<EntityModel>> {
  return propertyColumns(
    nodes,
    (node) => node,
    [
      { name: 'label', type: 'string', value: labelOf },
      { name: 'kind', type: 'string', value: (node) => node.nodeKind },
      { name: 'recordId', type: 'string', value: (node) => node.id },
    ],
    HIDDEN_NODE_PROPERTIES,
  );
}

function edgeColumns(edges: readonly GraphEdgeModel[]): Array<Column<GraphEdgeModel>> {
  return propertyColumns(
    edges,
    (edge) => edge.properties,
    [
      { name: 'relationship', type: 'string', value: (edge) => edge.type },
      { name: 'label', type: 'string', value: (edge) => RELATIONSHIP_VERBS[edge.type] },
    ],
    new Set(),
  );
}

/** A value as text: lists joined with "; ", nothing for null. */
function text(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(text).join('; ');
  return String(value);
}

// XML 1.0 forbids most control characters even when escaped.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
export function escapeXml(value: string): string {
  return value.replace(INVALID_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** The endpoints the exported edges may use: only edges whose both ends are exported are written. */
export function keptEdges(subgraph: SubgraphModel): GraphEdgeModel[] {
  const ids = new Set(subgraph.nodes.map((node) => node.id));
  return subgraph.edges.filter((edge) => ids.has(edge.from) && ids.has(edge.to));
}

/** An end of a kept edge: keptEdges keeps only edges whose both ends are among the nodes. */
function endOf(nodes: ReadonlyMap<string, EntityModel>, id: string): EntityModel {
  const node = nodes.get(id);
  if (!node) throw new Error(`graph export: edge end ${id} is not among the nodes`);
  return node;
}

/** The subgraph as a GraphML document (directed edges, node ids = global ids). */
export function toGraphml(subgraph: SubgraphModel): string {
  const edges = keptEdges(subgraph);
  const kinds = new Map(subgraph.nodes.map((node) => [node.id, node]));
  const nodeCols = nodeColumns(subgraph.nodes);
  const edgeCols = edgeColumns(edges);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"',
    '         xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    ...nodeCols.map((column, index) => `  <key id="n${index}" for="node" attr.name="${escapeXml(column.name)}" attr.type="${column.type}"/>`),
    ...edgeCols.map((column, index) => `  <key id="e${index}" for="edge" attr.name="${escapeXml(column.name)}" attr.type="${column.type}"/>`),
    '  <graph id="G" edgedefault="directed">',
  ];
  const data = <T>(columns: Array<Column<T>>, prefix: string, item: T) =>
    columns
      .map((column, index) => [index, column.value(item)] as const)
      .filter(([, value]) => value !== null && value !== undefined && !(Array.isArray(value) && value.length === 0))
      .map(([index, value]) => `      <data key="${prefix}${index}">${escapeXml(text(value))}</data>`);
  for (const node of subgraph.nodes) {
    lines.push(`    <node id="${escapeXml(nodeGlobalId(node))}">`, ...data(nodeCols, 'n', node), '    </node>');
  }
  edges.forEach((edge, index) => {
    const [source, target] = [nodeGlobalId(endOf(kinds, edge.from)), nodeGlobalId(endOf(kinds, edge.to))];
    lines.push(`    <edge id="edge${index}" source="${escapeXml(source)}" target="${escapeXml(target)}">`, ...data(edgeCols, 'e', edge), '    </edge>');
  });
  lines.push('  </graph>', '</graphml>', '');
  return lines.join('\n');
}

/**
 * One CSV field, quoted when it holds a comma, quote or line break (RFC 4180). A text starting with = + - @ (or a
 * tab or carriage return) gets a leading apostrophe, so that a spreadsheet shows it instead of running it as a
 * formula (CSV injection); numbers are left as they are.
 */
export function csvField(value: unknown): string {
  const written = text(value);
  const raw = typeof value === 'string' && /^[=+\-@\t\r]/.test(written) ? `'${written}` : written;
  return /[",\r\n]/.test(raw) ? `"${raw.replace(/"/g, '""')}"` : raw;
}

const csvRow = (fields: readonly unknown[]) => fields.map(csvField).join(',');

/** The subgraph as CSV: a node list (Id, Label, Kind, RecordId, properties…) and an edge list (Source, Target, Type, Relationship, Label, properties…). */
export function toCsv(subgraph: SubgraphModel): { nodesCsv: string; edgesCsv: string } {
  const edges = keptEdges(subgraph);
  const byId = new Map(subgraph.nodes.map((node) => [node.id, node]));
  const nodeCols = nodeColumns(subgraph.nodes);
  const edgeCols = edgeColumns(edges);
  const capitalise = (name: string) => (['label', 'kind', 'recordId', 'relationship'].includes(name) ? name.charAt(0).toUpperCase() + name.slice(1) : name);
  const nodesCsv = [
    csvRow(['Id', ...nodeCols.map((column) => capitalise(column.name))]),
    ...subgraph.nodes.map((node) => csvRow([nodeGlobalId(node), ...nodeCols.map((column) => column.value(node))])),
  ];
  const edgesCsv = [
    csvRow(['Source', 'Target', 'Type', ...edgeCols.map((column) => capitalise(column.name))]),
    ...edges.map((edge) =>
      csvRow([nodeGlobalId(endOf(byId, edge.from)), nodeGlobalId(endOf(byId, edge.to)), 'Directed', ...edgeCols.map((column) => column.value(edge))]),
    ),
  ];
  return { nodesCsv: `${nodesCsv.join('\r\n')}\r\n`, edgesCsv: `${edgesCsv.join('\r\n')}\r\n` };
}

/** The subgraph in the asked format. */
export function exportSubgraph(subgraph: SubgraphModel, format: GraphExportFormat): GraphExportModel {
  const edgeCount = keptEdges(subgraph).length;
  switch (format) {
    case 'GRAPHML':
      return { format, nodeCount: subgraph.nodes.length, edgeCount, graphml: toGraphml(subgraph), nodesCsv: null, edgesCsv: null };
    case 'CSV':
      return { format, nodeCount: subgraph.nodes.length, edgeCount, graphml: null, ...toCsv(subgraph) };
    default: {
      const never: never = format;
      throw new Error(`Unknown export format ${String(never)}`);
    }
  }
}
