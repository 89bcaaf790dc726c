/**
 * The scoring of one candidate against one need, as pure functions of the facts the repository fetched.
 * Each signal is a number in [0, 1] with a reason that says, in Chinese and English, what produced it; a
 * reason's contribution is the signal times its (re-normalised) weight, and the score is their sum.
 */
import { stringList } from '../../graph/properties.js';
import { MATCHING_CONFIG, MATCH_SIGNALS, type MatchSignal } from './matching.config.js';
import { round, type NeedTopic } from './need.js';
import type { CandidateDetails, PatentEvidence, Place, ProjectEvidence, Proximity, TopicHold } from './matching.repository.js';

/** A need topic with its rarity among experts and organisations (0 = everyone holds it, 1 = nobody does). */
export interface RankedNeedTopic extends NeedTopic {
  rarity: number;
}

export interface Reason {
  kind: MatchSignal;
  signal: number;
  contribution: number;
  summary: string;
  summaryEn: string;
  topicIds: string[];
  projectIds: string[];
  patentIds: string[];
  pathIds: string[];
  regionIds: string[];
}

export interface ScoredCandidate {
  candidateId: string;
  score: number;
  reasons: Reason[];
}

/** Everything known about one candidate and the need. `proximity`/`needPlace` are undefined when the signal cannot apply. */
export interface CandidateFacts {
  holds: TopicHold[];
  details: CandidateDetails;
  projects: ProjectEvidence[];
  patents: PatentEvidence[];
  proximity?: Proximity | null;
  needPlace?: Place;
  /** Names of topics, platforms and path nodes, for the summaries. */
  names: Map<string, string>;
  /**
   * How relevant evidence on each topic is to the need, in (0, 1]: the importance of the need topic it is (or, through
   * the hierarchy, the discounted importance of the need topic it relates to) over the need's most important topic's.
   * An item counts at the relevance of its most relevant topic; all evidence counts fully when absent.
   */
  evidenceRelevance?: ReadonlyMap<string, number>;
}

const LEVEL_NAMES: Record<string, [string, string]> = { EXPERT: ['专家级', 'expert level'], ADVANCED: ['较强', 'advanced'], BASIC: ['入门', 'basic'] };
const PROJECT_LEVEL_NAMES: Record<string, string> = { NATIONAL: '国家级', MUNICIPAL: '市级', COUNTY: '县级' };

/** A topic's rarity from how many of `total` experts and organisations hold it (IDF scaled to [0, 1]). */
export function rarity(holders: number, total: number): number {
  if (total <= 0) return 1;
  return round(Math.log((total + 1) / (holders + 1)) / Math.log(total + 1));
}

/** How much a need topic matters: its weight in the need, raised for rare topics. */
export function importance(topic: RankedNeedTopic): number {
  return topic.weight * (0.25 + 0.75 * topic.rarity);
}

/** The strength of one hold: how the candidate holds the topic (level, focus, staff, evidence and its age) times the hierarchy discount. */
export function holdStrength(hold: TopicHold, referenceYear?: number): number {
  const config = MATCHING_CONFIG.topics;
  return wayStrength(hold, referenceYear) * config.narrowerDiscountPerStep ** hold.down * config.broaderDiscountPerStep ** hold.up;
}

function wayStrength(hold: TopicHold, referenceYear: number | undefined): number {
  const config = MATCHING_CONFIG.topics;
  switch (hold.via) {
    case 'expertise':
      return expertiseOf(hold);
    case 'focus':
      return config.organizationFocus;
    case 'staff':
      return expertiseOf(hold) * (hold.primary ? config.staffDiscount.primary : config.staffDiscount.secondary);
    case 'members':
      return expertiseOf(hold) * config.platformMemberDiscount;
    case 'led':
      return config.ledProject * recencyOf(hold, referenceYear);
    case 'joined':
      return config.joinedProject * recencyOf(hold, referenceYear);
    case 'patent':
      return config.patent * recencyOf(hold, referenceYear);
    case 'segment':
      return config.segmentTopic;
    case 'serves':
      return config.servedIndustryTopic;
  }
}

