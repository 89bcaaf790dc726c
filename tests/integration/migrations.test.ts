import { afterAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../support/database.js';
import { migrate, FULLTEXT_INDEX } from '../../src/neo4j/migrations.js';
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
