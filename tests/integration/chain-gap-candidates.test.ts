import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteByPrefix, openTestDatabase, uniquePrefix } from '../support/database.js';
import { importDataset } from '../../src/import/importer.js';
import { findEntity } from '../../src/modules/chain/chain.repository.js';
import { analyseIndustryChain, explainNoCandidates, rankGapCandidates } from '../../src/modules/chain/chain.service.js';
import type { IndustryChainModel } from '../../src/modules/chain/chain.model.js';

/**
 * The gap-candidate rule on a hand-made chain: segment A requires one topic, held by a local expert (ADVANCED, at a
 * county institute) and by an expert of a university in another municipality (EXPERT); one local enterprise works in
 * A. Segment B requires no topic. Worked by hand:
 * - A: experts 2 of which local 1 → WEAK (县内专家偏少); its candidates: the outside expert only (local: false),
 *   the local one already counts as support. Local enterprises 1 → WEAK (企业偏少), and no other enterprise holds
 *   the topic: no candidate, with the reason. No R&D partner → NO_RD_PARTNER; candidates: the county institute and
 *   the university. Proximity cannot apply (no party), so weights are shared over 0.88: institute = (topic 0.45 ×
 *   0.6 [ADVANCED 0.75 × staff 0.8] + geography 0.10 × 1 + capacity 0.08 × 0.8) / 0.88 = 0.434 / 0.88 ≈ 0.4932;
 *   university = (0.45 × 0.8 [EXPERT 1 × staff 0.8] + 0.08 × 0.8) / 0.88 = 0.424 / 0.88 ≈ 0.4818.
 * - B: judged on its enterprises only → one gap, NO_ENTERPRISE, whose reason says the segment requires no topic.
 */
