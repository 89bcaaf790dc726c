import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteByPrefix, openTestDatabase, uniquePrefix, withReads } from '../support/database.js';
import { importDataset } from '../../src/import/importer.js';
import { recommendPartners, searchExperts } from '../../src/modules/matching/matching.service.js';
import { evidenceByTopic, evidenceOf, evidenceOnTopics, readEvidence } from '../../src/modules/matching/matching.repository.js';

/**
 * Capability from evidence: organisations that declare no focus still hold a topic through an affiliated expert,
 * a project they led or joined, or a patent they own. Hand-worked with reference year 2026 (evidence from 2024:
 * recency ½^(2/4) ≈ 0.7071) and one need topic held by nobody else, so the topic signal equals the hold strength:
 *   expert (EXPERT expertise) 1; institute through its expert (primary affiliation) 0.8 × 1 = 0.8;
 *   university that led the project 0.75 × 0.7071 ≈ 0.5303 (its patent: 0.6 × 0.7071 ≈ 0.4243, weaker);
 *   rival enterprise that joined the project 0.45 × 0.7071 ≈ 0.3182.
 * Without a place, geography cannot apply: TOPIC_OVERLAP's weight 0.45 becomes 0.45 / 0.9 = 0.5, so its
 * contributions are 0.5, 0.4, 0.2652 and 0.1591.
 */