function expertiseOf(hold: TopicHold): number {
  const levels = MATCHING_CONFIG.topics.expertiseLevel;
  return levels[hold.level ?? 'BASIC'] ?? levels.BASIC!;
}

/** Evidence holds fade with age, never below the floor; holds with no year do not. */
function recencyOf(hold: TopicHold, referenceYear: number | undefined): number {
  return hold.year && referenceYear ? Math.max(MATCHING_CONFIG.topics.evidenceHoldFloor, decay(hold.year, referenceYear)) : 1;
}

/** The best hold per need topic, with its strength. */
function strongestHolds(holds: readonly TopicHold[], referenceYear?: number): Map<string, { hold: TopicHold; strength: number }> {
  const best = new Map<string, { hold: TopicHold; strength: number }>();
  for (const hold of holds) {
    const strength = holdStrength(hold, referenceYear);
    const current = best.get(hold.needTopicId);
    if (!current || strength > current.strength) best.set(hold.needTopicId, { hold, strength });
  }
  return best;
}

/** The best hold per need topic. */
export function bestHolds(holds: TopicHold[], referenceYear?: number): Map<string, TopicHold> {
  return new Map([...strongestHolds(holds, referenceYear)].map(([id, { hold }]) => [id, hold]));
}

/**
 * Topic signal: Σ importance × strength over the need's topics, divided by the importance of the need's three
 * most important topics (capped at 1) — so covering the core of a broad need fully counts as a full match.
 */
export function topicSignal(needTopics: RankedNeedTopic[], holds: TopicHold[], referenceYear?: number): number {
  return topicSignalOf(needTopics, referenceYear)(holds);
}

/**
 * `topicSignal` for one need, as a function of a candidate's holds (the need's part computed once, for thousands of
 * holders; a candidate's best strength per need topic kept in one reused array, not a map per candidate).
 */
export function topicSignalOf(needTopics: RankedNeedTopic[], referenceYear?: number): (holds: readonly TopicHold[]) => number {
  const importances = needTopics.map(importance);
  const denominator = [...importances]
    .sort((a, b) => b - a)
    .slice(0, 3)
    .reduce((sum, value) => sum + value, 0);
  const indexOf = new Map(needTopics.map((topic, index) => [topic.id, index]));
  const best = new Float64Array(needTopics.length);
  return (holds) => {
    if (denominator === 0) return 0;
    best.fill(0);
    for (const hold of holds) {
      const index = indexOf.get(hold.needTopicId);
      if (index === undefined) continue;
      const strength = holdStrength(hold, referenceYear);
      if (strength > best[index]!) best[index] = strength;
    }
    let covered = 0;
    for (let index = 0; index < importances.length; index++) covered += importances[index]! * best[index]!;
    return Math.min(1, covered / denominator);
  };
}

/** Evidence halves in value every `halfLifeYears`: ½^(age / half-life), age counted from the reference year (never negative). */
function decay(year: number, referenceYear: number): number {
  const age = Math.max(0, referenceYear - year);
  if (Number.isInteger(age) && age < DECAY_BY_AGE.length) return DECAY_BY_AGE[age]!;
  return 0.5 ** (age / MATCHING_CONFIG.evidence.halfLifeYears);
}

/** `decay` by whole years of age, computed once (the same expression). */
const DECAY_BY_AGE = Array.from({ length: 128 }, (_, age) => 0.5 ** (age / MATCHING_CONFIG.evidence.halfLifeYears));

function saturate(total: number): number {
  return 1 - Math.exp(-total / MATCHING_CONFIG.evidence.saturation);
}

