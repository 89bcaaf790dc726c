/** The Cypher of full-text search over every kind (cjk analyzer, see migrations). */
import { z } from 'zod';
import type { EntityModel } from '../../graph/entity.js';
import { entitySchema, parseRows } from '../../graph/rows.js';
import type { NodeKind } from '../../graph/kinds.js';
import { keptTotal } from '../../graph/query.js';
import { entityProjection } from '../../graph/projection.js';
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
 * One page of ranked hits (by score, ties by id) and (when `withTotal`) the total, counted only when asked (it reads
 * every hit) and kept per text and kinds until a write. The page is read from the index's best hits only (see
 * `rankedPage`). A query of one character the index cannot match (the cjk analyzer indexes pairs) falls back to
 * substring matching.
 */
export async function searchEntities(
  database: Database,
  text: string,
  kinds: readonly NodeKind[] | null,
  page: PageRequest,
  withTotal: boolean,
): Promise<{ hits: SearchHit[]; total: number }> {
  const kindFilter = '($kinds IS NULL OR any(label IN labels(node) WHERE label IN $kinds))';
  const params = { index: FULLTEXT_INDEX, query: luceneQuery(text), kinds: kinds?.length ? kinds : null };
  const fullText = `CALL db.index.fulltext.queryNodes($index, $query) YIELD node, score WHERE ${kindFilter}`;
  const oneCharacter = [...text.trim()].length === 1;
  if (oneCharacter && (await database.read(`${fullText} RETURN node.id AS id LIMIT 1`, params)).length === 0) {
    const substring = {
      match: `MATCH (node:Entity) WHERE ${kindFilter} AND (node.name CONTAINS $text OR node.title CONTAINS $text OR node.aliasText CONTAINS $text)`,
      params: { kinds: params.kinds, text: text.trim() },
    };
    const [rows, total] = await Promise.all([
      database.read(`${substring.match} WITH node ORDER BY node.name, node.id SKIP $offset LIMIT $limit RETURN ${entityProjection('node')} AS node, 1.0 AS score`, {
        ...substring.params,
        offset: cypherInt(page.offset),
        limit: cypherInt(page.limit + 1),
      }),
      withTotal ? keptTotal(database, `${substring.match} RETURN count(node) AS total`, substring.params) : Promise.resolve(0),
    ]);
    return { hits: parseRows(hitSchema, rows, 'search hits'), total };
  }
  const [hits, total] = await Promise.all([
    rankedPage(database, kindFilter, params, page),
    withTotal ? keptTotal(database, `${fullText} RETURN count(node) AS total`, params) : Promise.resolve(0),
  ]);
  return { hits, total };
}

/** The most hits read from the index for one page before every hit is read and sorted. */
const BEST_HITS_READ_AT_MOST = 5_000;

const rankedRowSchema = z.object({ read: z.number(), sure: z.number(), page: z.array(hitSchema) });

/**
 * The page (and one hit more) of the full-text hits in the order score, then id. The index gives its best `n` hits
 * (by score alone) cheaply, where ordering every hit of a popular word reads each of them (169 000 at a million
 * nodes); any hit it did not give scores at most the lowest it gave, so the hits given that score above that are in
 * their final places. When those cover the page, it is exact; else `n` grows fourfold (ties at the boundary, or kinds
 * filtered out), and past `BEST_HITS_READ_AT_MOST` every hit is read.
 */
async function rankedPage(database: Database, kindFilter: string, params: Record<string, unknown>, page: PageRequest): Promise<SearchHit[]> {
  const wanted = page.offset + page.limit + 1;
  const slice = { offset: cypherInt(page.offset), end: cypherInt(wanted) };
  for (let n = Math.max(wanted, 32); n <= BEST_HITS_READ_AT_MOST; n *= 4) {
    const rows = await database.read(
      `CALL db.index.fulltext.queryNodes($index, $query, {limit: $n}) YIELD node, score
       WITH node, score, ${kindFilter} AS kept
       ORDER BY score DESC, node.id
       WITH count(*) AS read, min(score) AS lowest, collect(CASE WHEN kept THEN {node: node, score: score} END) AS ranked
       WITH read, size([hit IN ranked WHERE hit.score > lowest]) AS sure, ranked[$offset..$end] AS hits
       CALL (hits) {
         UNWIND range(0, size(hits) - 1) AS position
         WITH position, hits[position].node AS node, hits[position].score AS score ORDER BY position
         RETURN collect({node: ${entityProjection('node')}, score: score}) AS page
       }
       RETURN read, sure, page`,
      { ...params, n: cypherInt(n), ...slice },
    );
    const [ranked] = parseRows(rankedRowSchema, rows, 'search page');
    if (!ranked) throw new Error('search page: the query returned no row');
    if (ranked.read < n || ranked.sure >= wanted) return ranked.page;
  }
  const rows = await database.read(
    `CALL db.index.fulltext.queryNodes($index, $query) YIELD node, score WHERE ${kindFilter}
     WITH node, score ORDER BY score DESC, node.id SKIP $offset LIMIT $limit RETURN ${entityProjection('node')} AS node, score`,
    { ...params, offset: slice.offset, limit: cypherInt(page.limit + 1) },
  );
  return parseRows(hitSchema, rows, 'search hits');
}
