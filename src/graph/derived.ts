import { pinyin } from 'pinyin-pro';

/** Properties the graph derives from a record's fields and stores beside them; never read from or written to files. */
export const DERIVED_PROPERTIES = ['aliasText', 'pinyin'] as const;

const HAS_CHINESE = /[\u3400-\u9fff]/;
const CHINESE_RUN = /[\u3400-\u9fff]+/g;

/**
 * The pinyin of Chinese labels as lowercase words: initials and full syllables, e.g. 西南大学 → "xndx xinandaxue";
 * text between Chinese runs is kept whole in both (中药材GAP → "zycgap zhongyaocaigap"). One conversion per Chinese
 * run gives both words (the importer computes this for every record).
 */
export function pinyinOf(labels: readonly string[]): string {
  const words = new Set<string>();
  for (const label of labels.filter((item) => HAS_CHINESE.test(item))) {
    let initials = '';
    let full = '';
    let at = 0;
    for (const run of label.matchAll(CHINESE_RUN)) {
      const between = label.slice(at, run.index);
      const syllables = pinyin(run[0], { toneType: 'none', type: 'array' });
      initials += between + syllables.map((syllable) => syllable.charAt(0)).join('');
      full += between + syllables.join('');
      at = run.index + run[0].length;
    }
    for (const word of [initials + label.slice(at), full + label.slice(at)]) {
      const clean = word.toLowerCase().replace(/[^a-z0-9]/g, '');
      if (clean) words.add(clean);
    }
  }
  return [...words].join(' ');
}

/** The stored form of a record: its fields plus what the graph derives from them (alias text for full-text search, pinyin). */
export function withDerivedProperties(properties: Record<string, unknown>): Record<string, unknown> {
  const aliases = Array.isArray(properties.aliases) ? properties.aliases.filter((alias) => typeof alias === 'string') : [];
  const label = [properties.name, properties.title].find((value) => typeof value === 'string');
  const derived: Record<string, unknown> = { pinyin: pinyinOf([...(label ? [label] : []), ...aliases]) };
  if (aliases.length > 0) derived.aliasText = aliases.join(' ');
  return { ...properties, ...derived };
}
