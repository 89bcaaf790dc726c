import { pinyin } from 'pinyin-pro';

/** Properties the graph derives from a record's fields and stores beside them; never read from or written to files. */
export const DERIVED_PROPERTIES = ['aliasText', 'pinyin'] as const;

const HAS_CHINESE = /[\u3400-\u9fff]/;

/** The pinyin of Chinese labels as lowercase words: initials and full syllables, e.g. 西南大学 → "xndx xinandaxue". */
export function pinyinOf(labels: readonly string[]): string {
  const words = new Set<string>();
  for (const label of labels.filter((item) => HAS_CHINESE.test(item))) {
    const initials = pinyin(label, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'consecutive' }).join('');
    const full = pinyin(label, { toneType: 'none', type: 'array', nonZh: 'consecutive' }).join('');
    for (const word of [initials, full]) {
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
