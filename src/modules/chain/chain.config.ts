/**
 * The rules of chain analysis (产业链缺链/短板分析) in one place. The API returns them with every chain
 * (`IndustryChain.rules`) so that an official reading a verdict can see the rule that produced it.
 */

/** The support dimensions of a segment, each counted by `chain.repository.ts`, in the order the API lists them. */
export const SUPPORT_DIMENSIONS = ['ENTERPRISES', 'RD_PARTNERS', 'PLATFORMS', 'EXPERTS', 'RECENT_PROJECTS'] as const;
export type SupportDimension = (typeof SUPPORT_DIMENSIONS)[number];

export interface ChainRules {
  /** A segment is STALE when no project on it started in the last `staleYears` years (startYear ≥ asOfYear − staleYears). */
  staleYears: number;
  /**
   * A segment is WEAK in a dimension when it has some support there but less than this minimum
   * (zero support is the stronger verdict NO_ENTERPRISE, NO_RD_PARTNER, NO_PLATFORM, NO_EXPERT or STALE).
   */
  weakMinimums: Record<SupportDimension, number>;
  /** Gap candidates are scored by the matching module (src/modules/matching/matching.config.ts), like partner recommendations. */
  /** How many candidates a gap lists by default and at most. */
  candidatesDefault: number;
  candidatesMax: number;
}

export const CHAIN_RULES: ChainRules = {
  staleYears: 5,
  weakMinimums: { ENTERPRISES: 2, RD_PARTNERS: 1, PLATFORMS: 1, EXPERTS: 3, RECENT_PROJECTS: 1 },
  candidatesDefault: 5,
  candidatesMax: 20,
};

/** The rules applied to one chain: the configured rules and the year they were applied as of. */
export interface AppliedChainRules extends ChainRules {
  asOfYear: number;
}

/** Returns `rules` when every threshold is a whole number in range; throws naming the first one that is not. */
export function checkedChainRules(rules: ChainRules): ChainRules {
  const wholeIn = (name: string, value: number, min: number, max: number) => {
    if (!Number.isInteger(value) || value < min || value > max) throw new RangeError(`chain rules: ${name} must be a whole number from ${min} to ${max}, got ${value}`);
  };
  wholeIn('staleYears', rules.staleYears, 1, 100);
  for (const dimension of SUPPORT_DIMENSIONS) wholeIn(`weakMinimums.${dimension}`, rules.weakMinimums[dimension], 1, 1000);
  wholeIn('candidatesMax', rules.candidatesMax, 0, 100);
  wholeIn('candidatesDefault', rules.candidatesDefault, 0, rules.candidatesMax);
  return rules;
}
