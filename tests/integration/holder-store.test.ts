import { describe, expect, it } from 'vitest';
import { useTestService } from '../support/graphql-client.js';
import { deleteByPrefix, openTestDatabase, silentLogger, uniquePrefix } from '../support/database.js';
import { toGlobalId } from '../../src/graphql/global-id.js';
import { HOLDER_REACH, holderReach, markAllStoresStale } from '../../src/graph/holder-marks.js';
import { MATCHING_CONFIG } from '../../src/modules/matching/matching.config.js';
import { holderStamps, keepHolderLists, readStoredHolders } from '../../src/modules/matching/holder-store.js';
import { STORED_HOLDER_KINDS, fillHolderStore } from '../../src/modules/matching/matching.service.js';
import { GAP_CANDIDATE_KINDS } from '../../src/modules/chain/chain.service.js';
import { KeepWarm } from '../../src/keep-warm.js';
import { findTopicHolders, type TopicHold } from '../../src/modules/matching/matching.repository.js';
import type { NodeKind } from '../../src/graph/kinds.js';

/**
 * The holder store (issue 12): each topic's strongest holders kept in the database, marked stale by the writes that
 * reach them, in the writes' own transactions.
 *
 * Hand-made topics: A and B are narrower than P (siblings), C stands apart, D is narrower than C.
 * X1 has expertise in A at EXPERT level, X2 at BASIC and is the primary staff of university U; X3 leads project J,
 * which is on topic A; X4 has expertise in C.
 * So, for experts: A is held by X1 (expertise), X2 (expertise), X3 (led J); B by none itself, and by the same three
 * through its sibling A (one step down and one up); C by X4; P by the three through A (one step down).
 */