describe('matching: capability from evidence (organisations without declared focus)', () => {
  const database = openTestDatabase();
  const prefix = uniquePrefix();
  const id = (local: string) => `${prefix}:${local}`;

  beforeAll(async () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'kg-evidence-'));
    mkdirSync(path.join(folder, 'nodes'));
    mkdirSync(path.join(folder, 'relationships'));
    const source = 'test fixture';
    const enterprise = { qualifications: [], foundedYear: 2010, employees: 10, rdSpending: 0 };
    const write = (file: string, records: Array<Record<string, unknown>>) =>
      writeFileSync(path.join(folder, file), JSON.stringify({ formatVersion: 1, records: records.map((record) => ({ ...record, source })) }));
    writeFileSync(path.join(folder, 'dataset.json'), JSON.stringify({ formatVersion: 1, name: 'evidence fixture' }));
    write('nodes/Topic.json', [
      { id: id('topic:zz'), name: '测试专用魔芋凝胶保鲜' },
      { id: id('topic:nobody'), name: '无人掌握的蜂胶微囊工艺' },
    ]);
    write('nodes/ChainSegment.json', [{ id: id('seg:s'), name: '测试·加工', position: 'MIDSTREAM', order: 1 }]);
    write('nodes/Enterprise.json', [
      { id: id('ent:poster'), name: '测试需求企业', ...enterprise },
      { id: id('ent:rival'), name: '测试同行企业', ...enterprise },
    ]);
    write('nodes/University.json', [{ id: id('univ:u'), name: '测试大学' }]);
    write('nodes/ResearchInstitute.json', [{ id: id('inst:i'), name: '测试研究所' }]);
    write('nodes/Expert.json', [{ id: id('expert:e'), name: '测试专家', title: '研究员' }]);
    write('nodes/Project.json', [{ id: id('proj:a'), name: '魔芋凝胶保鲜示范', level: 'COUNTY', mode: 'REGULAR', startYear: 2024, funding: 10 }]);
    write('nodes/Patent.json', [{ id: id('patent:b'), title: '一种魔芋凝胶保鲜膜', number: 'T-1', kind: 'INVENTION', filedYear: 2024 }]);
    write('nodes/Demand.json', [{ id: id('demand:d'), title: '寻求技术支持', mode: 'REGULAR', postedOn: '2026-01-01', status: 'OPEN', budget: 10 }]);
    write('relationships/REQUIRES.json', [{ from: id('demand:d'), to: id('topic:zz') }]);
    write('relationships/POSTED.json', [{ from: id('ent:poster'), to: id('demand:d') }]);
    write('relationships/IN_SEGMENT.json', [
      { from: id('ent:poster'), to: id('seg:s') },
      { from: id('ent:rival'), to: id('seg:s') },
    ]);
    write('relationships/LEADS.json', [{ from: id('univ:u'), to: id('proj:a') }]);
    write('relationships/PARTICIPATES_IN.json', [{ from: id('ent:rival'), to: id('proj:a') }]);
    write('relationships/ON_TOPIC.json', [
      { from: id('proj:a'), to: id('topic:zz') },
      { from: id('patent:b'), to: id('topic:zz') },
    ]);
    write('relationships/OWNS.json', [{ from: id('univ:u'), to: id('patent:b') }]);
    write('relationships/AFFILIATED_WITH.json', [{ from: id('expert:e'), to: id('inst:i'), primary: true }]);
    write('relationships/HAS_EXPERTISE.json', [{ from: id('expert:e'), to: id('topic:zz'), level: 'EXPERT' }]);
    write('relationships/COOPERATES_WITH.json', [{ from: id('inst:i'), to: id('ent:poster'), kind: 'TECH_SERVICE', since: 2022 }]);
    await importDataset(database, folder);
  });
  afterAll(async () => {
    await deleteByPrefix(database, prefix);
    await database.close();
  });

  it('proposes the institute through its expert, the university through its project, the rival through the project it joined', async () => {
    const result = await recommendPartners(database, id('demand:d'), null, null, 2026);
    const matches = result!.matches;
    const topicContribution = (candidate: string) => matches.find((match) => match.candidate.id === id(candidate))?.reasons.find((reason) => reason.kind === 'TOPIC_OVERLAP');
    expect(topicContribution('expert:e')?.contribution).toBeCloseTo(0.5, 4);
    expect(topicContribution('inst:i')?.contribution).toBeCloseTo(0.4, 4);
    expect(topicContribution('univ:u')?.contribution).toBeCloseTo(0.2652, 4);
    expect(topicContribution('ent:rival')?.contribution).toBeCloseTo(0.1591, 4);
    expect(topicContribution('inst:i')?.summary).toBe('掌握「测试专用魔芋凝胶保鲜」（其专家测试专家，专家级）；其中「测试专用魔芋凝胶保鲜」较稀缺');
    expect(topicContribution('univ:u')?.summary).toBe('掌握「测试专用魔芋凝胶保鲜」（主持项目「魔芋凝胶保鲜示范」）；其中「测试专用魔芋凝胶保鲜」较稀缺');
    expect(topicContribution('ent:rival')?.summary).toBe('掌握「测试专用魔芋凝胶保鲜」（参与项目「魔芋凝胶保鲜示范」）；其中「测试专用魔芋凝胶保鲜」较稀缺');
  });

  it('flags the institute as already cooperating and the rival of the same segment as a possible conflict', async () => {
    const matches = (await recommendPartners(database, id('demand:d'), null, null, 2026))!.matches;
    const byId = new Map(matches.map((match) => [match.candidate.id, match]));
    expect(byId.get(id('inst:i'))?.alreadyCooperating).toBe(true);
    expect(byId.get(id('ent:rival'))?.possibleConflict).toBe(true);
    expect(byId.get(id('univ:u'))?.possibleConflict).toBe(false);
    expect(byId.has(id('ent:poster'))).toBe(false);
  });

  it('says when the need is understood but nobody holds it (noCandidates), apart from an unknown need', async () => {
    const understood = await searchExperts(database, { text: '无人掌握的蜂胶微囊工艺' }, null, 2026);
    expect(understood.interpretedTopics.map((topic) => topic.id)).toEqual([id('topic:nobody')]);
    expect([understood.noKnownTopic, understood.noCandidates, understood.matches.length]).toEqual([false, true, 0]);
    const unknown = await searchExperts(database, { text: '量子点显示面板封装' }, null, 2026);
    expect([unknown.noKnownTopic, unknown.noCandidates]).toEqual([true, false]);
  });

  it('reads a one-character typo of a topic name in a need (中药材提曲工艺 → 提取工艺, on the sample county)', async () => {
    const result = await searchExperts(database, { text: '中药材提曲工艺' }, null, 2026);
    expect(result.interpretedTopics[0]).toMatchObject({ id: 'topic:extraction', weight: 0.8, origin: '近似名称「提取工艺」' });
    expect(result.matches.length).toBeGreaterThan(0);
  });
});

/**
 * Evidence is read whichever way reads least — every link of the candidates, every item on the topics, or both ends'
 * items joined — and the answer is the same every way. Hand-built: the hub expert H invented 12 patents (p1, p2 on
 * topic T, p3–p12 on topic O), led project j1 (on T, which H also joined) and joined j2, j3, j4 (on O); expert S
 * co-invented p1 and invented q1; expert Z invented q2–q20; q1–q20 are on topic U.
 */