function topicReason(needTopics: RankedNeedTopic[], facts: CandidateFacts, signal: number, referenceYear: number): Omit<Reason, 'contribution'> {
  const best = bestHolds(facts.holds, referenceYear);
  const held = needTopics.filter((topic) => best.has(topic.id)).map((topic) => ({ topic, hold: best.get(topic.id)! }));
  // One phrase per topic held, naming every need topic it serves through the hierarchy.
  const byHeld = new Map<string, TopicHold[]>();
  for (const { hold } of held) byHeld.set(hold.heldTopicId, [...(byHeld.get(hold.heldTopicId) ?? []), hold]);
  const describe = (holds: TopicHold[], english: boolean) => {
    const hold = holds[0]!;
    const name = facts.names.get(hold.heldTopicId) ?? hold.heldTopicId;
    const needNames = (relation: (item: TopicHold) => boolean) =>
      holds.filter(relation).map((item) => (english ? (facts.names.get(item.needTopicId) ?? item.needTopicId) : `「${facts.names.get(item.needTopicId) ?? item.needTopicId}」`));
    const related = needNames((item) => item.down > 0 && item.up > 0);
    const narrower = needNames((item) => item.down > 0 && item.up === 0);
    const broader = needNames((item) => item.up > 0 && item.down === 0);
    const level = LEVEL_NAMES[hold.level ?? 'BASIC'] ?? ['', ''];
    const via = hold.viaName ?? '';
    const how: Record<TopicHold['via'], [string, string]> = {
      expertise: level,
      focus: ['研究方向', 'research focus'],
      staff: [`其专家${via}，${level[0]}`, `its expert ${via}, ${level[1]}`],
      members: [`入驻专家${via}，${level[0]}`, `member expert ${via}, ${level[1]}`],
      led: [`主持项目「${via}」`, `led the project ${via}`],
      joined: [`参与项目「${via}」`, `took part in the project ${via}`],
      patent: [`拥有专利「${via}」`, `holds the patent ${via}`],
      segment: [`身处产业链环节「${via}」`, `works in the chain segment ${via}`],
      serves: ['服务产业链所需', 'needed by the chains it serves'],
    };
    const notes = english
      ? [how[hold.via][1], related.length ? `related to ${related.join(', ')}` : '', narrower.length ? `narrower than ${narrower.join(', ')}` : '', broader.length ? `broader than ${broader.join(', ')}` : '']
      : [how[hold.via][0], related.length ? `${related.join('')}的相关方向` : '', narrower.length ? `${narrower.join('')}的细分方向` : '', broader.length ? `${broader.join('')}的上位领域` : ''];
    const note = notes.filter(Boolean).join(english ? '; ' : '，');
    return english ? `${name} (${note})` : `「${name}」（${note}）`;
  };
  const rare = held.filter(({ topic }) => topic.rarity >= 0.6).map(({ topic }) => facts.names.get(topic.id) ?? topic.id);
  return {
    kind: 'TOPIC_OVERLAP',
    signal,
    summary: `掌握${[...byHeld.values()].map((holds) => describe(holds, false)).join('、')}${rare.length ? `；其中${rare.map((name) => `「${name}」`).join('、')}较稀缺` : ''}`,
    summaryEn: `Holds ${[...byHeld.values()].map((holds) => describe(holds, true)).join(', ')}${rare.length ? `; rare: ${rare.join(', ')}` : ''}`,
    topicIds: held.map(({ topic }) => topic.id),
    projectIds: [],
    patentIds: [],
    pathIds: [],
    regionIds: [],
  };
}

/** Project evidence: each project on the need's topics by its level, the candidate's role, its age and its topics' relevance, saturated. */
function projectSignal(projects: readonly ProjectEvidence[], referenceYear: number, relevance: ReadonlyMap<string, number> | undefined): number {
  let total = 0;
  for (const project of projects) total += projectWeight(project, referenceYear, relevance);
  return saturate(total);
}

function projectWeight(project: ProjectEvidence, referenceYear: number, relevance: ReadonlyMap<string, number> | undefined): number {
  const config = MATCHING_CONFIG.evidence;
  return (config.projectLevel[project.level] ?? 0.6) * (config.projectRole[project.role] ?? 0.7) * decay(project.startYear, referenceYear) * relevanceOf(project.topicIds, relevance);
}

/** Patent evidence: each patent on the need's topics by its kind, its age and its topics' relevance, saturated. */
function patentSignal(patents: readonly PatentEvidence[], referenceYear: number, relevance: ReadonlyMap<string, number> | undefined): number {
  let total = 0;
  for (const patent of patents) total += patentWeight(patent, referenceYear, relevance);
  return saturate(total);
}

