import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import neo4j, { type ManagedTransaction, type Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { deleteByPrefix, openTestDatabase, silentLogger, uniquePrefix } from '../support/database.js';
import { importDataset } from '../../src/import/importer.js';
import type { Database } from '../../src/neo4j/database.js';
import { createHttpService, type HttpService } from '../../src/server.js';
import { createContext } from '../../src/graphql/context.js';
import { generateDataset, SyntheticProvince } from '../../tools/generate/generate.js';
import { WORKLOADS } from '../../bench/scale/workloads.js';

/** Labels whose node count grows with the graph: scanning one of them costs O(N) per request. */
const LARGE_LABELS = ['Entity', 'Organization', 'Enterprise', 'Expert', 'Patent', 'Project', 'Demand', 'Platform', 'Policy'];
const SCAN_OPERATORS = /^(AllNodesScan|NodeByLabelScan|UnionNodeByLabelsScan|IntersectionNodeByLabelsScan|SubtractionNodeByLabelsScan|PartitionedNodeByLabelScan|PartitionedAllNodesScan)/;

/**
 * Queries allowed to scan a large label, each with the reason; the test fails on any other. Key:
 * `<system>/<workload>: <operator> <label>`. None is left: every workload query starts from an index.
 */
const KNOWN_OFFENDERS: Record<string, string> = {};

/** A facet histogram's read: the label's own properties, and the regions its nodes are in (`propertyTests.within`). */
const FACET_HISTOGRAM = /^MATCH \(node:[A-Za-z]+\) WITH \[.+\] AS values, count\(\*\) AS count\s+(RETURN values, count|WITH \[.+\] AS values, count\s+RETURN values, sum\(count\) AS count) LIMIT \d+$/s;

interface PlanNode {
  operatorType: string;
  arguments: Record<string, unknown>;
  children: PlanNode[];
}

/** Every scan of a large label in the plan, as "<operator> <label>". */
function largeScans(plan: PlanNode): string[] {
  const found: string[] = [];
  const visit = (node: PlanNode) => {
    const operator = node.operatorType.replace(/@.*$/, '');
    if (SCAN_OPERATORS.test(operator)) {
      const details = String(node.arguments.Details ?? node.arguments.details ?? '');
      const labels = [...details.matchAll(/:\s*([A-Za-z]+)/g)].map((match) => match[1]!);
      if (operator.includes('AllNodes')) found.push(`${operator} (all nodes)`);
      for (const label of labels.filter((item) => LARGE_LABELS.includes(item))) found.push(`${operator} ${label}`);
    }
    node.children.forEach(visit);
  };
  visit(plan);
  return found;
}

type Recorded = { query: string; parameters: Record<string, unknown> };

/** A view of the database that records every read query the service sends (plain reads and read transactions). */
function recordingDatabase(database: Database, sink: Recorded[]): Database {
  const recordingTransaction = (transaction: ManagedTransaction): ManagedTransaction =>
    new Proxy(transaction, {
      get(target, property) {
        if (property === 'run') {
          return (query: string, parameters: Record<string, unknown> = {}) => {
            sink.push({ query, parameters });
            return target.run(query, parameters);
          };
        }
        const value = Reflect.get(target, property) as unknown;
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
  return new Proxy(database, {
    get(target, property) {
      if (property === 'read') {
        return (query: string, parameters: Record<string, unknown> = {}) => {
          sink.push({ query, parameters });
          return target.read(query, parameters);
        };
      }
      if (property === 'readTransaction') {
        return <T>(work: (transaction: ManagedTransaction) => Promise<T>) => target.readTransaction((transaction) => work(recordingTransaction(transaction)));
      }
      const value = Reflect.get(target, property) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

describe('query plans on a generated 10k graph: no request scans a large label', () => {
  const database = openTestDatabase();
  const prefix = uniquePrefix();
  const folder = mkdtempSync(path.join(os.tmpdir(), 'kg-plans-'));
  const province = new SyntheticProvince(10_000, 3, prefix);
  let driver: Driver;
  let service: HttpService;
  const offenders = new Map<string, string>();

  beforeAll(async () => {
    generateDataset({ nodes: 10_000, seed: 3, folder, idPrefix: prefix });
    await importDataset(database, folder);
    const connection = inject('neo4j');
    driver = neo4j.driver(connection.uri, neo4j.auth.basic(connection.user, connection.password), { logging: { level: 'error', logger: () => {} } });
    service = await createHttpService(database, silentLogger);
  }, 600_000);

  afterAll(async () => {
    await service?.close();
    await driver?.close();
    await deleteByPrefix(database, prefix);
    await database.close();
    rmSync(folder, { recursive: true, force: true });
  }, 120_000);

  async function explain(query: string, parameters: Record<string, unknown>): Promise<string[]> {
    const session = driver.session({ database: inject('neo4j').database, defaultAccessMode: neo4j.session.READ });
    try {
      const result = await session.run(`EXPLAIN ${query}`, parameters);
      return result.summary.plan ? largeScans(result.summary.plan as unknown as PlanNode) : [];
    } finally {
      await session.close();
    }
  }

  for (const workload of WORKLOADS) {
    it(`${workload.name}: the floor's query and every query our server sends for it`, async () => {
      const variants = workload.params(province).slice(0, 2);
      for (const params of variants) {
        for (const scan of await explain(workload.floor, params)) offenders.set(`floor/${workload.name}: ${scan}`, workload.floor);
        const recorded: Recorded[] = [];
        const response = await service.apollo.executeOperation(
          { query: workload.ours.query, variables: workload.ours.variables(params) },
          { contextValue: createContext(recordingDatabase(database, recorded), silentLogger) },
        );
        expect(response.body.kind === 'single' ? response.body.singleResult.errors : 'incremental').toBeUndefined();
        expect(recorded.length).toBeGreaterThan(0);
        // A facet histogram (src/graph/facets.ts) reads its label in one pass on purpose: in the background, after a
        // filter's first total, once per change of the graph — never while a request waits.
        for (const { query, parameters } of recorded.filter((item) => !FACET_HISTOGRAM.test(item.query))) {
          for (const scan of await explain(query, parameters)) offenders.set(`ours/${workload.name}: ${scan}`, query);
        }
      }
      const unexpected = [...offenders.entries()].filter(([key]) => key.includes(`/${workload.name}: `) && !(key in KNOWN_OFFENDERS));
      expect(unexpected.map(([key, query]) => `${key}\n    in: ${query.replace(/\s+/g, ' ').slice(0, 400)}`)).toEqual([]);
    }, 180_000);
  }
});
