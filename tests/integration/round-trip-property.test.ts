import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startLocalNeo4j, stopLocalNeo4j } from '../../src/local-neo4j/manager.js';
import { openDatabase, type Database } from '../../src/neo4j/database.js';
import { migrate } from '../../src/graph/migrations.js';
import { importDataset } from '../../src/import/importer.js';
import { exportGraph } from '../../src/import/exporter.js';
import { Clock } from '../../src/clock.js';
import { toGlobalId } from '../../src/graphql/global-id.js';
import { startTestService, type TestService } from '../support/graphql-client.js';
import { MINI_COUNTY } from '../support/fixtures.js';
import { graphUnder } from '../support/graph-snapshot.js';
import { freeLoopbackPort, testNeo4jSettings } from '../support/test-neo4j.js';

/**
 * A property: any sequence of valid mutations through the API, applied to the mini county, leaves a graph whose
 * export imports cleanly into an empty database and equals it record for record (every node with its labels and
 * properties, every relationship with its properties). "Empty" is meant literally, so this file runs on a Neo4j
 * instance of its own (named and numbered after the suite's), wiped before each run.
 */

const settings = { ...testNeo4jSettings, instance: `${testNeo4jSettings.instance}-roundtrip`, boltPort: 0, heap: '512m', pageCache: '64m' };

type Kind = Parameters<typeof toGlobalId>[0];
const ORGANIZATION_KINDS: Kind[] = ['University', 'ResearchInstitute', 'Enterprise', 'Platform', 'GovernmentAgency'];

/** The global ids of the fixture's records of the given kinds, read from its files. */
function fixtureIds(kinds: Kind[]): string[] {
  return kinds.flatMap((kind) => {
    const file = path.join(MINI_COUNTY, 'nodes', `${kind}.json`);
    return (JSON.parse(readFileSync(file, 'utf8')) as { records: Array<{ id: string }> }).records.map((record) => toGlobalId(kind, record.id));
  });
}

const date = fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true }).map((value) => value.toISOString().slice(0, 10));
const index = fc.nat({ max: 40 });
const name = fc.constantFrom('示例新材料有限公司', '示例学院', '测试企业', '山地鸡合作社', 'Example Co.', '甲');
const cooperationKind = fc.constantFrom('INDUSTRY_ACADEMIA', 'LONG_TERM_AGREEMENT', 'JOINT_LAB', 'JOINT_PROJECT', 'TECH_SERVICE');
const level = fc.constantFrom('BASIC', 'ADVANCED', 'EXPERT');

const command = fc.oneof(
  fc.record({ op: fc.constant('organizationCreate' as const), kind: fc.constantFrom('ENTERPRISE', 'UNIVERSITY'), name, foundedYear: fc.integer({ min: 1950, max: 2025 }), employees: fc.integer({ min: 0, max: 5000 }), rdSpending: fc.integer({ min: 0, max: 1000 }), region: fc.option(index), topics: fc.array(index, { maxLength: 2 }) }),
  fc.record({ op: fc.constant('organizationUpdate' as const), organization: index, name: fc.option(name), description: fc.option(fc.constantFrom('新的描述', '研究冷链')), aliases: fc.option(fc.uniqueArray(fc.constantFrom('别名一', '别名二'), { maxLength: 2 })), topics: fc.option(fc.array(index, { maxLength: 2 })), region: fc.option(index) }),
  fc.record({ op: fc.constant('organizationDelete' as const), organization: index, cascade: fc.boolean() }),
  fc.record({ op: fc.constant('expertCreate' as const), name, title: fc.constantFrom('教授', '工程师', '研究员'), affiliation: fc.option(fc.record({ organization: index, role: fc.option(fc.constantFrom('教授', '顾问')), since: fc.option(fc.integer({ min: 1980, max: 2025 })) })), expertise: fc.array(fc.record({ topic: index, level }), { maxLength: 2 }) }),
  fc.record({ op: fc.constant('expertUpdate' as const), expert: index, title: fc.option(fc.constantFrom('副教授', '高级工程师')), talentCard: fc.option(fc.constantFrom('A_CARD', 'B_CARD')), expertise: fc.option(fc.array(fc.record({ topic: index, level }), { maxLength: 2 })), affiliations: fc.option(fc.array(fc.record({ organization: index, since: fc.option(fc.integer({ min: 1980, max: 2025 })) }), { maxLength: 2 })) }),
  fc.record({ op: fc.constant('expertDelete' as const), expert: index, cascade: fc.boolean() }),
  fc.record({ op: fc.constant('demandCreate' as const), title: fc.constantFrom('冷链技术需求', '设备改造', '揭榜挂帅：育种'), budget: fc.integer({ min: 1, max: 500 }), deadline: date, postedBy: index, topics: fc.array(index, { maxLength: 2 }) }),
  fc.record({ op: fc.constant('demandUpdate' as const), demand: index, status: fc.option(fc.constantFrom('OPEN', 'MATCHED', 'IN_PROGRESS', 'CLOSED')), taker: fc.option(fc.record({ organization: index, since: date })) }),
  fc.record({ op: fc.constant('demandDelete' as const), demand: index }),
  fc.record({ op: fc.constant('cooperationCreate' as const), from: index, to: index, kind: cooperationKind, since: fc.integer({ min: 1990, max: 2025 }) }),
  fc.record({ op: fc.constant('cooperationUpdate' as const), from: index, to: index, kind: cooperationKind, since: fc.integer({ min: 1990, max: 2025 }) }),
  fc.record({ op: fc.constant('cooperationDelete' as const), from: index, to: index, kind: cooperationKind }),
);
type Command = typeof command extends fc.Arbitrary<infer T> ? T : never;

