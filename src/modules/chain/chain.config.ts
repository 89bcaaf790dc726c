/**
 * The rules of chain analysis (产业链缺链/短板分析) in one place. The API returns them with every chain
 * (`IndustryChain.rules`) so that an official reading a verdict can see the rule that produced it. They are defined in
 * src/config.ts, below every layer, because a service is configured with them (the request context carries them).
 */
export { SUPPORT_DIMENSIONS, CHAIN_RULES, checkedChainRules, type SupportDimension, type ChainRules, type AppliedChainRules } from '../../config.js';