function patentWeight(patent: PatentEvidence, referenceYear: number, relevance: ReadonlyMap<string, number> | undefined): number {
  return (MATCHING_CONFIG.evidence.patentKind[patent.kind] ?? 0.3) * decay(patent.year, referenceYear) * relevanceOf(patent.topicIds, relevance);
}

/** The relevance of an evidence item: that of its most relevant topic (1 when relevance is not given). */
function relevanceOf(topicIds: readonly string[], relevance: ReadonlyMap<string, number> | undefined): number {
  if (!relevance) return 1;
  let best = 0;
  for (const id of topicIds) best = Math.max(best, relevance.get(id) ?? 0);
  return best;
}

/**
 * The relevance of evidence per topic for a need (see `CandidateFacts.evidenceRelevance`): each need topic's
 * importance over the greatest, and each topic held in its stead (narrower, broader, sibling) at that times the
 * hierarchy's discount, the greatest when it relates to several.
 */
export function evidenceRelevance(needTopics: readonly RankedNeedTopic[], holds: Iterable<TopicHold>): Map<string, number> {
  const importances = new Map(needTopics.map((topic) => [topic.id, importance(topic)]));
  const greatest = Math.max(0, ...importances.values());
  const relevance = new Map<string, number>();
  if (greatest === 0) return relevance;
  const config = MATCHING_CONFIG.topics;
  const raise = (topicId: string, value: number) => {
    if (value > (relevance.get(topicId) ?? 0)) relevance.set(topicId, value);
  };
  for (const [id, value] of importances) raise(id, value / greatest);
  for (const hold of holds) {
    const value = importances.get(hold.needTopicId);
    if (value !== undefined) raise(hold.heldTopicId, (value / greatest) * config.narrowerDiscountPerStep ** hold.down * config.broaderDiscountPerStep ** hold.up);
  }
  return relevance;
}

/** Evidence items, those that weigh most first (newest first among equals, then by id): the ones a reason shows. */
function byWeight<T extends { id: string }>(items: readonly T[], weight: (item: T) => number, year: (item: T) => number): T[] {
  return items
    .map((item) => ({ item, weight: weight(item) }))
    .sort((a, b) => b.weight - a.weight || year(b.item) - year(a.item) || a.item.id.localeCompare(b.item.id))
    .map(({ item }) => item);
}

function projectReason(facts: CandidateFacts, signal: number, referenceYear: number): Omit<Reason, 'contribution'> {
  const projects = byWeight(facts.projects, (project) => projectWeight(project, referenceYear, facts.evidenceRelevance), (project) => project.startYear);
  const shown = projects.slice(0, 3);
  return {
    kind: 'PROJECT_EVIDENCE',
    signal,
    summary: `相关项目${projects.length}项：${shown.map((project) => `「${project.name}」（${project.startYear}年，${PROJECT_LEVEL_NAMES[project.level] ?? ''}，${project.role === 'LEAD' ? '主持' : '参与'}）`).join('、')}${projects.length > 3 ? '等' : ''}`,
    summaryEn: `${projects.length} related project${projects.length > 1 ? 's' : ''}: ${shown.map((project) => `${project.name} (${project.startYear}, ${project.level.toLowerCase()}, ${project.role === 'LEAD' ? 'lead' : 'participant'})`).join('; ')}`,
    topicIds: [...new Set(projects.flatMap((project) => project.topicIds))],
    projectIds: projects.map((project) => project.id),
    patentIds: [],
    pathIds: [],
    regionIds: [],
  };
}

