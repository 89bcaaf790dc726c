import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteByPrefix, openTestDatabase, uniquePrefix } from '../support/database.js';
import { importRecords } from '../support/fixtures.js';
import { findSegmentSupport, type SupportRow } from '../../src/modules/chain/chain.repository.js';

/**
 * A segment's support has a part every county shares (its members wherever they are) and a county's part (its members
 * located in the county or a region below it; an expert through an organisation there), counted from the county's
 * side. A hand-made chain, two segments:
 * - A requires topic T, whose narrower topic T1 counts as A's too (BROADER); B requires topic U.
 * - The county C has a town W (W PART_OF C); another county D lies beside it.
 * - Enterprises: e1 in C (A and B), e2 in W (A), e3 in D (A and B). A: 3 in all, 2 local (e1, e2); B: 2 in all, 1 local (e1).
 * - Experts: x1 affiliated with e1 (in C) and with a university in D, expertise T and T1 → A once, local;
 *   x2 affiliated with a platform in W, expertise T1 → A, local; x3 affiliated with the university in D only,
 *   expertise T and U → A and B, not local; x4 with no affiliation, expertise U → B, not local.
 *   A: experts 3 (x1 x2 x3), local 2 (x1 x2); B: experts 2 (x3 x4), local 0.
 * Seen from D: A local enterprises 1 (e3), B 1 (e3); local experts A 2 (x1 through the university, x3), B 1 (x3).
 */
