/** The Cypher of full-text search over every kind (cjk analyzer, see migrations). */
import { z } from 'zod';
import type { EntityModel } from '../../graph/entity.js';
import { countSchema, entitySchema, parseRows } from '../../graph/rows.js';
import type { NodeKind } from '../../graph/kinds.js';
import { entityProjection } from '../../graph/query.js';
import type { Database } from '../../neo4j/database.js';
import { FULLTEXT_INDEX } from '../../graph/migrations.js';
import { cypherInt } from '../../neo4j/values.js';
import type { PageRequest } from '../../graphql/connection.js';

/** Escapes Lucene's query syntax so user text is only ever matched as text. */
export function escapeLucene(text: string): string {
  return text.replace(/[+\-&|!(){}[\]^"~*?:\\/]/g, (character) => `\\${character}`).replace(/\b(AND|OR|NOT)\b/g, (word) => word.toLowerCase());
}

/** A query of Latin letters only may be pinyin: full syllables or initials, typed from the start (xndx, xinan). */
export function mayBePinyin(text: string): boolean {
  return /^[a-z]{2,40}$/i.test(text.trim());
}

/** A Lucene query that ranks matches in names, titles and aliases above matches in descriptions, and pinyin prefixes too. */
export function luceneQuery(text: string): string {
  const escaped = escapeLucene(text.trim());
  const pinyin = mayBePinyin(text) ? ` OR pinyin:${text.trim().toLowerCase()}*^2` : '';
  return `name:(${escaped})^3 OR title:(${escaped})^3 OR aliasText:(${escaped})^2 OR description:(${escaped})${pinyin}`;
}

const hitSchema = z.object({ node: entitySchema, score: z.number() });

export interface SearchHit {
  node: EntityModel;
  score: number;
}

/**
 * One page of ranked hits and (when `withTotal`) the total; short queries the index cannot match (one CJK
 * character) fall back to substring matching. The total is counted only when asked: it reads every hit.
 */
export async function searchEntities(
  database: Database,
  text: string,
  kinds: readonly NodeKind[] | null,
  page: PageRequest,
  withTotal: boolean,
): Promise<{ hits: SearchHit[]; total: number }> {
  const params = { index: FULLTEXT_INDEX, query: luceneQuery(text), kinds: kinds?.length ? kinds : null };
  const kindFilter = '($kinds IS NULL OR any(label IN labels(node) WHERE label IN $kinds))';
  const hitsOf = `CALL db.index.fulltext.queryNodes($index, $query) YIELD node, score WHERE ${kindFilter}`;
  const [rows, counts] = await Promise.all([
    database.read(`${hitsOf} RETURN ${entityProjection('node')} AS node, score ORDER BY score DESC, node.id SKIP $offset LIMIT $limit`, {
      ...params,
      offset: cypherInt(page.offset),
      limit: cypherInt(page.limit + 1),
    }),
    withTotal ? database.read(`${hitsOf} RETURN count(node) AS total`, params) : Promise.resolve(null),
  ]);
  const total = counts ? (parseRows(countSchema, counts, 'search count')[0]?.total ?? 0) : 0;
  const hits = parseRows(hitSchema, rows, 'search hits');
  if ([...text.trim()].length > 1 || hits.length > 0 || (counts !== null && total > 0)) return { hits, total };
  // One character and no hit on this page: fall back to substring matching only if the index has none at all.
  if (counts === null && (await database.read(`${hitsOf} RETURN node.id AS id LIMIT 1`, params)).length > 0) return { hits, total };
  const substring = `MATCH (node:Entity) WHERE ${kindFilter} AND (node.name CONTAINS $text OR node.title CONTAINS $text OR node.aliasText CONTAINS $text)`;
  const fallbackParams = { kinds: params.kinds, text: text.trim() };
  const [fallback, fallbackCount] = await Promise.all([
    database.read(`${substring} WITH node ORDER BY node.name, node.id SKIP $offset LIMIT $limit RETURN ${entityProjection('node')} AS node, 1.0 AS score`, {
      ...fallbackParams,
      offset: cypherInt(page.offset),
      limit: cypherInt(page.limit + 1),
    }),
    withTotal ? database.read(`${substring} RETURN count(node) AS total`, fallbackParams) : Promise.resolve(null),
  ]);
  const fallbackTotal = fallbackCount ? (parseRows(countSchema, fallbackCount, 'substring search count')[0]?.total ?? 0) : 0;
  return { hits: parseRows(hitSchema, fallback, 'substring search hits'), total: fallbackTotal };
}
