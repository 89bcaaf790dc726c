/**
 * Turning a need written in free text into weighted topics. Chinese has no spaces, so texts are compared as
 * sets of overlapping two-character words (as Neo4j's cjk analyzer indexes them); Latin words are compared
 * whole. A topic is named when enough of its name's (or an alias's) words occur in the text; an industry
 * named together with one of its chain segments brings that segment's required topics.
 */
import { MATCHING_CONFIG } from './matching.config.js';
import type { TopicProfiles } from './topic-profiles.js';

export interface TopicLabel {
  id: string;
  name: string;
  aliases: string[];
}

export interface SegmentLabel {
  id: string;
  name: string;
  topicIds: string[];
}

export interface IndustryLabel {
  id: string;
  name: string;
  aliases: string[];
  segments: SegmentLabel[];
}

/** A topic the need asks for, how strongly (0–1), and why it was chosen. */
export interface NeedTopic {
  id: string;
  weight: number;
  origin: string;
}

const CJK_RUN = /[\u3400-\u9fff\uf900-\ufaff]+/g;
const LATIN_WORD = /[a-z0-9]+/g;

/** The words of a text: overlapping CJK character pairs (a lone character stands for itself) and lowercase Latin words. */
export function wordsOf(text: string): Set<string> {
  const words = new Set<string>();
  const lower = text.toLowerCase();
  for (const run of lower.match(CJK_RUN) ?? []) {
    if (run.length === 1) words.add(run);
    for (let index = 0; index + 1 < run.length; index += 1) words.add(run.slice(index, index + 2));
  }
  for (const word of lower.match(LATIN_WORD) ?? []) if (word.length > 1) words.add(word);
  return words;
}

/** The share of the label's words that occur among `words` (0–1). */
export function recall(label: string, words: Set<string>): number {
  const labelWords = wordsOf(label);
  if (labelWords.size === 0) return 0;
  let found = 0;
  for (const word of labelWords) if (words.has(word)) found += 1;
  return found / labelWords.size;
}

/** The best recall over a name and its aliases, with the label that gave it. */
function bestLabel(labels: string[], words: Set<string>): { label: string; recall: number } {
  let best = { label: labels[0] ?? '', recall: 0 };
  for (const label of labels) {
    const value = recall(label, words);
    if (value > best.recall) best = { label, recall: value };
  }
  return best;
}

/** The names a segment goes by: "老腊肉·保存" → 保存; "中药材·规范化种植（GAP）" → 规范化种植, GAP. */
function segmentLabels(name: string): string[] {
  const own = name.includes('·') ? name.slice(name.indexOf('·') + 1) : name;
  const inner = /[（(]([^）)]+)[）)]/.exec(own)?.[1];
  const outer = own.replace(/[（(][^）)]*[）)]/g, '').trim();
  return [outer, ...(inner ? [inner] : [])].filter((label) => label.length > 0);
}

function keepStrongest(topics: NeedTopic[], into: Map<string, NeedTopic>): void {
  for (const topic of topics) {
    const current = into.get(topic.id);
    if (!current || topic.weight > current.weight) into.set(topic.id, topic);
  }
}

/**
 * The topics a free-text need names, strongest first: topics by name or alias, and the required topics of
 * the chain segments it names within an industry it names (or `industryId`, when given).
 */
