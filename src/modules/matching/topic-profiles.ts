/**
 * Reading a need against what the data itself says about each topic. A topic's text profile is its name and aliases
 * (twice: they define it), its description, and the names of the projects and titles of the patents tagged with it;
 * a need's words (src/text/segment.ts) are matched against the profiles with BM25, so words the data uses reach a
 * topic even without an alias. Also: one-character typos of a topic's name or alias, and needs written in pinyin
 * (each Latin word, or two adjacent ones, read as the pinyin of a word the profiles use).
 */
import { pinyin } from 'pinyin-pro';
import { Bm25Index } from '../../text/bm25.js';
import { segment } from '../../text/segment.js';

export interface TopicProfileSource {
  id: string;
  name: string;
  aliases: string[];
  description: string | null;
  /** Names of the projects and titles of the patents tagged with the topic. */
  evidenceTitles: string[];
}

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
const CJK_RUN = /[\u3400-\u9fff\uf900-\ufaff]+/g;

/** The pinyin of a Chinese word without tones or spaces (天麻 → tianma). */
function pinyinOf(word: string): string {
  // pinyin-pro's overloads do not narrow on `type: 'array'`: the cast states what that option returns.
  return (pinyin(word, { toneType: 'none', type: 'array' }) as string[]).join('').toLowerCase();
}

/** The key of a label's (or a window's) half in `TopicProfiles.byHalf`. */
const halfKey = (length: number, which: 'first' | 'second', half: string) => `${length}\u0000${which}\u0000${half}`;

/** How many characters differ between two strings of the same length (counting stops at 2). */
function differences(a: string, b: string): number {
  let count = 0;
  for (let offset = 0; offset < a.length && count < 2; offset += 1) if (a[offset] !== b[offset]) count += 1;
  return count;
}

/** Every topic's text profile, indexed for BM25, with the lookups for typos and pinyin. */
export class TopicProfiles {
  private readonly index: Bm25Index;
  /** Chinese names and aliases of at least three characters, for typo matching. */
  private readonly labels: Array<{ id: string; label: string }>;
  /** Pinyin (no tones) → the Chinese word of the profiles it spells. */
  private readonly wordOfPinyin = new Map<string, string>();
  /**
   * The labels (their places in `labels`) by length and first half, and by length and second half: a window of a text
   * with exactly one character unlike a label has the other half alike, so only the labels found so are compared.
   */
  private readonly byHalf = new Map<string, number[]>();
  /** The lengths of the labels, each once. */
  private readonly labelLengths: number[];

  constructor(topics: readonly TopicProfileSource[]) {
    const documents = topics.map((topic) => {
      const labels = [topic.name, ...topic.aliases].join(' ');
      return { id: topic.id, words: segment([labels, labels, topic.description ?? '', ...topic.evidenceTitles].join(' ')) };
    });
    this.index = new Bm25Index(documents);
    this.labels = topics.flatMap((topic) => [topic.name, ...topic.aliases].filter((label) => label.length >= 3 && [...label].every((character) => CJK.test(character))).map((label) => ({ id: topic.id, label })));
    this.labels.forEach(({ label }, place) => {
      const half = Math.floor(label.length / 2);
      for (const key of [halfKey(label.length, 'first', label.slice(0, half)), halfKey(label.length, 'second', label.slice(half))]) {
        const places = this.byHalf.get(key);
        if (places) places.push(place);
        else this.byHalf.set(key, [place]);
      }
    });
    this.labelLengths = [...new Set(this.labels.map(({ label }) => label.length))];
    // Each distinct word spelt once (a large graph's profiles repeat their words thousands of times; spelling each
    // occurrence, twice, took 2.6 s of the server's start at 1M); the first word met keeps a spelling.
    const spelt = new Set<string>();
    for (const document of documents) {
      for (const word of document.words) {
        if (spelt.has(word)) continue;
        spelt.add(word);
        if (word.length < 2 || ![...word].every((character) => CJK.test(character))) continue;
        const spelling = pinyinOf(word);
        if (!this.wordOfPinyin.has(spelling)) this.wordOfPinyin.set(spelling, word);
      }
    }
  }

  /** Topics whose profile matches the text, best first, with BM25 scores. */
  match(text: string): Array<{ id: string; score: number }> {
    return this.index.search(text);
  }

  /** The topics of `match` scoring at least `share` of the best, best first, at most `max`. */
  matchBest(text: string, share: number, max: number): Array<{ id: string; score: number }> {
    return this.index.searchBest(text, share, max);
  }

  /**
   * Topics whose name or alias occurs in the text with exactly one character replaced (天麻素提曲 → 天麻素提取),
   * with the label matched; exact occurrences are left to the name matching.
   */
  nearMisses(text: string): Array<{ id: string; label: string }> {
    const found: Array<{ id: string; label: string }> = [];
    for (const run of text.match(CJK_RUN) ?? []) {
      // Per window of each label length, the labels with a half alike (see `byHalf`), then those one character unlike.
      const matched = new Set<number>();
      for (const length of this.labelLengths) {
        const half = Math.floor(length / 2);
        for (let start = 0; start + length <= run.length; start += 1) {
          const window = run.slice(start, start + length);
          for (const key of [halfKey(length, 'first', window.slice(0, half)), halfKey(length, 'second', window.slice(half))]) {
            for (const place of this.byHalf.get(key) ?? []) if (!matched.has(place) && differences(window, this.labels[place]!.label) === 1) matched.add(place);
          }
        }
      }
      // In the labels' order; a label the run holds exactly is left to the name matching.
      for (const place of [...matched].sort((a, b) => a - b)) {
        const { id, label } = this.labels[place]!;
        if (!run.includes(label)) found.push({ id, label });
      }
    }
    return found;
  }

  /** Chinese words spelt by the text's Latin words, alone or two together (tianma honggan → 天麻 烘干); empty for Chinese text. */
  fromPinyin(text: string): string[] {
    if (CJK.test(text)) return [];
    const tokens = text.toLowerCase().match(/[a-z]+/g) ?? [];
    const words: string[] = [];
    for (let index = 0; index < tokens.length; index += 1) {
      const pair = index + 1 < tokens.length ? this.wordOfPinyin.get(`${tokens[index]}${tokens[index + 1]}`) : undefined;
      if (pair) {
        words.push(pair);
        index += 1;
        continue;
      }
      const single = this.wordOfPinyin.get(tokens[index]!);
      if (single) words.push(single);
    }
    return words;
  }
}
