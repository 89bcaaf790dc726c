import { useState } from 'preact/hooks';
import { ConnectionsDocument, ConnectionsExportDocument, type ConnectionsQuery } from '../generated/graphql';
import { execute, operation } from '../api/client';
import { useQuery } from '../api/use-query';
import { currentLocale, enumLabel, t } from '../i18n/i18n';
import { entityHref, href, navigate, useLocation } from '../router';
import { Empty, QueryView } from '../components/ui';
import { EntityPicker, type PickedEntity } from '../components/picker';
import { GraphCanvas } from '../components/graph-canvas';
import { OperationTools } from '../components/toolbar';
import { entityName } from '../components/entity';
import type { DrawnEdge, DrawnNode } from '../graph/cytoscape-view';

type Path = ConnectionsQuery['connections']['paths'][number];

/** A path as a sentence: the API's own Chinese text, or the same steps with English relationship names. */
function sentence(path: Path): string {
  if (currentLocale() === 'zh') return path.text;
  let text = path.nodes[0]?.label ?? '';
  path.relationships.forEach((relationship, index) => {
    const previous = path.nodes[index]?.node.id;
    const next = path.nodes[index + 1];
    const forward = relationship.from.id === previous;
    text += forward ? ` —${enumLabel(relationship.kind)}→ ` : ` ←${enumLabel(relationship.kind)}— `;
    text += next?.label ?? '';
  });
  return text;
}

function drawing(paths: Path[]): { nodes: DrawnNode[]; edges: DrawnEdge[] } {
  const nodes = new Map<string, DrawnNode>();
  const edges = new Map<string, DrawnEdge>();
  for (const path of paths) {
    for (const node of path.nodes) nodes.set(node.node.id, { id: node.node.id, label: node.label, kind: node.kind });
    for (const edge of path.relationships) {
      edges.set(`${edge.from.id}|${edge.kind}|${edge.to.id}`, { from: edge.from.id, to: edge.to.id, kind: edge.kind, label: currentLocale() === 'zh' ? edge.verb : enumLabel(edge.kind) });
    }
  }
  return { nodes: [...nodes.values()], edges: [...edges.values()] };
}

const HOPS = [2, 3, 4, 5, 6];

export function ConnectView() {
  const { params } = useLocation();
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const hops = Number(params.get('hops') ?? 4);
  const maxHops = HOPS.includes(hops) ? hops : 4;
  const [draft, setDraft] = useState<{ from: PickedEntity | null; to: PickedEntity | null; hops: number }>({
    from: from ? { id: from, name: params.get('fromName') ?? from } : null,
    to: to ? { id: to, name: params.get('toName') ?? to } : null,
    hops: maxHops,
  });
  const variables = { from, to, maxHops, first: 5 };
  const state = useQuery(ConnectionsDocument, variables, from !== '' && to !== '');
  const kinds: Array<'UNIVERSITY' | 'RESEARCH_INSTITUTE' | 'ENTERPRISE' | 'PLATFORM' | 'GOVERNMENT_AGENCY' | 'EXPERT' | 'PROJECT' | 'PATENT' | 'DEMAND' | 'TOPIC' | 'INDUSTRY' | 'CHAIN_SEGMENT'> = ['ENTERPRISE', 'UNIVERSITY', 'RESEARCH_INSTITUTE', 'EXPERT', 'PLATFORM', 'GOVERNMENT_AGENCY', 'PROJECT', 'PATENT', 'DEMAND', 'TOPIC', 'INDUSTRY', 'CHAIN_SEGMENT'];

  return (
    <section aria-labelledby="connect-title">
      <h1 id="connect-title">{t('connect.title')}</h1>
      <form
        class="need-form connect-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (draft.from && draft.to) navigate(href('/connect', { from: draft.from.id, fromName: draft.from.name, to: draft.to.id, toName: draft.to.name, hops: draft.hops }));
        }}
      >
        <EntityPicker name="from" label={t('connect.from')} kinds={kinds} value={draft.from} onChange={(value) => setDraft((current) => ({ ...current, from: value }))} />
        <EntityPicker name="to" label={t('connect.to')} kinds={kinds} value={draft.to} onChange={(value) => setDraft((current) => ({ ...current, to: value }))} />
        <div class="field">
          <label for="connect-hops">{t('connect.maxHops')}</label>
          <select id="connect-hops" value={String(draft.hops)} onChange={(event) => { const value = Number(event.currentTarget.value); setDraft((current) => ({ ...current, hops: value })); }}>
            {HOPS.map((value) => (
              <option key={value} value={String(value)}>
                {value}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="primary" disabled={!draft.from || !draft.to}>
          {t('connect.submit')}
        </button>
      </form>
      {(from === '' || to === '') && <Empty>{t('connect.prompt')}</Empty>}
      <QueryView state={state}>
        {(data) => {
          const connections = data.connections;
          const drawn = drawing(connections.paths);
          return (
            <>
              <div class="result-head">
                <p class="count" role="status">
                  {entityName(connections.from)} → {entityName(connections.to)}：
                  {connections.found ? t('connect.found', { count: connections.paths.length, length: connections.shortestLength ?? 0 }) : t('connect.notFound', { hops: maxHops })}
                </p>
                <OperationTools
                  request={operation(ConnectionsDocument, variables)}
                  filename="paths"
                  exporter={async (format) => (await execute(ConnectionsExportDocument, { from, to, maxHops, first: 5, format })).connections.export}
                />
              </div>
              {connections.found && (
                <>
                  <ol class="paths">
                    {connections.paths.map((path, index) => (
                      <li key={index} class="path-sentence">
                        <span class="muted">{t('connect.path', { index: index + 1, length: path.length })}</span> {sentence(path)}
                      </li>
                    ))}
                  </ol>
                  <GraphCanvas nodes={drawn.nodes} edges={drawn.edges} label={t('connect.title')} onOpen={(id) => navigate(entityHref(id))} />
                </>
              )}
            </>
          );
        }}
      </QueryView>
    </section>
  );
}
