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
  frequencies: Map<string, number>;
}

/** A BM25 index; `search` returns documents scoring above zero, best first, ties by id. */
export class Bm25Index {
  private readonly documents: IndexedDocument[];
  private readonly documentFrequency = new Map<string, number>();
  private readonly averageLength: number;

  /** `documents` are already-segmented word lists; use `Bm25Index.fromTexts` for raw text. */
  constructor(
    documents: ReadonlyArray<{ id: string; words: readonly string[] }>,
    private readonly options: Bm25Options = BM25_DEFAULTS,
  ) {
    this.documents = documents.map(({ id, words }) => {
      const frequencies = new Map<string, number>();
      for (const word of words) frequencies.set(word, (frequencies.get(word) ?? 0) + 1);
      for (const word of frequencies.keys()) this.documentFrequency.set(word, (this.documentFrequency.get(word) ?? 0) + 1);
      return { id, length: words.length, frequencies };
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
    const containing = this.documentFrequency.get(word) ?? 0;
    return Math.log(1 + (this.documents.length - containing + 0.5) / (containing + 0.5));
  }

  /** Scores every document against the query words (each distinct query word counted once). */
  searchWords(queryWords: readonly string[]): Array<{ id: string; score: number }> {
    const { k1, b } = this.options;
    const terms = [...new Set(queryWords)];
    const scored: Array<{ id: string; score: number }> = [];
    for (const document of this.documents) {
      let score = 0;
      for (const term of terms) {
        const frequency = document.frequencies.get(term) ?? 0;
        if (frequency === 0) continue;
        const norm = k1 * (1 - b + (b * document.length) / (this.averageLength || 1));
        score += (this.idf(term) * frequency * (k1 + 1)) / (frequency + norm);
      }
      if (score > 0) scored.push({ id: document.id, score });
    }
    return scored.sort((x, y) => y.score - x.score || x.id.localeCompare(y.id));
  }

  search(query: string): Array<{ id: string; score: number }> {
    return this.searchWords(segment(query));
  }
}
