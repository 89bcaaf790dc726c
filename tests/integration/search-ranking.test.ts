import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteByPrefix, uniquePrefix } from '../support/database.js';
import { useTestService } from '../support/graphql-client.js';
import { toGlobalId } from '../../src/graphql/global-id.js';
import type { NodeKind } from '../../src/graph/kinds.js';

interface SearchPage {
  search: { totalCount: number; edges: Array<{ score: number; node: { id: string } }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

/**
 * Full-text pages in the order score, then id, read from the index's best hits, on records made for the test and a
 * word of their own (no other record holds it):
 * - A: 70 records named exactly the word — one score, the highest (a name, boosted, and the shortest field); 35
 *   enterprises (A00…A68, even numbers) and 35 experts (odd numbers);
 * - B: 10 enterprises named the word and 甲乙丙丁 — the same field, a longer one, so a lower score, one for all ten.
 * So the order is A00…A69, then B0…B9 (ids sort so), whatever the index's own order among equal scores.
 */
describe('search ranks by score then id, reading the index\'s best hits (search.repository)', () => {
  const suite = useTestService();
  const prefix = uniquePrefix();
  const word = `zq${prefix.slice(2).replace(/[0-9]/g, (digit) => 'abcdefghij'[Number(digit)]!)}`;
  const two = (n: number) => String(n).padStart(2, '0');
  const kindOf = (n: number): NodeKind => (n % 2 === 0 ? 'Enterprise' : 'Expert');
  const a = Array.from({ length: 70 }, (_, n) => ({ id: `${prefix}:A${two(n)}`, label: kindOf(n), name: word }));
  const b = Array.from({ length: 10 }, (_, n) => ({ id: `${prefix}:B${n}`, label: kindOf(0), name: `${word} 甲乙丙丁` }));
  const gid = (record: { id: string; label: NodeKind }) => toGlobalId(record.label, record.id);

  const QUERY = `query ($text: String!, $first: Int!, $after: String, $kinds: [EntityKind!]) {
    search(query: $text, first: $first, after: $after, kinds: $kinds) { totalCount edges { score node { ... on Node { id } } } pageInfo { hasNextPage endCursor } }
  }`;
  const search = async (variables: Record<string, unknown>) => {
    const result = await suite.service.query<SearchPage>(QUERY, { text: word, ...variables });
    expect(result.errors).toBeUndefined();
    return result.data!.search;
  };
  /** Every page of `first`, in order. */
  const pages = async (first: number, kinds?: string[]) => {
    const seen: string[] = [];
    let after: string | null = null;
    let total = -1;
    for (;;) {
      const page: SearchPage['search'] = await search({ first, after, kinds });
      total = page.totalCount;
      seen.push(...page.edges.map((edge) => edge.node.id));
      if (!page.pageInfo.hasNextPage) return { seen, total };
      after = page.pageInfo.endCursor;
    }
  };

  beforeAll(async () => {
    const write = (records: ReadonlyArray<{ id: string; label: string; name: string }>, label: string) =>
      suite.database.write(`UNWIND $records AS record CREATE (:Entity:${label} {id: record.id, name: record.name})`, {
        records: records.filter((record) => record.label === label),
      });
    for (const label of ['Enterprise', 'Expert']) await write([...a, ...b], label);
  });
  afterAll(async () => {
    await deleteByPrefix(suite.database, prefix);
  });

  it('pages of 20 and of 7 give every hit once, A by id, then B by id', async () => {
    const twenty = await pages(20);
    expect(twenty.total).toBe(80);
    expect(twenty.seen).toEqual([...a, ...b].map(gid));
    expect((await pages(7)).seen).toEqual(twenty.seen);
  });

  /** The index reads of the search's pages sent while `run` runs: the best hits' limits, or 'all'. */
  const indexReads = async (run: () => Promise<unknown>) => {
    const reads: string[] = [];
    const stop = suite.database.onQuery((event) => {
      if (!event.query?.includes('fulltext.queryNodes') || event.query.includes('count(node)')) return;
      reads.push(event.query.includes('{limit: $n}') ? 'best' : 'all');
    });
    try {
      await run();
    } finally {
      stop();
    }
    return reads;
  };

  it('ranks the 70 tied records by id across a page boundary (A19 ends the first page, A20 opens the second)', async () => {
    // The index's best 32 are all tied (none sure of its place): 128 are asked for, and the 80 hits it has are all read.
    let first: SearchPage['search'] | undefined;
    expect(await indexReads(async () => (first = await search({ first: 20 })))).toEqual(['best', 'best']);
    if (!first) throw new Error('no first page');
    expect(first.edges.at(-1)?.node.id).toBe(gid(a[19]!));
    const second = await search({ first: 20, after: first.pageInfo.endCursor });
    expect(second.edges[0]?.node.id).toBe(gid(a[20]!));
    expect(new Set(first.edges.map((edge) => edge.score)).size).toBe(1);
    expect(second.edges[0]!.score).toBe(first.edges[0]!.score);
  });

  it('filters kinds after ranking: the 35 experts, by id, and the total of them', async () => {
    const experts = await pages(10, ['EXPERT']);
    expect(experts.total).toBe(35);
    expect(experts.seen).toEqual(a.filter((record) => record.label === 'Expert').map(gid));
  });

  it('reads every hit once the ties run past 5 000 of them, and pages as well', async () => {
    const many = `${word}x`;
    const ids = Array.from({ length: 5_200 }, (_, n) => `${prefix}:M${String(n).padStart(4, '0')}`);
    await suite.database.write('UNWIND $ids AS id CREATE (:Entity:Enterprise {id: id, name: $many})', { ids, many });
    let page: SearchPage['search'] | undefined;
    const reads = await indexReads(async () => (page = await search({ text: many, first: 5 })));
    expect(reads).toEqual(['best', 'best', 'best', 'best', 'all']); // 32, 128, 512, 2 048 best hits, then all
    expect(page?.totalCount).toBe(5_200);
    expect(page?.edges.map((edge) => edge.node.id)).toEqual(ids.slice(0, 5).map((id) => toGlobalId('Enterprise', id)));
  });

  it('keeps the total until a write: one record more is counted at once', async () => {
    expect((await search({ first: 1 })).totalCount).toBe(80);
    await suite.database.write(`CREATE (:Entity:Enterprise {id: $id, name: $word})`, { id: `${prefix}:A70`, word });
    const after = await search({ first: 1 });
    expect(after.totalCount).toBe(81);
  });
});
