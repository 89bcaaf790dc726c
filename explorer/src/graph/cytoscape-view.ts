/**
 * The neighbourhood drawing, loaded only by the views that draw graphs: Cytoscape.js with the fCoSE force-directed
 * layout. Colour and shape by kind, edge labels by relationship, click to open, double-click to expand.
 */
import cytoscape, { type Core, type ElementDefinition, type LayoutOptions, type NodeSingular } from 'cytoscape';
import fcose from 'cytoscape-fcose';
import { FALLBACK_STYLE, KIND_STYLES, type KindStyle } from './kind-style';

/** fCoSE's options (its package has no types; Cytoscape's own types list only the built-in layouts). */
function fcoseLayout(options: { randomize: boolean; quality: 'draft' | 'default' }): LayoutOptions {
  const layout = { name: 'fcose', animate: false, nodeRepulsion: () => 6500, idealEdgeLength: () => 80, ...options };
  return layout as unknown as LayoutOptions;
}

cytoscape.use(fcose);

export interface DrawnNode {
  id: string;
  label: string;
  kind: string;
}

export interface DrawnEdge {
  from: string;
  to: string;
  kind: string;
  label: string;
}

export interface GraphHandlers {
  onOpen(id: string): void;
  onExpand(id: string): void;
  /** Called when the drawing moves (layout, pan, zoom), so overlays can follow the nodes. */
  onViewChange(): void;
}

export interface GraphController {
  /** Adds nodes and edges not drawn yet and lays the graph out again; returns how many nodes were added. */
  add(nodes: DrawnNode[], edges: DrawnEdge[], around?: string): number;
  /** Marks a node as the centre of the drawing. */
  focus(id: string): void;
  nodeCount(): number;
  /** The drawn nodes' ids, in drawing order (for keyboard navigation). */
  nodeIds(): string[];
  /** Where a node is drawn, relative to the container; null when it is not drawn. */
  renderedPosition(id: string): { x: number; y: number } | null;
  labelOf(id: string): string;
  destroy(): void;
}

function elementsOf(nodes: DrawnNode[], edges: DrawnEdge[], existing: Core | null): ElementDefinition[] {
  const elements: ElementDefinition[] = [];
  for (const node of nodes) {
    if (existing?.getElementById(node.id).nonempty()) continue;
    const style = KIND_STYLES[node.kind] ?? FALLBACK_STYLE;
    const label = node.label.length > 16 ? `${node.label.slice(0, 15)}…` : node.label;
    elements.push({ group: 'nodes', data: { id: node.id, label, fullLabel: node.label, kind: node.kind, color: style.color, shape: style.shape } });
  }
  for (const edge of edges) {
    const id = `${edge.from}|${edge.kind}|${edge.to}`;
    if (existing?.getElementById(id).nonempty()) continue;
    elements.push({ group: 'edges', data: { id, source: edge.from, target: edge.to, label: edge.label, kind: edge.kind } });
  }
  return elements;
}

export function mountGraph(container: HTMLElement, nodes: DrawnNode[], edges: DrawnEdge[], handlers: GraphHandlers): GraphController {
  const large = nodes.length > 200;
  const cy = cytoscape({
    container,
    elements: elementsOf(nodes, edges, null),
    wheelSensitivity: 0.3,
    textureOnViewport: large,
    hideEdgesOnViewport: large,
    style: [
      {
        selector: 'node',
        style: {
          'background-color': 'data(color)',
          shape: (node: NodeSingular) => node.data('shape') as KindStyle['shape'],
          label: 'data(label)',
          color: '#1b1b1b',
          'font-size': 11,
          'text-valign': 'bottom',
          'text-margin-y': 3,
          'text-background-color': '#ffffff',
          'text-background-opacity': 0.8,
          'text-background-padding': '1px',
          width: 22,
          height: 22,
          'min-zoomed-font-size': 7,
        },
      },
      { selector: 'node.centre', style: { width: 34, height: 34, 'border-width': 3, 'border-color': '#111111', 'font-weight': 'bold' } },
      {
        selector: 'edge',
        style: {
          width: 1.4,
          'line-color': '#9aa3ad',
          'target-arrow-color': '#9aa3ad',
          'target-arrow-shape': 'triangle',
          'arrow-scale': 0.7,
          'curve-style': large ? 'haystack' : 'bezier',
          label: 'data(label)',
          'font-size': 9,
          color: '#4a4a4a',
          'text-rotation': 'autorotate',
          'text-background-color': '#ffffff',
          'text-background-opacity': 0.85,
          'min-zoomed-font-size': 9,
        },
      },
      { selector: 'node:selected', style: { 'border-width': 3, 'border-color': '#ffbf00' } },
    ],
    layout: fcoseLayout({ randomize: true, quality: large ? 'draft' : 'default' }),
  });

  let tapTimer: ReturnType<typeof setTimeout> | null = null;
  cy.on('tap', 'node', (event) => {
    const id = event.target.id() as string;
    if (tapTimer) clearTimeout(tapTimer);
    tapTimer = setTimeout(() => {
      tapTimer = null;
      handlers.onOpen(id);
    }, 300);
  });
  cy.on('dbltap', 'node', (event) => {
    if (tapTimer) clearTimeout(tapTimer);
    tapTimer = null;
    handlers.onExpand(event.target.id() as string);
  });

  cy.on('layoutstop pan zoom resize', () => handlers.onViewChange());

  return {
    add(newNodes, newEdges, around) {
      const elements = elementsOf(newNodes, newEdges, cy);
      if (elements.length === 0) return 0;
      const centre = around ? cy.getElementById(around) : null;
      const position = centre?.nonempty() ? centre.position() : undefined;
      const added = cy.add(elements.map((element) => (position && element.group === 'nodes' ? { ...element, position: { ...position } } : element)));
      cy.layout(fcoseLayout({ randomize: false, quality: cy.nodes().length > 200 ? 'draft' : 'default' })).run();
      return added.nodes().length;
    },
    focus(id) {
      cy.nodes().removeClass('centre');
      cy.getElementById(id).addClass('centre');
    },
    nodeCount: () => cy.nodes().length,
    nodeIds: () => cy.nodes().map((node) => node.id()),
    renderedPosition: (id) => {
      const node = cy.getElementById(id);
      return node.nonempty() ? { ...node.renderedPosition() } : null;
    },
    labelOf: (id) => String(cy.getElementById(id).data('fullLabel') ?? id),
    destroy: () => cy.destroy(),
  };
}