describe('holder store', () => {
  const suite = useTestService();
  const prefix = uniquePrefix();
  const id = (local: string) => `${prefix}:${local.toLowerCase()}`;
  const local = (value: string | null | undefined) => (value ? value.slice(prefix.length + 1).toUpperCase() : value);
  const steps = MATCHING_CONFIG.topics.hierarchySteps;
  const EXPERTS: NodeKind[] = ['Expert'];

  async function createFixture(): Promise<void> {
    await suite.database.write(
      `CREATE (p:Entity:Topic {id: $prefix + ':p', name: '测试上位主题'})
       CREATE (a:Entity:Topic {id: $prefix + ':a', name: '测试主题甲'})-[:BROADER]->(p)
       CREATE (b:Entity:Topic {id: $prefix + ':b', name: '测试主题乙'})-[:BROADER]->(p)
       CREATE (c:Entity:Topic {id: $prefix + ':c', name: '测试主题丙'})
       CREATE (:Entity:Topic {id: $prefix + ':d', name: '测试主题丁'})-[:BROADER]->(c)
       CREATE (u:Entity:Organization:University {id: $prefix + ':u', name: '测试大学'})
       CREATE (j:Entity:Project {id: $prefix + ':j', name: '测试项目', level: 'COUNTY', mode: 'REGULAR', startYear: 2024, funding: 1})-[:ON_TOPIC]->(a)
       CREATE (:Entity:Expert {id: $prefix + ':x1', name: '测试专家一'})-[:HAS_EXPERTISE {level: 'EXPERT'}]->(a)
       CREATE (x2:Entity:Expert {id: $prefix + ':x2', name: '测试专家二', title: '研究员', kinds: [], programmes: [], flexibleEngagement: false, source: 'test'})-[:HAS_EXPERTISE {level: 'BASIC'}]->(a)
       CREATE (x2)-[:AFFILIATED_WITH {primary: true}]->(u)
       CREATE (:Entity:Expert {id: $prefix + ':x3', name: '测试专家三'})-[:LEADS]->(j)
       CREATE (:Entity:Expert {id: $prefix + ':x4', name: '测试专家四', title: '研究员', kinds: [], programmes: [], flexibleEngagement: false, source: 'test'})-[:HAS_EXPERTISE {level: 'ADVANCED'}]->(c)`,
      { prefix },
    );
  }

  /** The holds as [candidate, held topic, down, up, way, evidence], sorted. */
  const holdsOf = (holds: readonly TopicHold[]) =>
    holds.map((hold) => [local(hold.candidateId), local(hold.heldTopicId), hold.down, hold.up, hold.via, local(hold.viaId) ?? null]).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  const stored = async (local: string, kinds = EXPERTS) => (await readStoredHolders(suite.database, [id(local)], kinds, steps)).get(id(local));
  const topicIds = () => ['P', 'A', 'B', 'C', 'D'].map(id);

  it('keeps each topic\'s strongest holders, and answers a need from them as the live read would', async () => {
    await createFixture();
    try {
      expect(await stored('A')).toBeUndefined();
      expect(await fillHolderStore(suite.database, [EXPERTS], { topicIds: topicIds() })).toEqual({ computed: 5, kept: 5 });
      expect(holdsOf((await stored('A')) ?? [])).toEqual([
        ['X1', 'A', 0, 0, 'expertise', null],
        ['X2', 'A', 0, 0, 'expertise', null],
        ['X3', 'A', 0, 0, 'led', 'J'],
      ]);
      expect(holdsOf((await stored('B')) ?? [])).toEqual([
        ['X1', 'A', 1, 1, 'expertise', null],
        ['X2', 'A', 1, 1, 'expertise', null],
        ['X3', 'A', 1, 1, 'led', 'J'],
      ]);
      expect(holdsOf((await stored('P')) ?? [])).toEqual([
        ['X1', 'A', 1, 0, 'expertise', null],
        ['X2', 'A', 1, 0, 'expertise', null],
        ['X3', 'A', 1, 0, 'led', 'J'],
      ]);
      expect(holdsOf((await stored('C')) ?? [])).toEqual([['X4', 'C', 0, 0, 'expertise', null]]);
      expect(holdsOf((await stored('D')) ?? [])).toEqual([['X4', 'C', 0, 1, 'expertise', null]]);
      // Nothing more to compute; another set of kinds has its own lists (the university holds A through its staff X2).
      expect(await fillHolderStore(suite.database, [EXPERTS], { topicIds: topicIds() })).toEqual({ computed: 0, kept: 0 });
      expect(await stored('A', ['University'])).toBeUndefined();
      await fillHolderStore(suite.database, [['University']], { topicIds: [id('A')] });
      expect(holdsOf((await stored('A', ['University'])) ?? [])).toEqual([['U', 'A', 0, 0, 'staff', 'X2']]);

      // A need reads the kept lists: no live read of holders (a fresh connection: nothing kept in memory).
      const fresh = openTestDatabase();
      try {
        const reads: string[] = [];
        fresh.onQuery((event) => reads.push(event.query ?? ''));
        const holds = await findTopicHolders(fresh, [id('A'), id('C')], EXPERTS, steps);
        expect(holdsOf(holds)).toEqual([
          ['X1', 'A', 0, 0, 'expertise', null],
          ['X2', 'A', 0, 0, 'expertise', null],
          ['X3', 'A', 0, 0, 'led', 'J'],
          ['X4', 'C', 0, 0, 'expertise', null],
        ]);
        expect(reads.filter((query) => query.includes('$needTopicIds'))).toEqual([]);
      } finally {
        await fresh.close();
      }
    } finally {
      await deleteByPrefix(suite.database, prefix);
    }
  });

  it('a mutation marks the topics it reaches in its own transaction, and the next answer reads them live', async () => {
    await createFixture();
    try {
      await fillHolderStore(suite.database, [EXPERTS], { topicIds: topicIds() });
      const before = await holderStamps(suite.database, topicIds());
      // X4 takes up A at EXPERT level and drops C: A, its parent P and its sibling B are reached through A; C and D
      // through C (its narrower topic); all within two steps.
      const result = await suite.service.query(
        `mutation ($input: ExpertUpdateInput!) { expertUpdate(input: $input) { userErrors { message } } }`,
        { input: { id: toGlobalId('Expert', id('X4')), expertise: [{ topic: toGlobalId('Topic', id('A')), level: 'EXPERT' }] } },
        'admin',
      );
      expect(result).toEqual({ data: { expertUpdate: { userErrors: [] } } });
      const after = await holderStamps(suite.database, topicIds());
      for (const topic of topicIds()) expect(after.get(topic)).toBe((before.get(topic) ?? 0) + 1);
      for (const topic of ['P', 'A', 'B', 'C', 'D']) expect(await stored(topic)).toBeUndefined();

      const fresh = openTestDatabase();
      try {
        expect(holdsOf(await findTopicHolders(fresh, [id('A'), id('C')], EXPERTS, steps))).toEqual([
          ['X1', 'A', 0, 0, 'expertise', null],
          ['X2', 'A', 0, 0, 'expertise', null],
          ['X3', 'A', 0, 0, 'led', 'J'],
          ['X4', 'A', 0, 0, 'expertise', null],
        ]);
      } finally {
        await fresh.close();
      }
      // Renaming X2 reaches their expertise topic A (their name is part of the university's hold through them) and A's
      // neighbourhood, not C or D.
      const university: NodeKind[] = ['University'];
      await fillHolderStore(suite.database, [EXPERTS, university], { topicIds: topicIds() });
      expect((await stored('A', university))?.map((hold) => hold.viaName)).toEqual(['测试专家二']);
      const renamed = await holderStamps(suite.database, topicIds());
      const rename = await suite.service.query(
        `mutation ($input: ExpertUpdateInput!) { expertUpdate(input: $input) { userErrors { message } } }`,
        { input: { id: toGlobalId('Expert', id('X2')), name: '测试专家二（改）' } },
        'admin',
      );
      expect(rename).toEqual({ data: { expertUpdate: { userErrors: [] } } });
      const stamps = await holderStamps(suite.database, topicIds());
      expect(topicIds().filter((topic) => stamps.get(topic) !== renamed.get(topic)).map(local)).toEqual(['P', 'A', 'B']);
      expect(await stored('C')).toBeDefined();
      await fillHolderStore(suite.database, [university], { topicIds: topicIds() });
      expect((await stored('A', university))?.map((hold) => hold.viaName)).toEqual(['测试专家二（改）']);
    } finally {
      await deleteByPrefix(suite.database, prefix);
    }
  });

  it('a keep-warm round ends by computing every missing list, for the kinds matching questions and chain gaps ask', async () => {
    await createFixture();
    const warm = new KeepWarm(suite.database, silentLogger, { checkMs: 0, chains: 0, topics: 0, year: () => 2026 });
    try {
      warm.start();
      await warm.idle();
      const [round] = warm.rounds;
      // The fixture's five topics for five sets of kinds at least (the sample's topics have theirs computed too).
      expect(round?.stored.computed).toBeGreaterThanOrEqual(25);
      expect(round?.stored.kept).toBe(round?.stored.computed);
      for (const kinds of [...STORED_HOLDER_KINDS, ...GAP_CANDIDATE_KINDS]) expect(await stored('D', [...kinds])).toBeDefined();
      expect(holdsOf((await stored('A', ['University', 'ResearchInstitute'])) ?? [])).toEqual([['U', 'A', 0, 0, 'staff', 'X2']]);
    } finally {
      warm.stop();
      // The sample's topics were filled too: other test files read their holders live again.
      await markAllStoresStale(suite.database);
      await deleteByPrefix(suite.database, prefix);
    }
  });

  it('keeps a list only if no mark came between the reading of its stamp and its storing', async () => {
    await createFixture();
    try {
      const stamps = await holderStamps(suite.database, [id('C'), id('D')]);
      expect([...stamps.values()]).toEqual([null, null]);
      // A bulk load marks every topic (as `kg import` does) after the stamps were read: neither list is kept.
      await markAllStoresStale(suite.database);
      const list = (topicId: string) => ({ topicId, stamp: stamps.get(topicId) ?? null, holds: [] });
      expect(await keepHolderLists(suite.database, EXPERTS, steps, [list(id('C')), list(id('D'))])).toBe(0);
      expect(await stored('C')).toBeUndefined();
      // Read again, kept.
      const now = await holderStamps(suite.database, [id('C')]);
      expect(await keepHolderLists(suite.database, EXPERTS, steps, [{ topicId: id('C'), stamp: now.get(id('C')) ?? null, holds: [] }])).toBe(1);
      expect(await stored('C')).toEqual([]);
    } finally {
      await deleteByPrefix(suite.database, prefix);
    }
  });

  it('names the topics a change reaches by the way it reaches them', () => {
    const expert = (relationships: Array<[string, 'out' | 'in', string, Record<string, unknown>?]>, properties: Record<string, unknown> = { name: '甲' }) => ({
      kind: 'Expert',
      properties,
      relationships: relationships.map(([type, direction, other, props]) => ({ type, direction, other, properties: props ?? {} })),
    });
    // A level changed: the topic; an affiliation added: the expert's own topics; untouched links: nothing.
    expect(
      holderReach('x', expert([['HAS_EXPERTISE', 'out', 't1', { level: 'BASIC' }], ['LOCATED_IN', 'out', 'r']]), expert([['HAS_EXPERTISE', 'out', 't1', { level: 'EXPERT' }], ['LOCATED_IN', 'out', 'r'], ['AFFILIATED_WITH', 'out', 'u']])),
    ).toEqual({ own: [], topics: ['t1', 't1'], works: [], experts: ['x'], segments: [], industries: [], topicWorks: [], candidates: [] });
    // A renamed expert: their own topics, as a project's, an expert's or a segment's; a cooperation link: nothing.
    expect(holderReach('x', expert([], { name: '甲' }), expert([], { name: '乙' }))).toEqual({ own: [], topics: [], works: ['x'], experts: ['x'], segments: ['x'], industries: [], topicWorks: [], candidates: [] });
    expect(holderReach('e', null, { type: 'COOPERATES_WITH', from: 'e', to: 'f', properties: {} })).toEqual({ own: [], topics: [], works: [], experts: [], segments: [], industries: [], topicWorks: [], candidates: [] });
    // A deleted topic: itself (whether or not it still exists) and its broader topic; the record deleted is a candidate
    // whose kept evidence (if any) must go.
    expect(holderReach('t', { kind: 'Topic', properties: {}, relationships: [{ type: 'BROADER', direction: 'out', other: 'p', properties: {} }] }, null)).toEqual({
      own: ['t'],
      topics: ['t', 'p'],
      works: [],
      experts: [],
      segments: [],
      industries: [],
      topicWorks: [],
      candidates: ['t'],
    });
    // A project's topic removed: the topic, and the project (its candidates' evidence); a patent's inventor added: the
    // patent (its candidates) and the inventor.
    expect(holderReach('j', { type: 'ON_TOPIC', from: 'j', to: 't', properties: {} }, null)).toMatchObject({ topics: ['t'], works: [], topicWorks: ['j'], candidates: [] });
    expect(holderReach('x', null, { type: 'INVENTED', from: 'x', to: 'pt', properties: {} })).toMatchObject({ topics: [], works: ['pt'], topicWorks: [], candidates: ['x'] });
    // A platform serving an industry, an enterprise in a segment.
    expect(holderReach('f', null, { type: 'SERVES', from: 'f', to: 'i', properties: {} }).industries).toEqual(['i']);
    expect(holderReach('e', null, { type: 'IN_SEGMENT', from: 'e', to: 's', properties: {} }).segments).toEqual(['s']);
    // The reach covers the matcher's related topics (its steps, and siblings: two steps).
    expect(HOLDER_REACH).toBeGreaterThanOrEqual(Math.max(steps, 2));
  });
});
