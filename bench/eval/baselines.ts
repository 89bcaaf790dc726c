/**
 * The two baselines the matcher is scored against:
 * - full text: the need's text as a query on the graph's full-text index (names and descriptions), the project's
 *   first baseline;
 * - BM25: the need's words (segmented by src/text/segment.ts) against each candidate's full text — its name, aliases
 *   and description, the names of the projects it led or joined and the titles of the patents it owns or invented,
 *   the topics it declares or holds and its affiliated experts' expertise topics (for a platform: its member
 *   experts' and its hosted projects').
 */
import type { NodeKind } from '../../src/graph/kinds.js';
import type { Database } from '../../src/neo4j/database.js';
import { FULLTEXT_INDEX } from '../../src/graph/migrations.js';
import { luceneQuery } from '../../src/modules/search/search.repository.js';
import { Bm25Index } from '../../src/text/bm25.js';

/** The full-text baseline: the need's text against the full-text index, restricted to the candidate kinds. */
export async function fullTextBaseline(database: Database, text: string, kinds: readonly NodeKind[], exclude: ReadonlySet<string>): Promise<string[]> {
  if (!text.trim()) return [];
  const rows = await database.read(
    `CALL db.index.fulltext.queryNodes($index, $query) YIELD node, score
     WHERE any(label IN labels(node) WHERE label IN $kinds)
     RETURN node.id AS id ORDER BY score DESC, id LIMIT 30`,
    { index: FULLTEXT_INDEX, query: luceneQuery(text), kinds },
  );
  return rows.map((row) => row.id as string).filter((id) => !exclude.has(id));
}

/** Every candidate's full text, by kind. */
export async function candidateTexts(database: Database, kinds: readonly NodeKind[]): Promise<Array<{ id: string; kind: NodeKind; text: string }>> {
  const rows = await database.read(
    `MATCH (node:Entity) WHERE any(label IN labels(node) WHERE label IN $kinds)
     RETURN node.id AS id, [label IN labels(node) WHERE label IN $kinds][0] AS kind,
       [node.name, node.title, node.description] + coalesce(node.aliases, [])
       + COLLECT { MATCH (node)-[:LEADS|PARTICIPATES_IN]->(project:Project) RETURN project.name }
       + COLLECT { MATCH (node)-[:OWNS|INVENTED]->(patent:Patent) RETURN patent.title }
       + COLLECT { MATCH (node)-[:HAS_EXPERTISE|FOCUSES_ON]->(topic:Topic) RETURN topic.name }
       + COLLECT { MATCH (node)<-[:AFFILIATED_WITH]-(:Expert)-[:HAS_EXPERTISE]->(topic:Topic) RETURN topic.name }
       + COLLECT { MATCH (node)-[:HOSTS]->(:Platform)-[:LEADS]->(project:Project) RETURN project.name } AS parts`,
    { kinds },
  );
  return rows.map((row) => ({
    id: row.id as string,
    kind: row.kind as NodeKind,
    text: (row.parts as Array<string | null>).filter((part): part is string => typeof part === 'string').join(' '),
  }));
}

/**
 * The text a partner or demand question stands for, for the baselines: a demand's title, description and required
 * topics; an enterprise's description, declared topics, its segments' required topics and its demands; a segment's
 * or industry's name, description and (its segments') required topics.
 */
export async function needTextOf(database: Database, targetId: string): Promise<string> {
  const rows = await database.read(
    `MATCH (target:Entity {id: $targetId})
     RETURN [CASE WHEN target:Enterprise THEN null ELSE coalesce(target.name, target.title) END, target.description]
       + COLLECT { MATCH (target)-[:FOCUSES_ON|REQUIRES]->(topic:Topic) RETURN topic.name }
       + COLLECT { MATCH (target)-[:IN_SEGMENT|HAS_SEGMENT]->(segment:ChainSegment) RETURN segment.name }
       + COLLECT { MATCH (target)-[:IN_SEGMENT|HAS_SEGMENT]->(:ChainSegment)-[:REQUIRES]->(topic:Topic) RETURN topic.name }
       + COLLECT { MATCH (target)-[:POSTED]->(demand:Demand) RETURN demand.title + ' ' + coalesce(demand.description, '') }
       + COLLECT { MATCH (target)-[:POSTED]->(:Demand)-[:REQUIRES]->(topic:Topic) RETURN topic.name } AS parts`,
    { targetId },
  );
  return ((rows[0]?.parts as Array<string | null> | undefined) ?? []).filter((part): part is string => typeof part === 'string').join(' ');
}

/** Ids never proposed for a question: the target, the demand's poster, and the experts affiliated with either. */
export async function excludedFor(database: Database, targetId: string): Promise<Set<string>> {
  const rows = await database.read(
    `MATCH (target:Entity {id: $targetId})
     OPTIONAL MATCH (poster)-[:POSTED]->(target)
     WITH target, collect(poster) AS posters
     WITH [target] + posters AS parties
     UNWIND parties AS party
     OPTIONAL MATCH (expert:Expert)-[:AFFILIATED_WITH]->(party)
     RETURN collect(DISTINCT party.id) + collect(DISTINCT expert.id) AS ids`,
    { targetId },
  );
  return new Set((rows[0]?.ids as string[] | undefined) ?? [targetId]);
}

/** BM25 over the candidates' full texts, one index per kind set, built on first use. */
export class Bm25Baseline {
  private readonly indexes = new Map<string, Promise<{ index: Bm25Index; ids: Set<string> }>>();

  constructor(private readonly database: Database) {}

  private indexFor(kinds: readonly NodeKind[]) {
    const key = [...kinds].sort().join(',');
    let entry = this.indexes.get(key);
    if (!entry) {
      entry = candidateTexts(this.database, kinds).then((documents) => ({ index: Bm25Index.fromTexts(documents), ids: new Set(documents.map((document) => document.id)) }));
      this.indexes.set(key, entry);
    }
    return entry;
  }

  /** Candidate ids of the given kinds, best first, without the excluded ones (at most 30). */
  async rank(text: string, kinds: readonly NodeKind[], exclude: ReadonlySet<string>): Promise<string[]> {
    const { index } = await this.indexFor(kinds);
    return index
      .search(text)
      .map((hit) => hit.id)
      .filter((id) => !exclude.has(id))
      .slice(0, 30);
  }
}
