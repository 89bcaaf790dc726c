/**
 * Turning a need written in free text into weighted topics. Texts are read as words (jieba, src/text/segment.ts):
 * a topic is named when enough of its name's (or an alias's) words — weighted by how few topics use them — occur
 * in the text; an industry named together with one of its chain segments brings that segment's required topics.
 */
import { MATCHING_CONFIG } from './matching.config.js';
import type { TopicProfiles } from './topic-profiles.js';
import { cut, segment as searchWords, wordSet } from '../../text/segment.js';

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

/** A text as the label matching reads it: its words (search mode, src/text/segment.ts). */
export interface TextWords {
  words: ReadonlySet<string>;
}

export function readText(text: string): TextWords {
  return { words: wordSet(text) };
}

/**
 * The labels of a vocabulary (topic names and aliases) read as words, and which topics use each word. Built once per
 * topic list (the vocabulary is cached per database, so one list lives until the next write).
 */
export class LabelIndex {
  /** Word → ids of the topics whose labels use it (search-mode words, so sub-words of compounds count too). */
  readonly topicsByWord = new Map<string, string[]>();
  private readonly labelWordCache = new Map<string, string[]>();
  private readonly partCache = new Map<string, string[]>();

  /**
   * Word → the places (in the topic list) of the topics a text with that word can name: those with a label word it is,
   * or a sub-word of (see `recall`). A topic no word of a text leads to has a recall of 0 for it.
   */
  private readonly topicsReachedBy = new Map<string, number[]>();
  /** Each topic's labels (name, then aliases), by its place in the list, each with its words and their sub-words. */
  private readonly labelsOf: LabelWords[][];

  constructor(private readonly topics: readonly TopicLabel[]) {
    for (const topic of topics) {
      for (const word of wordSet([topic.name, ...topic.aliases].join(' '))) {
        const users = this.topicsByWord.get(word);
        if (users) users.push(topic.id);
        else this.topicsByWord.set(word, [topic.id]);
      }
    }
    this.labelsOf = topics.map((topic) => [topic.name, ...topic.aliases].map((label) => this.labelWords(label)));
    this.labelsOf.forEach((labels, place) => {
      for (const { words } of labels) {
        for (const { word, parts } of words) {
          for (const key of [word, ...parts]) {
            const reached = this.topicsReachedBy.get(key);
            if (!reached) this.topicsReachedBy.set(key, [place]);
            else if (reached.at(-1) !== place) reached.push(place);
          }
        }
      }
    });
  }

  /**
   * The topics the text names at all (a recall above 0 for a label), in the list's order, each with its labels: the
   * others need not be read label by label (a province's vocabulary has thousands of topics, a need a few dozen words).
   */
  topicsNamedIn(text: TextWords): Array<{ topic: TopicLabel; labels: readonly LabelWords[] }> {
    const places = new Set<number>();
    for (const word of text.words) for (const place of this.topicsReachedBy.get(word) ?? []) places.add(place);
    return Array.from(Int32Array.from(places).sort(), (place) => ({ topic: this.topics[place]!, labels: this.labelsOf[place]! }));
  }

  /** A label with its words and their sub-words (see `recall`). */
  labelWords(label: string): LabelWords {
    return { label, words: this.wordsOfLabel(label).map((word) => ({ word, parts: this.partsOf(word) })) };
  }

  /** The words of a label (precise cut, so 规范化 stays one word), memoised. */
  wordsOfLabel(label: string): string[] {
    let words = this.labelWordCache.get(label);
    if (!words) {
      words = [...new Set(cut(label))];
      this.labelWordCache.set(label, words);
    }
    return words;
  }

  /** The dictionary sub-words (two characters or more) of a word of three or more: 规范化 → 规范. */
  private partsOf(word: string): string[] {
    let parts = this.partCache.get(word);
    if (!parts) {
      parts = word.length >= 3 ? searchWords(word).filter((part) => part !== word && part.length >= 2) : [];
      this.partCache.set(word, parts);
    }
    return parts;
  }