/** The ids a run may refer to: the fixture's, and what the run created (deleted ones stay: a mutation on them is refused). */
interface Pools {
  organizations: string[];
  experts: string[];
  demands: string[];
  topics: string[];
  regions: string[];
}
const pick = (pool: string[], at: number) => pool[at % pool.length]!;

/** The GraphQL document and variables of one command; `created` names the pool a successful create adds to. */
function operationOf(step: Command, pools: Pools, slug: string): { document: string; input: Record<string, unknown>; created?: keyof Pools } {
  const PAYLOAD = 'userErrors { field message code }';
  switch (step.op) {
    case 'organizationCreate':
      return {
        document: `mutation ($input: OrganizationCreateInput!) { result: organizationCreate(input: $input) { organization { id } ${PAYLOAD} } }`,
        input: {
          kind: step.kind,
          slug,
          name: step.name,
          source: 'property test',
          ...(step.kind === 'ENTERPRISE' ? { foundedYear: step.foundedYear, employees: step.employees, rdSpending: step.rdSpending } : {}),
          ...(step.region === null ? {} : { region: pick(pools.regions, step.region) }),
          topics: [...new Set(step.topics.map((at) => pick(pools.topics, at)))],
        },
        created: 'organizations',
      };
    case 'organizationUpdate':
      return {
        document: `mutation ($input: OrganizationUpdateInput!) { result: organizationUpdate(input: $input) { organization { id } ${PAYLOAD} } }`,
        input: {
          id: pick(pools.organizations, step.organization),
          ...(step.name === null ? {} : { name: step.name }),
          description: step.description,
          ...(step.aliases === null ? {} : { aliases: step.aliases }),
          ...(step.topics === null ? {} : { topics: [...new Set(step.topics.map((at) => pick(pools.topics, at)))] }),
          ...(step.region === null ? {} : { region: pick(pools.regions, step.region) }),
        },
      };
    case 'organizationDelete':
      return { document: `mutation ($input: OrganizationDeleteInput!) { result: organizationDelete(input: $input) { deletedId ${PAYLOAD} } }`, input: { id: pick(pools.organizations, step.organization), cascade: step.cascade } };
    case 'expertCreate':
      return {
        document: `mutation ($input: ExpertCreateInput!) { result: expertCreate(input: $input) { expert { id } ${PAYLOAD} } }`,
        input: {
          slug,
          name: step.name,
          title: step.title,
          source: 'property test',
          affiliations: step.affiliation
            ? [{ organization: pick(pools.organizations, step.affiliation.organization), primary: true, ...(step.affiliation.role ? { role: step.affiliation.role } : {}), ...(step.affiliation.since ? { since: step.affiliation.since } : {}) }]
            : [],
          expertise: uniqueTopics(step.expertise, pools),
        },
        created: 'experts',
      };
    case 'expertUpdate':
      return {
        document: `mutation ($input: ExpertUpdateInput!) { result: expertUpdate(input: $input) { expert { id } ${PAYLOAD} } }`,
        input: {
          id: pick(pools.experts, step.expert),
          ...(step.title === null ? {} : { title: step.title }),
          talentCard: step.talentCard,
          ...(step.expertise === null ? {} : { expertise: uniqueTopics(step.expertise, pools) }),
          ...(step.affiliations === null
            ? {}
            : {
                // one affiliation per organisation (the first primary), as the seed format allows
                affiliations: [...new Map(step.affiliations.map((item) => [pick(pools.organizations, item.organization), item.since])).entries()].map(([organization, since], at) => ({
                  organization,
                  primary: at === 0,
                  ...(since === null ? {} : { since }),
                })),
              }),
        },
      };
    case 'expertDelete':
      return { document: `mutation ($input: ExpertDeleteInput!) { result: expertDelete(input: $input) { deletedId ${PAYLOAD} } }`, input: { id: pick(pools.experts, step.expert), cascade: step.cascade } };
    case 'demandCreate':
      return {
        document: `mutation ($input: DemandCreateInput!) { result: demandCreate(input: $input) { demand { id } ${PAYLOAD} } }`,
        input: {
          slug,
          title: step.title,
          budget: step.budget,
          deadline: step.deadline,
          postedBy: pick(pools.organizations, step.postedBy),
          requiredTopics: [...new Set(step.topics.map((at) => pick(pools.topics, at)))],
          source: 'property test',
        },
        created: 'demands',
      };
    case 'demandUpdate':
      return {
        document: `mutation ($input: DemandUpdateInput!) { result: demandUpdate(input: $input) { demand { id } ${PAYLOAD} } }`,
        input: {
          id: pick(pools.demands, step.demand),
          ...(step.status === null ? {} : { status: step.status }),
          ...(step.taker === null ? {} : { takenBy: [{ taker: pick(pools.organizations, step.taker.organization), since: step.taker.since }] }),
        },
      };
    case 'demandDelete':
      return { document: `mutation ($input: DemandDeleteInput!) { result: demandDelete(input: $input) { deletedId ${PAYLOAD} } }`, input: { id: pick(pools.demands, step.demand) } };
    case 'cooperationCreate':
      return {
        document: `mutation ($input: CooperationCreateInput!) { result: cooperationCreate(input: $input) { ${PAYLOAD} } }`,
        input: { from: pick(pools.organizations, step.from), to: pick(pools.organizations, step.to), kind: step.kind, since: step.since, source: 'property test' },
      };
    case 'cooperationUpdate':
      return {
        document: `mutation ($input: CooperationUpdateInput!) { result: cooperationUpdate(input: $input) { ${PAYLOAD} } }`,
        input: { from: pick(pools.organizations, step.from), to: pick(pools.organizations, step.to), kind: step.kind, since: step.since },
      };
    case 'cooperationDelete':
      return {
        document: `mutation ($input: CooperationDeleteInput!) { result: cooperationDelete(input: $input) { ${PAYLOAD} } }`,
        input: { from: pick(pools.organizations, step.from), to: pick(pools.organizations, step.to), kind: step.kind },
      };
    default: {
      const unknown: never = step;
      throw new Error(`no operation for ${JSON.stringify(unknown)}`);
    }
  }
}

