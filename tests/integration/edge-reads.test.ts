import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteByPrefix, openTestDatabase, uniquePrefix } from '../support/database.js';
import { startTestService, type TestService } from '../support/graphql-client.js';
import { importRecords } from '../support/fixtures.js';
import type { Database } from '../../src/neo4j/database.js';

/**
 * One enterprise cooperating with three universities (since 2019, 2023, 2021), one expert affiliated with two of them
 * (the second one primary, with a role) and holding three topics at three levels. Every relationship also carries a
 * `source` text, which none of the pages below shows.
 */
async function loadFixture(database: Database, prefix: string, marker: string): Promise<void> {
  const id = (key: string) => `${prefix}:${key}`;
  const source = `来源说明${'很长的一段文字'.repeat(20)}`;
  await importRecords(database, 'edge reads', {
    nodes: {
      Enterprise: [{ id: id('ent'), name: `${marker}企业`, foundedYear: 2005, employees: 120, rdSpending: 800, source }],
      University: ['甲', '乙', '丙'].map((name, index) => ({ id: id(`univ${index}`), name: `${marker}大学${name}`, source })),
      Expert: [{ id: id('expert'), name: `${marker}专家`, title: '教授', source }],
      Topic: ['一', '二', '三'].map((name, index) => ({ id: id(`topic${index}`), name: `${marker}主题${name}`, source })),
    },
    relationships: {
      COOPERATES_WITH: [
        { from: id('ent'), to: id('univ0'), kind: 'JOINT_LAB', since: 2019, source },
        { from: id('ent'), to: id('univ1'), kind: 'TECH_SERVICE', since: 2023, source },
        { from: id('ent'), to: id('univ2'), kind: 'INDUSTRY_ACADEMIA', since: 2021, source },
      ],
      AFFILIATED_WITH: [
        { from: id('expert'), to: id('univ0'), primary: false, since: 2010, source },
        { from: id('expert'), to: id('univ1'), primary: true, role: '教授', since: 2015, source },
      ],
      HAS_EXPERTISE: [
        { from: id('expert'), to: id('topic0'), level: 'BASIC', source },
        { from: id('expert'), to: id('topic1'), level: 'EXPERT', source },
        { from: id('expert'), to: id('topic2'), level: 'ADVANCED', source },
      ],
    },
  });
}

describe('a related page reads of each relationship only the properties it shows and orders by', () => {
  let database: Database;
  let service: TestService;
  const prefix = uniquePrefix();
  const marker = `边读${prefix}`;

  beforeAll(async () => {
    database = openTestDatabase();
    await loadFixture(database, prefix, marker);
    service = await startTestService(database);
  });
  afterAll(async () => {
    await service.close();
    await deleteByPrefix(database, prefix);
    await database.close();
  });

  /** The request's answer, and whether any query it sent read whole relationship maps. */
  async function ask<T>(query: string): Promise<{ data: T; wholeMaps: boolean }> {
    const sent: string[] = [];
    const unsubscribe = database.onQuery((event) => sent.push(event.query ?? ''));
    try {
      const result = await service.query<T>(query, { marker });
      expect(result.errors).toBeUndefined();
      return { data: result.data!, wholeMaps: sent.some((text) => text.includes('properties(r)')) };
    } finally {
      unsubscribe();
    }
  }

  const strip = (name: string) => name.slice(marker.length);

  it('orders cooperations by a year the page does not show (newest first), with the kind it shows', async () => {
    const { data, wholeMaps } = await ask<{ enterprises: { nodes: Array<{ cooperations: { edges: Array<{ kind: string; node: { name: string } }> } }> } }>(
      `query ($marker: String!) { enterprises(filter: { nameContains: $marker }) { nodes { cooperations { edges { kind node { name } } } } } }`,
    );
    expect(data.enterprises.nodes[0]!.cooperations.edges.map((edge) => [edge.kind, strip(edge.node.name)])).toEqual([
      ['TECH_SERVICE', '大学乙'],
      ['INDUSTRY_ACADEMIA', '大学丙'],
      ['JOINT_LAB', '大学甲'],
    ]);
    expect(wholeMaps).toBe(false);
  });

  it('puts the primary affiliation first when no edge field is shown, and shows the role and year when asked', async () => {
    const plain = await ask<{ experts: { nodes: Array<{ affiliations: { nodes: Array<{ name: string }> } }> } }>(
      `query ($marker: String!) { experts(filter: { nameContains: $marker }) { nodes { affiliations { nodes { name } } } } }`,
    );
    expect(plain.data.experts.nodes[0]!.affiliations.nodes.map((node) => strip(node.name))).toEqual(['大学乙', '大学甲']);
    expect(plain.wholeMaps).toBe(false);
    const edges = await ask<{ experts: { nodes: Array<{ affiliations: { edges: Array<{ role: string | null; since: number | null; node: { name: string } }> } }> } }>(
      `query ($marker: String!) { experts(filter: { nameContains: $marker }) { nodes { affiliations { edges { role since node { name } } } } } }`,
    );
    expect(edges.data.experts.nodes[0]!.affiliations.edges.map((edge) => [strip(edge.node.name), edge.role, edge.since])).toEqual([
      ['大学乙', '教授', 2015],
      ['大学甲', null, 2010],
    ]);
    expect(edges.wholeMaps).toBe(false);
  });

  it('orders expertise by level (expert, advanced, basic) and shows each level and, when asked, the source', async () => {
    const levels = await ask<{ experts: { nodes: Array<{ expertise: { edges: Array<{ level: string; node: { name: string } }> } }> } }>(
      `query ($marker: String!) { experts(filter: { nameContains: $marker }) { nodes { expertise { edges { level node { name } } } } } }`,
    );
    expect(levels.data.experts.nodes[0]!.expertise.edges.map((edge) => [edge.level, strip(edge.node.name)])).toEqual([
      ['EXPERT', '主题二'],
      ['ADVANCED', '主题三'],
      ['BASIC', '主题一'],
    ]);
    expect(levels.wholeMaps).toBe(false);
    const sources = await ask<{ experts: { nodes: Array<{ expertise: { edges: Array<{ source: string }> } }> } }>(
      `query ($marker: String!) { experts(filter: { nameContains: $marker }) { nodes { expertise { edges { source } } } } }`,
    );
    expect(sources.data.experts.nodes[0]!.expertise.edges.map((edge) => edge.source)).toEqual(Array(3).fill(`来源说明${'很长的一段文字'.repeat(20)}`));
  });
});
