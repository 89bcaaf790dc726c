import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../src/config.js';
import { fromGlobalId, toGlobalId } from '../../src/graphql/global-id.js';
import type { Database } from '../../src/neo4j/database.js';
import { deleteByPrefix, openTestDatabase, uniquePrefix } from '../support/database.js';
import { startTestService, type TestService } from '../support/graphql-client.js';
import { MINI_COUNTY, loadMiniCounty } from '../support/fixtures.js';
import { runEntryPoint } from '../support/processes.js';
import { testInstanceEnvironment } from '../support/test-neo4j.js';

/**
 * What the README promises and no other test checks, on a private copy of the mini county
 * (tests/fixtures/mini-county): every expected answer below is read off the fixture files.
 */
describe('README claims on the mini county', () => {
  let database: Database;
  let service: TestService;
  const prefix = uniquePrefix();
  const gid = (kind: Parameters<typeof toGlobalId>[0], id: string) => toGlobalId(kind, `${prefix}:${id}`);
  const mine = (globalId: string) => fromGlobalId(globalId)?.id.startsWith(`${prefix}:`) ?? false;
  const recordOf = (globalId: string) => fromGlobalId(globalId)!.id.slice(prefix.length + 1);

  beforeAll(async () => {
    database = openTestDatabase();
    await loadMiniCounty(database, prefix);
    service = await startTestService(database);
  });
  afterAll(async () => {
    await service?.close();
    await deleteByPrefix(database, prefix);
    await database?.close();
  });

  describe('nodes(ids)', () => {
    const NODES = 'query ($ids: [ID!]!) { nodes(ids: $ids) { __typename ... on Node { id } ... on Organization { name } ... on Topic { name } } }';

    it('answers in the order asked, with null for an unknown id, a malformed id and an id of the wrong kind', async () => {
      const ids = [
        gid('Topic', 'topic:vacuum'),
        gid('University', 'univ:agri'),
        gid('Enterprise', 'ent:nowhere'), // no such record
        'not-a-global-id',
        gid('Enterprise', 'univ:agri'), // the record exists, as a University
        gid('Topic', 'topic:vacuum'), // asked twice
      ];
      const result = await service.query<{ nodes: Array<{ __typename: string; id: string; name: string } | null> }>(NODES, { ids });
      expect(result.errors).toBeUndefined();
      expect(result.data?.nodes).toEqual([
        { __typename: 'Topic', id: ids[0], name: '真空包装' },
        { __typename: 'University', id: ids[1], name: '示例农业大学' },
        null,
        null,
        null,
        { __typename: 'Topic', id: ids[0], name: '真空包装' },
      ]);
    });

    it('refuses more than 100 ids, naming the argument', async () => {
      const result = await service.query(NODES, { ids: Array.from({ length: 101 }, () => gid('Topic', 'topic:food')) });
      expect(result.data).toBeNull();
      expect(result.errors?.[0]).toMatchObject({ message: 'ids: at most 100 ids per call, got 101', extensions: { code: 'BAD_USER_INPUT' } });
    });
  });

  describe('search ranks name and alias matches above description matches', () => {
    const SEARCH =
      'query ($q: String!, $after: String) { search(query: $q, first: 100, after: $after) { edges { highlights { field } node { ... on Node { id } } } pageInfo { hasNextPage endCursor } } }';
    type SearchPage = { search: { edges: Array<{ highlights: Array<{ field: string }>; node: { id: string } }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };
    // Every hit, page by page: other test files load their own copies of the mini county into the same index at the
    // same time, so this file's records need not be among the first 100.
    const ranked = async (query: string) => {
      const found: Array<[string, string[]]> = [];
      let after: string | null = null;
      for (let page = 0; page < 50; page += 1) {
        const result: { data?: SearchPage | null; errors?: unknown } = await service.query<SearchPage>(SEARCH, { q: query, after });
        expect(result.errors).toBeUndefined();
        const { edges, pageInfo } = result.data!.search;
        for (const edge of edges.filter((item) => mine(item.node.id))) found.push([recordOf(edge.node.id), edge.highlights.map((item) => item.field).sort()]);
        if (!pageInfo.hasNextPage) return found;
        after = pageInfo.endCursor;
      }
      throw new Error(`search "${query}": more than 50 pages of hits`);
    };

    it('真空包装: the topic (name), the patent and the demand (titles) before the institute that only describes it', async () => {
      const found = await ranked('真空包装');
      expect(found.slice(0, 3).map(([id]) => id).sort()).toEqual(['demand:vac', 'patent:pack', 'topic:vacuum']);
      expect(found[3]).toEqual(['inst:meat', ['description']]);
      expect(found).toHaveLength(4);
    });

    it('vacuum packing: the topic through its alias before the institute through its description', async () => {
      expect(await ranked('vacuum packing')).toEqual([
        ['topic:vacuum', ['aliases']],
        ['inst:meat', ['description']],
      ]);
    });
  });

  describe('matching', () => {
    const CANDIDATES = `{ candidate { ... on Expert { id } ... on Organization { id } } }`;
    const experts = (nodes: Array<{ candidate: { id?: string } }>) => nodes.map((node) => node.candidate.id).filter((id): id is string => id !== undefined && mine(id)).map(recordOf).filter((id) => id.startsWith('expert:')).sort();

    it("never proposes an enterprise's own staff, however well they hold its topics", async () => {
      // Twins holding 冷链保存 (老腊肉食品's focus, its segment's and its demand's topic) at expert level: one works for
      // 老腊肉食品, the other for 肉类研究院. So does 李示例 (fixture: AFFILIATED_WITH ent:pork, 冷链保存 BASIC).
      await database.write(
        `MATCH (pork:Enterprise {id: $pork}), (meat:ResearchInstitute {id: $meat}), (topic:Topic {id: $topic})
         CREATE (staff:Entity:Expert {id: $staff, name: '员工示例', title: '工程师', source: 'test'})-[:AFFILIATED_WITH {primary: true, source: 'test'}]->(pork),
                (twin:Entity:Expert {id: $twin, name: '外聘示例', title: '工程师', source: 'test'})-[:AFFILIATED_WITH {primary: true, source: 'test'}]->(meat),
                (staff)-[:HAS_EXPERTISE {level: 'EXPERT', source: 'test'}]->(topic), (twin)-[:HAS_EXPERTISE {level: 'EXPERT', source: 'test'}]->(topic)`,
        { pork: `${prefix}:ent:pork`, meat: `${prefix}:inst:meat`, topic: `${prefix}:topic:preserve`, staff: `${prefix}:expert:staff`, twin: `${prefix}:expert:twin` },
      );
      const result = await service.query<{ partnerRecommendations: { matches: { nodes: Array<{ candidate: { id?: string } }> } } }>(
        `query ($for: ID!) { partnerRecommendations(for: $for, kinds: [EXPERT], first: 50) { matches { nodes ${CANDIDATES} } } }`,
        { for: gid('Enterprise', 'ent:pork') },
      );
      expect(result.errors).toBeUndefined();
      // 王示例 (冷链保存 EXPERT), 张示例 (真空包装, narrower, EXPERT) and the twin; never 员工示例 or 李示例.
      expect(experts(result.data!.partnerRecommendations.matches.nodes)).toEqual(['expert:twin', 'expert:wang', 'expert:zhang']);
    });

    it('drops candidates whose topic signal is under 0.12', async () => {
      // A demand that needs 真空包装 only, posted by an agency in no chain segment, its title naming no topic. Two experts
      // hold 食品科学, two steps broader (真空包装 → 冷链保存 → 食品科学, × 0.5 a step): at BASIC 0.45 × 0.25 = 0.1125
      // (under the cut-off), at ADVANCED 0.75 × 0.25 = 0.1875 (a match).
      await database.write(
        `MATCH (agency:GovernmentAgency {id: $agency}), (vacuum:Topic {id: $vacuum}), (food:Topic {id: $food})
         CREATE (demand:Entity:Demand {id: $demand, title: '设备改造', mode: 'REGULAR', budget: 10, postedOn: '2025-05-01', deadline: '2026-05-01', status: 'OPEN', source: 'test'}),
                (agency)-[:POSTED {source: 'test'}]->(demand), (demand)-[:REQUIRES {source: 'test'}]->(vacuum),
                (:Entity:Expert {id: $basic, name: '基础示例', title: '技术员', source: 'test'})-[:HAS_EXPERTISE {level: 'BASIC', source: 'test'}]->(food),
                (:Entity:Expert {id: $advanced, name: '较强示例', title: '工程师', source: 'test'})-[:HAS_EXPERTISE {level: 'ADVANCED', source: 'test'}]->(food)`,
        {
          agency: `${prefix}:agency:agri`,
          vacuum: `${prefix}:topic:vacuum`,
          food: `${prefix}:topic:food`,
          demand: `${prefix}:demand:cutoff`,
          basic: `${prefix}:expert:basic`,
          advanced: `${prefix}:expert:advanced`,
        },
      );
      const result = await service.query<{ demandMatches: { matches: { nodes: Array<{ candidate: { id?: string } }> } } }>(
        `query ($id: ID!) { demandMatches(demandId: $id, kinds: [EXPERT], first: 50) { matches { nodes ${CANDIDATES} } } }`,
        { id: gid('Demand', 'demand:cutoff') },
      );
      expect(result.errors).toBeUndefined();
      const found = experts(result.data!.demandMatches.matches.nodes);
      expect(found).toContain('expert:advanced');
      expect(found).not.toContain('expert:basic');
    });
  });

  describe('internal errors', () => {
    const LEAKS = ['MATCH', 'RETURN', 'toLower', 'Neo4jError', 'Exception', 'ZodError', '    at ', '.ts:', '.js:', 'node_modules', 'src/'];
    /** Writes a record no importer or mutation would write, runs `query`, and returns the response's text and errors. */
    async function withBrokenRecord(properties: string, query: string) {
      await database.write(`CREATE (:Entity:Organization:Enterprise {id: $id, ${properties}, source: 'test'})`, { id: `${prefix}:ent:broken` });
      try {
        const text = await (await service.post({ query })).text();
        return { text, errors: (JSON.parse(text) as { errors?: Array<{ message: string; extensions?: Record<string, unknown> }> }).errors ?? [] };
      } finally {
        await database.write('MATCH (n:Entity {id: $id}) DETACH DELETE n', { id: `${prefix}:ent:broken` });
      }
    }

    it('a value the code cannot serve (employees stored as text) is INTERNAL_SERVER_ERROR, with no stack, no Cypher and no file path', async () => {
      const { text, errors } = await withBrokenRecord(
        "name: '损坏记录示例', employees: 'many', foundedYear: 2000, rdSpending: 1",
        '{ enterprises(filter: { nameContains: "损坏记录示例" }) { nodes { name employees } } }',
      );
      expect(errors.map((error) => error.extensions?.code)).toEqual(['INTERNAL_SERVER_ERROR']);
      expect(errors[0]?.extensions?.stacktrace).toBeUndefined();
      for (const leak of LEAKS) expect(text, leak).not.toContain(leak);
    });

    it('a statement the database itself fails on (toLower of a list) says so in a sentence, with no Cypher and no stack', async () => {
      const { text, errors } = await withBrokenRecord('name: [1, 2]', '{ enterprises(filter: { nameContains: "示例" }) { totalCount nodes { id } } }');
      expect(errors).toHaveLength(1);
      expect(errors[0]?.extensions?.stacktrace).toBeUndefined();
      for (const leak of LEAKS) expect(text, leak).not.toContain(leak);
    });
  });
});

/** The command line, against the suite's Neo4j. */
describe('kg validate / export / seed / export-graph', () => {
  const environment = { ...testInstanceEnvironment, NEO4J_URI: '', LOG_LEVEL: 'silent' };
  let database: Database;
  const prefix = uniquePrefix();

  beforeAll(async () => {
    database = openTestDatabase();
    await loadMiniCounty(database, prefix);
  });
  afterAll(async () => {
    await deleteByPrefix(database, prefix);
    await database?.close();
  });

  it('kg validate: exit 0 and the counts for a valid folder; exit 1 naming file, record, id and field for a broken copy', async () => {
    const valid = await runEntryPoint('src/cli/kg.ts', ['validate', MINI_COUNTY], environment);
    expect(valid.code, valid.output).toBe(0);
    expect(valid.output.trim()).toBe('valid: 45 nodes, 87 relationships');

    const broken = mkdtempSync(path.join(os.tmpdir(), 'kg-broken-'));
    cpSync(MINI_COUNTY, broken, { recursive: true });
    const file = path.join(broken, 'nodes', 'Enterprise.json');
    const content = JSON.parse(readFileSync(file, 'utf8')) as { records: Array<Record<string, unknown>> };
    content.records[1]!.employees = 'forty';
    writeFileSync(file, JSON.stringify(content, null, 2));
    const refused = await runEntryPoint('src/cli/kg.ts', ['validate', broken], environment);
    expect(refused.code).toBe(1);
    expect(refused.output).toMatch(/nodes\/Enterprise\.json, record 1 \(id "ent:herb"\), field "employees": .*"forty"/);
    expect(refused.output).not.toMatch(/^\s+at /m);
  });

  it('kg export: writes the records under a prefix in the seed format, which validates with the same counts', async () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'kg-export-cli-'));
    const exported = await runEntryPoint('src/cli/kg.ts', ['export', folder, '--id-prefix', `${prefix}:`, '--name', 'mini'], environment);
    expect(exported.code, exported.output).toBe(0);
    expect(exported.output).toMatch(/^exported 45 nodes and 87 relationships into \d+ files in /m);
    // 16 node kinds and 27 relationship types in the fixture, each its own file, as in tests/fixtures/mini-county.
    expect(readdirSync(path.join(folder, 'nodes')).sort()).toEqual(readdirSync(path.join(MINI_COUNTY, 'nodes')).sort());
    expect(readdirSync(path.join(folder, 'relationships')).sort()).toEqual(readdirSync(path.join(MINI_COUNTY, 'relationships')).sort());
    expect(JSON.parse(readFileSync(path.join(folder, 'dataset.json'), 'utf8'))).toMatchObject({ formatVersion: 1, name: 'mini' });
    const herb = (JSON.parse(readFileSync(path.join(folder, 'nodes', 'Enterprise.json'), 'utf8')) as { records: Array<Record<string, unknown>> }).records.find(
      (record) => record.id === `${prefix}:ent:herb`,
    );
    expect(herb).toMatchObject({ name: '示例中药材科技有限公司', foundedYear: 2015, employees: 40, rdSpending: 80, revenue: 500, qualifications: ['HIGH_TECH'] });
    const validated = await runEntryPoint('src/cli/kg.ts', ['validate', folder], environment);
    expect(validated.output.trim()).toBe('valid: 45 nodes, 87 relationships');
  });

  it('npm run seed: imports the sample county again, idempotently (577 nodes, 2 283 relationships, nothing new)', async () => {
    const seeded = await runEntryPoint('src/cli/kg.ts', ['import', 'seeds/sample-county'], environment, 300_000);
    expect(seeded.code, seeded.output).toBe(0);
    expect(seeded.output).toMatch(/imported "X县创新资源知识图谱（示例）": 577 nodes, 2283 relationships \(0 nodes and 0 relationships new\)/);
    expect(JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')).scripts.seed).toBe('tsx src/cli/kg.ts import seeds/sample-county');
  }, 300_000);

  it('kg export-graph --depth 0: the record alone', async () => {
    const base = path.join(mkdtempSync(path.join(os.tmpdir(), 'kg-depth-')), 'agri');
    const result = await runEntryPoint('src/cli/kg.ts', ['export-graph', base, '--format', 'csv', '--neighborhood', `${prefix}:univ:agri`, '--depth', '0'], environment);
    expect(result.code, result.output).toBe(0);
    expect(result.output).toMatch(/^exported 1 nodes and 0 edges to /m);
    expect(existsSync(`${base}.nodes.csv`)).toBe(true);
    const rows = readFileSync(`${base}.nodes.csv`, 'utf8').trim().split('\n');
    expect(rows).toHaveLength(2);
    expect(rows[1]).toContain('示例农业大学');
    expect(readFileSync(`${base}.edges.csv`, 'utf8').trim().split('\n')).toHaveLength(1);

    const tooDeep = await runEntryPoint('src/cli/kg.ts', ['export-graph', base, '--neighborhood', `${prefix}:univ:agri`, '--depth', '4'], environment);
    expect(tooDeep.code).toBe(1);
    expect(tooDeep.output).toMatch(/expected a whole number of hops from 0 to 3/);
  });
});