function patentReason(facts: CandidateFacts, signal: number, referenceYear: number): Omit<Reason, 'contribution'> {
  const patents = byWeight(facts.patents, (patent) => patentWeight(patent, referenceYear, facts.evidenceRelevance), (patent) => patent.year);
  const inventions = patents.filter((patent) => patent.kind === 'INVENTION').length;
  const shown = patents.slice(0, 2);
  return {
    kind: 'PATENT_EVIDENCE',
    signal,
    summary: `相关专利${patents.length}件（发明专利${inventions}件）：${shown.map((patent) => `「${patent.title}」（${patent.year}年）`).join('、')}${patents.length > 2 ? '等' : ''}`,
    summaryEn: `${patents.length} related patent${patents.length > 1 ? 's' : ''} (${inventions} invention): ${shown.map((patent) => `${patent.title} (${patent.year})`).join('; ')}`,
    topicIds: [...new Set(patents.flatMap((patent) => patent.topicIds))],
    projectIds: [],
    patentIds: patents.map((patent) => patent.id),
    pathIds: [],
    regionIds: [],
  };
}

function proximityReason(facts: CandidateFacts): Omit<Reason, 'contribution'> | null {
  const proximity = facts.proximity;
  if (!proximity) return null;
  const config = MATCHING_CONFIG.proximity;
  const name = (id: string) => facts.names.get(id) ?? id;
  const base = { kind: 'GRAPH_PROXIMITY' as const, topicIds: [], patentIds: [], regionIds: [], pathIds: proximity.pathIds ?? [] };
  if (proximity.cooperating) {
    return { ...base, signal: config.cooperating, summary: '已与需求方建立合作关系', summaryEn: 'Already cooperates with the party in need', projectIds: [] };
  }
  if (proximity.sharedProjectIds.length > 0) {
    const first = proximity.sharedProjectIds[0]!;
    return {
      ...base,
      signal: config.sharedProject,
      summary: `与需求方共同参与项目「${name(first)}」${proximity.sharedProjectIds.length > 1 ? `等${proximity.sharedProjectIds.length}项` : ''}`,
      summaryEn: `Worked with the party in need on ${name(first)}${proximity.sharedProjectIds.length > 1 ? ` and ${proximity.sharedProjectIds.length - 1} more` : ''}`,
      projectIds: proximity.sharedProjectIds,
    };
  }
  if (proximity.sharedPlatformIds.length > 0) {
    const first = proximity.sharedPlatformIds[0]!;
    return { ...base, signal: config.sharedPlatform, summary: `与需求方同在平台「${name(first)}」`, summaryEn: `Shares the platform ${name(first)} with the party in need`, projectIds: [] };
  }
  const hops = proximity.pathIds ? proximity.pathIds.length - 1 : Infinity;
  const value = config.pathValue[hops];
  if (!value || !proximity.pathIds) return null;
  const rendered = proximity.pathIds.map(name).join(' → ');
  return { ...base, signal: value, summary: `与需求方相距${hops}步：${rendered}`, summaryEn: `${hops} steps from the party in need: ${rendered}`, projectIds: [] };
}

/** Geography and capacity reasons, per (need place,) candidate place or entity: both are kept objects, met again and again. */
const geographyByPlaces = new WeakMap<Place, WeakMap<Place, Omit<Reason, 'contribution'> | null>>();
const capacityByDetails = new WeakMap<CandidateDetails, Omit<Reason, 'contribution'> | null>();

function geographyReason(facts: CandidateFacts): Omit<Reason, 'contribution'> | null {
  const need = facts.needPlace;
  if (!need) return null;
  let byCandidate = geographyByPlaces.get(need);
  if (!byCandidate) geographyByPlaces.set(need, (byCandidate = new WeakMap()));
  const candidate = facts.details.place;
  let reason = byCandidate.get(candidate);
  if (reason === undefined) byCandidate.set(candidate, (reason = placesReason(need, candidate)));
  return reason;
}