export function interpretText(text: string, topics: TopicLabel[], industries: IndustryLabel[], industryId?: string, profiles?: TopicProfiles): NeedTopic[] {
  const config = MATCHING_CONFIG.need;
  const words = wordsOf(text);
  const found = new Map<string, NeedTopic>();
  // Words that name an industry ("中药材") say which chain the need is in, not which technology: topics are
  // matched on the remaining words, so "中药材提取物" does not name 中药材GAP.
  const topicWords = new Set(words);
  for (const industry of industries) {
    const named = bestLabel([industry.name, ...industry.aliases], words);
    if (named.recall < config.industryRecall && industry.id !== industryId) continue;
    if (named.recall >= config.industryRecall && industry.segments.length > 0) for (const word of wordsOf(named.label)) topicWords.delete(word);
    const namedSegments = industry.segments.filter((segment) => bestLabel(segmentLabels(segment.name), words).recall >= config.topicRecall);
    if (namedSegments.length > 0) {
      for (const segment of namedSegments) {
        keepStrongest(
          segment.topicIds.map((id) => ({ id, weight: config.namedSegmentTopicWeight, origin: `产业链环节「${segment.name}」所需技术` })),
          found,
        );
      }
    } else {
      for (const segment of industry.segments) {
        keepStrongest(segment.topicIds.map((id) => ({ id, weight: config.industryTopicWeight, origin: `产业「${industry.name}」链上所需技术` })), found);
      }
    }
  }
  const named = new Map<string, NeedTopic>();
  for (const topic of topics) {
    const best = bestLabel([topic.name, ...topic.aliases], topicWords);
    if (best.recall >= config.topicRecall) keepStrongest([{ id: topic.id, weight: round(best.recall), origin: `名称匹配「${best.label}」` }], named);
  }
  // When no topic is named outright, a word that only one or two topics use ("割漆", "超细") still points to them, weakly.
  if (named.size === 0) {
    const topicsByWord = new Map<string, string[]>();
    for (const topic of topics) {
      for (const word of wordsOf([topic.name, ...topic.aliases].join(' '))) topicsByWord.set(word, [...(topicsByWord.get(word) ?? []), topic.id]);
    }
    for (const word of topicWords) {
      const users = [...new Set(topicsByWord.get(word) ?? [])];
      if (word.length < 2 || users.length === 0 || users.length > config.distinctiveWordTopics) continue;
      keepStrongest(users.map((id) => ({ id, weight: config.distinctiveWordWeight, origin: `关键词「${word}」` })), named);
    }
  }
  if (profiles) readThroughProfiles(text, profiles, named, topics);
  keepStrongest([...named.values()], found);
  return [...found.values()].sort((a, b) => b.weight - a.weight || a.id.localeCompare(b.id)).slice(0, config.maxTopics);
}

/**
 * Adds what the topics' text profiles read in the need: names or aliases written with one character wrong, and the
 * topics whose profile (labels, description, project and patent titles) the need's words match best (BM25), each
 * relative to the best one.
 */
function readThroughProfiles(text: string, profiles: TopicProfiles, into: Map<string, NeedTopic>, topics: TopicLabel[]): void {
  const config = MATCHING_CONFIG.need;
  for (const { id, label } of profiles.nearMisses(text)) keepStrongest([{ id, weight: config.typoWeight, origin: `近似名称「${label}」` }], into);
  const hits = profiles.match(text);
  const top = hits[0]?.score ?? 0;
  if (top < config.profileMinScore) return;
  const names = new Map(topics.map((topic) => [topic.id, topic.name]));
  for (const hit of hits.filter((candidate) => candidate.score >= config.profileRelativeScore * top).slice(0, config.profileMaxTopics)) {
    if (into.has(hit.id)) continue;
    keepStrongest([{ id: hit.id, weight: round(config.profileWeight * (hit.score / top)), origin: `文本与主题「${names.get(hit.id) ?? hit.id}」的资料相符` }], into);
  }
}

/** The known topics nearest to a text that names none: most characters in common first (CJK characters only, when the text has any). */
export function suggestTopics(text: string, topics: TopicLabel[]): string[] {
  const hasCjk = /[\u3400-\u9fff]/.test(text);
  const characters = new Set([...text.toLowerCase()].filter((character) => (hasCjk ? /[\u3400-\u9fff]/ : /[\p{L}\p{N}]/u).test(character)));
  return topics
    .map((topic) => {
      const labelCharacters = new Set([...[topic.name, ...topic.aliases].join('').toLowerCase()]);
      let shared = 0;
      for (const character of labelCharacters) if (characters.has(character)) shared += 1;
      return { id: topic.id, similarity: shared / Math.sqrt(Math.max(labelCharacters.size, 1)) };
    })
    .filter((topic) => topic.similarity > 0)
    .sort((a, b) => b.similarity - a.similarity || a.id.localeCompare(b.id))
    .slice(0, MATCHING_CONFIG.need.suggestions)
    .map((topic) => topic.id);
}

export function round(value: number, digits = 4): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
