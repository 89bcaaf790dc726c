/**
 * Totals of lists filtered only on their nodes' own properties (a qualification, a year range, a kind…), counted
 * from a histogram of those properties instead of in Neo4j.
 *
 * A filter's first total counts every node it matches: about 10⁵ nodes and a few hundred ms at a million nodes, for
 * each new combination of values (each region's officials pick their own years and qualifications). A histogram of a
 * label's values of the filtered properties — one row per distinct combination present, with how many nodes hold
 * it — is read once (one pass over the label), and then any filter on those properties is a sum over its rows,
 * tested in JavaScript with the same meaning as the Cypher condition (`PropertyTest`; a differential test holds the
 * two together on generated values). It is kept like the other derived values (`DerivedCache`: dropped by any write of
 * this process at once, by another writer's within about two seconds), built in the background after a total was
 * counted the slow way, one histogram at a time per database, and given up (kept as `null` until the next write) when
 * the properties have more than `MAX_GROUPS` combinations or the read fails: then totals are counted in Neo4j, as
 * before.
 */
import { z } from 'zod';
import type { Database } from '../neo4j/database.js';
import { DerivedCache, KEPT_VALUES_TTL_MS } from '../neo4j/derived-cache.js';
import { parseRows } from './rows.js';

/** A condition on one of the node's own properties, as JavaScript: true where the Cypher condition holds. */
export interface PropertyTest {
  /** The property's name, or for a value read through the node's relationships (`expression`), a name for that value. */
  property: string;
  /**
   * The Cypher expression over `node` whose value is tested, when not `node.<property>`: written by this code from
   * fixed patterns only (see `propertyTests.within`), never from a request's values.
   */
  expression?: string;
  /**
   * For an `expression`, a second step applied once per group of nodes with equal values instead of once per node: a
   * Cypher expression over `VALUE` (the first step's value) giving the value tested. Equal values must give equal ones.
   */
  widen?: string;
  /** Throws `NotCountable` where Cypher would fail (a list operation on a value that is not a list). */
  test: (value: unknown) => boolean;
}

/** A value a property test cannot judge as Cypher would (Cypher raises an error there): the total is counted in Neo4j. */
export class NotCountable extends Error {}

/** What a filtered list's total can be counted from: its label and the tests of its conditions, every one on a property. */
export interface FacetFilter {
  label: string;
  tests: readonly PropertyTest[];
}

/**
 * Beyond this many combinations of values a histogram is given up (a property like a name or an amount has one per
 * node). At a million nodes the enterprises' qualifications and regions (the region they are in and those above it)
 * make 7 101.
 */
export const MAX_GROUPS = 16_384;

/** The facets kept per database (one per label and set of properties filtered on)… */
const HISTOGRAMS_KEPT = 64;
/** …and at most this many groups in all (a group is a few hundred bytes: the largest histograms take a few MB). */
const GROUPS_KEPT = 4 * MAX_GROUPS;

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const absent = (value: unknown) => value === null || value === undefined;

/** Tests with the meaning of the Cypher conditions the filters write (see src/modules/shared/filters.ts). */
export const propertyTests = {
  /** `node.p IN $values`. */
  oneOf: (property: string, values: readonly unknown[]): PropertyTest => ({ property, test: (value) => !absent(value) && values.includes(value) }),
  /** `any(value IN coalesce(node.p, []) WHERE value IN $values)`. */
  anyOf: (property: string, values: readonly unknown[]): PropertyTest => ({
    property,
    test: (value) => !absent(value) && listOf(value).some((item) => values.includes(item)),
  }),
  /** `all(required IN $values WHERE required IN coalesce(node.p, []))`. */
  allOf: (property: string, values: readonly unknown[]): PropertyTest => ({
    property,
    test: (value) => {
      const held = absent(value) ? [] : listOf(value);
      return values.every((required) => held.includes(required));
    },
  }),
  /** `node.p >= $bound` (`atLeast`) or `node.p <= $bound`. */
  atLeast: (property: string, bound: number): PropertyTest => ({ property, test: (value) => typeof value === 'number' && value >= bound }),
  atMost: (property: string, bound: number): PropertyTest => ({ property, test: (value) => typeof value === 'number' && value <= bound }),
  /** `node.p IS NOT NULL` (`wanted` true) or `node.p IS NULL`. */
  present: (property: string, wanted: boolean): PropertyTest => ({ property, test: (value) => !absent(value) === wanted }),
  /** `coalesce(node.p, false) = $wanted`. */
  flag: (property: string, wanted: boolean): PropertyTest => ({ property, test: (value) => (absent(value) ? false : value) === wanted }),
  /**
   * `EXISTS { MATCH <via>(:Region)-[:PART_OF*0..]->(:Region {id: $region}) }`: `via` walks from `node` to the regions it
   * is in (see `locatedWithin`); the value tested is the ids of those regions and of every region above them.
   */
  within: (via: string, region: string): PropertyTest => ({
    property: `within ${via}`,
    // The regions the node is in, and then once per group the regions above them: at a million nodes the enterprises'
    // histogram by region and qualifications took 1.3 s against 2.7 s walking up from each node.
    expression: `COLLECT { MATCH ${via}(region:Region) RETURN DISTINCT region.id AS id ORDER BY id }`,
    widen: 'COLLECT { UNWIND VALUE AS id MATCH (:Region {id: id})-[:PART_OF*0..]->(above:Region) RETURN DISTINCT above.id AS id ORDER BY id }',
    test: (value) => listOf(value).includes(region),
  }),
};

function listOf(value: unknown): readonly unknown[] {
  if (!Array.isArray(value)) throw new NotCountable(`not a list: ${JSON.stringify(value)}`);
  return value;
}

