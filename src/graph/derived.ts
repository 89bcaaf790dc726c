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

/**
 * Properties the graph derives on each `LOCATED_IN` relationship from its two ends, never read from or written to
 * files: the region's id, and the located record's name and id, which a range index on the three keeps in order
 * (`located_in_member`). A region's page of its records by name reads, for each region below it, that index from the
 * region's first name on, instead of every record of every region below it (src/graph/query.ts). Every write of a
 * `LOCATED_IN` relationship or of a record's name sets them again (`locatedInKeys`, `refreshLocatedIn`).
 */
export const DERIVED_RELATIONSHIP_PROPERTIES = ['regionId', 'memberName', 'memberId'] as const;

/** The Cypher `SET` that derives them on the `LOCATED_IN` relationship `relationship` from `member` to `region`. */
export const locatedInKeys = (member: string, relationship: string, region: string): string =>
  `SET ${relationship}.regionId = ${region}.id, ${relationship}.memberName = ${member}.name, ${relationship}.memberId = ${member}.id`;

/**
 * Matches each `LOCATED_IN` relationship (`located`, from `member` to `region`) whose derived properties are missing or
 * out of step with its ends: written around this code's writers (by hand, by an older version, by `neo4j-admin`).
 */
export const STALE_LOCATED_IN = `MATCH (member)-[located:LOCATED_IN]->(region)
  WHERE located.memberId IS NULL OR located.memberId <> member.id OR located.memberName <> member.name OR located.regionId <> region.id`;

/** How many `LOCATED_IN` relationships are stale (see `STALE_LOCATED_IN`), as `total`. */
export const COUNT_STALE_LOCATED_IN = `${STALE_LOCATED_IN} RETURN count(*) AS total`;

/** `locatedInKeys` for a relationship of `type` (any type): nothing unless it is `LOCATED_IN`. */
export const derivedKeysOf = (type: string, member: string, relationship: string, region: string): string =>
  type === 'LOCATED_IN' ? locatedInKeys(member, relationship, region) : '';

/**
 * A clause (after a `WITH` carrying `member`) that derives them again on every `LOCATED_IN` relationship of the
 * record `member`, after its name or its regions were written. It keeps every row.
 */
export const refreshLocatedIn = (member: string): string =>
  `CALL (${member}) { MATCH (${member})-[located:LOCATED_IN]->(region) ${locatedInKeys(member, 'located', 'region')} }`;

/** A relationship's properties as the format has them: without those the graph derives. */
export function withoutDerivedRelationshipProperties(properties: Record<string, unknown>): Record<string, unknown> {
  const stored = { ...properties };
  for (const derived of DERIVED_RELATIONSHIP_PROPERTIES) delete stored[derived];
  return stored;
}
