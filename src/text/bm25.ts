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
  /** Per word, the documents holding it (their index in `documents`) and how often: a search reads only its words' lists. */
  private readonly postings = new Map<string, Array<{ document: number; frequency: number }>>();
  private readonly averageLength: number;

  /** `documents` are already-segmented word lists; use `Bm25Index.fromTexts` for raw text. */
  constructor(
    documents: ReadonlyArray<{ id: string; words: readonly string[] }>,
    private readonly options: Bm25Options = BM25_DEFAULTS,
  ) {
    this.documents = documents.map(({ id, words }, index) => {
      const frequencies = new Map<string, number>();
      for (const word of words) frequencies.set(word, (frequencies.get(word) ?? 0) + 1);
      for (const [word, frequency] of frequencies) {
        const list = this.postings.get(word);
        if (list) list.push({ document: index, frequency });
        else this.postings.set(word, [{ document: index, frequency }]);
      }
      return { id, length: words.length };
    });
    this.averageLength = this.documents.reduce((sum, document) => sum + document.length, 0) / Math.max(this.documents.length, 1);
  }

  static fromTexts(documents: ReadonlyArray<{ id: string; text: string }>, options: Bm25Options = BM25_DEFAULTS): Bm25Index {
    return new Bm25Index(
      documents.map(({ id, text }) => ({ id, words: segment(text) })),
      options,
    );
  }

  /** Robertson–Spärck Jones IDF, kept positive: ln(1 + (N − n + 0.5) / (n + 0.5)). */
  idf(word: string): number {
    const containing = this.postings.get(word)?.length ?? 0;
    return Math.log(1 + (this.documents.length - containing + 0.5) / (containing + 0.5));
  }

  /**
   * Scores every document against the query words (each distinct query word counted once), reading only the documents
   * that hold one of them (a need's words against thousands of topic profiles); a document's terms are added in the
   * query's order, as a scan of every document would.
   */
  searchWords(queryWords: readonly string[]): Array<{ id: string; score: number }> {
    const { k1, b } = this.options;
    const scores = new Map<number, number>();
    for (const term of new Set(queryWords)) {
      const postings = this.postings.get(term);
      if (!postings) continue;
      const idf = this.idf(term);
      for (const { document, frequency } of postings) {
        const norm = k1 * (1 - b + (b * this.documents[document]!.length) / (this.averageLength || 1));
        scores.set(document, (scores.get(document) ?? 0) + (idf * frequency * (k1 + 1)) / (frequency + norm));
      }
    }
    const scored: Array<{ id: string; score: number }> = [];
    for (const [document, score] of scores) if (score > 0) scored.push({ id: this.documents[document]!.id, score });
    return scored.sort((x, y) => y.score - x.score || x.id.localeCompare(y.id));
  }

  search(query: string): Array<{ id: string; score: number }> {
    return this.searchWords(segment(query));
  }
}
