/** Pure rules of chain analysis: the upstream→downstream order of segments and each segment's gap verdict. */
import type { ChainRules, SupportDimension } from './chain.config.js';
import type { ChainGapModel, GapKind, SegmentSupportModel } from './chain.model.js';

/**
 * Depth of each segment: the longest number of UPSTREAM_OF steps from a segment with no upstream (0 = head).
 * Cycles (which the data should not have) are broken by ignoring the edge that closes them.
 */
export function chainDepths(segmentIds: readonly string[], downstream: ReadonlyMap<string, readonly string[]>): Map<string, number> {
  const upstreamCount = new Map(segmentIds.map((id) => [id, 0]));
  for (const id of segmentIds) for (const next of downstream.get(id) ?? []) if (upstreamCount.has(next)) upstreamCount.set(next, (upstreamCount.get(next) ?? 0) + 1);
  const depth = new Map<string, number>();
  const queue = segmentIds.filter((id) => upstreamCount.get(id) === 0);
  for (const id of queue) depth.set(id, 0);
  while (queue.length > 0) {
    const id = queue.shift() as string;
    for (const next of downstream.get(id) ?? []) {
      if (!upstreamCount.has(next)) continue;
      depth.set(next, Math.max(depth.get(next) ?? 0, (depth.get(id) ?? 0) + 1));
      upstreamCount.set(next, (upstreamCount.get(next) ?? 1) - 1);
      if (upstreamCount.get(next) === 0) queue.push(next);
    }
  }
  for (const id of segmentIds) if (!depth.has(id)) depth.set(id, 0);
  return depth;
}

/**
 * The support dimensions a segment is judged on. `byTopics`: the dimension is defined through the segment's
 * required topics, so it cannot apply to a segment that requires none (nothing could ever clear such a gap).
 * `label`: a short name for the gap, distinct per kind and dimension.
 */
const DIMENSIONS: Array<{
  dimension: SupportDimension;
  empty: GapKind;
  count: (support: SegmentSupportModel) => number;
  zh: string;
  en: string;
  byTopics: boolean;
  label: { empty: [string, string]; weak: [string, string] };
}> = [
  { dimension: 'ENTERPRISES', empty: 'NO_ENTERPRISE', count: (s) => s.localEnterprises, zh: '县内企业', en: 'local enterprises', byTopics: false, label: { empty: ['缺企业', 'no local enterprise'], weak: ['企业偏少', 'few local enterprises'] } },
  { dimension: 'RD_PARTNERS', empty: 'NO_RD_PARTNER', count: (s) => s.rdPartners, zh: '研发合作伙伴（高校、科研院所）', en: 'R&D partners (universities, research institutes)', byTopics: true, label: { empty: ['缺研发伙伴', 'no R&D partner'], weak: ['研发伙伴偏少', 'few R&D partners'] } },
  { dimension: 'PLATFORMS', empty: 'NO_PLATFORM', count: (s) => s.platforms, zh: '服务平台', en: 'platforms serving it', byTopics: true, label: { empty: ['缺服务平台', 'no platform'], weak: ['服务平台偏少', 'few platforms'] } },
  { dimension: 'EXPERTS', empty: 'NO_EXPERT', count: (s) => s.localExperts, zh: '县内相关专家', en: 'local experts on its topics', byTopics: true, label: { empty: ['缺县内专家', 'no local expert'], weak: ['县内专家偏少', 'few local experts'] } },
  { dimension: 'RECENT_PROJECTS', empty: 'STALE', count: (s) => s.recentProjects, zh: '近期项目', en: 'recent projects', byTopics: true, label: { empty: ['近年无项目', 'no recent project'], weak: ['近年项目偏少', 'few recent projects'] } },
];

const EMPTY_REASONS: Record<Exclude<GapKind, 'WEAK'>, (support: SegmentSupportModel, rules: ChainRules, asOfYear: number) => [string, string]> = {
  NO_ENTERPRISE: (s) => [
    `县内没有企业处于该环节${s.enterprises > 0 ? `（县外有 ${s.enterprises} 家）` : ''}`,
    `No enterprise in the county works in this segment${s.enterprises > 0 ? ` (${s.enterprises} outside it)` : ''}`,
  ],
  NO_RD_PARTNER: () => ['没有高校或科研院所与该环节企业合作，或承担该环节技术主题的项目', "No university or research institute cooperates with the segment's enterprises or works on a project on its topics"],
  NO_PLATFORM: () => ['没有服务该产业且（自身、承建单位或入驻专家）覆盖该环节技术主题的平台', "No platform serves the industry while it, its host or its experts cover the segment's topics"],
  NO_EXPERT: (s) => [
    `县内没有专家具备该环节所需技术主题（或其下位主题）的专长${s.experts > 0 ? `（县外有 ${s.experts} 位）` : ''}`,
    `No expert in the county holds expertise in the segment's required topics (or narrower ones)${s.experts > 0 ? ` (${s.experts} outside it)` : ''}`,
  ],
  STALE: (s, rules, asOfYear) => [
    `近 ${rules.staleYears} 年（${asOfYear - rules.staleYears} 年以来）没有该环节技术主题的项目；${s.lastProjectYear ? `最近一项始于 ${s.lastProjectYear} 年` : '从未有过'}`,
    `No project on the segment's topics started since ${asOfYear - rules.staleYears} (${rules.staleYears} years); ${s.lastProjectYear ? `the last one started in ${s.lastProjectYear}` : 'none ever has'}`,
  ],
};

/**
 * The gaps of one segment under the rules, one per dimension at fault: empty (NO_… or STALE) or below its minimum
 * (WEAK). A segment that requires no topic (`requiresTopics` false) is judged only on the dimensions not defined
 * through topics (its enterprises).
 */
export function judgeSegment(
  support: SegmentSupportModel,
  rules: ChainRules,
  asOfYear: number,
  requiresTopics = true,
): Array<Pick<ChainGapModel, 'kind' | 'dimension' | 'observed' | 'required' | 'reason' | 'reasonEnglish' | 'label' | 'labelEnglish'>> {
  const gaps = [];
  for (const { dimension, empty, count, zh, en, byTopics, label } of DIMENSIONS) {
    if (byTopics && !requiresTopics) continue;
    const observed = count(support);
    const required = rules.weakMinimums[dimension];
    if (observed === 0) {
      const [reason, reasonEnglish] = EMPTY_REASONS[empty as Exclude<GapKind, 'WEAK'>](support, rules, asOfYear);
      gaps.push({ kind: empty, dimension, observed, required, reason, reasonEnglish, label: label.empty[0], labelEnglish: label.empty[1] });
    } else if (observed < required) {
      gaps.push({
        kind: 'WEAK' as const,
        dimension,
        observed,
        required,
        label: label.weak[0],
        labelEnglish: label.weak[1],
        reason: `${zh}仅 ${observed} 个，低于最低要求 ${required} 个`,
        reasonEnglish: `Only ${observed} ${en}, below the minimum of ${required}`,
      });
    }
  }
  return gaps;
}
