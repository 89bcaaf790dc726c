/**
 * Small builders for the Cypher that repositories share. Only whitelisted names (labels, relationship types,
 * property names from closed enums) are ever spliced into query text; every value travels as a parameter.
 */
import { z } from 'zod';
import { ENTITY_LABEL, type NodeKind } from './kinds.js';
import type { EntityModel } from './entity.js';
import { countSchema, entitySchema, parseRows } from './rows.js';
import { asKind, boundKind, edgeProperties, entityProjection, packedEdge, packedEntity } from './projection.js';
import { unpackPrefetched, unpackRelation, type PrefetchedRelation } from './packed.js';
import { cypherInt } from '../neo4j/values.js';
import type { Database } from '../neo4j/database.js';
import { DerivedCache, KEPT_VALUES_TTL_MS } from '../neo4j/derived-cache.js';
import { facetTotal, prepareFacets, type FacetFilter, type PropertyTest } from './facets.js';
import { COUNT_STALE_LOCATED_IN } from './derived.js';
import type { PageItem, PageRequest } from './page.js';

/** How to sort: a Cypher expression over `node` and a direction; items without a value come last, ties by id. */
export interface SortOrder {
  expression: string;
  direction: 'ASC' | 'DESC';
  /**
   * Every item has a value (a property the format requires, or an expression with a default such as `coalesce(…)` or a
   * `CASE` with an `ELSE`): no "missing last" key, so a range index can give the order.
   */
  required?: boolean;
}

export function orderByClause(order: SortOrder | undefined): string {
  if (!order) return 'ORDER BY node.id';
  if (order.required) return `ORDER BY ${order.expression} ${order.direction}, node.id`;
  return `ORDER BY (${order.expression}) IS NULL, ${order.expression} ${order.direction}, node.id`;
}

/** Ascending by name, a name every record of the kind has, ties by id: the order of the `LOCATED_IN` index (see `locatedPage`). */
const isByName = (order: SortOrder) => order.required === true && order.expression === 'node.name' && order.direction === 'ASC';

/** For a required order on a plain property, the (always true) `IS NOT NULL` that lets the planner read that property's index in order. */
function indexOrderHint(order: SortOrder | undefined): string | null {
  return order?.required && /^node\.[A-Za-z]+$/.test(order.expression) ? `${order.expression} IS NOT NULL` : null;
}

/** Collects WHERE conditions and their parameters; `param` names each value so text and values never mix. */
export class Conditions {
  readonly parts: string[] = [];
  readonly params: Record<string, unknown> = {};
  /** The start pattern set by startAt, if any. */
  private start: string | null = null;
  /**
   * A start pattern for a filter that may match most of the label (see `startNear`), and its condition: used unless a
   * page is read over the label instead (see `runListQuery`).
   */
  private near: { pattern: string; condition: string; test: PropertyTest; located: string | null } | null = null;
  private counter = 0;
  /** The conditions added with `addOnProperty`, as JavaScript tests; and whether any other condition was added. */
  private readonly tests: PropertyTest[] = [];
  private others = false;

  param(value: unknown): string {
    const name = `p${this.counter++}`;
    this.params[name] = value;
    return `$${name}`;
  }

  /** Adds a condition built with named parameters. */
  add(condition: string): this {
    this.parts.push(condition);
    this.others = true;
    return this;
  }

  /** Adds a condition on one of the node's own properties, with the same test in JavaScript (see facets.ts). */
  addOnProperty(condition: string, test: PropertyTest): this {
    this.parts.push(condition);
    this.tests.push(test);
    return this;
  }

  /**
   * What a total under these conditions can be counted from without Neo4j: null unless every condition is on the
   * node's own properties or its region (none on other relationships, text or labels, no start pattern) and there is
   * one at least (an unfiltered total is read from the count store).
   */
  facets(label: string): FacetFilter | null {
    const tests = this.near === null ? this.tests : [...this.tests, this.near.test];
    return this.others || this.start !== null || tests.length === 0 ? null : { label, tests };
  }

