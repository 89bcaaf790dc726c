import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { deleteByPrefix, openTestDatabase, uniquePrefix } from '../support/database.js';
import { startTestService, type TestService } from '../support/graphql-client.js';
import { loadMiniCounty } from '../support/fixtures.js';
import { fromGlobalId, toGlobalId } from '../../src/graphql/global-id.js';
import type { Database } from '../../src/neo4j/database.js';

type UserError = { field: string[]; message: string; code: string };

describe('mutations: create, update and delete with userErrors', () => {
  let database: Database;
  let service: TestService;
  let prefix = uniquePrefix();
  const slug = (name: string) => `${prefix}-${name}`;
  const created: string[] = [];
  const gid = (kind: Parameters<typeof toGlobalId>[0], id: string) => toGlobalId(kind, `${prefix}:${id}`);

  async function mutate<T>(mutation: string, variables: Record<string, unknown>): Promise<T> {
    const result = await service.query<Record<string, T>>(mutation, variables, 'admin');
    expect(result.errors).toBeUndefined();
    return Object.values(result.data ?? {})[0] as T;
  }

  beforeAll(async () => {
    database = openTestDatabase();
    service = await startTestService(database);
  });
  // Each test gets its own copy of the mini county, so tests can run in any order.
  beforeEach(async () => {
    prefix = uniquePrefix();
    await loadMiniCounty(database, prefix);
  });
  afterEach(async () => {
    const ids = created.splice(0).map((globalId) => fromGlobalId(globalId)?.id);
    await database.write('MATCH (n:Entity) WHERE n.id IN $ids DETACH DELETE n', { ids });
    await deleteByPrefix(database, prefix);
  });
  afterAll(async () => {
    await service.close();
    await database.close();
  });

  const ORGANIZATION_CREATE = `mutation ($input: OrganizationCreateInput!) {
    organizationCreate(input: $input) {
      organization { id name organizationKind region { name } topics { nodes { name } }
        ... on Enterprise { qualifications employees industries { nodes { name } } } }
      userErrors { field message code } } }`;

  it('creates an enterprise with its region, topics and industry, under the slug asked for', async () => {
    const payload = await mutate<{ organization: { id: string; name: string; region: { name: string }; topics: { nodes: unknown[] }; industries: { nodes: unknown[] } }; userErrors: UserError[] }>(
      ORGANIZATION_CREATE,
      {
        input: {
          kind: 'ENTERPRISE',
          slug: slug('new'),
          name: '新建示例企业',
          qualifications: ['TECH_SME'],
          foundedYear: 2021,
          employees: 12,
          rdSpending: 30,
          region: gid('Region', 'region:county'),
          topics: [gid('Topic', 'topic:preserve')],
          industries: [gid('Industry', 'industry:pork')],
          source: 'test',
        },
      },
    );
    expect(payload.userErrors).toEqual([]);
    created.push(payload.organization.id);
    expect(fromGlobalId(payload.organization.id)).toEqual({ kind: 'Enterprise', id: `ent:${slug('new')}` });
    expect(payload.organization).toMatchObject({ name: '新建示例企业', region: { name: '示例县' }, topics: { nodes: [{ name: '冷链保存' }] }, industries: { nodes: [{ name: '老腊肉' }] } });

    const again = await mutate<{ organization: null; userErrors: UserError[] }>(ORGANIZATION_CREATE, {
      input: { kind: 'ENTERPRISE', slug: slug('new'), name: '重复', foundedYear: 2021, employees: 1, rdSpending: 0, source: 'test' },
    });
    expect(again).toEqual({ organization: null, userErrors: [{ field: ['input', 'slug'], message: expect.stringMatching(/is taken/), code: 'ALREADY_EXISTS' }] });
  });

  it('names each invalid field: missing enterprise fields, fields of another kind, unknown references', async () => {
    const payload = await mutate<{ organization: null; userErrors: UserError[] }>(ORGANIZATION_CREATE, {
      input: { kind: 'UNIVERSITY', name: '示例学院', platformKind: 'INCUBATOR', source: 'test' },
    });
    expect(payload.organization).toBeNull();
    expect(payload.userErrors).toEqual([{ field: ['input', 'platformKind'], message: 'platformKind: not a field of a University', code: 'INVALID_INPUT' }]);

    const missing = await mutate<{ userErrors: UserError[] }>(ORGANIZATION_CREATE, { input: { kind: 'ENTERPRISE', name: '缺字段企业', source: 'test' } });
    expect(missing.userErrors.map((error) => error.field.join('.'))).toEqual(['input.foundedYear', 'input.employees', 'input.rdSpending']);

    const unknown = await mutate<{ userErrors: UserError[] }>(ORGANIZATION_CREATE, {
      input: { kind: 'UNIVERSITY', name: '示例学院', region: toGlobalId('Region', 'region:nowhere'), topics: [gid('Industry', 'industry:pork')], source: 'test' },
    });
    expect(unknown.userErrors).toEqual([
      { field: ['input', 'topics', '0'], message: 'topics: expected a Topic, got a Industry', code: 'INVALID_INPUT' },
      { field: ['input', 'region'], message: expect.stringMatching(/^region: no Region has the id/), code: 'NOT_FOUND' },
    ]);
  });

  it('updates in place: given fields change, null clears, a list replaces the links', async () => {
    const payload = await mutate<{ organization: { employees: number; description: string | null; topics: { nodes: Array<{ name: string }> } }; userErrors: UserError[] }>(
      `mutation ($input: OrganizationUpdateInput!) { organizationUpdate(input: $input) {
        organization { ... on Enterprise { employees description topics { nodes { name } } } } userErrors { field message code } } }`,
      { input: { id: gid('Enterprise', 'ent:herb'), employees: 41, description: null, topics: [gid('Topic', 'topic:food'), gid('Topic', 'topic:breeding')] } },
    );
    expect(payload.userErrors).toEqual([]);
    expect(payload.organization).toEqual({ employees: 41, description: null, topics: { nodes: [{ name: '生猪育种' }, { name: '食品科学' }] } });
  });

  it('refuses to delete a referenced organisation unless asked to cascade, and then leaves no dangling link', async () => {
    const DELETE = `mutation ($input: OrganizationDeleteInput!) { organizationDelete(input: $input) { deletedId userErrors { field message code } } }`;
    const refused = await mutate<{ deletedId: null; userErrors: UserError[] }>(DELETE, { input: { id: gid('University', 'univ:agri') } });
    expect(refused.deletedId).toBeNull();
    expect(refused.userErrors[0]).toMatchObject({ code: 'STILL_REFERENCED', field: ['input', 'id'] });
    expect(refused.userErrors[0]?.message).toMatch(/1 AFFILIATED_WITH, 1 COOPERATES_WITH, 1 LEADS, 1 OWNS/);

    // The university is the patent's only owner: a second owner first, or the cascade is refused (see audit.test.ts).
    await database.write('MATCH (e:Entity {id: $herb}), (p:Entity {id: $patent}) CREATE (e)-[:OWNS {source: "test"}]->(p)', { herb: `${prefix}:ent:herb`, patent: `${prefix}:patent:smoke` });
    const done = await mutate<{ deletedId: string; userErrors: UserError[] }>(DELETE, { input: { id: gid('University', 'univ:agri'), cascade: true } });
    expect(done).toEqual({ deletedId: gid('University', 'univ:agri'), userErrors: [] });
    const [row] = await database.read('MATCH (e:Expert {id: $id}) RETURN count { (e)-[:AFFILIATED_WITH]->() } AS affiliations', { id: `${prefix}:expert:wang` });
    expect(row?.affiliations).toBe(1);

    const missing = await mutate<{ userErrors: UserError[] }>(DELETE, { input: { id: gid('University', 'univ:agri') } });
    expect(missing.userErrors[0]?.code).toBe('NOT_FOUND');
  });

  it('creates and updates an expert with affiliations and expertise; talent cards round-trip', async () => {
    const payload = await mutate<{ expert: { id: string; talentCard: string; primaryAffiliation: { name: string }; expertise: { edges: Array<{ level: string; node: { name: string } }> } }; userErrors: UserError[] }>(
      `mutation ($input: ExpertCreateInput!) { expertCreate(input: $input) {
        expert { id talentCard primaryAffiliation { name } expertise { edges { level node { name } } } } userErrors { field message code } } }`,
      {
        input: {
          slug: slug('zhao'),
          name: '赵示例',
          title: '研究员',
          talentCard: 'B_CARD',
          affiliations: [{ organization: gid('ResearchInstitute', 'inst:herb'), primary: true, role: '研究员' }],
          expertise: [{ topic: gid('Topic', 'topic:breeding'), level: 'EXPERT' }],
          source: 'test',
        },
      },
    );
    expect(payload.userErrors).toEqual([]);
    created.push(payload.expert.id);
    expect(payload.expert).toMatchObject({ talentCard: 'B_CARD', primaryAffiliation: { name: '示例中药研究所' }, expertise: { edges: [{ level: 'EXPERT', node: { name: '生猪育种' } }] } });
    const [stored] = await database.read('MATCH (e:Expert {id: $id}) RETURN e.talentCard AS card', { id: fromGlobalId(payload.expert.id)?.id });
    expect(stored?.card).toBe('B');

    const updated = await mutate<{ expert: { expertise: { edges: Array<{ level: string }> } }; userErrors: UserError[] }>(
      `mutation ($input: ExpertUpdateInput!) { expertUpdate(input: $input) { expert { expertise { edges { level } } } userErrors { field message code } } }`,
      { input: { id: payload.expert.id, expertise: [{ topic: gid('Topic', 'topic:food'), level: 'BASIC' }, { topic: gid('Topic', 'topic:preserve'), level: 'ADVANCED' }] } },
    );
    expect(updated.userErrors).toEqual([]);
    expect(updated.expert.expertise.edges.map((edge) => edge.level)).toEqual(['ADVANCED', 'BASIC']);
  });

  it('refuses to delete an expert who invented a patent, unless cascading; the cascade removes the links and keeps the patent and project', async () => {
    const DELETE = `mutation ($input: ExpertDeleteInput!) { expertDelete(input: $input) { deletedId detached { type count } userErrors { message code } } }`;
    // 李示例 has only an affiliation and expertise, which always go with the expert.
    const unreferenced = await mutate<{ deletedId: string; detached: unknown[]; userErrors: UserError[] }>(DELETE, { input: { id: gid('Expert', 'expert:li') } });
    expect(unreferenced).toEqual({ deletedId: gid('Expert', 'expert:li'), detached: [{ type: 'AFFILIATED_WITH', count: 1 }, { type: 'HAS_EXPERTISE', count: 1 }], userErrors: [] });
    const inventor = await mutate<{ deletedId: null; userErrors: UserError[] }>(DELETE, { input: { id: gid('Expert', 'expert:wang') } });
    expect(inventor.deletedId).toBeNull();
    expect(inventor.userErrors[0]).toMatchObject({ code: 'STILL_REFERENCED', message: expect.stringMatching(/INVENTED/) });

    // 王示例: 2 affiliations, 2 expertise, participates in proj:smoke, invented patent:smoke (fixture files).
    const cascaded = await mutate<{ deletedId: string; detached: Array<{ type: string; count: number }>; userErrors: UserError[] }>(DELETE, {
      input: { id: gid('Expert', 'expert:wang'), cascade: true },
    });
    expect(cascaded).toEqual({
      deletedId: gid('Expert', 'expert:wang'),
      detached: [
        { type: 'AFFILIATED_WITH', count: 2 },
        { type: 'HAS_EXPERTISE', count: 2 },
        { type: 'INVENTED', count: 1 },
        { type: 'PARTICIPATES_IN', count: 1 },
      ],
      userErrors: [],
    });
    const [left] = await database.read(
      `MATCH (p:Patent {id: $patent}), (j:Project {id: $project})
       RETURN count { (p)<-[:INVENTED]-() } AS inventors, count { (p)<-[:OWNS]-() } AS owners, count { (j)<-[:PARTICIPATES_IN]-() } AS participants,
              count { MATCH (e:Expert {id: $expert}) RETURN e } AS experts`,
      { patent: `${prefix}:patent:smoke`, project: `${prefix}:proj:smoke`, expert: `${prefix}:expert:wang` },
    );
    expect(left).toEqual({ inventors: 0, owners: 1, participants: 1, experts: 0 });
  });

  it('creates, updates and deletes a cooperation, refusing a second link between the same pair', async () => {
    const from = gid('Enterprise', 'ent:herb');
    const to = gid('ResearchInstitute', 'inst:herb');
    const COOPERATION = `cooperation { kind since source from { name } to { name } }`;
    const createdLink = await mutate<{ cooperation: { since: number; from: { name: string } }; userErrors: UserError[] }>(
      `mutation ($input: CooperationCreateInput!) { cooperationCreate(input: $input) { ${COOPERATION} userErrors { field message code } } }`,
      { input: { from, to, kind: 'JOINT_LAB', since: 2024, source: 'test' } },
    );
    expect(createdLink).toEqual({ cooperation: { kind: 'JOINT_LAB', since: 2024, source: 'test', from: { name: '示例中药材科技有限公司' }, to: { name: '示例中药研究所' } }, userErrors: [] });
    const duplicate = await mutate<{ userErrors: UserError[] }>(
      `mutation ($input: CooperationCreateInput!) { cooperationCreate(input: $input) { userErrors { field message code } } }`,
      { input: { from: to, to: from, kind: 'TECH_SERVICE', since: 2025, source: 'test' } },
    );
    expect(duplicate.userErrors[0]?.code).toBe('ALREADY_EXISTS');
    const updated = await mutate<{ cooperation: { since: number } }>(
      `mutation ($input: CooperationUpdateInput!) { cooperationUpdate(input: $input) { ${COOPERATION} userErrors { message } } }`,
      { input: { from: to, to: from, kind: 'JOINT_LAB', since: 2023 } },
    );
    expect(updated.cooperation.since).toBe(2023);
    const deleted = await mutate<{ deletedCooperation: { kind: string }; userErrors: UserError[] }>(
      `mutation ($input: CooperationDeleteInput!) { cooperationDelete(input: $input) { deletedCooperation { kind } userErrors { message } } }`,
      { input: { from, to, kind: 'JOINT_LAB' } },
    );
    expect(deleted).toEqual({ deletedCooperation: { kind: 'JOINT_LAB' }, userErrors: [] });
  });

  it('creates an open challenge, marks who took it, and deletes it with its links', async () => {
    const createdDemand = await mutate<{ demand: { id: string; mode: string; status: string; postedBy: { name: string }; requiredTopics: { nodes: Array<{ name: string }> } }; userErrors: UserError[] }>(
      `mutation ($input: DemandCreateInput!) { demandCreate(input: $input) {
        demand { id mode status postedOn postedBy { name } requiredTopics { nodes { name } } } userErrors { field message code } } }`,
      {
        input: {
          slug: slug('challenge'),
          title: '山地鸡育种揭榜挂帅',
          mode: 'OPEN_CHALLENGE',
          budget: 200,
          deadline: '2026-12-31',
          postedBy: gid('GovernmentAgency', 'agency:sci'),
          requiredTopics: [gid('Topic', 'topic:breeding')],
          source: 'test',
        },
      },
    );
    expect(createdDemand.userErrors).toEqual([]);
    created.push(createdDemand.demand.id);
    expect(createdDemand.demand).toMatchObject({ mode: 'OPEN_CHALLENGE', status: 'OPEN', postedBy: { name: '示例县科技局' }, requiredTopics: { nodes: [{ name: '生猪育种' }] } });
    const taken = await mutate<{ demand: { status: string; takenBy: { edges: Array<{ since: string; node: { name: string } }> } }; userErrors: UserError[] }>(
      `mutation ($input: DemandUpdateInput!) { demandUpdate(input: $input) {
        demand { status takenBy { edges { since node { ... on University { name } } } } } userErrors { field message code } } }`,
      { input: { id: createdDemand.demand.id, status: 'MATCHED', takenBy: [{ taker: gid('University', 'univ:agri'), since: '2026-01-15' }] } },
    );
    expect(taken).toEqual({ demand: { status: 'MATCHED', takenBy: { edges: [{ since: '2026-01-15', node: { name: '示例农业大学' } }] } }, userErrors: [] });
    const badDate = await service.query(
      `mutation ($input: DemandUpdateInput!) { demandUpdate(input: $input) { userErrors { field message code } } }`,
      { input: { id: createdDemand.demand.id, deadline: '2026-02-30' } },
      'admin',
    );
    expect(badDate.errors?.map((error) => [error.extensions?.code, error.message])).toEqual([
      ['BAD_USER_INPUT', 'Variable "$input" got invalid value "2026-02-30" at "input.deadline"; Expected type "Date". "2026-02-30" is not a real calendar date.'],
    ]);
    const deleted = await mutate<{ deletedId: string }>(`mutation ($input: DemandDeleteInput!) { demandDelete(input: $input) { deletedId userErrors { message } } }`, {
      input: { id: createdDemand.demand.id },
    });
    expect(deleted.deletedId).toBe(createdDemand.demand.id);
  });
});

