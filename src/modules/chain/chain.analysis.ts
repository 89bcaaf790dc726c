/** Pure rules of chain analysis: the upstream→downstream order of segments and each segment's gap verdict. */
import type { AppliedChainRules, ChainRules, SupportDimension } from './chain.config.js';
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
  for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
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
  empty: Exclude<GapKind, 'WEAK'>;
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

/** The dimensions a segment is judged on: all of them, or (when it requires no topic) those not defined through topics. */
export function dimensionsJudged(requiresTopics: boolean): SupportDimension[] {
  return DIMENSIONS.filter((entry) => requiresTopics || !entry.byTopics).map((entry) => entry.dimension);
}

/** What each dimension's support counts, and what an empty one is called, as the explanation states them. */
const EMPTY_RULES: Record<SupportDimension, (rules: AppliedChainRules) => [string, string]> = {
  ENTERPRISES: () => ['县内处于该环节的企业', 'local enterprises working in the segment'],
  RD_PARTNERS: () => ['研发合作伙伴（高校、科研院所）', 'R&D partners (universities, research institutes)'],
  PLATFORMS: () => ['服务该环节的平台', 'platforms serving the segment'],
  EXPERTS: () => ['县内具备其技术主题专长的专家', 'local experts holding one of its topics'],
  RECENT_PROJECTS: (rules) => [
    `${rules.asOfYear - rules.staleYears} 年（${rules.asOfYear} − ${rules.staleYears}）以来开始的该环节主题项目`,
    `projects on its topics started in or after ${rules.asOfYear - rules.staleYears} (${rules.asOfYear} − ${rules.staleYears})`,
  ],
};

/**
 * The rules in plain words (each line Chinese / English), generated from the rules that were applied: the
 * definitions the queries implement, then every threshold, the year, and the dimensions of segments without topics.
 */
export function explainRules(rules: AppliedChainRules): string[] {
  const verdicts = DIMENSIONS.map(({ dimension, empty, label }) => {
    const [counted, countedEnglish] = EMPTY_RULES[dimension](rules);
    const minimum = rules.weakMinimums[dimension];
    return `${counted}：0 个为「${label.empty[0]}」（${empty}），少于 ${minimum} 个为「${label.weak[0]}」（WEAK） / ${countedEnglish}: none is ${empty}, fewer than ${minimum} is WEAK.`;
  });
  const topicless = DIMENSIONS.filter((entry) => !entry.byTopics);
  return [
    '环节的技术主题 = 该环节 REQUIRES 的主题及其全部下位主题 / A segment’s topics are those it REQUIRES and every narrower topic (BROADER*0..).',
    '本地 = 位于所选县或其下辖区域（专家按任职机构） / Local = located in the county or a region PART_OF it (experts through an affiliation).',
    '专家覆盖环节 = 具备其任一技术主题专长；科研机构覆盖 = 高校或科研院所专注其任一主题 / An expert covers a segment with expertise in one of its topics; a university or institute when it FOCUSES_ON one.',
    '平台服务环节 = 服务该产业，且平台自身、承建单位专注或入驻专家擅长其任一主题 / A platform serves a segment when it SERVES the industry and it or its host FOCUSES_ON one of the topics, or an expert affiliated with it holds one.',
    '研发合作伙伴 = 与该环节企业合作、或参与该环节主题项目的高校或科研院所 / An R&D partner is a university or institute cooperating with an enterprise of the segment or working on a project on its topics.',
    ...verdicts,
    `不要求技术主题的环节只按${topicless.map((entry) => entry.zh).join('、')}判定 / A segment that requires no topic is judged on ${topicless.map((entry) => entry.en).join(', ')} only (${topicless.map((entry) => entry.dimension).join(', ')}).`,
    `补链候选按匹配模块的规则评分（主题匹配、项目与专利证据、关系邻近、地理、能力，各项贡献之和即得分），默认列出 ${rules.candidatesDefault} 个，最多 ${rules.candidatesMax} 个 / Gap candidates are scored by the matching module (topic overlap, project and patent evidence, proximity, geography and capacity; the contributions add up to the score); ${rules.candidatesDefault} are listed by default, at most ${rules.candidatesMax}.`,
  ];
}

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
      const [reason, reasonEnglish] = EMPTY_REASONS[empty](support, rules, asOfYear);
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