  /**
   * Where to start reading: a pattern from a node found by its id to `node` (e.g. an organisation's experts),
   * instead of every node of the label. Only a filter that names one record sets it; the first such filter wins,
   * later ones stay conditions.
   */
  startAt(pattern: string, condition: string): this {
    if (this.start === null) this.start = pattern;
    else this.parts.push(condition);
    this.others = true;
    return this;
  }

  /**
   * Like `startAt`, for a filter that names a record whose matches may be few or most of the label (a region: a county
   * or the whole province): the count starts from it (or comes from a histogram, see `facets`, where `test` says the
   * same as `condition`); a page starts from it only when the nodes it reaches are under a quarter of the label
   * (`runListQuery`), and otherwise reads the label in its order and tests `condition`. A `startAt` pattern, which
   * names one record's own links, wins over it; a second such filter is a condition. `located`, a parameter naming a
   * region, says that the filter's matches are the records `LOCATED_IN` it or a region below it (see `locatedPage`).
   */
  startNear(pattern: string, condition: string, test: PropertyTest, located: string | null = null): this {
    if (this.near === null) this.near = { pattern, condition, test, located };
    else this.addOnProperty(condition, test);
    return this;
  }

  /**
   * For a `startNear` filter on the records located in a region (see `startNear`), the start of a page by name: for
   * each region below it (and itself), its first `perRegion` records of the label meeting the other conditions, read
   * in order of name and id from the `LOCATED_IN` index (see DERIVED_RELATIONSHIP_PROPERTIES); each record once. Every
   * record of the page is among the first `perRegion` (the page's offset and size) of each region it is in, so the
   * page drawn from these is the page. Null for other filters.
   */
  locatedPage(label: string, perRegion: string): string | null {
    if (this.start !== null || !this.near?.located) return null;
    const conditions = [`node:${label}`, ...this.parts.map((part) => `(${part})`)];
    return `MATCH (:Region {id: ${this.near.located}})<-[:PART_OF*0..]-(place:Region)
       WITH DISTINCT place.id AS place
       CALL (place) {
         MATCH (node)-[located:LOCATED_IN]->()
         WHERE located.regionId = place AND located.memberName IS NOT NULL AND located.memberId IS NOT NULL AND ${conditions.join(' AND ')}
         RETURN node ORDER BY located.regionId, located.memberName, located.memberId LIMIT ${perRegion}
       }
       WITH DISTINCT node`;
  }

  /**
   * When a read can start from the `startNear` pattern or go over the label (see `matchWhere`): the count of the
   * label's nodes that pattern reaches, with its parameters (those it names only, so that every filter on the same
   * region shares it; when the region is the only condition, it is also the total). Null otherwise.
   */
  nearCount(label: string): { text: string; params: Record<string, unknown> } | null {
    if (this.start !== null || this.near === null) return null;
    const names = [...this.near.pattern.matchAll(PARAMETER)].map(([, name]) => name!);
    return { text: `MATCH ${this.near.pattern} WHERE node:${label} WITH DISTINCT node RETURN count(node) AS total`, params: Object.fromEntries(names.map((name) => [name, this.params[name]])) };
  }

  /**
   * The MATCH clause with the conditions and `extra` (more conditions on `node`): over the label, or from the start
   * pattern when one is set (the `startNear` one unless `overLabel`), each node once. The conditions are applied
   * before duplicates are dropped: they read only `node`, so the answer is the same, and Neo4j then reads the
   * properties they and the order need as it filters (after the DISTINCT, an organisation with 16 000 experts took 30 ms
   * against 22 at a million nodes).
   */
  matchWhere(label: string, extra: readonly string[] = [], overLabel = false): string {
    const start = this.start ?? (overLabel ? null : (this.near?.pattern ?? null));
    const nearCondition = this.near && start !== this.near.pattern ? [this.near.condition] : [];
    const parts = [...this.parts, ...nearCondition, ...extra].map((part) => `(${part})`);
    if (start === null) return `MATCH (node:${label})${parts.length > 0 ? ` WHERE ${parts.join(' AND ')}` : ''}`;
    return `MATCH ${start} WHERE ${[`node:${label}`, ...parts].join(' AND ')} WITH DISTINCT node`;
  }
}

