/**
 * Indicators (指标) whose current value the graph itself can give, keyed by the indicator's stable `code` (a field
 * of the Indicator record, e.g. HIGH_TECH_ENTERPRISES). An indicator is DERIVED when its code is one of these and
 * its region has what the formula needs; every other indicator — no code, or a code without a formula (e.g.
 * RD_INTENSITY) — is RECORDED: its current value is the latest `recordedValue` of the record. Names are never read:
 * renaming an indicator, or a name that happens to contain another's words, changes nothing.
 */
import type { StoredEnumValue } from '../../graph/properties.js';

export interface IndicatorDerivation {
  /** The indicator code the formula derives; also the key of its value in the Cypher result. */
  code: string;
  /** A Cypher expression over the bound variable `region`; null when it cannot be computed for that region. */
  cypher: string;
  description: string;
}

const IN_REGION = '-[:LOCATED_IN]->(:Region)-[:PART_OF*0..]->(region)';

/** Enterprises located in the region (or its parts) holding `qualification`. */
const enterprisesWith = (qualification: StoredEnumValue<'EnterpriseQualification'>) =>
  `COUNT { MATCH (enterprise:Enterprise)${IN_REGION} WHERE '${qualification}' IN coalesce(enterprise.qualifications, []) }`;

export const INDICATOR_DERIVATIONS: readonly IndicatorDerivation[] = [
  {
    code: 'HIGH_TECH_ENTERPRISES',
    cypher: enterprisesWith('HIGH_TECH'),
    description: '图谱中位于该地区（含下辖乡镇）、具有高新技术企业资质（HIGH_TECH）的企业数 / enterprises located in the region (or its parts) with the HIGH_TECH qualification',
  },
  {
    code: 'TECH_SMES',
    cypher: enterprisesWith('TECH_SME'),
    description: '图谱中位于该地区、具有科技型企业资质（TECH_SME）的企业数 / enterprises located in the region with the TECH_SME qualification',
  },
  {
    code: 'INVENTION_PATENTS_PER_10K',
    cypher: `CASE WHEN coalesce(region.population, 0) > 0 THEN
               toFloat(COUNT { MATCH (patent:Patent {kind: 'INVENTION'}) WHERE patent.grantedYear IS NOT NULL AND EXISTS { MATCH (patent)<-[:OWNS]-(:Organization)${IN_REGION} } })
               * 10000.0 / region.population END`,
    description:
      '图谱中该地区机构拥有的已授权发明专利数 ÷ 该地区人口 × 10000 / granted invention patents owned by organisations located in the region, per 10 000 of its population',
  },
];

/** The derivation of an indicator with this code; null for no code or a code the graph cannot derive. */
export function derivationFor(code: string | null | undefined): IndicatorDerivation | null {
  return INDICATOR_DERIVATIONS.find((derivation) => derivation.code === code) ?? null;
}

/** (current − baseline) / (target − baseline), rounded to 0.001; null when it is undefined. */
export function progressRatio(current: number | null, baseline: number, target: number): number | null {
  if (current === null || target === baseline) return null;
  return Math.round(((current - baseline) / (target - baseline)) * 1000) / 1000;
}
