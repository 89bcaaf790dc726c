/**
 * The rules of chain analysis (产业链缺链/短板分析) in one place. The API returns them with every chain
 * (`IndustryChain.rules`) so that an official reading a verdict can see the rule that produced it.
 */

/** The support dimensions of a segment, each counted by `chain.repository.ts`. */
export type SupportDimension = 'ENTERPRISES' | 'RD_PARTNERS' | 'PLATFORMS' | 'EXPERTS' | 'RECENT_PROJECTS';

export interface ChainRules {
  /** A segment is STALE when no project on it started in the last `staleYears` years (startYear ≥ asOfYear − staleYears). */
  staleYears: number;
  /**
   * A segment is WEAK in a dimension when it has some support there but less than this minimum
   * (zero support is the stronger verdict NO_ENTERPRISE, NO_RD_PARTNER, NO_PLATFORM, NO_EXPERT or STALE).
   */
  weakMinimums: Record<SupportDimension, number>;
  /** How gap candidates are scored; the contributions of a candidate's reasons add up to its score (0–100). */
  scoring: {
    /** Most points topic coverage can give: this × the mean, over the segment's required topics, of the best match. */
    topicCoverageMax: number;
    /** Match value of an expert's expertise by level (专家 EXPERT, 熟练 ADVANCED, 基础 BASIC). */
    expertiseLevelValue: Record<'BASIC' | 'ADVANCED' | 'EXPERT', number>;
    /** Match value of an organisation's research or business focus (FOCUSES_ON). */
    focusValue: number;
    /** Factor applied to a related topic (a sibling under the same broader topic, or the broader topic itself). */
    relatedTopicFactor: number;
    /** Most points evidence can give; each project or patent on the topics adds `evidencePerItem` × its recency. */
    evidenceMax: number;
    evidencePerItem: number;
    /** Recency of an item `age` years old: max(evidenceFloor, 1 − age / evidenceHorizonYears). */
    evidenceHorizonYears: number;
    evidenceFloor: number;
    /** Points for where the candidate is: in the county, elsewhere in the county's municipality, in a shared cooperation zone. */
    locality: { county: number; municipality: number; sharedZone: number };
    /** Points per existing cooperation with an enterprise of the segment, up to `tiesMax`. */
    tiePerCooperation: number;
    tiesMax: number;
  };
  /** How many candidates a gap lists by default and at most. */
  candidatesDefault: number;
  candidatesMax: number;
}

export const CHAIN_RULES: ChainRules = {
  staleYears: 5,
  weakMinimums: { ENTERPRISES: 2, RD_PARTNERS: 1, PLATFORMS: 1, EXPERTS: 3, RECENT_PROJECTS: 1 },
  scoring: {
    topicCoverageMax: 50,
    expertiseLevelValue: { BASIC: 0.5, ADVANCED: 0.8, EXPERT: 1 },
    focusValue: 0.8,
    relatedTopicFactor: 0.4,
    evidenceMax: 25,
    evidencePerItem: 8,
    evidenceHorizonYears: 10,
    evidenceFloor: 0.2,
    locality: { county: 15, municipality: 8, sharedZone: 4 },
    tiePerCooperation: 5,
    tiesMax: 10,
  },
  candidatesDefault: 5,
  candidatesMax: 20,
};

/** The limits of the links queries (connections, neighborhood, chainBridges); inputs beyond them are refused. */
export const LINK_LIMITS = {
  maxHops: 6,
  defaultHops: 4,
  maxPaths: 20,
  defaultPaths: 5,
  maxDepth: 3,
  defaultDepth: 1,
  maxNeighborhoodNodes: 500,
  defaultNeighborhoodNodes: 100,
  /** Edges returned with a neighbourhood at most (edges among the kept nodes); beyond it `truncated` is true. */
  maxNeighborhoodEdges: 2000,
  maxBridges: 100,
  defaultBridges: 10,
} as const;