/**
 * The queries of a page of nodes of one label matching some conditions, and (when asked) of how many match in all:
 * worked out once (`listQuery`), then read (`runListQuery`); a direct answer keeps them with its compiled operation.
 */
export interface ListQuery {
  label: string;
  page: PageRequest;
  prefetch: readonly RelationPrefetch[];
  text: string;
  params: Record<string, unknown>;
  /** The count query and its parameters, when the total is asked; and what else it can be counted from (see facets.ts). */
  total: { text: string; params: Record<string, unknown>; facets: FacetFilter | null } | null;
  /**
   * For a filter that can start near its matches or go over the label (see `Conditions.startNear`): the page's query
   * over the label, and the counts that choose between the two: of the nodes the start pattern reaches and the label's.
   */
  overLabel: {
    text: string;
    /** The page's query from the `LOCATED_IN` index, where it can be read from it (see `Conditions.locatedPage`). */
    located: string | null;
    near: { text: string; params: Record<string, unknown> };
    labelCount: string;
  } | null;
}

/** A read starts from a `startNear` pattern when it reaches fewer than this share of the label's nodes. */
const NEAR_SHARE = 0.25;

/** Builds the queries of a list's page (see `ListQuery`); nothing is read. */
export function listQuery(
  label: string,
  conditions: Conditions,
  order: SortOrder | undefined,
  page: PageRequest,
  withTotal: boolean,
  prefetch: readonly RelationPrefetch[] = [],
  properties: readonly string[] | null = null,
): ListQuery {
  const hint = indexOrderHint(order);
  const params: Record<string, unknown> = { ...conditions.params, offset: cypherInt(page.offset), limit: cypherInt(page.limit + 1) };
  // The page's extra item (read only to tell whether a next page exists) reads nothing ahead: `shown` is false for it.
  const readsAhead = prefetch.length > 0;
  const related = readAhead(prefetch, params, 'pf', 0, 'shown');
  if (readsAhead) params.shown = cypherInt(page.limit);
  const items = readsAhead
    ? `WITH collect(node) AS page UNWIND range(0, size(page) - 1) AS index WITH page[index] AS ${ITEM}, index < $shown AS shown`
    : `WITH node AS ${ITEM}`;
  // Records located in a region, by name: from the LOCATED_IN index (see `Conditions.locatedPage`).
  const located = order === undefined || !isByName(order) ? null : conditions.locatedPage(label, '$perRegion');
  if (located !== null) params.perRegion = cypherInt(page.offset + page.limit + 1);
  const pageText = (start: string) => `${start}
       WITH node ${orderByClause(order)} SKIP $offset LIMIT $limit
       ${items}
       ${withColumns([ITEM], related.columns)}
       RETURN ${entityProjection(ITEM, properties, asKind(label))} AS node, [${related.values.join(', ')}] AS prefetched`;
  const near = conditions.nearCount(label);
  return {
    label,
    page,
    prefetch,
    text: pageText(conditions.matchWhere(label, hint ? [hint] : [])),
    params,
    total: withTotal ? { text: `${conditions.matchWhere(label)} RETURN count(node) AS total`, params: conditions.params, facets: conditions.facets(label) } : null,
    overLabel: near
      ? {
          text: pageText(conditions.matchWhere(label, hint ? [hint] : [], true)),
          located: located === null ? null : pageText(located),
          near,
          labelCount: `MATCH (node:${label}) RETURN count(node) AS total`,
        }
      : null,
  };
}

/** Reads a list's page (and its total, when asked) by its queries. */
export async function runListQuery(database: Database, query: ListQuery): Promise<{ items: Array<PageItem<EntityModel> & { prefetched: PrefetchedRelation[] }>; total: number }> {
  const [rows, total] = await Promise.all([pageRows(database, query), query.total ? listTotal(database, query.total) : Promise.resolve(0)]);
  const read = withPrefetched(rows, query.prefetch, `list of ${query.label}`);
  return { items: read.map((item, index) => (index < query.page.limit ? item : { ...item, prefetched: [] })), total };
}

