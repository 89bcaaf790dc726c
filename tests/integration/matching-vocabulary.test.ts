import { afterAll, describe, expect, it } from 'vitest';
import { deleteByPrefix, openTestDatabase, uniquePrefix } from '../support/database.js';
import { labelNamesOf, topicProfilesOf, vocabularyOf } from '../../src/modules/matching/vocabulary.js';
import { CHANGE_CHECK_MS, DerivedCache } from '../../src/neo4j/derived-cache.js';

describe('the matching vocabulary cache (src/modules/matching/vocabulary.ts)', () => {
  const database = openTestDatabase();
  const prefix = uniquePrefix();
  afterAll(async () => {
    await deleteByPrefix(database, prefix);
    await database.close();
  });

  it('is loaded once while nothing is written, and reloaded after a write through the same database', async () => {
    const first = vocabularyOf(database);
    expect(vocabularyOf(database)).toBe(first);
    const before = await first;
    expect(before.topics.some((topic) => topic.id === `${prefix}:topic`)).toBe(false);

    await database.write("CREATE (:Entity:Topic {id: $id, name: '测试缓存主题', aliases: ['cache probe']})", { id: `${prefix}:topic` });
    const after = await vocabularyOf(database);
    expect(after).not.toBe(before);
    expect(after.topics.find((topic) => topic.id === `${prefix}:topic`)).toEqual({ id: `${prefix}:topic`, name: '测试缓存主题', aliases: ['cache probe'] });
    expect(after.candidateTotal).toBeGreaterThan(0);
    // The text profiles follow the same generation: the new topic is matched by its alias.
    expect((await topicProfilesOf(database)).match('cache probe')[0]?.id).toBe(`${prefix}:topic`);
  });

  it('names topics and chain segments from the vocabulary, reading only the names of other entities', async () => {
    await database.write(
      `CREATE (:Entity:Topic {id: $prefix + ':named-topic', name: '测试命名主题'})
       CREATE (:Entity:Industry {id: $prefix + ':industry', name: '测试命名产业'})-[:HAS_SEGMENT]->(:Entity:ChainSegment {id: $prefix + ':segment', name: '测试命名环节'})
       CREATE (:Entity:Enterprise {id: $prefix + ':enterprise', name: '测试命名企业'})`,
      { prefix },
    );
    const vocabulary = await vocabularyOf(database);
    // The reads of entities by id (a change probe may run meanwhile: not counted).
    const queries: string[] = [];
    const stop = database.onQuery((event) => {
      if (event.query?.includes('MATCH (n:Entity {id: id})')) queries.push(event.query);
    });
    try {
      const vocabularyOnly = await labelNamesOf(database, vocabulary, [`${prefix}:named-topic`, `${prefix}:segment`, `${prefix}:named-topic`]);
      expect(vocabularyOnly).toEqual(new Map([[`${prefix}:named-topic`, '测试命名主题'], [`${prefix}:segment`, '测试命名环节']]));
      expect(queries).toEqual([]);
      // An enterprise is not in the vocabulary: its name is read; an id that denotes nothing has none.
      const mixed = await labelNamesOf(database, vocabulary, [`${prefix}:segment`, `${prefix}:enterprise`, `${prefix}:nothing`]);
      expect(mixed).toEqual(new Map([[`${prefix}:segment`, '测试命名环节'], [`${prefix}:enterprise`, '测试命名企业']]));
      expect(queries).toHaveLength(1);
    } finally {
      stop();
    }
  });
});

