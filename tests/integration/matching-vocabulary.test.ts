import { afterAll, describe, expect, it } from 'vitest';
import { deleteByPrefix, openTestDatabase, uniquePrefix } from '../support/database.js';
import { topicProfilesOf, vocabularyOf } from '../../src/modules/matching/vocabulary.js';

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
});