/**
 * A page's rows. A filter that can start near its matches (a region) starts there when the pattern reaches less than
 * `NEAR_SHARE` of the label; otherwise the label is read in its order, each node tested, until the page is full. At a
 * million nodes a county's 1 514 enterprises by name took 11 ms from the county and 1.5 s over the label (names that
 * begin with their place cluster a county's far down the index); the whole province's 356 000 took 6 ms over the label
 * and 1.8 s from it. The two counts that decide are kept until a write (the first, from the pattern, 5–400 ms there, is
 * also the total when the region is the only condition; the label's comes from the count store). A total is always
 * counted from the pattern: a county's in 5 ms against 3.3 s over the label, the province's in 0.3 s against 3.3 s
 * (its 17 661 specialised enterprises in 1.0 s against 0.3 s, where the label's qualifications are tested first; but
 * that is a scan of the label, which no query of ours makes).
 */
async function pageRows(database: Database, query: ListQuery): Promise<unknown[]> {
  const choice = query.overLabel;
  if (choice === null) return database.read(query.text, query.params);
  const { reached, all } = await reach(database, choice);
  if (reached >= NEAR_SHARE * all) return database.read(choice.text, query.params);
  return database.read(choice.located !== null && locatedInReady(database) ? choice.located : query.text, query.params);
}

/**
 * Whether every `LOCATED_IN` relationship's derived properties are in step with its ends (see STALE_LOCATED_IN), as
 * the `LOCATED_IN` index must be for a page read from it to be the page: checked in the background (about 0.8 s of
 * Neo4j's time at a million nodes) once per change of the graph, the page read from the region until it is known.
 * Where some are not (written around this code's writers), pages are read from the region, slower but whole, until
 * the migrations derive them again (the server's start and every `kg` command that opens the database run them).
 */
const locatedInChecked = new DerivedCache<boolean>(
  async (database) => {
    const [row] = parseRows(countSchema, await database.read(COUNT_STALE_LOCATED_IN), 'LOCATED_IN check');
    return row?.total === 0;
  },
  KEPT_VALUES_TTL_MS,
);

/** Whether the `LOCATED_IN` index can give region pages (see `locatedInChecked`), checked unless known (for the warm-up). */
export function checkLocatedIn(database: Database): Promise<boolean> {
  return locatedInChecked.get(database, '');
}

function locatedInReady(database: Database): boolean {
  const kept = locatedInChecked.ready(database, '');
  if (kept === undefined) void locatedInChecked.get(database, '').catch(() => undefined);
  return kept?.value === true;
}

/** How many of the label's nodes a start pattern reaches, and the label's: both kept until a write (see `pageRows`). */
async function reach(database: Database, choice: NonNullable<ListQuery['overLabel']>): Promise<{ reached: number; all: number }> {
  const [reached, all] = await Promise.all([keptTotal(database, choice.near.text, choice.near.params), keptTotal(database, choice.labelCount, {})]);
  return { reached, all };
}

/**
 * Entities by record id, each with the relations `prefetch` reads ahead under it (see `listQuery`), in one round
 * trip: every property, or only `properties` (with the id and the kind); an id that names no entity has no row.
 */
export async function findEntitiesReadingAhead(
  database: Database,
  ids: readonly string[],
  prefetch: readonly RelationPrefetch[],
  properties: readonly string[] | null = null,
): Promise<Array<{ node: EntityModel; prefetched: PrefetchedRelation[] }>> {
  const params: Record<string, unknown> = { ids: [...new Set(ids)] };
  const related = readAhead(prefetch, params, 'pf', 0);
  const rows = await database.read(
    `UNWIND $ids AS id
     MATCH (${ITEM}:${ENTITY_LABEL} {id: id})
     ${withColumns([ITEM], related.columns)}
     RETURN ${entityProjection(ITEM, properties)} AS node, [${related.values.join(', ')}] AS prefetched`,
    params,
  );
  return withPrefetched(rows, prefetch, 'entities by id');
}