/** Expertise inputs with one level per topic (a second level for the same topic is not a valid input). */
function uniqueTopics(expertise: Array<{ topic: number; level: string }>, pools: Pools): Array<{ topic: string; level: string }> {
  const byTopic = new Map(expertise.map((entry) => [pick(pools.topics, entry.topic), entry.level]));
  return [...byTopic].map(([topic, level]) => ({ topic, level }));
}

describe('a property: mutations keep the export → import round trip lossless', () => {
  let database: Database;
  let service: TestService;

  beforeAll(async () => {
    settings.boltPort = await freeLoopbackPort();
    const handle = await startLocalNeo4j(settings, () => {});
    database = openDatabase(handle.connection);
    await migrate(database);
    service = await startTestService(database);
  });
  afterAll(async () => {
    await service?.close();
    await database?.close();
    if (settings.boltPort > 0) await stopLocalNeo4j(settings, () => {});
    rmSync(path.join(settings.rootDir, 'instances', settings.instance), { recursive: true, force: true });
  });

  const wipe = () => database.writeAutoCommit('MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS');

  it('holds for 15 random sequences of up to 8 mutations on the mini county', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 8 }), async (steps) => {
        run += 1;
        await wipe();
        await importDataset(database, MINI_COUNTY);
        const pools: Pools = {
          organizations: fixtureIds(ORGANIZATION_KINDS),
          experts: fixtureIds(['Expert']),
          demands: fixtureIds(['Demand']),
          topics: fixtureIds(['Topic']),
          regions: fixtureIds(['Region']),
        };
        for (const [at, step] of steps.entries()) {
          const operation = operationOf(step, pools, `prop-${run}-${at}`);
          const result = await service.query<{ result: { userErrors: unknown[]; [key: string]: unknown } }>(operation.document, { input: operation.input }, 'admin');
          // A refused mutation answers with userErrors; an error outside the payload is a defect.
          expect(result.errors, `${step.op} ${JSON.stringify(operation.input)}: ${JSON.stringify(result.errors)}`).toBeUndefined();
          const payload = result.data!.result;
          const made = Object.values(payload).find((value): value is { id: string } => typeof value === 'object' && value !== null && 'id' in value);
          if (operation.created && payload.userErrors.length === 0 && made) pools[operation.created].push(made.id);
        }
        const before = await graphUnder(database, '');
        const folder = mkdtempSync(path.join(os.tmpdir(), 'kg-roundtrip-'));
        try {
          const exported = await exportGraph(database, folder, { clock: new Clock() });
          expect(exported.nodes).toBe(before.nodes.length);
          await wipe();
          const imported = await importDataset(database, folder);
          expect(imported.nodes).toBe(before.nodes.length);
          expect(await graphUnder(database, '')).toEqual(before);
        } finally {
          rmSync(folder, { recursive: true, force: true });
        }
      }),
      { numRuns: 15, endOnFailure: true },
    );
  }, 480_000);
});
