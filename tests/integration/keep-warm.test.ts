import { describe, expect, it } from 'vitest';
import { useTestService } from '../support/graphql-client.js';
import { deleteByPrefix, openTestDatabase, silentLogger, uniquePrefix, withReads } from '../support/database.js';
import { toGlobalId } from '../../src/graphql/global-id.js';
import { Clock } from '../../src/clock.js';
import { KeepWarm } from '../../src/keep-warm.js';
import { proximityGraphOf } from '../../src/modules/matching/matching.repository.js';
import { markAllStoresStale } from '../../src/graph/holder-marks.js';
import { mostLinkedTopics } from '../../src/modules/matching/matching.repository.js';
import { rankCandidatesBatch, type MatchRequest } from '../../src/modules/matching/matching.service.js';
import { topicQuestion } from '../support/fixtures.js';
import { findDefaultCounty } from '../../src/modules/chain/chain.repository.js';
import { analyseIndustryChain } from '../../src/modules/chain/chain.service.js';
import { findEntitiesByIds } from '../../src/modules/node/node.repository.js';

/**
 * What the server prepares before anyone asks (issue 12), on the sample county: its six chains (the industries with
 * segments in seeds/sample-county/relationships/HAS_SEGMENT.json: 大木漆, 中药材, 老腊肉, 山地鸡, 光伏, 页岩陶粒) and the
 * matcher's three questions (a topic held by an expert, an enterprise with a focus, a demand requiring a topic); then,
 * once the graph changed, the questions and chains asked lately too.
 */
