/**
 * Chain-gap expectations of a judged set: for given (segment, support dimension) gaps of a county, the actors expected
 * among the gap's top-N candidates; and segments requiring no topic, on which topic-based gaps cannot apply.
 */
import type { Database } from '../../src/neo4j/database.js';
import type { EntityModel } from '../../src/graph/entity.js';
import type { SupportDimension } from '../../src/modules/chain/chain.config.js';
import { findEntity } from '../../src/modules/chain/chain.repository.js';
import { analyseIndustryChain, rankGapCandidates } from '../../src/modules/chain/chain.service.js';
import type { IndustryChainModel } from '../../src/modules/chain/chain.model.js';

export interface ChainGapExpectations {
  county: string;
  asOfYear: number;
  topN: number;
  expectations: Array<{ segment: string; dimension: SupportDimension; expected: Record<string, string>; why: string }>;
  segmentsWithoutTopics: Array<{ segment: string; dimensionsThatCannotApply: SupportDimension[]; why: string }>;
}

export interface ChainGapReport {
  topN: number;
  expectations: number;
  /** Expected candidates in all, and how many were in their gap's top N. */
  expected: number;
  found: number;
  /** Expectations whose gap the analysis did not report at all (their candidates count as not found). */
  gapsMissing: number;
  /** Over every gap of the industries concerned: how many list no candidate at all. */
  gapsTotal: number;
  gapsWithoutCandidates: number;
  /** Gaps reported in a dimension that cannot apply to a segment requiring no topic. */
  inapplicableGaps: number;
  misses: Array<{ segment: string; dimension: string; candidate: string; gapReported: boolean }>;
}

/** Analyses the chains of the expected segments' industries from the county and checks every expectation. */
export async function evaluateChainGaps(database: Database, expectations: ChainGapExpectations): Promise<ChainGapReport> {
  const county = await findEntity(database, 'Region', expectations.county);
  if (!county) throw new Error(`chain-gap expectations: no region ${expectations.county}`);
  const segmentIds = [...expectations.expectations.map((entry) => entry.segment), ...expectations.segmentsWithoutTopics.map((entry) => entry.segment)];
  const rows = await database.read(
    `MATCH (industry:Industry)-[:HAS_SEGMENT]->(segment:ChainSegment) WHERE segment.id IN $segmentIds
     RETURN DISTINCT industry.id AS id ORDER BY id`,
    { segmentIds },
  );
  const chains: IndustryChainModel[] = [];
  for (const row of rows) {
    const industry = (await findEntity(database, 'Industry', row.id as string)) as EntityModel;
    chains.push(await analyseIndustryChain(database, industry, county, expectations.asOfYear));
  }
  const segments = new Map(chains.flatMap((chain) => chain.segments).map((analysis) => [analysis.segment.id, analysis]));
  const report: ChainGapReport = {
    topN: expectations.topN,
    expectations: expectations.expectations.length,
    expected: 0,
    found: 0,
    gapsMissing: 0,
    gapsTotal: 0,
    gapsWithoutCandidates: 0,
    inapplicableGaps: 0,
    misses: [],
  };
  for (const entry of expectations.expectations) {
    const gap = segments.get(entry.segment)?.gaps.find((candidate) => candidate.dimension === entry.dimension);
    const top = gap ? (await rankGapCandidates(database, gap, expectations.topN)).map((candidate) => candidate.candidate.id) : [];
    if (!gap) report.gapsMissing += 1;
    for (const candidate of Object.keys(entry.expected)) {
      report.expected += 1;
      if (top.includes(candidate)) report.found += 1;
      else report.misses.push({ segment: entry.segment, dimension: entry.dimension, candidate, gapReported: Boolean(gap) });
    }
  }
  for (const analysis of segments.values()) {
    for (const gap of analysis.gaps) {
      report.gapsTotal += 1;
      if ((await rankGapCandidates(database, gap, 1)).length === 0) report.gapsWithoutCandidates += 1;
    }
  }
  for (const entry of expectations.segmentsWithoutTopics) {
    report.inapplicableGaps += segments.get(entry.segment)?.gaps.filter((gap) => entry.dimensionsThatCannotApply.includes(gap.dimension)).length ?? 0;
  }
  return report;
}