  /**
   * How much of a label a text mentions (0–1): the share of the label's words the text has. A word counts fully when
   * the text has it (the text's search-mode words include the sub-words of its compounds: 保质期 → 保质), half when
   * the text has only one of the word's own sub-words (规范化 ← 规范). 冷链保存 is 1 in 冷链运输中的保存, ½ in 保存.
   */
  recall(label: string | LabelWords, text: TextWords): number {
    const { words } = typeof label === 'string' ? this.labelWords(label) : label;
    if (words.length === 0) return 0;
    let found = 0;
    for (const { word, parts } of words) {
      if (text.words.has(word)) found += 1;
      else if (parts.some((part) => text.words.has(part))) found += 0.5;
    }
    return found / words.length;
  }
}

/** A label read as words, each with its dictionary sub-words (see `LabelIndex.recall`). */
export interface LabelWords {
  label: string;
  words: ReadonlyArray<{ word: string; parts: readonly string[] }>;
}

/** Label indexes per topic list: the vocabulary cache hands out the same list until a write, so this is built once per write. */
const labelIndexes = new WeakMap<readonly TopicLabel[], LabelIndex>();

export function labelIndexOf(topics: readonly TopicLabel[]): LabelIndex {
  let index = labelIndexes.get(topics);
  if (!index) {
    index = new LabelIndex(topics);
    labelIndexes.set(topics, index);
  }
  return index;
}

/** The best recall over a name and its aliases, with the label that gave it. */
function bestLabel(index: LabelIndex, labels: ReadonlyArray<string | LabelWords>, words: TextWords): { label: string; recall: number } {
  let best = { label: labels[0] === undefined ? '' : textOf(labels[0]), recall: 0 };
  for (const label of labels) {
    const value = index.recall(label, words);
    if (value > best.recall) best = { label: textOf(label), recall: value };
  }
  return best;
}

/**
 * A label's text. At module level, not in `bestLabel`: run through tsx, a function made inside another is named at each
 * call (esbuild's `__name`), and `bestLabel` runs for every industry and segment of every text read.
 */
function textOf(label: string | LabelWords): string {
  return typeof label === 'string' ? label : label.label;
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
  const index = labelIndexOf(topics);
  const words = readText(text);
  const found = new Map<string, NeedTopic>();
  // Words that name an industry ("中药材") say which chain the need is in, not which technology: topics are
  // matched on the remaining words, so "中药材提取物" does not name 中药材GAP.
  const topicWords = { words: new Set(words.words) };
  const wholesaleIds = new Set<string>();
  for (const industry of industries) {
    const named = bestLabel(index, [industry.name, ...industry.aliases], words);
    if (named.recall < config.industryRecall && industry.id !== industryId) continue;
    if (named.recall >= config.industryRecall && industry.segments.length > 0) for (const word of searchWords(named.label)) topicWords.words.delete(word);
    const namedSegments = industry.segments
      .map((segment) => ({ ...segment, named: bestLabel(index, segmentLabels(segment.name), words) }))
      .filter((segment) => segment.named.recall > config.topicRecall);
    if (namedSegments.length > 0) {
      for (const segment of namedSegments) {
        // Likewise the words that named the segment (提取物 → 提取): they are answered by its required topics.
        for (const word of searchWords(segment.named.label)) topicWords.words.delete(word);
        keepStrongest(
          segment.topicIds.map((id) => ({ id, weight: round(config.namedSegmentTopicWeight / Math.sqrt(segment.topicIds.length)), origin: `产业链环节「${segment.name}」所需技术` })),
          found,
        );
      }
    } else {
      for (const segment of industry.segments) {
        keepStrongest(segment.topicIds.map((id) => ({ id, weight: config.industryTopicWeight, origin: `产业「${industry.name}」链上所需技术` })), found);
        for (const id of segment.topicIds) wholesaleIds.add(id);
      }
    }
  }
  const named = new Map<string, NeedTopic>();
  for (const { topic, labels } of index.topicsNamedIn(topicWords)) {
    const best = bestLabel(index, labels, topicWords);
    if (best.recall > config.topicRecall) keepStrongest([{ id: topic.id, weight: round(best.recall), origin: `名称匹配「${best.label}」` }], named);
  }
  // When no topic is named outright, a word that only one or two topics' labels use ("割漆", "超细") still points to them, weakly.
  if (named.size === 0) {
    for (const word of topicWords.words) {
      const users = [...new Set(index.topicsByWord.get(word) ?? [])];
      if (word.length < 2 || users.length === 0 || users.length > config.distinctiveWordTopics) continue;
      keepStrongest(users.map((id) => ({ id, weight: config.distinctiveWordWeight, origin: `关键词「${word}」` })), named);
    }
  }
  if (profiles) readThroughProfiles(text, profiles, named, topics);
  keepStrongest([...named.values()], found);
  // The topics the text itself points to (by name, typo, keyword or profile) are kept before those an industry named
  // without a segment brings wholesale: "烟熏老腊肉…亚硝酸盐" keeps 亚硝酸盐控制 even though 老腊肉's chain needs eight topics.
  const byWeight = (a: NeedTopic, b: NeedTopic) => b.weight - a.weight || a.id.localeCompare(b.id);
  const isWholesale = (topic: NeedTopic) => wholesaleIds.has(topic.id) && topic.weight === config.industryTopicWeight && !named.has(topic.id);
  const pointed = [...found.values()].filter((topic) => !isWholesale(topic)).sort(byWeight);
  const wholesale = [...found.values()].filter(isWholesale).sort(byWeight);
  return [...pointed, ...wholesale].slice(0, config.maxTopics).sort(byWeight);
}

