import type { NodeKind } from '../../src/graph/kinds.js';
import { Streams } from './random.js';
import { TOPIC_FIELDS } from './vocabulary.js';

/** How many records of each kind a dataset of `nodes` nodes has, and where each kind's ids start. */
export interface Plan {
  seed: number;
  idPrefix: string;
  nodes: number;
  counts: Record<NodeKind, number>;
  municipalities: number;
  counties: number;
  zones: number;
  /** Topics at the top of the hierarchy (broad fields) and in the middle level. */
  topicRoots: number;
  topicMiddle: number;
  /** First segment index of each industry (length industries + 1). */
  segmentStart: Uint32Array;
  indicatorsPerCluster: number;
}

export const MINIMUM_NODES = 1000;

/** Segments of industry `index`: 4 to 12, drawn once per industry. */
export function segmentCountOf(streams: Streams, index: number): number {
  return streams.stream('industry-segments', index).integer(4, 12);
}

/**
 * The sizes of a dataset of `nodes` nodes: a shared vocabulary that grows sub-linearly (topics ≈ 8·√N,
 * industries ≈ √N/6, one county per 2 500 nodes in up to 40 municipalities) and actors that fill the rest in
 * fixed proportions, so the total is exactly `nodes`.
 */
export function planDataset(nodes: number, seed: number, idPrefix: string): Plan {
  if (!Number.isInteger(nodes) || nodes < MINIMUM_NODES) throw new Error(`--nodes must be a whole number ≥ ${MINIMUM_NODES} (got ${nodes})`);
  const streams = new Streams(seed);
  const root = Math.sqrt(nodes);
  const municipalities = Math.min(40, Math.max(3, Math.round(root / 25)));
  const counties = Math.max(6, Math.round(nodes / 2500));
  const zones = 2;
  const topics = Math.max(120, Math.round(8 * root));
  const industries = Math.min(400, Math.max(12, Math.round(root / 6)));
  const clusters = Math.ceil(industries / 6);
  const segmentStart = new Uint32Array(industries + 1);
  for (let index = 0; index < industries; index += 1) segmentStart[index + 1] = segmentStart[index]! + segmentCountOf(streams, index);
  const indicatorsPerCluster = 2;
  const agencies = municipalities * 2 + counties;
  const vocabulary = 1 + municipalities + counties + zones + topics + clusters + industries + segmentStart[industries]! + clusters * indicatorsPerCluster + agencies;
  const rest = nodes - vocabulary;
  if (rest < 500) throw new Error(`--nodes ${nodes} leaves too few actors after the vocabulary (${vocabulary} nodes)`);
  const share = (fraction: number) => Math.max(1, Math.round(rest * fraction));
  const counts: Record<NodeKind, number> = {
    University: share(0.002),
    ResearchInstitute: share(0.003),
    Enterprise: 0,
    Platform: share(0.02),
    GovernmentAgency: agencies,
    Expert: share(0.27),
    IndustryCluster: clusters,
    Industry: industries,
    ChainSegment: segmentStart[industries]!,
    Topic: topics,
    Project: share(0.1),
    Patent: share(0.18),
    Demand: share(0.06),
    Policy: share(0.005),
    Indicator: clusters * indicatorsPerCluster,
    Region: 1 + municipalities + counties + zones,
  };
  counts.Enterprise = nodes - Object.values(counts).reduce((sum, count) => sum + count, 0);
  return {
    seed,
    idPrefix,
    nodes,
    counts,
    municipalities,
    counties,
    zones,
    topicRoots: TOPIC_FIELDS.length,
    topicMiddle: Math.round((topics - TOPIC_FIELDS.length) * 0.1),
    segmentStart,
    indicatorsPerCluster,
  };
}
