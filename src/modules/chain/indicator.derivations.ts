/**
 * Indicators (指标) whose current value the graph itself can give. An indicator is DERIVED when its name matches
 * one of these (the speech's names), and its region has what the formula needs; every other indicator is RECORDED:
 * its current value is the latest `recordedValue` of the Indicator record. The Cypher formulas run over `region`.
 */
export interface IndicatorDerivation {
  key: string;
  matches: (name: string) => boolean;
  /** A Cypher expression over the bound variable `region`; null when it cannot be computed for that region. */
  cypher: string;
  description: string;
}

const IN_REGION = '-[:LOCATED_IN]->(:Region)-[:PART_OF*0..]->(region)';

export const INDICATOR_DERIVATIONS: readonly IndicatorDerivation[] = [
  {
    key: 'HIGH_TECH_ENTERPRISES',
    matches: (name) => name.includes('高新技术企业'),
    cypher: `COUNT { MATCH (enterprise:Enterprise)${IN_REGION} WHERE 'HIGH_TECH' IN coalesce(enterprise.qualifications, []) }`,
    description: '图谱中位于该地区（含下辖乡镇）、具有高新技术企业资质（HIGH_TECH）的企业数 / enterprises located in the region (or its parts) with the HIGH_TECH qualification',
  },
  {
    key: 'TECH_SMES',
    matches: (name) => name.includes('科技型企业'),
    cypher: `COUNT { MATCH (enterprise:Enterprise)${IN_REGION} WHERE 'TECH_SME' IN coalesce(enterprise.qualifications, []) }`,
    description: '图谱中位于该地区、具有科技型企业资质（TECH_SME）的企业数 / enterprises located in the region with the TECH_SME qualification',
  },
  {
    key: 'INVENTION_PATENTS_PER_10K',
    matches: (name) => name.includes('发明专利') && name.includes('万人'),
    cypher: `CASE WHEN coalesce(region.population, 0) > 0 THEN
               toFloat(COUNT { MATCH (patent:Patent {kind: 'INVENTION'}) WHERE patent.grantedYear IS NOT NULL AND EXISTS { MATCH (patent)<-[:OWNS]-(:Organization)${IN_REGION} } })
               * 10000.0 / region.population END`,
    description:
      '图谱中该地区机构拥有的已授权发明专利数 ÷ 该地区人口 × 10000 / granted invention patents owned by organisations located in the region, per 10 000 of its population',
  },
];

/** The derivation that applies to an indicator's name, if any. */
export function derivationFor(name: string): IndicatorDerivation | null {
  return INDICATOR_DERIVATIONS.find((derivation) => derivation.matches(name)) ?? null;
}

/** (current − baseline) / (target − baseline), rounded to 0.001; null when it is undefined. */
export function progressRatio(current: number | null, baseline: number, target: number): number | null {
  if (current === null || target === baseline) return null;
  return Math.round(((current - baseline) / (target - baseline)) * 1000) / 1000;
}
