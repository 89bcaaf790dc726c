/**
 * Word segmentation of Chinese (and mixed Latin) text, shared by matching and its evaluation baselines.
 * Chinese is cut into words by jieba (`@node-rs/jieba`, its dictionary ships in the package) in search mode: a
 * long dictionary word also yields its dictionary sub-words (亚硝酸盐 → 亚硝酸盐, 亚硝酸, 硝酸盐, 硝酸, 酸盐), so
 * a short query word meets a long document word. Latin words are lower-cased and lightly stemmed; punctuation,
 * whitespace and function words are dropped.
 */
import { createRequire } from 'node:module';
import { Jieba } from '@node-rs/jieba';

/** Function words that carry no meaning for matching (Chinese particles and pronouns, English stop words). */
const STOP_WORDS = new Set([
  '的', '了', '和', '与', '及', '或', '也', '在', '是', '把', '被', '就', '都', '而', '等', '之', '其', '着', '又', '还', '很',
  '我', '我们', '你', '你们', '他', '他们', '它', '这', '那', '这个', '那个', '有', '没有', '想', '要', '需要', '找', '请', '求', '人',
  '怎么', '怎么办', '如何', '什么', '一些',
  'a', 'an', 'and', 'or', 'the', 'of', 'for', 'to', 'in', 'on', 'with', 'by', 'from', 'at', 'is', 'are', 'we', 'our', 'how',
]);

/** A token is kept when it has a letter, a digit or a CJK character. */
const MEANINGFUL = /[\p{L}\p{N}]/u;

let segmenter: Jieba | null = null;

/**
 * A light English stemmer, so an English need meets an English topic name whatever the inflection: plural and
 * third-person -s/-es/-ies, -ing and -ed are stripped (meats → meat, drying/dried → dry, processing/processed → process,
 * diseases → disease). Words of three letters or fewer, and words in -ss, are left alone.
 */
export function stem(word: string): string {
  if (!/^[a-z]+$/.test(word) || word.length <= 3 || word.endsWith('ss')) return word;
  if (word.endsWith('ies') || word.endsWith('ied')) return `${word.slice(0, -3)}y`;
  if (word.endsWith('ing') && word.length > 5) return undouble(word.slice(0, -3));
  if (word.endsWith('ed') && word.length > 5) return undouble(word.slice(0, -2));
  if (/(ss|x|ch|sh)es$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s') && !word.endsWith('us') && !word.endsWith('is')) return word.slice(0, -1);
  return word;
}

/** A doubled final consonant left by a suffix (stopped → stopp → stop); ll, ss, ff and zz are kept. */
function undouble(word: string): string {
  return /([b-df-hj-km-np-rtv-z])\1$/.test(word) && !/(ll|ss|ff|zz)$/.test(word) ? word.slice(0, -1) : word;
}

/** Trims, drops tokens without meaning and stop words, and stems Latin words. */
function clean(words: string[]): string[] {
  return words
    .map((word) => word.trim())
    .filter((word) => word.length > 0 && MEANINGFUL.test(word) && !STOP_WORDS.has(word))
    .map(stem);
}

function jieba(): Jieba {
  if (!segmenter) {
    // The dictionary module is CommonJS without an ESM entry; load it the way the package documents.
    const { dict } = createRequire(import.meta.url)('@node-rs/jieba/dict') as { dict: Uint8Array };
    segmenter = Jieba.withDict(dict);
  }
  return segmenter;
}

/** The words of a text, in order, with repeats (search mode: a long word is followed by its dictionary sub-words). */
export function segment(text: string): string[] {
  if (!text.trim()) return [];
  return clean(jieba().cutForSearch(text.normalize('NFKC').toLowerCase(), true));
}

/**
 * The words of a text in precise mode: each compound once, without its sub-words (GAP规范化种植 → gap, 规范化, 种植).
 * Used for short labels (topic, industry and segment names), whose words are what a text must mention.
 */
export function cut(text: string): string[] {
  if (!text.trim()) return [];
  return clean(jieba().cut(text.normalize('NFKC').toLowerCase(), true));
}

/** The distinct words of a text. */
export function wordSet(text: string): Set<string> {
  return new Set(segment(text));
}
