/** How each kind of entity is drawn: one colour and one shape per kind, shared by the graph, the legend and tags. */
export interface KindStyle {
  color: string;
  shape: 'ellipse' | 'round-rectangle' | 'diamond' | 'hexagon' | 'triangle' | 'star' | 'barrel' | 'tag' | 'vee' | 'octagon' | 'rhomboid' | 'pentagon';
}

export const KIND_STYLES: Record<string, KindStyle> = {
  UNIVERSITY: { color: '#1f5fbf', shape: 'hexagon' },
  RESEARCH_INSTITUTE: { color: '#35729a', shape: 'octagon' },
  ENTERPRISE: { color: '#c0541a', shape: 'round-rectangle' },
  PLATFORM: { color: '#7b3fa0', shape: 'diamond' },
  GOVERNMENT_AGENCY: { color: '#a3162d', shape: 'pentagon' },
  EXPERT: { color: '#1d7a46', shape: 'ellipse' },
  INDUSTRY_CLUSTER: { color: '#6b4f1d', shape: 'star' },
  INDUSTRY: { color: '#8a6d1f', shape: 'barrel' },
  CHAIN_SEGMENT: { color: '#a07a12', shape: 'tag' },
  TOPIC: { color: '#4a5a6a', shape: 'ellipse' },
  PROJECT: { color: '#0f7c7c', shape: 'rhomboid' },
  PATENT: { color: '#5a6b1f', shape: 'vee' },
  DEMAND: { color: '#b23a6e', shape: 'triangle' },
  POLICY: { color: '#5b4a8a', shape: 'round-rectangle' },
  INDICATOR: { color: '#33691e', shape: 'triangle' },
  REGION: { color: '#6d6d6d', shape: 'barrel' },
};

export const FALLBACK_STYLE: KindStyle = { color: '#555555', shape: 'ellipse' };
