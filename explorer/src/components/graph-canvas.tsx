import { useEffect, useRef, useState } from 'preact/hooks';
import type { DrawnEdge, DrawnNode, GraphController } from '../graph/cytoscape-view';
import { FALLBACK_STYLE, KIND_STYLES } from '../graph/kind-style';
import { enumLabel, t } from '../i18n/i18n';
import { Loading } from './ui';

/**
 * A drawn graph (Cytoscape.js, loaded on first use). `nodes`/`edges` are the initial drawing; `additions` grows it
 * without a new layout from scratch (expansions).
 */
export function GraphCanvas(props: {
  nodes: DrawnNode[];
  edges: DrawnEdge[];
  centre?: string;
  additions?: { nodes: DrawnNode[]; edges: DrawnEdge[]; around: string } | null;
  onOpen(id: string): void;
  onExpand?(id: string): void;
  label: string;
}) {
  const container = useRef<HTMLDivElement>(null);
  const controller = useRef<GraphController | null>(null);
  const handlers = useRef(props);
  handlers.current = props;
  const [ready, setReady] = useState(false);
  const [selected, setSelected] = useState<string | null>(props.centre ?? null);
  const [, setViewVersion] = useState(0);
  const placeMarker = () => setViewVersion((version) => version + 1);
  const key = `${props.centre ?? ''}|${props.nodes.length}|${props.edges.length}|${props.nodes[0]?.id ?? ''}`;

  useEffect(() => {
    let cancelled = false;
    setReady(false);
    void import('../graph/cytoscape-view').then(({ mountGraph }) => {
      if (cancelled || !container.current) return;
      controller.current = mountGraph(container.current, props.nodes, props.edges, {
        onOpen: (id) => handlers.current.onOpen(id),
        onExpand: (id) => handlers.current.onExpand?.(id),
        onViewChange: placeMarker,
      });
      if (props.centre) controller.current.focus(props.centre);
      container.current.dataset.nodeCount = String(controller.current.nodeCount());
      setSelected(props.centre ?? controller.current.nodeIds()[0] ?? null);
      setReady(true);
    });
    return () => {
      cancelled = true;
      controller.current?.destroy();
      controller.current = null;
    };
  }, [key]);

  useEffect(() => {
    if (!ready || !props.additions || !controller.current || !container.current) return;
    controller.current.add(props.additions.nodes, props.additions.edges, props.additions.around);
    container.current.dataset.nodeCount = String(controller.current.nodeCount());
  }, [ready, props.additions]);

  const marker = ready && selected && controller.current ? controller.current.renderedPosition(selected) : null;

  /** Keyboard use of the drawing: arrows move between nodes, Enter opens one, + (or the space bar) expands it. */
  const onKeyDown = (event: KeyboardEvent) => {
    const graph = controller.current;
    if (!graph || !selected) return;
    const ids = graph.nodeIds();
    const index = ids.indexOf(selected);
    if (event.key === 'ArrowRight' || event.key === 'ArrowDown') setSelected(ids[(index + 1) % ids.length] ?? selected);
    else if (event.key === 'ArrowLeft' || event.key === 'ArrowUp') setSelected(ids[(index - 1 + ids.length) % ids.length] ?? selected);
    else if (event.key === 'Enter') handlers.current.onOpen(selected);
    else if ((event.key === '+' || event.key === ' ') && handlers.current.onExpand) handlers.current.onExpand(selected);
    else return;
    event.preventDefault();
  };

  const kinds = [...new Set(props.nodes.concat(props.additions?.nodes ?? []).map((node) => node.kind))];
  return (
    <div class="graph">
      {!ready && <Loading />}
      <div class="graph-frame">
        <div
          ref={container}
          class="graph-canvas"
          role="application"
          tabIndex={0}
          aria-roledescription={t('graph.role')}
          aria-label={`${props.label}. ${t(props.onExpand ? 'graph.keysExpand' : 'graph.keys')}`}
          aria-describedby="graph-selected"
          data-ready={ready ? 'true' : 'false'}
          data-selected={selected ?? undefined}
          onKeyDown={onKeyDown}
        />
        {marker && <span class="graph-marker" aria-hidden="true" style={{ left: `${marker.x}px`, top: `${marker.y}px` }} />}
      </div>
      <p id="graph-selected" class="muted" aria-live="polite">
        {ready && selected && controller.current ? t('graph.selected', { name: controller.current.labelOf(selected) }) : ''}
      </p>
      <ul class="legend" aria-label={t('entity.legend')}>
        {kinds.map((kind) => (
          <li key={kind}>
            <span class={`legend-swatch shape-${(KIND_STYLES[kind] ?? FALLBACK_STYLE).shape}`} style={{ background: (KIND_STYLES[kind] ?? FALLBACK_STYLE).color }} aria-hidden="true" />
            {enumLabel(kind)}
          </li>
        ))}
      </ul>
    </div>
  );
}
