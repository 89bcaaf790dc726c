import { describe, expect, it } from 'vitest';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { useTestService } from '../support/graphql-client.js';
import { validateAgainstGraphmlSchema } from '../support/graphml-schema.js';
import { toGlobalId } from '../../src/graphql/global-id.js';

type Path = { length: number; text: string; nodes: Array<{ kind: string; label: string; node: { id: string } }>; relationships: Array<{ kind: string; verb: string; from: { id: string }; to: { id: string } }> };

/** Paths, neighbourhoods, bridges and exports over the sample county (read-only). */
describe('links over the sample county', () => {
  const suite = useTestService();

  const SWU = toGlobalId('University', 'univ:swu');
  const CONNECT = `query ($from: ID!, $to: ID!, $maxHops: Int, $via: [GraphRelationshipKind!], $first: Int) {
    connections(from: $from, to: $to, maxHops: $maxHops, via: $via, first: $first) { found shortestLength maxHops via
      shortest { length text nodes { kind label node { id } } relationships { kind verb from { id } to { id } } }
      paths { length text nodes { kind label node { id } } relationships { kind verb from { id } to { id } } } } }`;
  const connect = async (variables: Record<string, unknown>) => {
    const result = await suite.service.query<{ connections: { found: boolean; shortestLength: number | null; maxHops: number; via: string[]; shortest: Path[]; paths: Path[] } }>(CONNECT, variables);
    expect(result.errors).toBeUndefined();
    return result.data!.connections;
  };

  it('finds the paths an analyst expects from 青岗老腊肉 to 西南大学: direct cooperation, then through 市畜牧科学院', async () => {
    const result = await connect({ from: toGlobalId('Enterprise', 'ent:qinggang-laorou'), to: SWU });
    expect(result.found).toBe(true);
    expect(result.shortestLength).toBe(1);
    expect(result.shortest.map((path) => path.text)).toEqual(['X县青岗老腊肉食品有限公司 —合作→ 西南大学']);
    expect(result.paths[0]?.text).toBe('X县青岗老腊肉食品有限公司 —合作→ 西南大学');
    expect(result.paths.map((path) => path.text)).toContain('X县青岗老腊肉食品有限公司 —合作→ 市畜牧科学院 ←合作— 西南大学');
  });

  it('renders a project path with arrows in each relationship’s direction', async () => {
    const result = await connect({ from: toGlobalId('Enterprise', 'ent:yunji-shipin'), to: SWU, first: 5 });
    expect(result.shortest[0]?.text).toBe('X县云吉食品有限公司 —参与→ 山地鸡冷鲜加工与预制菜开发 ←参与— 西南大学');
    const path = result.shortest[0]!;
    expect(path.nodes.map((node) => node.kind)).toEqual(['ENTERPRISE', 'PROJECT', 'UNIVERSITY']);
    expect(path.relationships[1]).toMatchObject({ kind: 'PARTICIPATES_IN', verb: '参与', from: { id: SWU } });
  });

  it('returns the k shortest distinct simple paths, shortest first, within maxHops', async () => {
    const result = await connect({ from: toGlobalId('Enterprise', 'ent:qinggang-laorou'), to: SWU, maxHops: 5, first: 6 });
    expect(result.paths.length).toBeGreaterThan(1);
    expect(result.paths.length).toBeLessThanOrEqual(6);
    const lengths = result.paths.map((path) => path.length);
    expect(lengths).toEqual([...lengths].sort((a, b) => a - b));
    expect(Math.max(...lengths)).toBeLessThanOrEqual(5);
    const keys = result.paths.map((path) => path.relationships.map((r) => `${r.kind}:${r.from.id}>${r.to.id}`).join('|'));
    expect(new Set(keys).size).toBe(keys.length);
    for (const path of result.paths) expect(new Set(path.nodes.map((node) => node.node.id)).size).toBe(path.nodes.length);
  });

  it('answers "no path" when none lies within the hop limit or the allowed relationships', async () => {
    const near = await connect({ from: toGlobalId('Enterprise', 'ent:qiyun-yaoye'), to: SWU, maxHops: 1 });
    expect(near).toMatchObject({ found: false, shortestLength: null, shortest: [], paths: [], maxHops: 1 });
    const onlyPatents = await connect({ from: toGlobalId('Enterprise', 'ent:qinggang-laorou'), to: SWU, via: ['OWNS'] });
    expect(onlyPatents.found).toBe(false);
    expect(onlyPatents.via).toEqual(['OWNS']);
  });

  it('refuses out-of-range limits and unknown ids with typed errors', async () => {
    const from = toGlobalId('Enterprise', 'ent:qinggang-laorou');
    const hops = await suite.service.query(CONNECT, { from, to: SWU, maxHops: 7 });
    expect(hops.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'maxHops' });
    const first = await suite.service.query(CONNECT, { from, to: SWU, first: 0 });
    expect(first.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'first' });
    const via = await suite.service.query(CONNECT, { from, to: SWU, via: [] });
    expect(via.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'via' });
    const junk = await suite.service.query(CONNECT, { from: 'not-an-id!', to: SWU });
    expect(junk.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'from' });
    const missing = await suite.service.query(CONNECT, { from, to: toGlobalId('University', 'univ:nowhere') });
    expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const injected = await suite.service.query(`{ connections(from: "${from}", to: "${SWU}", via: ["LEADS]-()-[:OWNS"]) { found } }`);
    expect(injected.errors?.[0]?.extensions?.code).toMatch(/BAD_USER_INPUT|GRAPHQL_VALIDATION_FAILED/);
  });

  const NEIGHBORHOOD = `query ($id: ID!, $depth: Int, $kinds: [GraphRelationshipKind!], $limit: Int) {
    neighborhood(id: $id, depth: $depth, kinds: $kinds, limit: $limit) { truncated nodes { kind label node { id } } edges { kind from { id } to { id } } } }`;
  type Neighborhood = { truncated: boolean; nodes: Array<{ kind: string; node: { id: string } }>; edges: Array<{ kind: string; from: { id: string }; to: { id: string } }> };
  const around = async (variables: Record<string, unknown>) => {
    const result = await suite.service.query<{ neighborhood: Neighborhood }>(NEIGHBORHOOD, variables);
    expect(result.errors).toBeUndefined();
    return result.data!.neighborhood;
  };

  it('returns a neighbourhood with typed nodes and edges among them, the centre first', async () => {
    const result = await around({ id: SWU, depth: 1, kinds: ['AFFILIATED_WITH', 'COOPERATES_WITH'] });
    expect(result.nodes[0]?.node.id).toBe(SWU);
    expect(result.truncated).toBe(false);
    const ids = new Set(result.nodes.map((node) => node.node.id));
    expect(result.nodes.some((node) => node.kind === 'EXPERT')).toBe(true);
    expect(result.edges.every((edge) => ids.has(edge.from.id) && ids.has(edge.to.id) && ['AFFILIATED_WITH', 'COOPERATES_WITH'].includes(edge.kind))).toBe(true);
    const zero = await around({ id: SWU, depth: 0 });
    expect(zero.nodes).toHaveLength(1);
  });

  it('reads of the entities only what the selection shows, all of them and the edges\' properties for an export', async () => {
    // 陈楠潇 (expert:chen-nanxiao) in the fixture: affiliated with 市畜牧科学院 (role 研究员), expertise 畜禽育种 (ADVANCED)
    // and 饲料营养 (EXPERT). Ring 1 by record id: inst:animal-science, topic:animal-breeding, topic:feed-nutrition.
    const rings: string[] = [];
    const stop = suite.database.onQuery((event) => {
      if (event.query?.includes('$frontier')) rings.push(event.query);
    });
    try {
      const variables = { id: toGlobalId('Expert', 'expert:chen-nanxiao'), kinds: ['AFFILIATED_WITH', 'HAS_EXPERTISE'] };
      const shown = await suite.service.query<{ neighborhood: { nodes: Array<{ label: string; node: { description?: string } }>; edges: Array<{ kind: string; to: { name: string } }> } }>(
        `query ($id: ID!, $kinds: [GraphRelationshipKind!]) { neighborhood(id: $id, kinds: $kinds) {
          nodes { label node { ... on Expert { description } } } edges { kind to { ... on Topic { name } ... on ResearchInstitute { name } } } } }`,
        variables,
      );
      expect(shown.errors).toBeUndefined();
      expect(shown.data!.neighborhood.nodes.map((node) => node.label)).toEqual(['陈楠潇', '市畜牧科学院', '畜禽育种', '饲料营养']);
      expect(shown.data!.neighborhood.nodes[0]!.node.description).toBe('市畜牧科学院研究员；专长：饲料营养、畜禽育种；西部之光访问学者。（示例人物）');
      expect(shown.data!.neighborhood.edges.map((edge) => `${edge.kind} ${edge.to.name}`).sort()).toEqual(['AFFILIATED_WITH 市畜牧科学院', 'HAS_EXPERTISE 畜禽育种', 'HAS_EXPERTISE 饲料营养']);
      expect(rings).toHaveLength(1);
      expect(rings[0]).not.toContain('.*');
      expect(rings[0]).not.toContain('properties(r)');

      const exported = await suite.service.query<{ neighborhood: { export: { nodesCsv: string; edgesCsv: string } } }>(
        `query ($id: ID!, $kinds: [GraphRelationshipKind!]) { neighborhood(id: $id, kinds: $kinds) { nodes { label } export(format: CSV) { nodesCsv edgesCsv } } }`,
        variables,
      );
      expect(exported.errors).toBeUndefined();
      const { nodesCsv, edgesCsv } = exported.data!.neighborhood.export;
      expect(nodesCsv).toContain('市畜科院'); // an alias of 市畜牧科学院: every property is read for a file
      expect(edgesCsv).toContain('ADVANCED');
      expect(edgesCsv).toContain('研究员');
      expect(rings[1]).toContain('.*');
    } finally {
      stop();
    }
  });

  it('answers a neighbourhood in three round trips at depth 2: the centre, then a ring each, the last with the edges', async () => {
    const queries: string[] = [];
    const stop = suite.database.onQuery((event) => queries.push(event.query ?? 'a transaction'));
    try {
      const result = await around({ id: SWU, depth: 2, limit: 60 });
      expect(result.nodes).toHaveLength(60);
      expect(result.edges.length).toBeGreaterThan(59);
      expect(queries).toHaveLength(3);
    } finally {
      stop();
    }
  });

  it('keeps only the entity kinds asked for, the centre always, passing through other kinds', async () => {
    const result = await suite.service.query<{ neighborhood: Neighborhood }>(
      `query ($id: ID!) { neighborhood(id: $id, depth: 2, entityKinds: [PROJECT], limit: 500) { truncated nodes { kind label node { id } } edges { kind from { id } to { id } } } }`,
      { id: SWU },
    );
    expect(result.errors).toBeUndefined();
    const nodes = result.data!.neighborhood.nodes;
    expect(nodes[0]?.node.id).toBe(SWU);
    expect(nodes.length).toBeGreaterThan(3);
    expect(new Set(nodes.slice(1).map((node) => node.kind))).toEqual(new Set(['PROJECT']));
    const unfiltered = await around({ id: SWU, depth: 2, limit: 500 });
    const projectsWithin = unfiltered.nodes.filter((node) => node.kind === 'PROJECT').length;
    expect(nodes.length - 1).toBe(projectsWithin);
  });

  it('caps the neighbourhood and says so', async () => {
    const capped = await around({ id: SWU, depth: 3, limit: 10 });
    expect(capped.nodes).toHaveLength(10);
    expect(capped.truncated).toBe(true);
    const deeper = await around({ id: SWU, depth: 2, limit: 500 });
    const shallower = await around({ id: SWU, depth: 1, limit: 500 });
    expect(deeper.nodes.length).toBeGreaterThan(shallower.nodes.length);
    for (const [variables, argument] of [
      [{ id: SWU, depth: 4 }, 'depth'],
      [{ id: SWU, limit: 501 }, 'limit'],
      [{ id: SWU, limit: 0 }, 'limit'],
    ] as const) {
      const refused = await suite.service.query(NEIGHBORHOOD, variables);
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: argument });
    }
  });

  it('ranks organisations and experts by the chains they bridge', async () => {
    const result = await suite.service.query<{ chainBridges: Array<{ chainCount: number; segmentCount: number; bridgedPairs: number; actor: { __typename: string }; industries: Array<{ name: string }> }> }>(
      '{ all: chainBridges(first: 5) { chainCount segmentCount bridgedPairs actor { __typename } industries { name } } chainBridges(actorKinds: [EXPERT], first: 3) { chainCount segmentCount bridgedPairs actor { __typename } industries { name } } }',
    );
    expect(result.errors).toBeUndefined();
    const experts = result.data!.chainBridges;
    expect(experts).toHaveLength(3);
    expect(experts.every((bridge) => bridge.actor.__typename === 'Expert')).toBe(true);
    for (const bridge of experts) {
      expect(bridge.industries).toHaveLength(bridge.chainCount);
      expect(bridge.bridgedPairs).toBe((bridge.chainCount * (bridge.chainCount - 1)) / 2);
    }
    const counts = experts.map((bridge) => bridge.chainCount);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    const tooMany = await suite.service.query('{ chainBridges(first: 101) { chainCount } }');
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'first' });
  });
});

