import { describe, expect, it } from 'vitest';
import { unpackPrefetched } from '../../../src/graph/packed.js';
import { packedEdge, packedEntity } from '../../../src/graph/projection.js';
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
