import { describe, expect, it } from 'vitest';
import { useTestService, type GraphQLResult } from '../support/graphql-client.js';
import { deleteByPrefix, uniquePrefix } from '../support/database.js';
import { toGlobalId } from '../../src/graphql/global-id.js';
import { answersKept, recommendPartners } from '../../src/modules/matching/matching.service.js';
import { matchingKept } from '../../src/modules/matching/matching.repository.js';

/**
 * What the matcher keeps between requests and what a page spares it (issue 12), on hand-made data.
 *
 * Enterprise E focuses on topic T (its only need topic) and has no region, so geography cannot apply: the weights that
 * apply add up to 0.45 + 0.15 + 0.10 + 0.12 + 0.08 = 0.90. Experts (asked for alone), none with a title or talent card
 * (capacity 0.25 → 0.08 / 0.9 × 0.25 = 0.0222):
 *   X1, X2, X3 hold T at EXPERT level (topic 0.45 / 0.9 × 1 = 0.5), X7 at ADVANCED (× 0.75 = 0.375), X4, X5, X6 at
 *   BASIC (× 0.45 = 0.225). Without proximity: X1–X3 0.5222, X7 0.3972, X4–X6 0.2472.
 *   X3 works for an institute that cooperates with E (proximity 1 → + 0.12 / 0.9 = 0.1333): 0.6555.
 *   X7 joined a project E leads (0.7 → + 0.0933): 0.4905. X4 is a member of a platform E hosts (0.6 → + 0.08): 0.3272.
 * A page of 2 needs the best 2 exact: the 2nd best without proximity scores 0.5222, and proximity adds at most 0.1333,
 * so only candidates scoring at least 0.3889 without it can reach the page: X1, X2, X3 and X7, not X4–X6.
 */
