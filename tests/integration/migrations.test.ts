import { afterAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../support/database.js';
import { migrate, FULLTEXT_INDEX, FULLTEXT_PROPERTIES } from '../../src/graph/migrations.js';
import { NODE_KINDS } from '../../src/graph/kinds.js';

describe('database migrations', () => {
  const database = openTestDatabase();
  afterAll(() => database.close());

  const schemaSnapshot = async () => {
    const constraints = await database.read('SHOW CONSTRAINTS YIELD name, type, labelsOrTypes, properties RETURN * ORDER BY name');
    const indexes = await database.read('SHOW INDEXES YIELD name, type, labelsOrTypes, properties, state, options RETURN name, type, labelsOrTypes, properties, state, options.indexConfig AS config ORDER BY name');
    return { constraints, indexes };
  };

  it('applied twice leave the same schema', async () => {
    await migrate(database);
    const first = await schemaSnapshot();
    await migrate(database);
    const second = await schemaSnapshot();
    expect(second).toEqual(first);
  });

  it('make every id unique per label and across labels, and index text with the cjk analyzer', async () => {
    const { constraints, indexes } = await schemaSnapshot();
    const uniqueLabels = constraints.filter((row) => String(row.type).endsWith('UNIQUENESS')).map((row) => (row.labelsOrTypes as string[])[0]);
    expect(uniqueLabels).toEqual(expect.arrayContaining(['Entity', ...NODE_KINDS]));
    const fulltext = indexes.find((row) => row.name === FULLTEXT_INDEX);
    expect(fulltext).toMatchObject({ type: 'FULLTEXT', state: 'ONLINE' });
    expect((fulltext?.config as Record<string, unknown>)['fulltext.analyzer']).toBe('cjk');
  });

  it('backfill derived properties (pinyin, alias text) on nodes written before they existed', async () => {
    const id = `t-${Date.now()}:topic:legacy`;
    await database.write('CREATE (n:Entity:Topic {id: $id, name: "冷链保存", aliases: ["冷链物流"], source: "test"})', { id });
    try {
      const result = await migrate(database);
      expect(result.backfilled).toBeGreaterThanOrEqual(1);
      const [row] = await database.read('MATCH (n:Entity {id: $id}) RETURN n.pinyin AS pinyin, n.aliasText AS aliasText', { id });
      expect(row).toEqual({ pinyin: 'llbc lenglianbaocun llwl lenglianwuliu', aliasText: '冷链物流' });
      expect((await migrate(database)).backfilled).toBe(0);
    } finally {
      await database.write('MATCH (n:Entity {id: $id}) DETACH DELETE n', { id });
    }
  });

  it('rebuild the full-text index when its properties are out of date', async () => {
    await database.write(`DROP INDEX ${FULLTEXT_INDEX} IF EXISTS`);
    await database.write(`CREATE FULLTEXT INDEX ${FULLTEXT_INDEX} FOR (n:Topic) ON EACH [n.name]`);
    await migrate(database);
    const [index] = await database.read('SHOW INDEXES YIELD name, properties, state WHERE name = $name RETURN properties, state', { name: FULLTEXT_INDEX });
    expect([...(index?.properties as string[])].sort()).toEqual([...FULLTEXT_PROPERTIES].sort());
    expect(index?.state).toBe('ONLINE');
  });

  it('let Chinese names be found by a two-character word inside them', async () => {
    const id = `t-${Date.now()}:topic:cjk`;
    await database.write('CREATE (n:Entity:Topic {id: $id, name: "中药材提取工艺", source: "test"})', { id });
    try {
      const rows = await database.read(`CALL db.index.fulltext.queryNodes('${FULLTEXT_INDEX}', '提取') YIELD node RETURN node.id AS id`);
      expect(rows.map((row) => row.id)).toContain(id);
    } finally {
      await database.write('MATCH (n:Entity {id: $id}) DETACH DELETE n', { id });
    }
  });
});