/** Validates a GraphML document against the GraphML XML Schema, then reads it back into keys, nodes and edges. */
function parseGraphml(graphml: string) {
  expect(XMLValidator.validate(graphml)).toBe(true);
  const verdict = validateAgainstGraphmlSchema(graphml);
  expect(verdict.valid, verdict.message).toBe(true);
  const document = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name, _path, _leaf, isAttribute) => !isAttribute && ['key', 'node', 'edge', 'data'].includes(name), parseTagValue: false }).parse(graphml);
  const root = document.graphml;
  expect(root.xmlns).toBe('http://graphml.graphdrawing.org/xmlns');
  const keys = new Map<string, { for: string; name: string; type: string }>();
  for (const key of root.key ?? []) {
    expect(['node', 'edge', 'graph', 'all']).toContain(key.for);
    expect(['boolean', 'int', 'long', 'float', 'double', 'string']).toContain(key['attr.type']);
    expect(keys.has(key.id)).toBe(false);
    keys.set(key.id, { for: key.for, name: key['attr.name'], type: key['attr.type'] });
  }
  const graph = root.graph;
  expect(['directed', 'undirected']).toContain(graph.edgedefault);
  const nodes = new Map<string, Record<string, string>>();
  for (const node of graph.node ?? []) {
    expect(nodes.has(node.id)).toBe(false);
    const data: Record<string, string> = {};
    for (const item of node.data ?? []) {
      expect(keys.get(item.key)?.for).toBe('node');
      data[keys.get(item.key)!.name] = String(item['#text'] ?? '');
    }
    nodes.set(node.id, data);
  }
  const edges = (graph.edge ?? []).map((edge: { source: string; target: string; data?: Array<{ key: string; '#text': string }> }) => {
    expect(nodes.has(edge.source) && nodes.has(edge.target)).toBe(true);
    const data: Record<string, string> = {};
    for (const item of edge.data ?? []) {
      expect(keys.get(item.key)?.for).toBe('edge');
      data[keys.get(item.key)!.name] = String(item['#text'] ?? '');
    }
    return { source: edge.source, target: edge.target, data };
  });
  return { keys, nodes, edges };
}

