/** Highlights of what a full-text query matched, computed from the stored text (Neo4j returns only scores). */
import { stringList } from '../../graph/properties.js';

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

/** The terms a query is matched by: CJK runs as overlapping two-character words (as the cjk analyzer does), other words whole. */
export function queryTerms(query: string): string[] {
  const terms = new Set<string>();
  for (const run of query.toLowerCase().match(/[\u3400-\u9fff\uf900-\ufaff]+|[\p{L}\p{N}]+/gu) ?? []) {
    if (CJK.test(run) && run.length > 1) {
      for (let index = 0; index < run.length - 1; index += 1) terms.add(run.slice(index, index + 2));
    } else {
      terms.add(run);
    }
  }
  return [...terms];
}

/** Wraps every matched stretch of `text` in «»; returns null when nothing matched. */
export function markMatches(text: string, terms: string[]): string | null {
  const lower = text.toLowerCase();
  const covered = new Array<boolean>(text.length).fill(false);
  for (const term of terms) {
    for (let at = lower.indexOf(term); at !== -1; at = lower.indexOf(term, at + 1)) {
      for (let index = at; index < at + term.length; index += 1) covered[index] = true;
    }
  }
  if (!covered.includes(true)) return null;
  let marked = '';
  for (let index = 0; index < text.length; index += 1) {
    if (covered[index] && !covered[index - 1]) marked += '«';
    marked += text[index];
    if (covered[index] && !covered[index + 1]) marked += '»';
  }
  return marked;
}

/** Short windows of a long text around each match, each with its «» marks. */
export function fragmentsOf(text: string, terms: string[], radius = 24, maxFragments = 3): string[] {
  const marked = markMatches(text, terms);
  if (!marked) return [];
  if (marked.length <= radius * 4) return [marked];
  const fragments: string[] = [];
  let searchFrom = 0;
  while (fragments.length < maxFragments) {
    const open = marked.indexOf('«', searchFrom);
    if (open === -1) break;
    const close = marked.indexOf('»', open);
    let start = Math.max(0, open - radius);
    let end = Math.min(marked.length, close + 1 + radius);
    // never cut inside a mark
    const openBefore = marked.lastIndexOf('«', start);
    if (openBefore !== -1 && marked.lastIndexOf('»', start) < openBefore) start = openBefore;
    const nextClose = marked.indexOf('»', end - 1);
    const nextOpen = marked.indexOf('«', end - 1);
    if (nextClose !== -1 && (nextOpen === -1 || nextClose < nextOpen)) end = nextClose + 1;
    fragments.push(`${start > 0 ? '…' : ''}${marked.slice(start, end)}${end < marked.length ? '…' : ''}`);
    searchFrom = end;
  }
  return fragments;
}

/** The highlights of one result over its searchable fields. */
export function highlightsOf(properties: Record<string, unknown>, query: string): Array<{ field: string; fragments: string[] }> {
  const terms = queryTerms(query);
  const highlights: Array<{ field: string; fragments: string[] }> = [];
  for (const field of ['name', 'title'] as const) {
    const value = properties[field];
    if (typeof value === 'string') {
      const marked = markMatches(value, terms);
      if (marked) highlights.push({ field, fragments: [marked] });
    }
  }
  const aliases = stringList(properties.aliases, 'aliases');
  const markedAliases = aliases.map((alias) => markMatches(alias, terms)).filter((alias): alias is string => alias !== null);
  if (markedAliases.length > 0) highlights.push({ field: 'aliases', fragments: markedAliases });
  if (typeof properties.pinyin === 'string' && /^[a-z]{2,40}$/i.test(query.trim())) {
    const prefix = query.trim().toLowerCase();
    const matched = properties.pinyin.split(' ').filter((word) => word.startsWith(prefix)).map((word) => `«${prefix}»${word.slice(prefix.length)}`);
    if (matched.length > 0) highlights.push({ field: 'pinyin', fragments: matched });
  }
  if (typeof properties.description === 'string') {
    const fragments = fragmentsOf(properties.description, terms);
    if (fragments.length > 0) highlights.push({ field: 'description', fragments });
  }
  return highlights;
}
