/**
 * Okapi BM25 over a small in-memory collection of documents, each a bag of words from `src/text/segment.ts`.
 * Used to read needs against topic text profiles (matching) and as the evaluation's BM25 baseline.
 */
import { segment } from './segment.js';

export interface Bm25Options {
  /** Term-frequency saturation (1.2 is the usual default). */
  k1: number;
  /** Length normalisation, 0 (none) to 1 (full) (0.75 is the usual default). */
  b: number;
}

export const BM25_DEFAULTS: Bm25Options = { k1: 1.2, b: 0.75 };

interface IndexedDocument {
  id: string;
  length: number;
}

/** A BM25 index; `search` returns documents scoring above zero, best first, ties by id. */
export class Bm25Index {
  private readonly documents: IndexedDocument[];
  /**
   * Per word, the documents holding it (their index in `documents`) and what the word adds to each one's score — its
   * IDF, its frequency there and the document's length are all known once indexed: a search reads only its words'
   * lists and adds.
   */
  private readonly postings = new Map<string, { documents: Int32Array; weights: Float64Array }>();
  private readonly averageLength: number;
  /** The scores of one search, by document (reused: a search runs to its end synchronously). */
  private readonly scores: Float64Array;

  /** `documents` are already-segmented word lists; use `Bm25Index.fromTexts` for raw text. */
  constructor(
    documents: ReadonlyArray<{ id: string; words: readonly string[] }>,
    private readonly options: Bm25Options = BM25_DEFAULTS,
  ) {
    const lists = new Map<string, Array<{ document: number; frequency: number }>>();
    this.documents = documents.map(({ id, words }, index) => {
      const frequencies = new Map<string, number>();
      for (const word of words) frequencies.set(word, (frequencies.get(word) ?? 0) + 1);
      for (const [word, frequency] of frequencies) {
        const list = lists.get(word);
        if (list) list.push({ document: index, frequency });
        else lists.set(word, [{ document: index, frequency }]);
      }
      return { id, length: words.length };
    });
    this.averageLength = this.documents.reduce((sum, document) => sum + document.length, 0) / Math.max(this.documents.length, 1);
    const { k1, b } = this.options;
    const norms = this.documents.map((document) => k1 * (1 - b + (b * document.length) / (this.averageLength || 1)));
    for (const [word, list] of lists) {
      const idf = this.idfOf(list.length);
      this.postings.set(word, {
        documents: Int32Array.from(list, ({ document }) => document),
        weights: Float64Array.from(list, ({ document, frequency }) => (idf * frequency * (k1 + 1)) / (frequency + norms[document]!)),
      });
    }
    this.scores = new Float64Array(this.documents.length);
  }

  static fromTexts(documents: ReadonlyArray<{ id: string; text: string }>, options: Bm25Options = BM25_DEFAULTS): Bm25Index {
    return new Bm25Index(
      documents.map(({ id, text }) => ({ id, words: segment(text) })),
      options,
    );
  }

  /** Robertson–Spärck Jones IDF, kept positive: ln(1 + (N − n + 0.5) / (n + 0.5)). */
  idf(word: string): number {
    return this.idfOf(this.postings.get(word)?.documents.length ?? 0);
  }

  private idfOf(containing: number): number {
    return Math.log(1 + (this.documents.length - containing + 0.5) / (containing + 0.5));
  }

  /**
   * Scores every document against the query words (each distinct query word counted once), reading only the documents
   * that hold one of them (a need's words against thousands of topic profiles); a document's terms are added in the
   * query's order, as a scan of every document would.
   */
  searchWords(queryWords: readonly string[]): Array<{ id: string; score: number }> {
    return this.scored(queryWords, 0, Infinity);
  }

  /**
   * The documents scoring at least `share` of the best score (and above zero), best first, ties by id, at most `max`:
   * what `searchWords` lists first, without sorting the long tail a common word brings.
   */
  searchBest(query: string, share: number, max: number): Array<{ id: string; score: number }> {
    return this.scored(segment(query), share, max);
  }

  private scored(queryWords: readonly string[], share: number, max: number): Array<{ id: string; score: number }> {
    const { scores } = this;
    // The documents met, in the order first met; their scores summed in the query's order, then cleared for the next search.
    const met: number[] = [];
    for (const term of new Set(queryWords)) {
      const postings = this.postings.get(term);
      if (!postings) continue;
      const { documents, weights } = postings;
      for (let at = 0; at < documents.length; at += 1) {
        const document = documents[at]!;
        if (scores[document] === 0) met.push(document);
        scores[document] = scores[document]! + weights[at]!;
      }
    }
    let best = 0;
    for (const document of met) best = Math.max(best, scores[document]!);
    const bar = share * best;
    const kept: Array<{ id: string; score: number }> = [];
    for (const document of met) {
      const score = scores[document]!;
      scores[document] = 0;
      if (score > 0 && score >= bar) kept.push({ id: this.documents[document]!.id, score });
    }
    kept.sort((x, y) => y.score - x.score || x.id.localeCompare(y.id));
    return max < kept.length ? kept.slice(0, max) : kept;
  }

  search(query: string): Array<{ id: string; score: number }> {
    return this.searchWords(segment(query));
  }
}