describe('exports over the sample county', () => {
  const suite = useTestService();

  it('exports the 大木漆 chain as GraphML that re-imports to the same nodes and edges', async () => {
    const result = await suite.service.query<{ industryChain: { export: { nodeCount: number; edgeCount: number; graphml: string; nodesCsv: null } } }>(
      'query ($id: ID!) { industryChain(industry: $id, asOfYear: 2026) { export(format: GRAPHML) { nodeCount edgeCount graphml nodesCsv } } }',
      { id: toGlobalId('Industry', 'industry:damuqi') },
    );
    expect(result.errors).toBeUndefined();
    const exported = result.data!.industryChain.export;
    expect(exported.nodesCsv).toBeNull();
    const graph = parseGraphml(exported.graphml);
    expect(graph.nodes.size).toBe(exported.nodeCount);
    expect(graph.edges).toHaveLength(exported.edgeCount);
    const recordIds = [...graph.nodes.values()].map((data) => data.recordId);
    expect(recordIds).toEqual(expect.arrayContaining(['industry:damuqi', 'seg:damuqi-refining', 'seg:damuqi-products']));
    // re-import: the edges read back are exactly the relationships among those entities in the database
    const stored = await suite.database.read(
      'MATCH (a:Entity)-[r]->(b:Entity) WHERE a.id IN $ids AND b.id IN $ids RETURN type(r) AS type, a.id AS from, b.id AS to',
      { ids: recordIds },
    );
    const recordOf = (globalId: string) => graph.nodes.get(globalId)!.recordId;
    const readBack = graph.edges.map((edge: { source: string; target: string; data: Record<string, string> }) => `${edge.data.relationship}:${recordOf(edge.source)}>${recordOf(edge.target)}`).sort();
    expect(readBack).toEqual(stored.map((row) => `${row.type}:${row.from}>${row.to}`).sort());
    const segmentNode = [...graph.nodes.values()].find((data) => data.recordId === 'seg:damuqi-refining')!;
    expect(segmentNode).toMatchObject({ kind: 'ChainSegment', label: '大木漆·精制', order: '2' });
  });

  it('exports a path set and a neighbourhood as CSV node and edge lists', async () => {
    const result = await suite.service.query<{ connections: { export: { nodeCount: number; edgeCount: number; nodesCsv: string; edgesCsv: string } }; neighborhood: { nodes: unknown[]; export: { nodeCount: number; nodesCsv: string } } }>(
      `query ($from: ID!, $to: ID!) { connections(from: $from, to: $to, first: 3) { export(format: CSV) { nodeCount edgeCount nodesCsv edgesCsv } }
        neighborhood(id: $to, depth: 1, limit: 20) { nodes { label } export(format: CSV) { nodeCount nodesCsv } } }`,
      { from: toGlobalId('Enterprise', 'ent:qinggang-laorou'), to: toGlobalId('University', 'univ:swu') },
    );
    expect(result.errors).toBeUndefined();
    const paths = result.data!.connections.export;
    expect(paths.nodesCsv.trim().split('\r\n')).toHaveLength(paths.nodeCount + 1);
    expect(paths.edgesCsv.trim().split('\r\n')).toHaveLength(paths.edgeCount + 1);
    expect(paths.edgesCsv).toContain('COOPERATES_WITH');
    expect(result.data!.neighborhood.export.nodeCount).toBe(result.data!.neighborhood.nodes.length);
  });

  it('has a schema check that rejects what GraphML does not allow', () => {
    const wrong = '<?xml version="1.0" encoding="UTF-8"?><graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph edgedefault="sideways"><node id="a"/></graph></graphml>';
    const verdict = validateAgainstGraphmlSchema(wrong);
    expect(verdict.valid).toBe(false);
    expect(verdict.message).toMatch(/sideways/);
  }, 120_000);

  it('exports the whole graph as valid GraphML', async () => {
    const result = await suite.service.query<{ graphExport: { nodeCount: number; edgeCount: number; graphml: string } }>('{ graphExport(format: GRAPHML) { nodeCount edgeCount graphml } }');
    expect(result.errors).toBeUndefined();
    const counts = await suite.database.read('MATCH (n:Entity) WITH count(n) AS nodes MATCH (:Entity)-[r]->(:Entity) RETURN nodes, count(r) AS edges');
    expect(result.data!.graphExport.nodeCount).toBe(counts[0]?.nodes);
    expect(result.data!.graphExport.edgeCount).toBe(counts[0]?.edges);
    const graph = parseGraphml(result.data!.graphExport.graphml);
    expect(graph.nodes.size).toBe(counts[0]?.nodes);
  });
});