describe('relationship properties obey the seed format too', () => {
  let database: Database;
  let service: TestService;
  const prefix = uniquePrefix();
  const gid = (kind: Parameters<typeof toGlobalId>[0], id: string) => toGlobalId(kind, `${prefix}:${id}`);

  beforeAll(async () => {
    database = openTestDatabase();
    service = await startTestService(database);
    await loadMiniCounty(database, prefix);
  });
  afterAll(async () => {
    await deleteByPrefix(database, prefix);
    await service.close();
    await database.close();
  });

  it('refuses a record linked twice to the same target (the seed format allows one such relationship), storing nothing', async () => {
    // Found by the round-trip property: two FOCUSES_ON to one topic were stored, and the export no longer imported.
    const result = await service.query<{ organizationCreate: { organization: null; userErrors: Array<{ field: string[]; message: string; code: string }> } }>(
      `mutation ($input: OrganizationCreateInput!) { organizationCreate(input: $input) { organization { id } userErrors { field message code } } }`,
      { input: { kind: 'UNIVERSITY', slug: `${prefix}-twice`, name: '重复方向大学', topics: [gid('Topic', 'topic:food'), gid('Topic', 'topic:food')], source: 'test' } },
      'editor',
    );
    expect(result.data?.organizationCreate).toEqual({ organization: null, userErrors: [{ field: ['input', 'topics', '1'], message: 'topics.1: listed twice', code: 'INVALID_INPUT' }] });
    const [stored] = await database.read('MATCH (u:University {id: $id}) RETURN count(u) AS count', { id: `univ:${prefix}-twice` });
    expect(stored?.count).toBe(0);
  });

  it('refuses an affiliation since 99999 with a blank role, a taker since 2026-02-30 and a cooperation without start year, storing nothing', async () => {
    const expert = await service.query<{ expertCreate: { expert: null; userErrors: Array<{ field: string[]; code: string }> } }>(
      `mutation ($input: ExpertCreateInput!) { expertCreate(input: $input) { expert { id } userErrors { field code } } }`,
      { input: { name: '关系校验', title: '工程师', source: 'test', affiliations: [{ organization: gid('University', 'univ:agri'), role: ' ', since: 99999 }] } },
      'editor',
    );
    expect(expert.data?.expertCreate.expert).toBeNull();
    expect(expert.data?.expertCreate.userErrors.map((error) => [error.field.join('.'), error.code]).sort()).toEqual([
      ['input.affiliations.0.role', 'INVALID_INPUT'],
      ['input.affiliations.0.since', 'INVALID_INPUT'],
    ]);
    const [stored] = await database.read('MATCH (e:Expert {name: "关系校验"}) RETURN count(e) AS count');
    expect(stored?.count).toBe(0);

    const taker = await service.query<{ demandUpdate: { userErrors: Array<{ field: string[] }> } }>(
      `mutation ($input: DemandUpdateInput!) { demandUpdate(input: $input) { userErrors { field code } } }`,
      { input: { id: gid('Demand', 'demand:cold'), takenBy: [{ taker: gid('University', 'univ:agri'), since: '2026-02-30' }] } },
      'editor',
    );
    // The Date scalar refuses it before the mutation runs, naming the field.
    expect(taker.errors?.map((error) => [error.extensions?.code, error.message.includes('"input.takenBy[0].since"')])).toEqual([['BAD_USER_INPUT', true]]);

    const cooperation = await service.query<{ cooperationUpdate: { cooperation: null; userErrors: Array<{ field: string[]; code: string }> } }>(
      `mutation ($input: CooperationUpdateInput!) { cooperationUpdate(input: $input) { cooperation { since } userErrors { field code } } }`,
      { input: { from: gid('Enterprise', 'ent:pork'), to: gid('University', 'univ:agri'), kind: 'INDUSTRY_ACADEMIA', since: null } },
      'editor',
    );
    expect(cooperation.errors).toBeUndefined();
    expect(cooperation.data?.cooperationUpdate).toEqual({ cooperation: null, userErrors: [{ field: ['input', 'since'], code: 'INVALID_INPUT' }] });
  });
});
