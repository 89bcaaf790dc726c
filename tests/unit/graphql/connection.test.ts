import { describe, expect, it } from 'vitest';
import { encodeCursor, pageRequest, toConnection } from '../../../src/graphql/connection.js';
import { expectGlobalId, fromGlobalId, toGlobalId } from '../../../src/graphql/global-id.js';

describe('pages and cursors', () => {
  it('turns first/after into an offset and a limit', () => {
    expect(pageRequest({})).toEqual({ offset: 0, limit: 20 });
    expect(pageRequest({ first: 5, after: encodeCursor(9) })).toEqual({ offset: 10, limit: 5 });
  });

  it('refuses first outside 0–100 and cursors it did not make, naming the argument', () => {
    expect(() => pageRequest({ first: 101 })).toThrow('first: expected a whole number from 0 to 100, got 101');
    expect(() => pageRequest({ first: -1 })).toThrow(/first:/);
    expect(() => pageRequest({ after: 'bm90LWEtY3Vyc29y' })).toThrow('after: "bm90LWEtY3Vyc29y" is not a cursor of this list');
  });

  it('builds edges and page info from limit + 1 items', () => {
    const connection = toConnection([{ node: 'a' }, { node: 'b', edge: { level: 'EXPERT' } }, { node: 'c' }], { offset: 4, limit: 2 }, 9);
    expect(connection.nodes).toEqual(['a', 'b']);
    expect(connection.edges[1]).toEqual({ level: 'EXPERT', cursor: encodeCursor(5), node: 'b' });
    expect(connection.pageInfo).toEqual({ hasNextPage: true, hasPreviousPage: true, startCursor: encodeCursor(4), endCursor: encodeCursor(5) });
    expect(connection.totalCount).toBe(9);
    expect(toConnection([], { offset: 0, limit: 2 }, 0).pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null });
  });
});

describe('global ids', () => {
  it('round-trip kind and record id, opaquely', () => {
    const id = toGlobalId('Expert', 'expert:zhou-yanqiu-swu');
    expect(id).not.toContain('expert');
    expect(fromGlobalId(id)).toEqual({ kind: 'Expert', id: 'expert:zhou-yanqiu-swu' });
  });

  it('reject what is not one of ours, and ids of another kind where a kind is expected', () => {
    expect(fromGlobalId('not an id!')).toBeNull();
    expect(fromGlobalId(Buffer.from('Label:x').toString('base64url'))).toBeNull();
    expect(() => expectGlobalId(toGlobalId('Topic', 'topic:a'), ['Industry'], 'filter.industry')).toThrow(
      'filter.industry: expected the id of a Industry, got the id of a Topic',
    );
  });
});
