import type { Reason } from '../matching/matching.scoring.js';
/** The shapes the chain module hands to resolvers: segment analyses, gaps, ranked candidates, cluster overviews, indicator progress. */
import type { EntityModel } from '../../graph/entity.js';
import type { ChainRules, SupportDimension } from './chain.config.js';
import type { StoredEnumValue } from '../../graph/properties.js';

export type GapKind = 'NO_ENTERPRISE' | 'NO_RD_PARTNER' | 'NO_PLATFORM' | 'NO_EXPERT' | 'STALE' | 'WEAK';

/** An entity tied to a segment, with whether it is in the county and the topics through which it covers the segment. */
export interface SegmentMemberModel {
  node: EntityModel;
  local: boolean;
  topics: EntityModel[];
  /** For experts: the highest expertise level among those topics. */
  level?: StoredEnumValue<'ExpertiseLevel'> | null;
  /** For R&D partners: COOPERATION and/or PROJECT. */
  basis?: string[];
}

/** The counts behind a segment's verdict. */
export interface SegmentSupportModel {
  enterprises: number;
  localEnterprises: number;
  rdPartners: number;
  researchOrganizations: number;
  platforms: number;
  /** Experts on the segment's topics anywhere, and those in the county (through an affiliation). */
  experts: number;
  localExperts: number;
  projects: number;
  recentProjects: number;
  patents: number;
  lastProjectYear: number | null;
}

/** A shortfall of one segment in one support dimension. */
export interface ChainGapModel {
  kind: GapKind;
  dimension: SupportDimension;
  observed: number;
  required: number;
  reason: string;
  reasonEnglish: string;
  /** A short name distinct per kind and dimension, e.g. 县内专家偏少 / few local experts. */
  label: string;
  labelEnglish: string;
  /** What candidate ranking needs: the segment, the county, the reference year and who already supports it. */
  segment: EntityModel;
  countyId: string;
  asOfYear: number;
  requiredTopicIds: string[];
  excludedIds: string[];
  /**
   * The candidates of every gap of the same chain analysis, computed in one matching pass on first request and shared
   * (chain.service.ts); absent on a gap built elsewhere, which is then ranked alone.
   */
  candidatePool?: GapCandidatePool;
}

/** Lazily ranked candidates of a set of gaps: the best `CHAIN_RULES.candidatesMax` of each gap. */
export interface GapCandidatePool {
  candidatesOf(gap: ChainGapModel): Promise<GapCandidateModel[]>;
}

/** The lists of members a segment analysis offers. */
export type MemberList = 'enterprises' | 'rdPartners' | 'researchOrganizations' | 'platforms' | 'experts';

/**
 * The members of every segment of one chain analysis, loaded per list on first request and shared by the chain's
 * segments (one query per list for the whole chain).
 */
export interface ChainMembersModel {
  list(list: MemberList, segmentId: string): Promise<SegmentMemberModel[]>;
  /** Projects (newest first) and patents (newest first) on the segment's topics. */
  work(segmentId: string): Promise<{ projects: EntityModel[]; patents: EntityModel[] }>;
}

export interface ChainSegmentAnalysisModel {
  segment: EntityModel;
  requiredTopics: EntityModel[];
  /** Longest number of UPSTREAM_OF steps from a most-upstream segment of the chain (0 = head). */
  depth: number;
  upstreamIds: string[];
  downstreamIds: string[];
  /** The members, projects and patents, loaded when first asked for (the counts in `support` need none of them). */
  members: ChainMembersModel;
  support: SegmentSupportModel;
  gaps: ChainGapModel[];
}

export interface IndustryChainModel {
  industry: EntityModel;
  county: EntityModel;
  asOfYear: number;
  /** The rules the verdicts were judged by (the API returns them as `rules`). */
  rules: ChainRules;
  segments: ChainSegmentAnalysisModel[];
}

/** A candidate to fill a gap, as the matching module scored it. */
export interface GapCandidateModel {
  candidate: EntityModel;
  label: string;
  score: number;
  local: boolean;
  reasons: Reason[];
}

export interface IndicatorProgressModel {
  indicator: EntityModel;
  region: EntityModel | null;
  basis: 'DERIVED' | 'RECORDED';
  derivation: string;
  currentValue: number | null;
  currentYear: number | null;
  progressRatio: number | null;
}

export interface ClusterOverviewModel {
  cluster: EntityModel;
  county: EntityModel;
  industries: EntityModel[];
  localEnterprises: number;
  qualificationCounts: Array<{ qualification: StoredEnumValue<'EnterpriseQualification'>; count: number }>;
  segments: ChainSegmentAnalysisModel[];
  indicators: IndicatorProgressModel[];
}