/** Topic names by id per topic list (one list lives until the next write, see `labelIndexOf`). */
const topicNames = new WeakMap<readonly TopicLabel[], Map<string, string>>();

export function topicNamesOf(topics: readonly TopicLabel[]): Map<string, string> {
  let names = topicNames.get(topics);
  if (!names) {
    names = new Map(topics.map((topic) => [topic.id, topic.name]));
    topicNames.set(topics, names);
  }
  return names;
}

/**
 * Adds what the topics' text profiles read in the need: names or aliases written with one character wrong, and the
 * topics whose profile (labels, description, project and patent titles) the need's words match best (BM25), each
 * relative to the best one.
 */
function readThroughProfiles(text: string, profiles: TopicProfiles, into: Map<string, NeedTopic>, topics: TopicLabel[]): void {
  const config = MATCHING_CONFIG.need;
  for (const { id, label } of profiles.nearMisses(text)) keepStrongest([{ id, weight: config.typoWeight, origin: `近似名称「${label}」` }], into);
  const hits = profiles.matchBest(text, config.profileRelativeScore, config.profileMaxTopics);
  const top = hits[0]?.score ?? 0;
  if (top < config.profileMinScore) return;
  const names = topicNamesOf(topics);
  for (const hit of hits) {
    if (into.has(hit.id)) continue;
    keepStrongest([{ id: hit.id, weight: round(config.profileWeight * (hit.score / top)), origin: `文本与主题「${names.get(hit.id) ?? hit.id}」的资料相符` }], into);
  }
}

/**
 * The known topics nearest to a text, by the words they share with its labels (each word weighted as in
 * `LabelIndex`), best first: what a need that names no topic is offered when the topics' text profiles find nothing.
 */
export function suggestTopics(text: string, topics: TopicLabel[]): string[] {
  const index = labelIndexOf(topics);
  const words = readText(text);
  return topics
    .map((topic) => ({ id: topic.id, similarity: bestLabel(index, [topic.name, ...topic.aliases], words).recall }))
    .filter((topic) => topic.similarity > 0)
    .sort((a, b) => b.similarity - a.similarity || a.id.localeCompare(b.id))
    .slice(0, MATCHING_CONFIG.need.suggestions)
    .map((topic) => topic.id);
}

export function round(value: number, digits = 4): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