describe('values derived from a database (src/neo4j/derived-cache.ts)', () => {
  const database = openTestDatabase();
  afterAll(() => database.close());

  const counting = (ttlMs: number, maxKeys: number) => {
    const computed: string[] = [];
    const cache = new DerivedCache<string, string>(
      async (_database, key) => {
        computed.push(key);
        if (key.startsWith('fail')) throw new Error(`cannot derive ${key}`);
        return `value of ${key} #${computed.filter((done) => done === key).length}`;
      },
      ttlMs,
      maxKeys,
    );
    return { cache, computed };
  };

  it('computes each key once until a write goes through the database', async () => {
    const { cache, computed } = counting(60_000, 4);
    expect(await cache.get(database, 'a')).toBe('value of a #1');
    expect(await cache.get(database, 'b')).toBe('value of b #1');
    expect(await cache.get(database, 'a')).toBe('value of a #1');
    expect(computed).toEqual(['a', 'b']);
    await database.write('RETURN 1 AS nothing');
    expect(await cache.get(database, 'a')).toBe('value of a #2'); // a write is waited for: never the old value
    expect(await cache.get(database, 'a')).toBe('value of a #2');
    expect(computed).toEqual(['a', 'b', 'a']);
  });

  it('keeps at most maxKeys keys, dropping the least recently computed', async () => {
    const { cache, computed } = counting(60_000, 2);
    for (const key of ['a', 'b', 'c', 'b', 'a']) await cache.get(database, key);
    // a and b kept; c pushes a out; b is still kept; a is computed again (pushing b, the oldest computed, out).
    expect(computed).toEqual(['a', 'b', 'c', 'a']);
  });

  it('with a weight limit, keeps values of at most that total weight, dropping the least recently computed', async () => {
    const computed: string[] = [];
    // A key's value is as heavy as the number it ends with: 'x2' weighs 2.
    const cache = new DerivedCache<string[], string>(
      async (_database, key) => {
        computed.push(key);
        return Array.from({ length: Number(key.replace(/^\D+/, '')) }, () => key);
      },
      60_000,
      100,
      { of: (value) => value.length, max: 5 },
    );
    await cache.get(database, 'x2');
    await cache.get(database, 'y2');
    expect(cache.kept(database)).toEqual({ keys: 2, weight: 4 });
    await cache.get(database, 'z3'); // 7 > 5: x2 goes
    expect(cache.kept(database)).toEqual({ keys: 2, weight: 5 });
    await cache.get(database, 'y2'); // kept
    await cache.get(database, 'x2'); // computed again; y2, now the oldest, goes
    expect(cache.kept(database)).toEqual({ keys: 2, weight: 5 });
    expect(await cache.get(database, 'big9')).toHaveLength(9); // heavier than the limit alone: answered, nothing kept
    expect(cache.kept(database)).toEqual({ keys: 0, weight: 0 });
    await cache.get(database, 'big9');
    expect(computed).toEqual(['x2', 'y2', 'z3', 'x2', 'big9', 'big9']);
  });

  it('past its time to live, answers the kept value while computing a fresh one in the background', async () => {
    const { cache, computed } = counting(0, 4);
    expect(await cache.get(database, 'a')).toBe('value of a #1');
    expect(await cache.get(database, 'a')).toBe('value of a #1'); // expired: answered at once, #2 computed meanwhile
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(await cache.get(database, 'a')).toBe('value of a #2');
    expect(computed.length).toBeGreaterThanOrEqual(2);
  });

  it("sees another writer's commit within the change check, and reads nothing again while the graph does not change", async () => {
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    const { cache, computed } = counting(600_000, 4);
    expect(await cache.get(database, 'a')).toBe('value of a #1');
    // No change anywhere: past a check (the probe's token unchanged), the value is still the kept one.
    await sleep(CHANGE_CHECK_MS + 100);
    expect(await cache.get(database, 'a')).toBe('value of a #1');
    await sleep(1_000);
    expect(await cache.get(database, 'a')).toBe('value of a #1');
    // This process's own write: dropped at once, and not a second time when the next probe sees the moved token.
    const id = `cache-probe-${Date.now()}`;
    await database.write('CREATE (:CacheProbe {id: $id})', { id });
    expect(await cache.get(database, 'a')).toBe('value of a #2');
    await sleep(CHANGE_CHECK_MS + 100);
    expect(await cache.get(database, 'a')).toBe('value of a #2');
    await sleep(1_000);
    expect(await cache.get(database, 'a')).toBe('value of a #2');
    expect(computed).toEqual(['a', 'a']);
    // Another writer (a second connection, as another server or `kg import` would be): seen once a check has run.
    const other = openTestDatabase();
    try {
      await other.write('MATCH (probe:CacheProbe {id: $id}) SET probe.touched = true', { id });
      await sleep(CHANGE_CHECK_MS + 100);
      await expect.poll(() => cache.get(database, 'a')).toBe('value of a #3');
    } finally {
      await other.write('MATCH (probe:CacheProbe {id: $id}) DELETE probe', { id });
      await other.close();
    }
  });

  it('does not keep a failure: the next caller tries again', async () => {
    const { cache, computed } = counting(60_000, 4);
    await expect(cache.get(database, 'fail-1')).rejects.toThrow('cannot derive fail-1');
    await expect(cache.get(database, 'fail-1')).rejects.toThrow('cannot derive fail-1');
    expect(computed).toEqual(['fail-1', 'fail-1']);
  });
});
