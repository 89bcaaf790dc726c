import { describe, expect, it } from 'vitest';
import { unpackPrefetched } from '../../../src/graph/packed.js';
import { asKind, boundKind, entityProjection, packedEdge, packedEntity } from '../../../src/graph/projection.js';
import type { RelationPrefetch } from '../../../src/graph/query.js';

const spec = { name: 'test', body: 'MATCH (parent)-[r:X]->(node) RETURN node, properties(r) AS edge' };
const page = { offset: 0, limit: 10 };
/** affiliations { edges { primary node { name region { name } } } }: names, the edges' `primary`, a nested region. */
const region: RelationPrefetch = { spec, page, withTotal: false, kinds: null, properties: ['name'], edgeProperties: [], nested: [] };
const affiliations: RelationPrefetch = { spec, page, withTotal: true, kinds: null, properties: ['name', 'id'], edgeProperties: ['primary'], nested: [region] };
/** A field with a resolver of its own: every property of the node and of the edge. */
const everything: RelationPrefetch = { spec, page, withTotal: false, kinds: null, properties: null, edgeProperties: null, nested: [] };

describe('packed read-ahead pages', () => {
  it('projects the named properties in order as lists, the id once; whole maps when every property is read', () => {
    expect(packedEntity('node', ['name', 'id', 'name'])).toBe("[[label IN labels(node) WHERE NOT label IN ['Entity', 'Organization']][0], node.id, node.name]");
    expect(packedEntity('node', null)).toContain('node {.*, nodeKind:');
    expect(packedEdge('edge', ['primary', 'since'])).toBe('CASE WHEN edge IS NULL THEN null ELSE [edge.primary, edge.since] END');
    expect(packedEdge('edge', [])).toBe('null');
    expect(packedEdge('edge', null)).toBe('edge');
    expect(() => packedEntity('node', ['name} RETURN 1 //'])).toThrow('packed node: "name} RETURN 1 //" is not a property name');
    expect(() => packedEdge('edge', ['a-b'])).toThrow('packed edge: "a-b" is not a property name');
  });

  it('writes a kind the query matched the node by as a literal, and reads the labels otherwise', () => {
    expect(packedEntity('item1', ['name'], 'Region')).toBe("['Region', item1.id, item1.name]");
    expect(entityProjection('item0', ['name'], 'Expert')).toBe("item0 {.id, .name, nodeKind: 'Expert'}");
    expect(entityProjection('item0', null, 'Expert')).toBe("item0 {.*, nodeKind: 'Expert'}");
    expect(asKind('Expert')).toBe('Expert');
    expect(asKind('Organization')).toBeNull();
    expect(asKind('Entity')).toBeNull();
    // One kind's label on every mention of `node`: that kind.
    expect(boundKind('MATCH (parent)-[:LOCATED_IN]->(node:Region) RETURN node, null AS edge')).toBe('Region');
    expect(boundKind('MATCH (parent)-[r:HAS_EXPERTISE]->(node:Topic) WHERE r.level IS NOT NULL RETURN DISTINCT node, properties(r) AS edge')).toBe('Topic');
    expect(boundKind('MATCH (parent)<-[:LEADS]-(node:Expert) RETURN node, null AS edge UNION MATCH (parent)<-[:PARTICIPATES_IN]-(node:Expert) RETURN node, null AS edge')).toBe('Expert');
    // An interface's label, several kinds, a label expression, a bare or renamed node: the labels are read.
    expect(boundKind('MATCH (parent)<-[:FOCUSES_ON]-(node:Organization) RETURN node, null AS edge')).toBeNull();
    expect(boundKind('MATCH (parent)<-[:LEADS]-(node:Expert) RETURN node, null AS edge UNION MATCH (parent)<-[:LEADS]-(node:Enterprise) RETURN node, null AS edge')).toBeNull();
    expect(boundKind('MATCH (parent)<-[:LEADS]-(node:Expert|Enterprise) RETURN node, null AS edge')).toBeNull();
    expect(boundKind('MATCH (parent)<-[:LEADS]-(node:Expert&Enterprise) RETURN node, null AS edge')).toBeNull();
    expect(boundKind('MATCH (parent)<-[:LEADS]-(node) WHERE node:Expert RETURN node, null AS edge')).toBeNull();
    expect(boundKind('MATCH (parent)<-[:LEADS]-(x:Expert) WITH x AS node RETURN node, null AS edge')).toBeNull();
    expect(boundKind('MATCH (parent)<-[:LEADS]-(other:Expert) RETURN other AS node, null AS edge')).toBeNull();
    expect(boundKind('MATCH (parent)-[r]->(node:Expert) WHERE NOT node:Enterprise RETURN node, null AS edge')).toBeNull();
    expect(boundKind('MATCH (parent)-[:X]->(node:Widget) RETURN node, null AS edge')).toBeNull();
  });

  it('unpacks pages into the models a loader keeps: kinds, ids, named properties, edges only where there are some', () => {
    const value = [
      [2, [
        [['University', 'u1', '测试大学'], [true], [[null, [[['Region', 'r1', '甲县'], null, []]]]]],
        [['Enterprise', 'e1', null], null, [[null, []]]],
      ]],
      [null, [[{ nodeKind: 'Topic', id: 't1', name: '竹荪', level: 3 }, { level: 'EXPERT', source: 's' }, []]]],
    ];
    expect(unpackPrefetched([affiliations, everything], value, 'row 0')).toEqual([
      {
        total: 2,
        items: [
          { node: { nodeKind: 'University', id: 'u1', name: '测试大学' }, edge: { primary: true }, prefetched: [{ total: null, items: [{ node: { nodeKind: 'Region', id: 'r1', name: '甲县' }, prefetched: [] }] }] },
          { node: { nodeKind: 'Enterprise', id: 'e1', name: null }, prefetched: [{ total: null, items: [] }] },
        ],
      },
      { total: null, items: [{ node: { nodeKind: 'Topic', id: 't1', name: '竹荪', level: 3 }, edge: { level: 'EXPERT', source: 's' }, prefetched: [] }] },
    ]);
  });

  it('refuses a value of another shape, saying where it is and what was expected', () => {
    const item = (node: unknown, edge: unknown = null, nested: unknown = [[null, []]]) => [[1, [[node, edge, nested]]]];
    expect(() => unpackPrefetched([affiliations], item(['University', 'u1']), 'list of Expert: row 3: prefetched')).toThrow(
      'list of Expert: row 3: prefetched[0].items[0].node: expected [kind, id, name], got a list of 2',
    );
    expect(() => unpackPrefetched([affiliations], item(['Planet', 'u1', 'x']), 'p')).toThrow('p[0].items[0].node: expected a node kind first, got "Planet"');
    expect(() => unpackPrefetched([affiliations], item(['University', 7, 'x']), 'p')).toThrow('p[0].items[0].node: expected the id (a string) second, got 7');
    expect(() => unpackPrefetched([affiliations], item(['University', 'u1', 'x'], [true, false]), 'p')).toThrow('p[0].items[0].edge: expected [primary], got a list of 2');
    expect(() => unpackPrefetched([affiliations], item(['University', 'u1', 'x'], null, []), 'p')).toThrow('p[0].items[0].prefetched: expected the pages of 1 relations, got a list of 0');
    expect(() => unpackPrefetched([affiliations], [[-1, []]], 'p')).toThrow('p[0]: expected the total (a count or null), got -1');
    expect(() => unpackPrefetched([affiliations], [{ items: [], total: 0 }], 'p')).toThrow('p[0]: expected [total, items], got object');
    expect(() => unpackPrefetched([everything], [[null, [[{ id: 'x' }, null, []]]]], 'p')).toThrow(/p\[0\]\.items\[0\]\.node: .*nodeKind/s);
  });
});