describe('matching: evidence read every way', () => {
  const prefix = uniquePrefix();
  const id = (local: string) => `${prefix}:${local}`;
  const database = openTestDatabase();

  beforeAll(async () => {
    await database.write(
      `CREATE (t:Entity:Topic {id: $prefix + ':T', name: '测试甲'}), (o:Entity:Topic {id: $prefix + ':O', name: '测试乙'}), (u:Entity:Topic {id: $prefix + ':U', name: '测试丙'})
       CREATE (h:Entity:Expert {id: $prefix + ':H', name: '测试枢纽专家'}), (s:Entity:Expert {id: $prefix + ':S', name: '测试专家'}), (z:Entity:Expert {id: $prefix + ':Z', name: '测试另一专家'})
       CREATE (h)-[:INVENTED]->(p1:Entity:Patent {id: $prefix + ':p1', title: '测试专利一', kind: 'INVENTION', filedYear: 2024})-[:ON_TOPIC]->(t),
              (s)-[:INVENTED]->(p1),
              (h)-[:INVENTED]->(:Entity:Patent {id: $prefix + ':p2', title: '测试专利二', kind: 'UTILITY_MODEL', filedYear: 2019, grantedYear: 2020})-[:ON_TOPIC]->(t),
              (h)-[:LEADS]->(j1:Entity:Project {id: $prefix + ':j1', name: '测试项目一', level: 'COUNTY', startYear: 2023})-[:ON_TOPIC]->(t),
              (h)-[:PARTICIPATES_IN]->(j1),
              (h)-[:PARTICIPATES_IN]->(:Entity:Project {id: $prefix + ':j2', name: '测试项目二', level: 'NATIONAL', startYear: 2022})-[:ON_TOPIC]->(o),
              (h)-[:PARTICIPATES_IN]->(:Entity:Project {id: $prefix + ':j3', name: '测试项目三', level: 'COUNTY', startYear: 2021})-[:ON_TOPIC]->(o),
              (h)-[:PARTICIPATES_IN]->(:Entity:Project {id: $prefix + ':j4', name: '测试项目四', level: 'COUNTY', startYear: 2021})-[:ON_TOPIC]->(o),
              (s)-[:INVENTED]->(:Entity:Patent {id: $prefix + ':q1', title: '测试专利丙一', kind: 'DESIGN', filedYear: 2025})-[:ON_TOPIC]->(u)
       WITH h, o, u, z
       UNWIND range(3, 12) AS n CREATE (h)-[:INVENTED]->(:Entity:Patent {id: $prefix + ':p' + n, title: '测试专利' + n, kind: 'INVENTION', filedYear: 2021})-[:ON_TOPIC]->(o)
       WITH DISTINCT u, z
       UNWIND range(2, 20) AS n CREATE (z)-[:INVENTED]->(:Entity:Patent {id: $prefix + ':q' + n, title: '测试专利丙' + n, kind: 'INVENTION', filedYear: 2021})-[:ON_TOPIC]->(u)`,
      { prefix },
    );
  });
  afterAll(async () => {
    await deleteByPrefix(database, prefix);
    await database.close();
  });

  it('reads the patents and projects of hub candidates on a topic with few items', async () => {
    const evidence = await evidenceOf(database, [id('H'), id('S')], [id('T')]);
    expect(evidence.get(id('H'))?.patents.map((patent) => [patent.id, patent.year, patent.kind, patent.topicIds]).sort()).toEqual([
      [id('p1'), 2024, 'INVENTION', [id('T')]],
      [id('p2'), 2020, 'UTILITY_MODEL', [id('T')]],
    ]);
    expect(evidence.get(id('H'))?.projects).toEqual([
      { candidateId: id('H'), id: id('j1'), name: '测试项目一', startYear: 2023, level: 'COUNTY', role: 'LEAD', topicIds: [id('T')] },
    ]);
    expect(evidence.get(id('S'))).toEqual({
      projects: [],
      patents: [{ candidateId: id('S'), id: id('p1'), title: '测试专利一', year: 2024, kind: 'INVENTION', topicIds: [id('T')] }],
    });
  });

  it('reads them for a candidate with few links on a topic with many items, and an item on two topics once with both', async () => {
    expect(await evidenceOf(database, [id('S')], [id('U')])).toEqual(
      new Map([[id('S'), { projects: [], patents: [{ candidateId: id('S'), id: id('q1'), title: '测试专利丙一', year: 2025, kind: 'DESIGN', topicIds: [id('U')] }] }]]),
    );
    // H's projects j2–j4 are on O only, its patents p3–p12 too: on T and O together, 2 + 10 patents and four projects.
    const both = (await evidenceOf(database, [id('H')], [id('T'), id('O')])).get(id('H'));
    expect(both?.patents).toHaveLength(12);
    expect(both?.projects.map((project) => [project.id, project.role, project.topicIds]).sort()).toEqual([
      [id('j1'), 'LEAD', [id('T')]],
      [id('j2'), 'PARTICIPANT', [id('O')]],
      [id('j3'), 'PARTICIPANT', [id('O')]],
      [id('j4'), 'PARTICIPANT', [id('O')]],
    ]);
  });

  it('gives a batch\'s requests each its own topics\' evidence from one read on all their topics', async () => {
    // One read on T, O and U for H and S (as a chain's gaps read together); then each request's topics alone.
    const byTopic = await evidenceByTopic(database, [id('H'), id('S')], [id('T'), id('O'), id('U')]);
    const onO = evidenceOnTopics(byTopic.get(id('H')), [id('O')]);
    expect(onO.projects.map((project) => [project.id, project.topicIds]).sort()).toEqual([
      [id('j2'), [id('O')]],
      [id('j3'), [id('O')]],
      [id('j4'), [id('O')]],
    ]);
    expect(onO.patents.map((patent) => patent.id).sort()).toEqual(Array.from({ length: 10 }, (_, index) => id(`p${index + 3}`)).sort());
    // S on T: p1 only (q1 is on U); S on O: nothing; H on T and U: p1, p2 and j1 (H has nothing on U).
    expect(evidenceOnTopics(byTopic.get(id('S')), [id('T')])).toEqual({
      projects: [],
      patents: [{ candidateId: id('S'), id: id('p1'), title: '测试专利一', year: 2024, kind: 'INVENTION', topicIds: [id('T')] }],
    });
    expect(evidenceOnTopics(byTopic.get(id('S')), [id('O')])).toEqual({ projects: [], patents: [] });
    const onTU = evidenceOnTopics(byTopic.get(id('H')), [id('T'), id('U')]);
    expect([...onTU.projects, ...onTU.patents].map((item) => item.id).sort()).toEqual([id('j1'), id('p1'), id('p2')]);
  });

  it('reads the same rows every way: from the candidates, from the topics and joined', async () => {
    const patent = (candidate: string, item: string, topic: string) => [id(candidate), id(item), [id(topic)]];
    const expectedPatents = [
      patent('H', 'p1', 'T'),
      patent('H', 'p2', 'T'),
      ...Array.from({ length: 10 }, (_, index) => patent('H', `p${index + 3}`, 'O')),
      patent('S', 'p1', 'T'),
      patent('S', 'q1', 'U'),
      ...Array.from({ length: 19 }, (_, index) => patent('Z', `q${index + 2}`, 'U')),
    ].sort();
    const expectedProjects = [
      [id('H'), id('j1'), 'LEAD', [id('T')]],
      [id('H'), id('j2'), 'PARTICIPANT', [id('O')]],
      [id('H'), id('j3'), 'PARTICIPANT', [id('O')]],
      [id('H'), id('j4'), 'PARTICIPANT', [id('O')]],
    ];
    for (const way of ['fromCandidates', 'fromTopics', 'joined'] as const) {
      const read = await readEvidence(database, [id('H'), id('S'), id('Z')], [id('T'), id('O'), id('U')], way);
      expect(read.patents.map((row) => [row.candidateId, row.id, row.topicIds]).sort(), way).toEqual(expectedPatents);
      expect(read.projects.map((row) => [row.candidateId, row.id, row.role, row.topicIds]).sort(), way).toEqual(expectedProjects);
    }
  });
});

