import { afterAll, describe, expect, it } from 'vitest';
import { deleteByPrefix, openTestDatabase, uniquePrefix } from '../support/database.js';
import { findTopicHolders } from '../../src/modules/matching/matching.repository.js';
import { rankCandidatesBatch, recommendPartners, type MatchRequest } from '../../src/modules/matching/matching.service.js';
import { topicQuestion } from '../support/fixtures.js';

/**
 * The matcher's cost bounds as the README states them, on hand-made data:
 * - a need topic's related topics count only when fewer than 200 candidates hold the need topic itself more strongly
 *   than any related topic can be held (a narrower topic counts 0.85 of the need's; an EXPERT-level expertise 1.0);
 * - a need is matched on at most 24 topics, the heaviest first, rarer first among equals;
 * - requests answered together (a chain's gaps) find the candidates each finds alone, whatever kinds the others ask.
 */
describe('matching bounds (issue 12)', () => {
  const database = openTestDatabase();
  const prefix = uniquePrefix();
  const id = (local: string) => `${prefix}:${local}`;
  afterAll(async () => {
    await deleteByPrefix(database, prefix);
    await database.close();
  });

  it('answers a popular topic without its related topics, and a less popular one with them', async () => {
    // Topic P with 201 EXPERT-level experts; its narrower topic P1 with one more expert.
    await database.write(
      `CREATE (p:Entity:Topic {id: $prefix + ':P', name: $prefix + '热门主题'}), (n:Entity:Topic {id: $prefix + ':P1', name: $prefix + '细分主题'})-[:BROADER]->(p)
       WITH p, n
       UNWIND range(1, 201) AS index
       CREATE (:Entity:Expert {id: $prefix + ':x' + index, name: '专家' + index})-[:HAS_EXPERTISE {level: 'EXPERT'}]->(p)
       WITH DISTINCT n
       CREATE (:Entity:Expert {id: $prefix + ':specialist', name: '细分专家'})-[:HAS_EXPERTISE {level: 'EXPERT'}]->(n)`,
      { prefix },
    );
    const popular = await findTopicHolders(database, [id('P')], ['Expert'], 2);
    const candidates = new Set(popular.map((hold) => hold.candidateId));
    expect(candidates.size).toBe(200);
    expect(candidates.has(id('specialist'))).toBe(false);
    expect(popular.every((hold) => hold.heldTopicId === id('P'))).toBe(true);

    // With 199 direct holders, the narrower topic can change the answer: its expert comes in at 0.85.
    await database.write(`MATCH (x:Expert) WHERE x.id IN [$prefix + ':x200', $prefix + ':x201'] DETACH DELETE x`, { prefix });
    const lessPopular = await findTopicHolders(database, [id('P')], ['Expert'], 2);
    const specialist = lessPopular.filter((hold) => hold.candidateId === id('specialist'));
    expect(new Set(lessPopular.map((hold) => hold.candidateId)).size).toBe(200);
    expect(specialist).toEqual([expect.objectContaining({ needTopicId: id('P'), heldTopicId: id('P1'), down: 1, up: 0, via: 'expertise', level: 'EXPERT' })]);
  });

  it('answers requests for different kinds together as each alone, past the 200 holders kept per topic', async () => {
    // Topic Q held by 201 EXPERT-level experts (strength 1.0 each) and focused on by one platform (0.7): the 200
    // strongest holders of every kind together are all experts.
    await database.write(
      `CREATE (q:Entity:Topic {id: $prefix + ':Q', name: $prefix + '共享主题'})
       CREATE (:Entity:Organization:Platform {id: $prefix + ':platform', name: $prefix + '共享平台'})-[:FOCUSES_ON]->(q)
       WITH q
       UNWIND range(1, 201) AS index
       CREATE (:Entity:Expert {id: $prefix + ':q' + index, name: '共享专家' + index})-[:HAS_EXPERTISE {level: 'EXPERT'}]->(q)`,
      { prefix },
    );
    const request = (kinds: MatchRequest['kinds']) => topicQuestion(id('Q'), kinds, { examine: 300 });
    const [experts, platforms] = await rankCandidatesBatch(database, [request(['Expert']), request(['Platform'])]);
    expect(platforms!.matches.map((match) => match.candidate.id)).toEqual([id('platform')]);
    // Experts: the 200 kept of the 201, all of them experts of Q.
    expect(experts!.matchCount).toBe(200);
    expect(experts!.matches.every((match) => match.candidate.id.startsWith(id('q')))).toBe(true);
  });

  it('matches a need of 30 topics on the 24 rarest of them', async () => {
    // An enterprise focusing on 30 topics (weight 1 each): T1…T24 held by one expert each, T25…T30 by two.
    await database.write(
      `CREATE (e:Entity:Organization:Enterprise {id: $prefix + ':firm', name: $prefix + '多方向企业'})
       WITH e
       UNWIND range(1, 30) AS index
       CREATE (t:Entity:Topic {id: $prefix + ':T' + index, name: $prefix + '方向' + index})
       CREATE (e)-[:FOCUSES_ON]->(t)
       CREATE (:Entity:Expert {id: $prefix + ':a' + index, name: '甲' + index})-[:HAS_EXPERTISE {level: 'ADVANCED'}]->(t)
       WITH t, index WHERE index > 24
       CREATE (:Entity:Expert {id: $prefix + ':b' + index, name: '乙' + index})-[:HAS_EXPERTISE {level: 'ADVANCED'}]->(t)`,
      { prefix },
    );
    const result = await recommendPartners(database, id('firm'), ['Expert'], null, 2026);
    const interpreted = (result?.interpretedTopics ?? []).map((topic) => topic.id);
    expect(interpreted).toHaveLength(24);
    expect([...interpreted].sort()).toEqual(Array.from({ length: 24 }, (_, index) => id(`T${index + 1}`)).sort());
  });
});