/**
 * The safety-net time to live of a list's total: this process's writes drop it at once, other writers' within
 * about two seconds (a second server, `kg import`; see `DerivedCache`).
 */
const LIST_TOTAL_TTL_MS = KEPT_VALUES_TTL_MS;
/** Filters whose totals are kept per database. */
const LIST_TOTAL_KEYS = 2048;

/**
 * Totals of filtered lists, kept per filter until a write: counting ≈ 10⁵ matches of a filter over a million nodes
 * reads each of them (a few hundred ms), while the page itself stops at its last item; paging through a list, or many
 * users opening the same list, counts it once. Keyed by the count query and its parameters (never the page's).
 */
const listTotals = new DerivedCache<number, string>(
  async (database, key) => {
    const [query, params] = JSON.parse(key) as [string, Record<string, unknown>];
    return countOf(database, query, params);
  },
  LIST_TOTAL_TTL_MS,
  LIST_TOTAL_KEYS,
);

const countOf = async (database: Database, query: string, params: Record<string, unknown>) =>
  parseRows(countSchema, await database.read(query, params), 'list total')[0]?.total ?? 0;

/** Whether a parameter survives a JSON round trip unchanged (strings, finite numbers, booleans, null, lists of them). */
const plain = (value: unknown): boolean =>
  value === null || typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value)) || (Array.isArray(value) && value.every(plain));

/**
 * A list's total: from the histogram of what it filters on when one is kept (see facets.ts: the node's own properties
 * and its regions); otherwise counted in Neo4j (and kept per filter), and then that histogram is read in the
 * background, so that the next filter on the same properties — other values, other bounds, another region — is
 * answered from it. At a million nodes a municipality's enterprises of one qualification took 45–330 ms to count from
 * the municipality, the province's 0.5–1.1 s, each region and qualification anew.
 */
async function listTotal(database: Database, total: NonNullable<ListQuery['total']>): Promise<number> {
  const fromFacets = total.facets ? facetTotal(database, total.facets) : undefined;
  if (fromFacets !== undefined) return fromFacets;
  const counted = await keptTotal(database, total.text, total.params);
  if (total.facets) void prepareFacets(database, total.facets);
  return counted;
}

/**
 * A count (`RETURN count(…) AS total`) kept per query and parameters until a write, when its parameters can key it
 * (counted afresh otherwise): a list's total, a search's.
 */
export function keptTotal(database: Database, query: string, params: Record<string, unknown>): Promise<number> {
  return Object.values(params).every(plain) ? listTotals.get(database, JSON.stringify([query, params])) : countOf(database, query, params);
}

/**
 * A relation from a parent node to related nodes: a Cypher body that starts from the bound variable `parent`
 * and ends with `RETURN node, <map or null> AS edge`.
 */
export interface RelationSpec {
  /** Unique name of the relation (part of the loader key). */
  name: string;
  body: string;
  params?: Record<string, unknown>;
  order?: SortOrder;
}

/**
 * A relation read in the same query as the nodes it starts from (see `listQuery`): the page of related items of
 * each node, as `loadRelation` would read it for that spec, page and total, and for each related item its own
 * prefetched relations (`nested`). GraphQL resolvers then find these pages in their loaders instead of asking again.
 */
export interface RelationPrefetch {
  spec: RelationSpec;
  page: PageRequest;
  withTotal: boolean;
  /** Read only for parents of these kinds (a field selected in a fragment on some types only); null: every parent. */
  kinds: NodeKind[] | null;
  /** The properties of the related items to read (besides the id and the kind); null: all of them. */
  properties: readonly string[] | null;
  /** The properties of the relationships to read (a connection's edge fields); null: all of them; none: the edge is null. */
  edgeProperties: readonly string[] | null;
  nested: RelationPrefetch[];
}