/**
 * A path to the party in need is explained by name, and the names come with the path (no round trip after it).
 * Hand-built: enterprise E focuses on topic T and led project P; expert Y joined P and is affiliated with university U,
 * as is expert X, who holds T. X → U → Y → P → E is X's only way to E: 4 steps.
 */
describe('matching: a path to the party in need, named', () => {
  const prefix = uniquePrefix();
  const id = (local: string) => `${prefix}:${local}`;
  const database = openTestDatabase();

  beforeAll(async () => {
    await database.write(
      `CREATE (t:Entity:Topic {id: $prefix + ':T', name: '测试路径课题'})
       CREATE (e:Entity:Organization:Enterprise {id: $prefix + ':E', name: '测试需求企业', foundedYear: 2010})-[:FOCUSES_ON]->(t)
       CREATE (e)-[:LEADS]->(p:Entity:Project {id: $prefix + ':P', name: '测试共同项目', level: 'COUNTY', startYear: 2024})
       CREATE (y:Entity:Expert {id: $prefix + ':Y', name: '测试中间专家'})-[:PARTICIPATES_IN]->(p)
       CREATE (u:Entity:Organization:University {id: $prefix + ':U', name: '测试路径大学'})
       CREATE (y)-[:AFFILIATED_WITH]->(u)
       CREATE (x:Entity:Expert {id: $prefix + ':X', name: '测试候选专家'})-[:AFFILIATED_WITH]->(u)
       CREATE (x)-[:HAS_EXPERTISE {level: 'EXPERT'}]->(t)`,
      { prefix },
    );
  });
  afterAll(async () => {
    await deleteByPrefix(database, prefix);
    await database.close();
  });

  it('says how many steps and through whom, with the names read beside the path', async () => {
    // Each read as it starts and as it ends (a read started beside the path may end after it).
    const sent: string[] = [];
    const watched = withReads(database, async (query, parameters, real) => {
      sent.push(`start ${query}`);
      try {
        return await real.read(query, parameters);
      } finally {
        sent.push(`end ${query}`);
      }
    });
    const result = await recommendPartners(watched, id('E'), ['Expert'], null, 2026);
    const match = result!.matches.find((candidate) => candidate.candidate.id === id('X'));
    const reason = match?.reasons.find((candidate) => candidate.kind === 'GRAPH_PROXIMITY');
    expect(reason).toMatchObject({
      summary: '与需求方相距4步：测试候选专家 → 测试路径大学 → 测试中间专家 → 测试共同项目 → 测试需求企业',
      pathIds: [id('X'), id('U'), id('Y'), id('P'), id('E')],
    });
    // No read of names starts once the path is known.
    const proximity = sent.findIndex((event) => event.startsWith('end ') && event.includes('shortestPath'));
    expect(proximity).toBeGreaterThan(-1);
    expect(sent.slice(proximity + 1).filter((event) => event.startsWith('start ') && event.includes('coalesce(n.name, n.title)'))).toEqual([]);
  });

  /** The matcher's reads this test follows, each known by a piece of its Cypher. */
  const READS: Array<[name: string, marker: string]> = [
    ['holders', '$needTopicIds'],
    // The holder store's lists, read first (the topics without one are then read live).
    ['holders', 'holds IS NOT NULL'],
    ['counts', 'RETURN topicId, count'],
    ['proximity', 'shortestPath'],
    ['evidence', 'fromCandidates'],
  ];

  it('reads the need topics\' holders beside their holder counts, not after them', async () => {
    // Each question through a view of its own (nothing kept yet: the matcher keeps values per database object) that notes
    // when each read starts and ends.
    const fresh = openTestDatabase();
    const watch = () => {
      const events: string[] = [];
      const view = withReads(fresh, async (query, parameters, real) => {
        const what = READS.find(([, marker]) => query.includes(marker))?.[0] ?? 'other';
        events.push(`start ${what}`);
        try {
          return await real.read(query, parameters);
        } finally {
          events.push(`end ${what}`);
        }
      });
      /** Whether a read of `second` started before the first read of `first` ended. */
      const overlapped = (first: string, second: string) => events.indexOf(`start ${second}`) > -1 && events.indexOf(`start ${second}`) < events.indexOf(`end ${first}`);
      return { view, events, overlapped };
    };
    try {
      const partners = watch();
      expect((await recommendPartners(partners.view, id('E'), ['Expert'], null, 2026))!.matches.map((match) => match.candidate.id)).toEqual([id('X')]);
      expect(partners.overlapped('counts', 'holders')).toBe(true);
      const experts = watch();
      expect((await searchExperts(experts.view, { topicIds: [id('T')] }, null, 2026)).matches.map((match) => match.candidate.id)).toEqual([id('X')]);
      expect(experts.overlapped('counts', 'holders')).toBe(true);

      // A page of one: X, the best by topic signal, has its proximity read ahead beside its evidence; the phase that asks
      // for the candidates able to reach the page (X) finds it kept, and reads nothing more.
      const paged = watch();
      const result = await recommendPartners(paged.view, id('E'), ['Expert'], null, 2026, 1);
      expect(result!.matches.map((match) => [match.candidate.id, match.reasons.find((reason) => reason.kind === 'GRAPH_PROXIMITY')?.pathIds.length])).toEqual([[id('X'), 5]]);
      expect(paged.overlapped('evidence', 'proximity')).toBe(true);
      expect(paged.events.filter((event) => event === 'start proximity')).toHaveLength(1);
    } finally {
      await fresh.close();
    }
  });
});
