import { afterAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../support/database.js';
import { PairCache, type PairReader } from '../../src/neo4j/pair-cache.js';
import type { Database } from '../../src/neo4j/database.js';

describe('values derived per pair of keys (src/neo4j/pair-cache.ts)', () => {
  const database = openTestDatabase();
  afterAll(() => database.close());

  /** A reader that records each call and answers "row/column #n" (n: how many times that pair was read). */
  const counting = (during?: (database: Database) => Promise<void>) => {
    const calls: Array<[string[], string[]]> = [];
    const reads = new Map<string, number>();
    const read: PairReader<string> = async (from, rows, columns) => {
      calls.push([rows, columns]);
      await during?.(from);
      for (const row of rows) for (const column of columns) reads.set(`${row}/${column}`, (reads.get(`${row}/${column}`) ?? 0) + 1);
      return (row, column) => `${row}/${column} #${reads.get(`${row}/${column}`)}`;
    };
    return { calls, read };
  };
  const plain = (answer: Map<string, Map<string, string>>) => Object.fromEntries([...answer].map(([row, values]) => [row, Object.fromEntries(values)]));

  it('reads the pairs not kept in one call, for the rows missing any, and keeps them until a write', async () => {
    const cache = new PairCache<string>(60_000, () => 1, 100);
    const { calls, read } = counting();
    expect(plain(await cache.getAll(database, ['a', 'b'], ['x', 'y'], read))).toEqual({
      a: { x: 'a/x #1', y: 'a/y #1' },
      b: { x: 'b/x #1', y: 'b/y #1' },
    });
    // c is new; a misses z: one call for the rows missing something, over the columns missing somewhere.
    expect(plain(await cache.getAll(database, ['a', 'c'], ['x', 'z'], read))).toEqual({
      a: { x: 'a/x #1', z: 'a/z #1' },
      c: { x: 'c/x #1', z: 'c/z #1' },
    });
    expect(calls).toEqual([
      [
        ['a', 'b'],
        ['x', 'y'],
      ],
      [
        ['a', 'c'],
        ['x', 'z'],
      ],
    ]);
    expect(await cache.getAll(database, ['b', 'a'], ['y', 'x'], read)).toEqual(
      new Map([
        ['b', new Map([['y', 'b/y #1'], ['x', 'b/x #1']])],
        ['a', new Map([['y', 'a/y #1'], ['x', 'a/x #1']])],
      ]),
    );
    expect(calls).toHaveLength(2);
    expect(cache.kept(database)).toEqual({ rows: 3, pairs: 7, weight: 7 }); // a: x, y, z; b: x, y; c: x, z

    await database.write('RETURN 1 AS nothing');
    expect(cache.kept(database)).toEqual({ rows: 0, pairs: 0, weight: 0 });
    // a/x was read twice before (the second call read x and z for a and c alike, answering a/x as kept): #3.
    expect(plain(await cache.getAll(database, ['a'], ['x'], read))).toEqual({ a: { x: 'a/x #3' } });
    expect(calls).toHaveLength(3);
  });

  it('keeps at most maxWeight, dropping the rows least recently used', async () => {
    const cache = new PairCache<string>(60_000, (value) => (value.startsWith('heavy') ? 3 : 1), 4);
    const { calls, read } = counting();
    await cache.getAll(database, ['a'], ['x', 'y'], read); // weight 2
    await cache.getAll(database, ['b'], ['x'], read); // 3
    await cache.getAll(database, ['a'], ['x'], read); // a used: b is now the least recently used
    await cache.getAll(database, ['c'], ['x', 'y'], read); // 5 > 4: b goes
    expect(cache.kept(database)).toEqual({ rows: 2, pairs: 4, weight: 4 });
    await cache.getAll(database, ['a', 'c'], ['x', 'y'], read);
    expect(calls).toHaveLength(3);
    await cache.getAll(database, ['b'], ['x'], read);
    expect(calls.at(-1)).toEqual([['b'], ['x']]);
    // A value heavier than the limit alone is answered, and nothing else is kept beside it.
    expect(plain(await cache.getAll(database, ['heavy'], ['x', 'y'], read))).toEqual({ heavy: { x: 'heavy/x #1', y: 'heavy/y #1' } });
    expect(cache.kept(database)).toEqual({ rows: 0, pairs: 0, weight: 0 });
  });

  it('past its time to live, answers a row as kept while reading it again in the background, then the fresh one', async () => {
    const cache = new PairCache<string>(300, () => 1, 100);
    const { calls, read } = counting();
    await cache.getAll(database, ['a', 'b'], ['x'], read);
    await cache.getAll(database, ['a'], ['y'], read); // a holds x and y now
    expect(calls).toHaveLength(2);
    await new Promise((resolve) => setTimeout(resolve, 400));
    // a is past its time to live: answered as kept to both callers, and read again (every column it holds) in the
    // background, once.
    const [first, second] = await Promise.all([cache.getAll(database, ['a'], ['x'], read), cache.getAll(database, ['a'], ['y'], read)]);
    expect([plain(first), plain(second)]).toEqual([{ a: { x: 'a/x #1' } }, { a: { y: 'a/y #1' } }]);
    await expect.poll(() => calls.length).toBe(3);
    expect(calls[2]).toEqual([['a'], ['x', 'y']]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(plain(await cache.getAll(database, ['a'], ['x', 'y'], read))).toEqual({ a: { x: 'a/x #2', y: 'a/y #2' } });
    expect(calls).toHaveLength(3);
    expect(cache.kept(database)).toEqual({ rows: 2, pairs: 3, weight: 3 }); // a: x, y (fresh); b: x
  });

  it('keeps the row it answered when reading it again in the background fails, and tries again next time', async () => {
    const cache = new PairCache<string>(200, () => 1, 100);
    let fail = false;
    let reads = 0;
    const read: PairReader<string> = async (_from, _rows, _columns) => {
      reads += 1;
      if (fail) throw new Error('database unavailable');
      return (row, column) => `${row}/${column} read ${reads}`;
    };
    await cache.getAll(database, ['a'], ['x'], read);
    await new Promise((resolve) => setTimeout(resolve, 250));
    fail = true;
    expect(plain(await cache.getAll(database, ['a'], ['x'], read))).toEqual({ a: { x: 'a/x read 1' } });
    await expect.poll(() => reads).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 20));
    fail = false;
    expect(plain(await cache.getAll(database, ['a'], ['x'], read))).toEqual({ a: { x: 'a/x read 1' } }); // still kept; refreshed again
    await expect.poll(() => reads).toBe(3);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(plain(await cache.getAll(database, ['a'], ['x'], read))).toEqual({ a: { x: 'a/x read 3' } });
  });

  it('answers but does not keep what was read while a write went through the database', async () => {
    const cache = new PairCache<string>(60_000, () => 1, 100);
    const { read } = counting((from) => from.write('RETURN 1 AS nothing').then(() => undefined));
    expect(plain(await cache.getAll(database, ['a'], ['x'], read))).toEqual({ a: { x: 'a/x #1' } });
    expect(cache.kept(database)).toEqual({ rows: 0, pairs: 0, weight: 0 });
  });

  it('keeps empty pairs without an entry each: known as read, left out of the answer, never read again', async () => {
    // Weights: a value 1, an empty pair 0.1 (as the caller says); only b/x, c/y and c/w have values.
    const cache = new PairCache<string>(60_000, (value) => (value === '' ? 0.1 : 1), 100, '');
    const calls: Array<[string[], string[]]> = [];
    const full = new Set(['b/x', 'c/y', 'c/w']);
    const read: PairReader<string> = async (_from, rows, columns) => {
      calls.push([rows, columns]);
      return (row, column) => (full.has(`${row}/${column}`) ? `${row}/${column}` : '');
    };
    expect(plain(await cache.getAll(database, ['a', 'b', 'c'], ['x', 'y'], read))).toEqual({ a: {}, b: { x: 'b/x' }, c: { y: 'c/y' } });
    expect(cache.kept(database)).toEqual({ rows: 3, pairs: 6, weight: expect.closeTo(2.4, 10) });
    // Known empty pairs are answered from what was kept; only the new column is read.
    expect(plain(await cache.getAll(database, ['a', 'c'], ['y', 'z'], read))).toEqual({ a: {}, c: { y: 'c/y' } });
    expect(calls.at(-1)).toEqual([['a', 'c'], ['z']]);
    // Many reads of one row, each adding a column: all still known (the row's reads gathered into one set past 4).
    for (const column of ['v', 'w', 'u', 't', 's']) await cache.getAll(database, ['c'], [column], read);
    const callsBefore = calls.length;
    const everyColumn = ['x', 'y', 'z', 'v', 'w', 'u', 't', 's'];
    expect(plain(await cache.getAll(database, ['c'], everyColumn, read))).toEqual({ c: { y: 'c/y', w: 'c/w' } });
    // Asked again, the same columns (known held by the row now) and a single one (fewer than the row's two values).
    expect(plain(await cache.getAll(database, ['c'], everyColumn, read))).toEqual({ c: { y: 'c/y', w: 'c/w' } });
    expect(plain(await cache.getAll(database, ['c'], ['y'], read))).toEqual({ c: { y: 'c/y' } });
    expect(plain(await cache.getAll(database, ['c'], ['y'], read))).toEqual({ c: { y: 'c/y' } });
    expect(plain(await cache.getAll(database, ['c', 'b'], ['x'], read))).toEqual({ c: {}, b: { x: 'b/x' } });
    expect(calls).toHaveLength(callsBefore);
    expect(cache.kept(database)).toMatchObject({ rows: 3, pairs: 2 + 3 + 8 });
    // A column new to the row after it was found to hold a set: read, though the set's other columns are known.
    expect(plain(await cache.getAll(database, ['c'], [...everyColumn, 'r'], read))).toEqual({ c: { y: 'c/y', w: 'c/w' } });
    expect(calls.at(-1)).toEqual([['c'], ['r']]);
  });

  it('does not keep a failed read: the next caller reads again', async () => {
    const cache = new PairCache<string>(60_000, () => 1, 100);
    let fail = true;
    const read: PairReader<string> = async (_from, _rows, _columns) => {
      if (fail) throw new Error('database unavailable');
      return (row, column) => `${row}/${column}`;
    };
    await expect(cache.getAll(database, ['a'], ['x'], read)).rejects.toThrow('database unavailable');
    fail = false;
    expect(plain(await cache.getAll(database, ['a'], ['x'], read))).toEqual({ a: { x: 'a/x' } });
  });
});