export type { PrefetchedRelation } from './packed.js';

const prefetchedRow = z.object({ node: entitySchema, prefetched: z.unknown() });

/** Rows of `{node, prefetched}`: each node checked, and its pages read ahead (packed, see packed.ts) unpacked by the plan. */
function withPrefetched(rows: readonly unknown[], prefetch: readonly RelationPrefetch[], what: string): Array<{ node: EntityModel; prefetched: PrefetchedRelation[] }> {
  return parseRows(prefetchedRow, rows, what).map((row, index) => ({
    node: row.node,
    prefetched: unpackPrefetched(prefetch, row.prefetched, `${what}: row ${index}: prefetched`),
  }));
}

const PARAMETER = /\$([A-Za-z_][A-Za-z0-9_]*)/g;

/** Whether a relation's body can be embedded in a larger query: every parameter it uses is one of its own `params`. */
export function embeddable(spec: RelationSpec): boolean {
  return [...spec.body.matchAll(PARAMETER)].every(([, name]) => spec.params !== undefined && name! in spec.params);
}

/** The variable naming an item `depth` levels down a read ahead (0: the nodes it starts from); never `node`, `edge` or `parent`. */
const itemVariable = (depth: number) => `item${depth}`;
const edgeVariable = (depth: number) => `link${depth}`;
const ITEM = itemVariable(0);

/**
 * How the items at `depth` (variable `item<depth>`) read their prefetched relations: `columns`, to add with a WITH clause,
 * one per relation — `<name>_items`, a COLLECT subquery, and `<name>_total`, a COUNT subquery, when asked — and
 * `values`, one expression per relation giving its page packed (see packed.ts) from those columns, `[total or null,
 * items]`. In the COLLECT, the relation's body runs in a CALL that sees only `parent`; its rows are ordered and paged
 * under the body's own names (`node`, `edge`: the spec's order is written over them), then renamed for the level below,
 * whose columns are added the same way before the item's projection. COLLECT and COUNT subqueries plan as roll-ups:
 * 4–7 % less of Neo4j's time on a 3-level read than a CALL per relation and level collecting its rows (measured).
 * Each subquery stands as a column of its own: inside a larger expression, Neo4j takes an aggregating body's
 * `collect(…)` for an aggregation of the outer clause and refuses it. When `guard` names a boolean variable, items for
 * which it is false read nothing (empty pages). The relations' parameters are added to `params` under
 * `${prefix}_<index>`, so that several bodies never share a name.
 */
function readAhead(
  prefetch: readonly RelationPrefetch[],
  params: Record<string, unknown>,
  prefix: string,
  depth: number,
  guard: string | null = null,
): { columns: string[]; values: string[] } {
  const parent = itemVariable(depth);
  const [item, edge] = [itemVariable(depth + 1), edgeVariable(depth + 1)];
  const columns: string[] = [];
  const values = prefetch.map((relation, index) => {
    const name = `${prefix}_${index}`;
    const body = narrowedEdge(relation.spec, relation.edgeProperties).replace(PARAMETER, (_match, parameter: string) => `$${name}_p_${parameter}`);
    for (const [parameter, value] of Object.entries(relation.spec.params ?? {})) params[`${name}_p_${parameter}`] = value;
    params[`${name}_offset`] = cypherInt(relation.page.offset);
    params[`${name}_limit`] = cypherInt(relation.page.limit + 1);
    const nested = readAhead(relation.nested, params, name, depth + 1);
    const conditions = [...(guard ? [guard] : []), ...(relation.kinds ? [relation.kinds.map((kind) => `parent:${kind}`).join(' OR ')] : [])];
    const related = `WITH ${parent} AS parent${conditions.length > 0 ? ` WHERE ${conditions.map((condition) => `(${condition})`).join(' AND ')}` : ''} CALL (parent) { ${body} }`;
    if (relation.withTotal) columns.push(`COUNT { ${related} } AS ${name}_total`);
    columns.push(`COLLECT {
         ${related}
         WITH node, edge ${orderByClause(relation.spec.order)} SKIP $${name}_offset LIMIT $${name}_limit
         WITH node AS ${item}, edge AS ${edge}
         ${withColumns([item, edge], nested.columns)}
         RETURN [${packedEntity(item, relation.properties, boundKind(relation.spec.body))}, ${packedEdge(edge, relation.edgeProperties)}, [${nested.values.join(', ')}]]
       } AS ${name}_items`);
    return `[${relation.withTotal ? `${name}_total` : 'null'}, ${name}_items]`;
  });
  return { columns, values };
}

