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
 * One page of ranked hits and (when `withTotal`) the total, counted only when asked (it reads every hit). A query of
 * one character the index cannot match (the cjk analyzer indexes pairs) falls back to substring matching.
 */
export async function searchEntities(
  database: Database,
  text: string,
  kinds: readonly NodeKind[] | null,
  page: PageRequest,
  withTotal: boolean,
): Promise<{ hits: SearchHit[]; total: number }> {
  const kindFilter = '($kinds IS NULL OR any(label IN labels(node) WHERE label IN $kinds))';
  const fullText = {
    match: `CALL db.index.fulltext.queryNodes($index, $query) YIELD node, score WHERE ${kindFilter}`,
    order: 'score DESC, node.id',
    score: 'score',
    params: { index: FULLTEXT_INDEX, query: luceneQuery(text), kinds: kinds?.length ? kinds : null },
  };
  const oneCharacter = [...text.trim()].length === 1;
  if (oneCharacter && (await database.read(`${fullText.match} RETURN node.id AS id LIMIT 1`, fullText.params)).length === 0) {
    const substring = {
      match: `MATCH (node:Entity) WHERE ${kindFilter} AND (node.name CONTAINS $text OR node.title CONTAINS $text OR node.aliasText CONTAINS $text)`,
      order: 'node.name, node.id',
      score: '1.0',
      params: { kinds: fullText.params.kinds, text: text.trim() },
    };
    return pageOfHits(database, substring, page, withTotal);
  }
  return pageOfHits(database, fullText, page, withTotal);
}

/** A page of hits of a `match` (binding `node`) in `order`, and its count when asked, read side by side. */
async function pageOfHits(
  database: Database,
  query: { match: string; order: string; score: string; params: Record<string, unknown> },
  page: PageRequest,
  withTotal: boolean,
): Promise<{ hits: SearchHit[]; total: number }> {
  const [rows, counts] = await Promise.all([
    database.read(`${query.match} WITH node, ${query.score} AS score ORDER BY ${query.order} SKIP $offset LIMIT $limit RETURN ${entityProjection('node')} AS node, score`, {
      ...query.params,
      offset: cypherInt(page.offset),
      limit: cypherInt(page.limit + 1),
    }),
    withTotal ? database.read(`${query.match} RETURN count(node) AS total`, query.params) : Promise.resolve([]),
  ]);
  return { hits: parseRows(hitSchema, rows, 'search hits'), total: parseRows(countSchema, counts, 'search count')[0]?.total ?? 0 };
}