describe('matching: what a page spares and what is kept until a write', () => {
  const suite = useTestService();
  const prefix = uniquePrefix();
  const id = (local: string) => `${prefix}:${local}`;

  async function createFixture(): Promise<void> {
    await suite.database.write(
      `CREATE (t:Entity:Topic {id: $prefix + ':T', name: $prefix + '测试用竹荪菌种选育'})
       CREATE (e:Entity:Organization:Enterprise {id: $prefix + ':E', name: '测试竹荪企业', qualifications: []})
       CREATE (e)-[:FOCUSES_ON]->(t)
       CREATE (institute:Entity:Organization:ResearchInstitute {id: $prefix + ':I', name: '测试合作研究所'})-[:COOPERATES_WITH {kind: 'TECH_SERVICE', since: 2020}]->(e)
       CREATE (project:Entity:Project {id: $prefix + ':P', name: '测试联合项目', level: 'COUNTY', mode: 'REGULAR', startYear: 2025, funding: 1})
       CREATE (e)-[:LEADS]->(project)
       CREATE (platform:Entity:Platform {id: $prefix + ':F', name: '测试星创天地', level: 'COUNTY', kind: 'STAR_CREATION_SPACE'})
       CREATE (e)-[:HOSTS]->(platform)
       WITH t, institute, project, platform
       UNWIND [['X1', 'EXPERT'], ['X2', 'EXPERT'], ['X3', 'EXPERT'], ['X4', 'BASIC'], ['X5', 'BASIC'], ['X6', 'BASIC'], ['X7', 'ADVANCED']] AS expert
       CREATE (x:Entity:Expert {id: $prefix + ':' + expert[0], name: '测试专家' + expert[0]})-[:HAS_EXPERTISE {level: expert[1]}]->(t)
       WITH x, expert, institute, project, platform
       CALL (x, expert, institute, project, platform) {
         WITH * WHERE expert[0] = 'X3' CREATE (x)-[:AFFILIATED_WITH {primary: true}]->(institute)
         UNION
         WITH * WHERE expert[0] = 'X7' CREATE (x)-[:PARTICIPATES_IN]->(project)
         UNION
         WITH * WHERE expert[0] = 'X4' CREATE (x)-[:AFFILIATED_WITH {primary: false}]->(platform)
       }
       RETURN count(*) AS created`,
      { prefix },
    );
  }

  const ranked = (result: Awaited<ReturnType<typeof recommendPartners>>) =>
    (result?.matches ?? []).map((match) => [match.candidate.id.slice(prefix.length + 1), match.score]);

  it('reads proximity only for the candidates that can reach the page; the page and the pages after it are exact', async () => {
    await createFixture();
    try {
      // The service itself: with the first 2 exact, X4's proximity (a shared platform) is never read.
      const paged = await recommendPartners(suite.database, id('E'), ['Expert'], null, 2026, 2);
      expect(ranked(paged)).toEqual([
        ['X3', 0.6555],
        ['X1', 0.5222],
        ['X2', 0.5222],
        ['X7', 0.4905],
        ['X4', 0.2472],
        ['X5', 0.2472],
        ['X6', 0.2472],
      ]);
      const everything = await recommendPartners(suite.database, id('E'), ['Expert'], null, 2026);
      expect(ranked(everything)).toEqual([
        ['X3', 0.6555],
        ['X1', 0.5222],
        ['X2', 0.5222],
        ['X7', 0.4905],
        ['X4', 0.3272],
        ['X5', 0.2472],
        ['X6', 0.2472],
      ]);

      // Through the API, page by page: each page asks for what it shows to be exact.
      const pageQuery = `query ($for: ID!, $after: String) {
        partnerRecommendations(for: $for, kinds: [EXPERT], first: 2, after: $after) {
          matches { totalCount pageInfo { hasNextPage endCursor } nodes { score alreadyCooperating candidate { ... on Node { id } } reasons { kind summary } } }
        }
      }`;
      type Page = {
        partnerRecommendations: {
          matches: {
            totalCount: number;
            pageInfo: { hasNextPage: boolean; endCursor: string | null };
            nodes: Array<{ score: number; alreadyCooperating: boolean; candidate: { id: string }; reasons: Array<{ kind: string; summary: string }> }>;
          };
        };
      };
      const pages: Array<Array<[string, number]>> = [];
      let after: string | null = null;
      do {
        const response: GraphQLResult<Page> = await suite.service.query<Page>(pageQuery, { for: toGlobalId('Enterprise', id('E')), after });
        expect(response.errors).toBeUndefined();
        const matches: Page['partnerRecommendations']['matches'] = response.data!.partnerRecommendations.matches;
        expect(matches.totalCount).toBe(7);
        pages.push(matches.nodes.map((node) => [node.candidate.id, node.score]));
        if (pages.length === 1) {
          expect(matches.nodes[0]!.alreadyCooperating).toBe(true);
          expect(matches.nodes[0]!.reasons.find((reason) => reason.kind === 'GRAPH_PROXIMITY')?.summary).toBe('已与需求方建立合作关系');
        }
        after = matches.pageInfo.hasNextPage ? matches.pageInfo.endCursor : null;
      } while (after);
      const expert = (local: string) => toGlobalId('Expert', id(local));
      expect(pages).toEqual([
        [
          [expert('X3'), 0.6555],
          [expert('X1'), 0.5222],
        ],
        [
          [expert('X2'), 0.5222],
          [expert('X7'), 0.4905],
        ],
        [
          [expert('X4'), 0.3272],
          [expert('X5'), 0.2472],
        ],
        [[expert('X6'), 0.2472]],
      ]);
    } finally {
      await deleteByPrefix(suite.database, prefix);
    }
  });

  it('keeps evidence, candidate details, proximities and the target\'s facts until a write, which the next request then sees', async () => {
    await createFixture();
    try {
      const sent: string[] = [];
      const stop = suite.database.onQuery((event) => {
        if (event.query) sent.push(event.query);
      });
      const evidenceOrDetails = (queries: string[]) =>
        queries.filter((query) =>
          /MATCH \(candidate:Entity \{id: candidateId\}\)-\[r:(LEADS|INVENTED)|shortestPath|OPTIONAL MATCH \(candidate\)-\[affiliation:AFFILIATED_WITH\]->\(employer/.test(query),
        );
      try {
        const first = await recommendPartners(suite.database, id('E'), ['Expert'], null, 2026);
        expect(evidenceOrDetails(sent)).toHaveLength(4); // project and patent evidence, details, proximity
        // Kept: the 7 experts' details, their evidence on the 1 evidence topic (none: 7 × 0.02), 7 proximities to E.
        expect(matchingKept(suite.database)).toMatchObject({
          details: { keys: 7 },
          evidence: { rows: 7, pairs: 7, weight: expect.closeTo(0.14, 10) },
          proximities: { rows: 1, pairs: 7 },
        });
        sent.length = 0;
        const again = await recommendPartners(suite.database, id('E'), ['Expert'], null, 2026);
        // Nothing at all is read again: the target's facts and insiders, topic counts, holders and names are kept too.
        expect(sent).toEqual([]);
        expect(ranked(again)).toEqual(ranked(first));

        // A patent X1 invented this year on T: evidence 1 (invention, new) → 1 − e^(−1/1.5) = 0.4866, × 0.10 / 0.9 =
        // + 0.0541: X1 0.5222 → 0.5763 (the patent as a hold, 0.6, is weaker than X1's expertise).
        await suite.database.write(
          `MATCH (x:Expert {id: $prefix + ':X1'}), (t:Topic {id: $prefix + ':T'})
           CREATE (x)-[:INVENTED]->(:Entity:Patent {id: $prefix + ':patent', title: '测试竹荪菌种专利', number: 'T-9', kind: 'INVENTION', filedYear: 2026})-[:ON_TOPIC]->(t)`,
          { prefix },
        );
        expect(matchingKept(suite.database)).toMatchObject({ details: { keys: 0 }, evidence: { rows: 0 }, proximities: { rows: 0 } });
        sent.length = 0;
        const after = await recommendPartners(suite.database, id('E'), ['Expert'], null, 2026);
        expect(evidenceOrDetails(sent)).toHaveLength(4);
        expect(sent.filter((query) => query.startsWith('MATCH (target:Entity {id: $id})'))).toHaveLength(3); // the target, its topics, its context
        expect(ranked(after).slice(0, 3)).toEqual([
          ['X3', 0.6555],
          ['X1', 0.5763],
          ['X2', 0.5222],
        ]);
        const patentReason = after?.matches[1]?.reasons.find((reason) => reason.kind === 'PATENT_EVIDENCE');
        expect(patentReason).toMatchObject({ contribution: 0.0541, patentIds: [id('patent')] });
      } finally {
        stop();
      }
    } finally {
      await deleteByPrefix(suite.database, prefix);
    }
  });

  it('keeps an answer per question, holding only its page and one more, until a write changes it', async () => {
    await createFixture();
    try {
      const query = `query ($for: ID!, $after: String, $region: ID) {
        partnerRecommendations(for: $for, kinds: [EXPERT], first: 2, after: $after, region: $region) {
          matches { totalCount pageInfo { hasNextPage endCursor } nodes { score candidate { ... on Node { id } } reasons { kind summary contribution } } }
        }
      }`;
      type Answer = {
        partnerRecommendations: {
          matches: {
            totalCount: number;
            pageInfo: { hasNextPage: boolean; endCursor: string | null };
            nodes: Array<{ score: number; candidate: { id: string }; reasons: Array<{ kind: string; summary: string; contribution: number }> }>;
          };
        };
      };
      const ask = async (variables: Record<string, unknown>) => {
        const response = await suite.service.query<Answer>(query, { for: toGlobalId('Enterprise', id('E')), ...variables });
        expect(response.errors).toBeUndefined();
        return response.data!.partnerRecommendations.matches;
      };
      const expert = (local: string) => toGlobalId('Expert', id(local));
      // A region no candidate is in (made before asking: a write drops what is kept).
      await suite.database.write(`CREATE (:Entity:Region {id: $prefix + ':R', name: '测试无人区', kind: 'COUNTY'})`, { prefix });
      const first = await ask({});
      // The first page (X3 0.6555, X1 0.5222) of 7, kept with one more match (X2) to tell that a next page exists.
      expect(first.nodes.map((node) => [node.candidate.id, node.score])).toEqual([
        [expert('X3'), 0.6555],
        [expert('X1'), 0.5222],
      ]);
      expect(first).toMatchObject({ totalCount: 7, pageInfo: { hasNextPage: true } });
      expect(answersKept(suite.database).partners).toEqual({ keys: 1, weight: 4 });

      // Asked again: the kept answer, the same to the byte, and nothing is read.
      const sent: string[] = [];
      const stop = suite.database.onQuery((event) => sent.push(event.query ?? ''));
      try {
        expect(await ask({})).toEqual(first);
        expect(sent).toEqual([]);
      } finally {
        stop();
      }
      expect(answersKept(suite.database).partners).toEqual({ keys: 1, weight: 4 });

      // The next page is another question (the best 4 exact): X2 0.5222, X7 0.4905, kept with the 3 before it and the
      // one after it: 5 matches, weighing 6.
      const second = await ask({ after: first.pageInfo.endCursor });
      expect(second.nodes.map((node) => [node.candidate.id, node.score])).toEqual([
        [expert('X2'), 0.5222],
        [expert('X7'), 0.4905],
      ]);
      expect(answersKept(suite.database).partners).toEqual({ keys: 2, weight: 4 + 6 });

      // A region no candidate is in: an answer of its own, with no match.
      const empty = await ask({ region: toGlobalId('Region', id('R')) });
      expect(empty).toMatchObject({ totalCount: 0, nodes: [] });
      expect(answersKept(suite.database).partners).toEqual({ keys: 3, weight: 4 + 6 + 1 });

      // A write: X5 becomes an EXPERT on T (0.2472 → 0.5222, tied with X1 and X2, after them by id), and every kept
      // answer is dropped: the second page now shows X2 and X5.
      await suite.database.write(`MATCH (x:Expert {id: $prefix + ':X5'})-[r:HAS_EXPERTISE]->() SET r.level = 'EXPERT'`, { prefix });
      expect(answersKept(suite.database).partners).toEqual({ keys: 0, weight: 0 });
      const after = await ask({ after: first.pageInfo.endCursor });
      expect(after.nodes.map((node) => [node.candidate.id, node.score])).toEqual([
        [expert('X2'), 0.5222],
        [expert('X5'), 0.5222],
      ]);
      expect(after.totalCount).toBe(7);
    } finally {
      await deleteByPrefix(suite.database, prefix);
    }
  });

  it('keeps an expert search\'s answer per need, filter and page until a write', async () => {
    await createFixture();
    try {
      const query = `query ($topic: ID!, $filters: ExpertSearchFilter) {
        expertSearch(need: {topics: [$topic]}, filters: $filters, first: 2) {
          matches { totalCount pageInfo { hasNextPage } nodes { candidate { ... on Node { id } } reasons { kind summary } } }
        }
      }`;
      type Answer = { expertSearch: { matches: { totalCount: number; pageInfo: { hasNextPage: boolean }; nodes: Array<{ candidate: { id: string }; reasons: unknown[] }> } } };
      const ask = async (filters: Record<string, unknown> | null) => {
        const response = await suite.service.query<Answer>(query, { topic: toGlobalId('Topic', id('T')), filters });
        expect(response.errors).toBeUndefined();
        return response.data!.expertSearch.matches;
      };
      const expert = (local: string) => toGlobalId('Expert', id(local));
      // No party, so no proximity: X1, X2, X3 (EXPERT, by id) lead, then X7, then X4–X6.
      const first = await ask(null);
      expect(first.nodes.map((node) => node.candidate.id)).toEqual([expert('X1'), expert('X2')]);
      expect(first).toMatchObject({ totalCount: 7, pageInfo: { hasNextPage: true } });
      expect(answersKept(suite.database).experts).toEqual({ keys: 1, weight: 4 });
      expect(await ask(null)).toEqual(first);
      expect(answersKept(suite.database).experts).toEqual({ keys: 1, weight: 4 });
      // Another filter is another question: none of the experts offers flexible engagement.
      expect(await ask({ availableForFlexibleEngagement: true })).toMatchObject({ totalCount: 0, nodes: [] });
      expect(answersKept(suite.database).experts).toEqual({ keys: 2, weight: 5 });
      // X3 now offers it: the write drops both answers, and the filtered search finds X3.
      await suite.database.write(`MATCH (x:Expert {id: $prefix + ':X3'}) SET x.flexibleEngagement = true`, { prefix });
      expect(answersKept(suite.database).experts).toEqual({ keys: 0, weight: 0 });
      const flexible = await ask({ availableForFlexibleEngagement: true });
      expect(flexible.nodes.map((node) => node.candidate.id)).toEqual([expert('X3')]);
    } finally {
      await deleteByPrefix(suite.database, prefix);
    }
  });
});