function placesReason(need: Place, candidate: Place): Omit<Reason, 'contribution'> | null {
  if (!candidate.regionId) return null;
  const config = MATCHING_CONFIG.geography;
  const shared = candidate.ancestors.filter((region) => need.ancestors.some((other) => other.id === region.id));
  const base = { kind: 'GEOGRAPHY' as const, topicIds: [], projectIds: [], patentIds: [], pathIds: [] };
  const county = shared.find((region) => region.kind === 'COUNTY' || region.kind === 'DISTRICT');
  if (county) return { ...base, signal: config.sameCounty, summary: `同在${county.name}`, summaryEn: `In the same county (${county.name})`, regionIds: [county.id] };
  const municipality = shared.find((region) => region.kind === 'MUNICIPALITY');
  if (municipality) {
    return { ...base, signal: config.sameMunicipality, summary: `同属${municipality.name}`, summaryEn: `In the same municipality (${municipality.name})`, regionIds: [municipality.id] };
  }
  const zones = candidate.zones.filter((zone) => need.zones.some((other) => other.id === zone.id));
  if (zones.length > 0) {
    return {
      ...base,
      signal: config.sharedZone,
      summary: `同属${zones.map((zone) => `「${zone.name}」`).join('、')}`,
      summaryEn: `Shares the cooperation zone ${zones.map((zone) => zone.name).join(', ')}`,
      regionIds: zones.map((zone) => zone.id),
    };
  }
  return null;
}

function capacityReason(facts: CandidateFacts): Omit<Reason, 'contribution'> | null {
  let reason = capacityByDetails.get(facts.details);
  if (reason === undefined) capacityByDetails.set(facts.details, (reason = capacityOf(facts.details)));
  return reason;
}

function capacityOf(details: CandidateDetails): Omit<Reason, 'contribution'> | null {
  const config = MATCHING_CONFIG.capacity;
  const entity = details.entity;
  const parts: Array<{ value: number; zh: string; en: string }> = [];
  if (entity.nodeKind === 'Expert') {
    const card = typeof entity.talentCard === 'string' ? entity.talentCard : undefined;
    if (card && config.talentCard[card]) parts.push({ value: config.talentCard[card]!, zh: `${card}卡人才`, en: `talent card ${card}` });
    if (stringList(entity.kinds, 'expert kinds').includes('LEADING')) parts.push({ value: config.leadingTalent, zh: '领军人才', en: 'leading talent' });
    if (stringList(entity.programmes, 'expert programmes').length > 0) parts.push({ value: config.programme, zh: '入选人才计划', en: 'in a talent programme' });
    if (parts.length === 0) parts.push({ value: config.expertBase, zh: `职称：${String(entity.title ?? '专业技术人员')}`, en: `title: ${String(entity.title ?? 'professional')}` });
  } else if (entity.nodeKind === 'Platform') {
    const level = String(entity.level);
    parts.push({ value: config.platformLevel[level] ?? 0.4, zh: `${PROJECT_LEVEL_NAMES[level] ?? ''}平台`, en: `${level.toLowerCase()} platform` });
  } else if (entity.nodeKind === 'University' || entity.nodeKind === 'ResearchInstitute') {
    parts.push({ value: config.researchOrganization, zh: entity.nodeKind === 'University' ? '高校科研力量' : '科研院所', en: entity.nodeKind === 'University' ? 'university research capacity' : 'research institute' });
  } else if (entity.nodeKind === 'Enterprise') {
    const names: Record<string, [string, string]> = {
      LEADING: ['龙头企业', 'leading enterprise'],
      HIGH_TECH: ['高新技术企业', 'high-tech enterprise'],
      SPECIALIZED: ['专精特新企业', 'specialised SME'],
      TECH_SME: ['科技型企业', 'tech-based SME'],
      ABOVE_DESIGNATED_SIZE: ['规上企业', 'above designated size'],
    };
    for (const qualification of stringList(entity.qualifications, 'enterprise qualifications')) {
      const value = config.enterpriseQualification[qualification];
      if (value && names[qualification]) parts.push({ value, zh: names[qualification]![0], en: names[qualification]![1] });
    }
    if (parts.length === 0) parts.push({ value: config.enterpriseBase, zh: '一般企业', en: 'enterprise' });
  }
  if (parts.length === 0) return null;
  parts.sort((a, b) => b.value - a.value);
  return {
    kind: 'CAPACITY',
    signal: parts[0]!.value,
    summary: parts.map((part) => part.zh).join('、'),
    summaryEn: parts.map((part) => part.en).join(', '),
    topicIds: [],
    projectIds: [],
    patentIds: [],
    pathIds: [],
    regionIds: [],
  };
}