/** One row per distinct combination of the properties' values, with its number of nodes; null when given up. */
type Histogram = Array<{ values: unknown[]; count: number }> | null;

const groupRow = z.object({ values: z.array(z.unknown()), count: z.number().int() });

/** Per database, the histogram reads in flight one after another. */
const queues = new WeakMap<Database, Promise<unknown>>();

/** A histogram's values, one per tested property: the property's name and what is read for it. */
type Dimension = [property: string, expression: string | null, widen: string | null];

const histograms = new DerivedCache<Histogram, string>(
  (database, key) => {
    const [label, dimensions] = JSON.parse(key) as [string, Dimension[]];
    const read = (queues.get(database) ?? Promise.resolve()).then(() => readHistogram(database, label, dimensions));
    queues.set(database, read.catch(() => undefined));
    return read;
  },
  KEPT_VALUES_TTL_MS,
  HISTOGRAMS_KEPT,
  { of: (histogram) => histogram?.length ?? 0, max: GROUPS_KEPT },
);

async function readHistogram(database: Database, label: string, dimensions: readonly Dimension[]): Promise<Histogram> {
  const bad = [label, ...dimensions.filter(([, expression]) => expression === null).map(([property]) => property)].find((name) => !NAME.test(name));
  if (bad !== undefined) throw new Error(`facets: "${bad}" is not a label or property name`);
  try {
    const values = dimensions.map(([property, expression]) => expression ?? `node.${property}`);
    const widened = dimensions.some(([, , widen]) => widen !== null)
      ? `WITH [${dimensions.map(([, , widen], index) => (widen === null ? `values[${index}]` : widen.replaceAll('VALUE', `values[${index}]`))).join(', ')}] AS values, count
         RETURN values, sum(count) AS count`
      : 'RETURN values, count';
    const rows = await database.read(`MATCH (node:${label}) WITH [${values.join(', ')}] AS values, count(*) AS count ${widened} LIMIT ${MAX_GROUPS + 1}`);
    return rows.length > MAX_GROUPS ? null : parseRows(groupRow, rows, `histogram of ${label}`);
  } catch {
    // Counted in Neo4j until the next write, as without a histogram (a failure there is reported to the request).
    return null;
  }
}

/** The key of a filter's histogram: its label and the properties it tests (with what is read for each), each once, sorted. */
function keyOf(filter: FacetFilter): { key: string; properties: string[] } {
  const tests = new Map(filter.tests.map((test) => [test.property, test]));
  const properties = [...tests.keys()].sort();
  const dimensions: Dimension[] = properties.map((property) => [property, tests.get(property)?.expression ?? null, tests.get(property)?.widen ?? null]);
  return { key: JSON.stringify([filter.label, dimensions]), properties };
}

/** Per database, the histograms asked for (the most recent last, at most `HISTOGRAMS_KEPT`): by key, their label and properties. */
const asked = new WeakMap<Database, Map<string, { label: string; properties: string[] }>>();

function noteAsked(database: Database, filter: FacetFilter): string {
  const { key, properties } = keyOf(filter);
  const keys = asked.get(database) ?? new Map<string, { label: string; properties: string[] }>();
  asked.set(database, keys);
  keys.delete(key);
  keys.set(key, { label: filter.label, properties });
  for (const oldest of keys.keys()) {
    if (keys.size <= HISTOGRAMS_KEPT) break;
    keys.delete(oldest);
  }
  return key;
}

/**
 * A histogram kept for the graph as it is now that can total the filter: its own, or one of the same label over more
 * properties (a filter on fewer of them sums over the same groups: a region alone, or qualifications alone, from the
 * histogram of both). Undefined when none is.
 */
function keptFor(database: Database, filter: FacetFilter): { key: string; groups: NonNullable<Histogram>; properties: string[] } | undefined {
  const own = keyOf(filter);
  const candidates = [[own.key, { label: filter.label, properties: own.properties }] as const, ...(asked.get(database) ?? new Map()).entries()];
  for (const [key, { label, properties }] of candidates) {
    if (label !== filter.label || !own.properties.every((property) => properties.includes(property))) continue;
    const kept = histograms.ready(database, key);
    if (kept?.value) return { key, groups: kept.value, properties };
  }
  return undefined;
}

/**
 * The filter's total from a histogram, when one is kept for the graph as it is now (see `keptFor`); undefined when
 * none is (yet), or a value cannot be judged (`NotCountable`). Nothing is read.
 */
export function facetTotal(database: Database, filter: FacetFilter): number | undefined {
  const kept = keptFor(database, filter);
  if (!kept) return undefined;
  // Past its time to live, a histogram is read again in the background (see DerivedCache).
  void histograms.get(database, kept.key).catch(() => undefined);
  const tests = filter.tests.map((test) => ({ at: kept.properties.indexOf(test.property), test: test.test }));
  let total = 0;
  try {
    for (const group of kept.groups) if (tests.every(({ at, test }) => test(group.values[at]))) total += group.count;
  } catch (error) {
    if (error instanceof NotCountable) return undefined;
    throw error;
  }
  return total;
}

/**
 * Reads the filter's histogram unless it is kept or being read (after another read, one at a time); callers go on
 * without waiting (the promise, which never rejects, is for tests).
 */
export function prepareFacets(database: Database, filter: FacetFilter): Promise<void> {
  return histograms.get(database, noteAsked(database, filter)).then(
    () => undefined,
    () => undefined,
  );
}

/** The histograms read and kept for the database that are still valid (for tests and diagnostics). */
export function facetsKept(database: Database): number {
  return histograms.settled(database);
}
