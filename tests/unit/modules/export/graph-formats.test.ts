import { describe, expect, it } from 'vitest';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { csvField, escapeXml, exportSubgraph } from '../../../../src/modules/export/graph-formats.js';
import { RELATIONSHIP_VERBS } from '../../../../src/modules/links/relationship-verbs.js';
import { RELATIONSHIP_TYPE_NAMES } from '../../../../src/graph/kinds.js';
import type { SubgraphModel } from '../../../../src/modules/links/links.model.js';

const subgraph: SubgraphModel = {
  nodes: [
    { nodeKind: 'Enterprise', id: 'ent:a', name: 'A & "B" <公司>', qualifications: ['HIGH_TECH', 'TECH_SME'], employees: 12, kind: null },
    { nodeKind: 'Project', id: 'proj:p', name: '项目,P\n二期', startYear: 2024, funding: 12.5 },
  ],
  edges: [
    { type: 'PARTICIPATES_IN', from: 'ent:a', to: 'proj:p', properties: { role: '参与单位', source: 'x' } },
    { type: 'LEADS', from: 'ent:a', to: 'ent:missing', properties: {} },
  ],
  truncated: false,
};

describe('GraphML', () => {
  const { graphml, nodeCount, edgeCount } = exportSubgraph(subgraph, 'GRAPHML');
  it('is well-formed XML in the GraphML namespace with typed keys before the graph', () => {
    expect(XMLValidator.validate(graphml as string)).toBe(true);
    const document = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(graphml as string);
    expect(document.graphml.xmlns).toBe('http://graphml.graphdrawing.org/xmlns');
    expect(document.graphml.key.map((key: { 'attr.type': string }) => key['attr.type']).every((type: string) => ['boolean', 'long', 'double', 'string'].includes(type))).toBe(true);
    expect(graphml?.indexOf('<key')).toBeLessThan(graphml?.indexOf('<graph ') ?? 0);
  });
  it('keeps only edges whose ends are exported and types numbers', () => {
    expect([nodeCount, edgeCount]).toEqual([2, 1]);
    expect(graphml).toContain('attr.name="funding" attr.type="double"');
    expect(graphml).toContain('attr.name="employees" attr.type="long"');
    expect(graphml).toContain('A &amp; &quot;B&quot; &lt;公司&gt;');
  });
  it('escapes XML and drops characters XML forbids', () => {
    expect(escapeXml('a\u0001<b>')).toBe('a&lt;b&gt;');
  });
});

describe('CSV', () => {
  it('writes Gephi headers and quotes fields per RFC 4180', () => {
    const { nodesCsv, edgesCsv } = exportSubgraph(subgraph, 'CSV');
    expect(nodesCsv?.split('\r\n')[0]).toMatch(/^Id,Label,Kind,RecordId,/);
    expect(nodesCsv).toContain('"项目,P\n二期"');
    expect(nodesCsv).toContain('HIGH_TECH; TECH_SME');
    expect(edgesCsv?.split('\r\n')[0]).toMatch(/^Source,Target,Type,Relationship,Label/);
    expect(edgesCsv?.trim().split('\r\n')).toHaveLength(2);
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('=HYPERLINK("http://evil.example","点我")')).toBe(`"'=HYPERLINK(""http://evil.example"",""点我"")"`);
    expect(csvField('+86 123')).toBe("'+86 123");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('-1+2')).toBe("'-1+2");
    expect(csvField(-3.5)).toBe('-3.5');
    expect(csvField('示例=1')).toBe('示例=1');
  });
});

describe('relationship verbs', () => {
  it('has a Chinese verb for every relationship type', () => {
    for (const type of RELATIONSHIP_TYPE_NAMES) expect(RELATIONSHIP_VERBS[type], type).toMatch(/\p{Script=Han}/u);
  });
});
