import { describe, expect, it } from 'vitest';
import { useTestService } from '../support/graphql-client.js';

interface SearchPage {
  search: { edges: Array<{ cursor: string; score: number; node: { id: string } }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

describe('search pages without totalCount (the total is counted only when asked)', () => {
  const suite = useTestService();
  const QUERY = `query ($text: String!, $first: Int!, $after: String) {
    search(query: $text, first: $first, after: $after) { edges { cursor score node { ... on Node { id } } } pageInfo { hasNextPage endCursor } }
  }`;

  it('pages through the 44 records holding 腊 (one character: substring matching) in 40 + 4', async () => {
    // 44 records of seeds/sample-county hold 腊 in a name, title or alias (counted by hand over nodes/*.json).
    const first = await suite.service.query<SearchPage>(QUERY, { text: '腊', first: 40 });
    expect(first.errors).toBeUndefined();
    expect(first.data!.search.edges).toHaveLength(40);
    expect(first.data!.search.pageInfo.hasNextPage).toBe(true);
    const second = await suite.service.query<SearchPage>(QUERY, { text: '腊', first: 40, after: first.data!.search.pageInfo.endCursor });
    expect(second.errors).toBeUndefined();
    expect(second.data!.search.edges).toHaveLength(4);
    expect(second.data!.search.pageInfo.hasNextPage).toBe(false);
    const ids = [...first.data!.search.edges, ...second.data!.search.edges].map((edge) => edge.node.id);
    expect(new Set(ids).size).toBe(44);
  });

  it('gives the same ranked page with and without totalCount', async () => {
    const withTotal = await suite.service.query<{ search: { totalCount: number; edges: Array<{ node: { id: string } }> } }>(
      '{ search(query: "冷链保存", first: 5) { totalCount edges { node { ... on Node { id } } } } }',
    );
    const without = await suite.service.query<SearchPage>(QUERY, { text: '冷链保存', first: 5 });
    expect(without.errors).toBeUndefined();
    expect(without.data!.search.edges.map((edge) => edge.node.id)).toEqual(withTotal.data!.search.edges.map((edge) => edge.node.id));
    expect(without.data!.search.edges).toHaveLength(5);
    expect(withTotal.data!.search.totalCount).toBeGreaterThan(5);
  });
});