describe('chain gaps: candidates from anywhere, local support left out, topic-less segments', () => {
  const database = openTestDatabase();
  const prefix = uniquePrefix();
  const id = (local: string) => `${prefix}:${local}`;
  let chain: IndustryChainModel;

  beforeAll(async () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'kg-chain-'));
    mkdirSync(path.join(folder, 'nodes'));
    mkdirSync(path.join(folder, 'relationships'));
    const write = (file: string, records: Array<Record<string, unknown>>) =>
      writeFileSync(path.join(folder, file), JSON.stringify({ formatVersion: 1, records: records.map((record) => ({ ...record, source: 'test fixture' })) }));
    writeFileSync(path.join(folder, 'dataset.json'), JSON.stringify({ formatVersion: 1, name: 'chain fixture' }));
    write('nodes/Region.json', [
      { id: id('region:prov'), name: '测试省', kind: 'PROVINCE' },
      { id: id('region:city'), name: '测试市', kind: 'MUNICIPALITY' },
      { id: id('region:far'), name: '远方市', kind: 'MUNICIPALITY' },
      { id: id('region:county'), name: '测试县', kind: 'COUNTY' },
    ]);
    write('relationships/PART_OF.json', [
      { from: id('region:city'), to: id('region:prov') },
      { from: id('region:far'), to: id('region:prov') },
      { from: id('region:county'), to: id('region:city') },
    ]);
    write('nodes/Topic.json', [{ id: id('topic:t'), name: '测试专用竹荪烘焙' }]);
    write('nodes/Industry.json', [{ id: id('industry:x'), name: '测试产业' }]);
    write('nodes/ChainSegment.json', [
      { id: id('seg:a'), name: '测试产业·加工', position: 'MIDSTREAM', order: 1 },
      { id: id('seg:b'), name: '测试产业·销售', position: 'DOWNSTREAM', order: 2 },
    ]);
    write('relationships/HAS_SEGMENT.json', [
      { from: id('industry:x'), to: id('seg:a') },
      { from: id('industry:x'), to: id('seg:b') },
    ]);
    write('relationships/UPSTREAM_OF.json', [{ from: id('seg:a'), to: id('seg:b') }]);
    write('relationships/REQUIRES.json', [{ from: id('seg:a'), to: id('topic:t') }]);
    write('nodes/Enterprise.json', [{ id: id('ent:local'), name: '测试本地企业', qualifications: [], foundedYear: 2015, employees: 10, rdSpending: 0 }]);
    write('nodes/ResearchInstitute.json', [{ id: id('inst:local'), name: '测试县农技中心' }]);
    write('nodes/University.json', [{ id: id('univ:far'), name: '远方大学' }]);
    write('relationships/LOCATED_IN.json', [
      { from: id('ent:local'), to: id('region:county') },
      { from: id('inst:local'), to: id('region:county') },
      { from: id('univ:far'), to: id('region:far') },
    ]);
    write('relationships/IN_SEGMENT.json', [{ from: id('ent:local'), to: id('seg:a') }]);
    write('nodes/Expert.json', [
      { id: id('expert:local'), name: '本地专家', title: '农艺师' },
      { id: id('expert:far'), name: '远方专家', title: '教授' },
    ]);
    write('relationships/AFFILIATED_WITH.json', [
      { from: id('expert:local'), to: id('inst:local'), primary: true },
      { from: id('expert:far'), to: id('univ:far'), primary: true },
    ]);
    write('relationships/HAS_EXPERTISE.json', [
      { from: id('expert:local'), to: id('topic:t'), level: 'ADVANCED' },
      { from: id('expert:far'), to: id('topic:t'), level: 'EXPERT' },
    ]);
    await importDataset(database, folder);
    const industry = (await findEntity(database, 'Industry', id('industry:x')))!;
    const county = (await findEntity(database, 'Region', id('region:county')))!;
    chain = await analyseIndustryChain(database, industry, county, 2026);
  });
  afterAll(async () => {
    await deleteByPrefix(database, prefix);
    await database.close();
  });

  const gapOf = (segment: string, dimension: string) => chain.segments.find((analysis) => analysis.segment.id === id(segment))!.gaps.find((gap) => gap.dimension === dimension)!;

  it('counts local experts for the verdict and proposes the outside expert, not the local one', async () => {
    const segment = chain.segments.find((analysis) => analysis.segment.id === id('seg:a'))!;
    expect(segment.support).toMatchObject({ experts: 2, localExperts: 1, localEnterprises: 1 });
    const gap = gapOf('seg:a', 'EXPERTS');
    expect([gap.kind, gap.label, gap.observed, gap.required]).toEqual(['WEAK', '县内专家偏少', 1, 3]);
    const candidates = await rankGapCandidates(database, gap, 5);
    expect(candidates.map((candidate) => [candidate.candidate.id, candidate.local])).toEqual([[id('expert:far'), false]]);
    expect(await explainNoCandidates(database, gap)).toBeNull();
  });

  it('proposes R&D partners from inside and outside the county, best first (closeness can outweigh a stronger expert)', async () => {
    const gap = gapOf('seg:a', 'RD_PARTNERS');
    expect(gap.kind).toBe('NO_RD_PARTNER');
    const candidates = await rankGapCandidates(database, gap, 5);
    expect(candidates.map((candidate) => [candidate.candidate.id, candidate.local])).toEqual([
      [id('inst:local'), true],
      [id('univ:far'), false],
    ]);
    expect(candidates[0]!.score).toBeCloseTo(0.4932, 3);
    expect(candidates[1]!.score).toBeCloseTo(0.4818, 3);
  });

  it('says why a gap has no candidate', async () => {
    const gap = gapOf('seg:a', 'ENTERPRISES');
    expect([gap.kind, gap.label]).toEqual(['WEAK', '企业偏少']);
    expect(await rankGapCandidates(database, gap, 5)).toEqual([]);
    expect(await explainNoCandidates(database, gap)).toBe(
      '图谱中没有县内支撑之外的企业掌握、研究或从事该环节所需技术（测试专用竹荪烘焙） / No enterprise beyond the segment\'s local support holds, works on or works in its topics (测试专用竹荪烘焙)',
    );
  });

  it("keeps a chain's gap candidates until a write, and the next analysis after one sees it", async () => {
    const industry = (await findEntity(database, 'Industry', id('industry:x')))!;
    const county = (await findEntity(database, 'Region', id('region:county')))!;
    const expertsGap = (analysis: IndustryChainModel) => analysis.segments.find((segment) => segment.segment.id === id('seg:a'))!.gaps.find((gap) => gap.dimension === 'EXPERTS')!;
    const sent: string[] = [];
    const stop = database.onQuery((event) => {
      if (event.query) sent.push(event.query);
    });
    try {
      await rankGapCandidates(database, expertsGap(await analyseIndustryChain(database, industry, county, 2026)), 5);
      sent.length = 0;
      const again = await rankGapCandidates(database, expertsGap(await analyseIndustryChain(database, industry, county, 2026)), 5);
      expect(again.map((candidate) => candidate.candidate.id)).toEqual([id('expert:far')]);
      expect(sent.filter((query) => /UNWIND \$(needTopicIds|candidateIds)/.test(query))).toEqual([]); // no matching pass

      // A second outside expert, as strong as the first (EXPERT, primary at the far university): same score, by id —
      // topic 0.45 × 1 / 0.88 = 0.5114, capacity (a title, no card) 0.08 × 0.25 / 0.88 = 0.0227, no geography (another
      // municipality): 0.5341.
      await database.write(
        `MATCH (t:Topic {id: $prefix + ':topic:t'}), (u:University {id: $prefix + ':univ:far'})
         CREATE (x:Entity:Expert {id: $prefix + ':expert:far2', name: '远方专家二', title: '教授'})-[:HAS_EXPERTISE {level: 'EXPERT'}]->(t)
         CREATE (x)-[:AFFILIATED_WITH {primary: true}]->(u)`,
        { prefix },
      );
      const after = await rankGapCandidates(database, expertsGap(await analyseIndustryChain(database, industry, county, 2026)), 5);
      expect(after.map((candidate) => [candidate.candidate.id, candidate.score])).toEqual([
        [id('expert:far'), 0.5341],
        [id('expert:far2'), 0.5341],
      ]);
    } finally {
      stop();
      await database.write('MATCH (x:Expert {id: $id}) DETACH DELETE x', { id: id('expert:far2') });
    }
  });

  it('judges the topic-less segment on its enterprises only, and explains why no candidate can be matched', async () => {
    const segment = chain.segments.find((analysis) => analysis.segment.id === id('seg:b'))!;
    expect(segment.gaps.map((gap) => [gap.kind, gap.label])).toEqual([['NO_ENTERPRISE', '缺企业']]);
    expect(await explainNoCandidates(database, segment.gaps[0]!)).toMatch(/^该环节未登记所需技术主题/);
  });
});