/** Which signals can apply to the question: proximity only when someone in the graph has the need, geography when its place is known. */
function signalsApplying(facts: Pick<CandidateFacts, 'proximity' | 'needPlace'>): Record<MatchSignal, boolean> {
  return {
    TOPIC_OVERLAP: true,
    PROJECT_EVIDENCE: true,
    PATENT_EVIDENCE: true,
    GRAPH_PROXIMITY: facts.proximity !== undefined,
    GEOGRAPHY: facts.needPlace !== undefined,
    CAPACITY: true,
  };
}

const weightApplying = (applies: Record<MatchSignal, boolean>) =>
  MATCH_SIGNALS.filter((signal) => applies[signal]).reduce((sum, signal) => sum + MATCHING_CONFIG.weights[signal], 0);

/**
 * The most a proximity reason can add to the score of a candidate whose proximity is not known yet: the proximity
 * weight's share times the strongest proximity signal, plus what rounding (to 4 digits) can add. A candidate scored with
 * `proximity: null` (applies, none found) scores at most this much more once its proximity is known.
 */
export function proximityCeiling(facts: Pick<CandidateFacts, 'needPlace'>): number {
  const config = MATCHING_CONFIG.proximity;
  const strongest = Math.max(config.cooperating, config.sharedProject, config.sharedPlatform, ...Object.values(config.pathValue));
  const share = MATCHING_CONFIG.weights.GRAPH_PROXIMITY / weightApplying(signalsApplying({ proximity: null, needPlace: facts.needPlace }));
  return share * strongest + 2 * 10 ** -4;
}

/** A signal of the score: its value now, the text that explains it built only when asked (most scored candidates are never shown). */
interface Signal {
  kind: MatchSignal;
  signal: number;
  explain: () => Omit<Reason, 'contribution'>;
}

const explained = (reason: Omit<Reason, 'contribution'> | null): Signal | null => (reason ? { kind: reason.kind, signal: reason.signal, explain: () => reason } : null);

/**
 * Scores one candidate. Signals that cannot apply to this question (no party in need → no proximity; no
 * place → no geography) give their weight to the others in proportion; a signal that applies but is zero
 * keeps its weight and contributes nothing. `topic` is the topic signal when already known (the shortlist's). The score is computed at once; the reasons — the summaries of topics held
 * and evidence, which sort a hub's thousands of items — when first read.
 */
export function scoreCandidate(
  candidateId: string,
  needTopics: RankedNeedTopic[],
  facts: CandidateFacts,
  referenceYear: number,
  topic = topicSignal(needTopics, facts.holds, referenceYear),
): ScoredCandidate {
  const applies = signalsApplying(facts);
  const totalWeight = weightApplying(applies);
  const projects = facts.projects.length > 0 ? projectSignal(facts.projects, referenceYear, facts.evidenceRelevance) : 0;
  const patents = facts.patents.length > 0 ? patentSignal(facts.patents, referenceYear, facts.evidenceRelevance) : 0;
  const signals = [
    { kind: 'TOPIC_OVERLAP' as const, signal: topic, explain: () => topicReason(needTopics, facts, topic, referenceYear) },
    { kind: 'PROJECT_EVIDENCE' as const, signal: projects, explain: () => projectReason(facts, projects, referenceYear) },
    { kind: 'PATENT_EVIDENCE' as const, signal: patents, explain: () => patentReason(facts, patents, referenceYear) },
    applies.GRAPH_PROXIMITY ? explained(proximityReason(facts)) : null,
    applies.GEOGRAPHY ? explained(geographyReason(facts)) : null,
    explained(capacityReason(facts)),
  ]
    .filter((signal): signal is Signal => signal !== null && signal.signal > 0)
    .map((signal) => ({ ...signal, contribution: round((MATCHING_CONFIG.weights[signal.kind] / totalWeight) * signal.signal) }))
    .sort((a, b) => b.contribution - a.contribution);
  let reasons: Reason[] | undefined;
  return {
    candidateId,
    score: round(signals.reduce((sum, signal) => sum + signal.contribution, 0)),
    get reasons() {
      reasons ??= signals.map(({ explain, contribution }) => ({ ...explain(), contribution }));
      return reasons;
    },
  };
}