describe("a chain's support: the county's part walked from the county", () => {
  const database = openTestDatabase();
  const prefix = uniquePrefix();
  const id = (local: string) => `${prefix}:${local}`;
  const OPTIONS = { recentSince: 2021, supporterLimit: 10 };
  const withSource = (records: Array<Record<string, unknown>>) => records.map((record) => ({ ...record, source: 'test fixture' }));

  beforeAll(async () => {
    await importRecords(database, 'support fixture', {
      nodes: {
        Region: withSource([
          { id: id('region:city'), name: '支撑市', kind: 'MUNICIPALITY' },
          { id: id('region:c'), name: '支撑县', kind: 'COUNTY' },
          { id: id('region:w'), name: '支撑镇', kind: 'TOWNSHIP' },
          { id: id('region:d'), name: '邻县', kind: 'COUNTY' },
        ]),
        Topic: withSource([
          { id: id('topic:t'), name: '支撑测试主题' },
          { id: id('topic:t1'), name: '支撑测试细分主题' },
          { id: id('topic:u'), name: '支撑测试另一主题' },
        ]),
        Industry: withSource([{ id: id('industry:x'), name: '支撑测试产业' }]),
        ChainSegment: withSource([
          { id: id('seg:a'), name: '支撑测试·加工', position: 'MIDSTREAM', order: 1 },
          { id: id('seg:b'), name: '支撑测试·销售', position: 'DOWNSTREAM', order: 2 },
        ]),
        Enterprise: withSource(['e1', 'e2', 'e3'].map((name) => ({ id: id(`ent:${name}`), name: `支撑企业${name}`, qualifications: [], foundedYear: 2015, employees: 10, rdSpending: 0 }))),
        University: withSource([{ id: id('univ:d'), name: '邻县大学' }]),
        Platform: withSource([{ id: id('platform:w'), name: '支撑镇星创天地', kind: 'STAR_CREATION_SPACE', level: 'COUNTY' }]),
        Expert: withSource(['x1', 'x2', 'x3', 'x4'].map((name) => ({ id: id(`expert:${name}`), name: `支撑专家${name}`, title: '工程师' }))),
      },
      relationships: {
        PART_OF: withSource([
          { from: id('region:c'), to: id('region:city') },
          { from: id('region:d'), to: id('region:city') },
          { from: id('region:w'), to: id('region:c') },
        ]),
        BROADER: withSource([{ from: id('topic:t1'), to: id('topic:t') }]),
        HAS_SEGMENT: withSource([
          { from: id('industry:x'), to: id('seg:a') },
          { from: id('industry:x'), to: id('seg:b') },
        ]),
        REQUIRES: withSource([
          { from: id('seg:a'), to: id('topic:t') },
          { from: id('seg:b'), to: id('topic:u') },
        ]),
        LOCATED_IN: withSource([
          { from: id('ent:e1'), to: id('region:c') },
          { from: id('ent:e2'), to: id('region:w') },
          { from: id('ent:e3'), to: id('region:d') },
          { from: id('univ:d'), to: id('region:d') },
          { from: id('platform:w'), to: id('region:w') },
        ]),
        IN_SEGMENT: withSource([
          { from: id('ent:e1'), to: id('seg:a') },
          { from: id('ent:e1'), to: id('seg:b') },
          { from: id('ent:e2'), to: id('seg:a') },
          { from: id('ent:e3'), to: id('seg:a') },
          { from: id('ent:e3'), to: id('seg:b') },
        ]),
        AFFILIATED_WITH: withSource([
          { from: id('expert:x1'), to: id('ent:e1'), primary: true },
          { from: id('expert:x1'), to: id('univ:d'), primary: false },
          { from: id('expert:x2'), to: id('platform:w'), primary: true },
          { from: id('expert:x3'), to: id('univ:d'), primary: true },
        ]),
        HAS_EXPERTISE: withSource([
          { from: id('expert:x1'), to: id('topic:t'), level: 'ADVANCED' },
          { from: id('expert:x1'), to: id('topic:t1'), level: 'EXPERT' },
          { from: id('expert:x2'), to: id('topic:t1'), level: 'BASIC' },
          { from: id('expert:x3'), to: id('topic:t'), level: 'EXPERT' },
          { from: id('expert:x3'), to: id('topic:u'), level: 'BASIC' },
          { from: id('expert:x4'), to: id('topic:u'), level: 'ADVANCED' },
        ]),
      },
    });
  });
  afterAll(async () => {
    await deleteByPrefix(database, prefix);
    await database.close();
  });

  const figures = (rows: SupportRow[]) =>
    Object.fromEntries(
      rows.map((row) => [
        row.segmentId.slice(prefix.length + 1),
        { enterprises: row.enterprises, local: row.localEnterprises, localIds: [...row.localEnterpriseIds].sort(), experts: row.experts, localExperts: row.localExperts, localExpertIds: [...row.localExpertIds].sort() },
      ]),
    );

  it('counts the members of a county and of the regions below it, experts through any of their organisations there', async () => {
    expect(figures(await findSegmentSupport(database, id('industry:x'), id('region:c'), OPTIONS))).toEqual({
      'seg:a': { enterprises: 3, local: 2, localIds: [id('ent:e1'), id('ent:e2')], experts: 3, localExperts: 2, localExpertIds: [id('expert:x1'), id('expert:x2')] },
      'seg:b': { enterprises: 2, local: 1, localIds: [id('ent:e1')], experts: 2, localExperts: 0, localExpertIds: [] },
    });
  });

  it('gives another county its own members over the same totals', async () => {
    expect(figures(await findSegmentSupport(database, id('industry:x'), id('region:d'), OPTIONS))).toEqual({
      'seg:a': { enterprises: 3, local: 1, localIds: [id('ent:e3')], experts: 3, localExperts: 2, localExpertIds: [id('expert:x1'), id('expert:x3')] },
      'seg:b': { enterprises: 2, local: 1, localIds: [id('ent:e3')], experts: 2, localExperts: 1, localExpertIds: [id('expert:x3')] },
    });
  });

  it('keeps at most the limit of local ids while counting them all', async () => {
    const [a] = (await findSegmentSupport(database, id('industry:x'), id('region:c'), { recentSince: 2021, supporterLimit: 1 })).filter((row) => row.segmentId === id('seg:a'));
    expect([a!.localEnterprises, a!.localEnterpriseIds.length, a!.localExperts, a!.localExpertIds.length]).toEqual([2, 1, 2, 1]);
  });

  it("counts a town's own members (e2, x2 in A), and nothing local for a region that does not exist", async () => {
    const local = async (region: string) =>
      (await findSegmentSupport(database, id('industry:x'), id(region), OPTIONS))
        .map((row) => [row.segmentId.slice(prefix.length + 1), row.enterprises, row.localEnterprises, row.localExperts])
        .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    expect(await local('region:w')).toEqual([
      ['seg:a', 3, 1, 1],
      ['seg:b', 2, 0, 0],
    ]);
    expect(await local('region:none')).toEqual([
      ['seg:a', 3, 0, 0],
      ['seg:b', 2, 0, 0],
    ]);
  });
});