describe('keeping the derived data warm', () => {
  // The service's clock says 2026, as the warm-up's year does: a chain asked with no year is the one prepared.
  const suite = useTestService({ clock: new Clock('Asia/Shanghai', () => new Date('2026-06-01T04:00:00Z')) });
  const prefix = uniquePrefix();
  const CHAIN_INDUSTRIES = ['industry:damuqi', 'industry:herbs', 'industry:laorou', 'industry:mountain-chicken', 'industry:photovoltaic', 'industry:shale-ceramsite'];

  /** The Cypher sent while the queries are asked (one after another, each answered without error). */
  async function queriesOf(...queries: Array<[query: string, variables: Record<string, unknown>]>): Promise<string[]> {
    const sent: string[] = [];
    const stop = suite.database.onQuery((event) => sent.push(event.query ?? 'transaction'));
    try {
      for (const [query, variables] of queries) expect((await suite.service.query(query, variables)).errors).toBeUndefined();
    } finally {
      stop();
    }
    return sent;
  }
  /** Every chain asked as the explorer does (no county, no year), with its gaps' candidates. */
  const queriesOfChains = () =>
    queriesOf(
      ...CHAIN_INDUSTRIES.map((industry): [string, Record<string, unknown>] => [
        `query ($id: ID!) { industryChain(industry: $id) { segments { support { experts } gaps { kind reason candidates(first: 3) { score } } } } }`,
        { id: toGlobalId('Industry', industry) },
      ]),
    );
  /** Partners for an enterprise of the sample. */
  const queriesOfPartners = () =>
    queriesOf([`query ($for: ID!) { partnerRecommendations(for: $for, first: 5) { matches { nodes { score } } } }`, { for: toGlobalId('Enterprise', 'ent:anlan-lawei') }]);
  /** The 老腊肉 chain seen from a county of the test's own (not the default one). */
  const queriesOfOtherCounty = () =>
    queriesOf([
      `query ($id: ID!, $county: ID) { industryChain(industry: $id, county: $county) { segments { gaps { candidates(first: 3) { score } } } } }`,
      { id: toGlobalId('Industry', 'industry:laorou'), county: toGlobalId('Region', `${prefix}:county`) },
    ]);
  /** The chain support count and the matcher's reads: what a prepared chain no longer needs. */
  const heavy = (queries: string[]) => queries.filter((query) => query.includes('$countyId') || query.includes('$needTopicIds'));

  const waitFor = async (condition: () => boolean) => {
    for (let waited = 0; waited < 30_000 && !condition(); waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
  };
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it('prepares the default county\'s chains at start, and again once the graph has changed and then stayed quiet', async () => {
    const warm = new KeepWarm(suite.database, silentLogger, { checkMs: 200, chains: 24, topics: 0, holderStore: false, year: () => 2026 });
    try {
      // A write before start: the kept values of earlier tests are gone, the round below reads everything. A county with
      // no enterprise, so the default county stays the sample's.
      await suite.database.write(`CREATE (:Entity:Region {id: $prefix + ':county', name: '测试县', kind: 'COUNTY'})`, { prefix });
      warm.start();
      await warm.idle();
      expect(warm.rounds).toEqual([{ reason: 'start', questions: 3, chains: 6, industries: 6, topics: 0, stored: { computed: 0, kept: 0 }, evidence: { computed: 0, kept: 0 }, proximityLinks: 481, ms: expect.any(Number) }]);
      // Every chain is answered from what was prepared: no support count, no candidate ranking.
      const prepared = await queriesOfChains();
      expect(prepared.length).toBeGreaterThan(0); // the segments themselves are read (cheap)
      expect(heavy(prepared)).toEqual([]);

      // Asked by users: partners for an enterprise, the 老腊肉 chain seen from the test's county (neither prepared).
      expect((await queriesOfPartners()).length).toBeGreaterThan(0);
      expect(heavy(await queriesOfOtherCounty()).length).toBeGreaterThan(0);
      // No change: checks come and go, no round.
      await pause(1_000);
      expect(warm.rounds).toHaveLength(1);

      // Writes every 100 ms for a second (a bulk load): no round while they go on; one once they stop.
      for (let index = 0; index < 10; index += 1) {
        await suite.database.write('CREATE (:Entity:Topic {id: $id, name: $id})', { id: `${prefix}:burst${index}` });
        await pause(100);
      }
      expect(warm.rounds).toHaveLength(1);
      await waitFor(() => warm.rounds.length > 1);
      await warm.idle();
      // Again the three questions and six chains, and what users asked lately: one more question, one more chain (the
      // six default chains they asked too are not analysed twice).
      expect(warm.rounds.map((round) => [round.reason, round.questions, round.chains])).toEqual([
        ['start', 3, 6],
        ['change', 4, 7],
      ]);
      expect(heavy(await queriesOfChains())).toEqual([]);
      expect(heavy(await queriesOfOtherCounty())).toEqual([]);
      expect(await queriesOfPartners()).toEqual([]); // the answer itself was kept again

      // Stopped: a change is no longer followed.
      warm.stop();
      await deleteByPrefix(suite.database, prefix);
      await pause(1_000);
      expect(warm.rounds).toHaveLength(2);
      expect(heavy(await queriesOfChains()).length).toBeGreaterThan(0);
    } finally {
      warm.stop();
      await deleteByPrefix(suite.database, prefix);
    }
  });

  it('prepares none of the default county\'s chains when asked for none', async () => {
    // A database of its own: what was asked through the suite's is noted there.
    const database = openTestDatabase();
    try {
      const none = new KeepWarm(database, silentLogger, { checkMs: 0, chains: 0, topics: 0, holderStore: false, year: () => 2026 });
      none.start();
      await none.idle();
      expect(none.rounds.map((round) => [round.reason, round.questions, round.chains, round.industries])).toEqual([['start', 3, 0, 6]]);
      // The proximity graph was read: the sample's links of the proximity kinds (its relationship files: COOPERATES_WITH
      // 67, LEADS 61, PARTICIPATES_IN 134, AFFILIATED_WITH 148, HOSTS 25, TAKEN_BY 16, POSTED 30).
      expect(none.rounds[0]!.proximityLinks).toBe(481);
      // The six chains' support that every county shares was counted all the same: a county's first look at them
      // reads only the county's members, once for all six.
      const county = (await findDefaultCounty(database))!;
      const sent: string[] = [];
      const stop = database.onQuery((event) => sent.push(event.query ?? 'transaction'));
      try {
        for (const industry of await findEntitiesByIds(database, CHAIN_INDUSTRIES)) await analyseIndustryChain(database, industry!, county, 2026);
      } finally {
        stop();
      }
      const counted = sent.filter((query) => query.includes('AS topics') || query.includes('AS countyLocated'));
      expect(counted).toHaveLength(1);
      expect(counted[0]).toContain('AS countyLocated');
    } finally {
      await database.close();
    }
  });

  it('tries a failed round again after a pause, as after a cold start at a million nodes', async () => {
    // The real database behind a view whose first two reads fail (as a read outlasting the transaction time limit on a
    // cold page cache does): the round at start reads the vocabulary and the topics' profiles side by side, both fail,
    // and so does the round; the retry 100 ms later succeeds.
    const database = openTestDatabase();
    let failing = 2;
    const flaky = withReads(database, async (query, parameters, real) => {
      if (failing > 0) {
        failing -= 1;
        throw new Error('The transaction has not completed within the timeout specified at its start by the client.');
      }
      return real.read(query, parameters);
    });
    const warm = new KeepWarm(flaky, silentLogger, { checkMs: 0, chains: 0, topics: 0, holderStore: false, year: () => 2026, retryMs: 100 });
    try {
      warm.start();
      await warm.idle();
      expect(warm.rounds).toEqual([]);
      await waitFor(() => warm.rounds.length > 0);
      await warm.idle();
      expect(failing).toBe(0);
      expect(warm.rounds.map((round) => [round.reason, round.questions])).toEqual([['retry', 3]]);
      // Succeeded: no more tries.
      await pause(500);
      expect(warm.rounds).toHaveLength(1);
    } finally {
      warm.stop();
      await database.close();
    }
  });

  it('goes on without the proximity graph when reading it fails, and Neo4j finds the paths', async () => {
    const database = openTestDatabase();
    const failing = withReads(database, async (query, parameters, real) => {
      if (query.includes('AS highest')) throw new Error('Neo4j refused the read.');
      return real.read(query, parameters);
    });
    const warm = new KeepWarm(failing, silentLogger, { checkMs: 0, chains: 0, topics: 0, holderStore: false, year: () => 2026 });
    try {
      warm.start();
      await warm.idle();
      expect(warm.rounds.map((round) => [round.reason, round.questions, round.proximityLinks])).toEqual([['start', 3, null]]);
      expect(proximityGraphOf(failing)).toBeUndefined();
    } finally {
      warm.stop();
      await database.close();
    }
  });

  it('stops trying once stopped', async () => {
    const database = openTestDatabase();
    let reads = 0;
    const down = withReads(database, async () => {
      reads += 1;
      throw new Error('Neo4j is not reachable.');
    });
    const warm = new KeepWarm(down, silentLogger, { checkMs: 0, chains: 0, topics: 0, holderStore: false, year: () => 2026, retryMs: 50 });
    try {
      warm.start();
      await waitFor(() => reads >= 3); // the start and two retries (50 then 100 ms later)
      warm.stop();
      const seen = reads;
      await pause(600);
      expect(reads).toBe(seen);
      expect(warm.rounds).toEqual([]);
    } finally {
      warm.stop();
      await database.close();
    }
  });

  it('reads ahead the holders of the most linked topics, for matching questions and chain gaps', async () => {
    // The sample's topics by links in (HAS_EXPERTISE, FOCUSES_ON, REQUIRES: counted in its relationship files):
    // 老腊肉加工 23, then 提取, GAP 种植 and 包装 18 each (by id), 富硒 17.
    expect(await mostLinkedTopics(suite.database, 5)).toEqual([
      'topic:cured-meat-process',
      'topic:extraction',
      'topic:gap-cultivation',
      'topic:packaging',
      'topic:selenium-enrichment',
    ]);
    const expertSearch = () =>
      queriesOf([`query ($topic: ID!) { expertSearch(need: { topics: [$topic] }, first: 3) { matches { nodes { score } } } }`, { topic: toGlobalId('Topic', 'topic:cured-meat-process') }]);
    const holdersRead = (queries: string[]) => queries.filter((query) => query.includes('$needTopicIds')).length;
    // Two gaps of a chain requiring the most linked topic: a platform gap and an R&D partner gap.
    const gapsAnswered = async () => {
      const gap = (kinds: MatchRequest['kinds']) => topicQuestion('topic:cured-meat-process', kinds);
      const sent: string[] = [];
      const stop = suite.database.onQuery((event) => sent.push(event.query ?? 'transaction'));
      try {
        await rankCandidatesBatch(suite.database, [gap(['Platform']), gap(['University', 'ResearchInstitute'])]);
      } finally {
        stop();
      }
      return sent;
    };
    const warmRound = async (topics: number) => {
      // A write first: whatever earlier tests kept is dropped.
      await suite.database.write(`CREATE (:Entity:Topic {id: $id, name: '测试主题'})`, { id: `${prefix}:topic${topics}` });
      // Without the holder store (its lists would answer instead of the read-ahead this test watches).
      await markAllStoresStale(suite.database);
      const warm = new KeepWarm(suite.database, silentLogger, { checkMs: 0, chains: 0, topics, holderStore: false, year: () => 2026 });
      warm.start();
      await warm.idle();
      return warm.rounds;
    };
    try {
      // Not read ahead: the search reads the topic's holders (the direct and the related read).
      expect((await warmRound(0)).map((round) => round.topics)).toEqual([0]);
      expect(holdersRead(await expertSearch())).toBe(2);
      // Each gap's kinds read on their own: two reads each.
      expect(holdersRead(await gapsAnswered())).toBe(4);
      // Read ahead for the most linked topic: the same search reads no holder.
      expect((await warmRound(1)).map((round) => round.topics)).toEqual([1]);
      expect(holdersRead(await expertSearch())).toBe(0);
      // And for the kinds of each dimension of a chain's gaps.
      expect(holdersRead(await gapsAnswered())).toBe(0);
    } finally {
      await deleteByPrefix(suite.database, prefix);
    }
  });
});