const WHOLE_EDGE = /\bproperties\(([A-Za-z_][A-Za-z0-9_]*)\) AS edge\b/;
const EDGE_KEY = /\bedge\.([A-Za-z_][A-Za-z0-9_]*)/g;

/**
 * A relation's body reading, of each relationship, only the properties the page uses — those shown (`edgeProperties`)
 * and those its order names — instead of all of them (`properties(r) AS edge`): a relationship's other properties
 * (its `source` text, say) are records Neo4j would read for nothing, on every related item of every parent. The body
 * as it is when every property is shown (null) or when it does not read the whole map.
 */
function narrowedEdge(spec: RelationSpec, shown: readonly string[] | null): string {
  if (shown === null || !WHOLE_EDGE.test(spec.body)) return spec.body;
  const keys = [...new Set([...edgeProperties(shown), ...[...(spec.order?.expression ?? '').matchAll(EDGE_KEY)].map(([, key]) => key!)])];
  return spec.body.replace(WHOLE_EDGE, (_match, variable: string) => (keys.length === 0 ? '{} AS edge' : `${variable} {${keys.map((key) => `.${key}`).join(', ')}} AS edge`));
}

/** A WITH clause keeping `variables` and adding the read-ahead `columns`; nothing when there are none to add. */
const withColumns = (variables: readonly string[], columns: readonly string[]) => (columns.length > 0 ? `WITH ${[...variables, ...columns].join(', ')}` : '');

/**
 * The related items of each parent, for a batch of parents, in one round trip: one entry per parent id, in order.
 * The page is cut in Cypher, per parent (`SKIP`/`LIMIT` inside the per-parent subquery), so a page of a long list
 * reads only what it returns plus one; the total is counted, without projecting the items, only when `withTotal`.
 * The per-parent subquery is the one a list reads ahead with (`readAhead`), so both answer alike.
 */
export async function loadRelation(
  database: Database,
  spec: RelationSpec,
  parentIds: readonly string[],
  page: PageRequest,
  withTotal: boolean,
  properties: readonly string[] | null = null,
  edgeProperties: readonly string[] | null = null,
): Promise<Array<{ items: Array<PageItem<EntityModel>>; total: number | null }>> {
  if (!embeddable(spec)) throw new Error(`relation ${spec.name}: its body uses a parameter that its params do not declare`);
  const params: Record<string, unknown> = { parentIds };
  const relation: RelationPrefetch = { spec, page, withTotal, kinds: null, properties, edgeProperties, nested: [] };
  const related = readAhead([relation], params, 'relation', 0);
  const rows = await database.read(
    `UNWIND $parentIds AS parentId
     MATCH (${ITEM}:${ENTITY_LABEL} {id: parentId})
     ${withColumns(['parentId', ITEM], related.columns)}
     RETURN parentId, ${related.values[0]} AS related`,
    params,
  );
  const byParent = new Map(
    parseRows(relationRowSchema, rows, `relation ${spec.name}`).map((row, index) => {
      const { items, total } = unpackRelation(relation, row.related, `relation ${spec.name}: row ${index}: related`);
      return [row.parentId, { items: items.map(({ node, edge }) => (edge === undefined ? { node } : { node, edge })), total }];
    }),
  );
  return parentIds.map((id) => byParent.get(id) ?? { items: [], total: withTotal ? 0 : null });
}

const relationRowSchema = z.object({ parentId: z.string(), related: z.unknown() });
