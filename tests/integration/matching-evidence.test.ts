import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteByPrefix, openTestDatabase, uniquePrefix } from '../support/database.js';
import { importDataset } from '../../src/import/importer.js';
import { recommendPartners, searchExperts } from '../../src/modules/matching/matching.service.js';

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
