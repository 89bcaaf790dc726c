import { describe, expect, it } from 'vitest';
import { Bm25Index } from '../../../src/text/bm25.js';

/**
 * Three documents, worked by hand with k1 = 1.2, b = 0.75:
 *   A = 腊肉 保鲜 (2 words), B = 腊肉 腊肉 烟熏 工艺 (4 words), C = 天麻 烘干 (2 words); average length 8/3.
 *   idf(腊肉) = ln(1 + (3 − 2 + 0.5) / (2 + 0.5)) = ln 1.6 ≈ 0.4700;  idf(保鲜) = ln(1 + 2.5 / 1.5) = ln(8/3) ≈ 0.9808.
 *   length norm: A and C 1.2 × (0.25 + 0.75 × 2 / (8/3)) = 0.975;  B 1.2 × (0.25 + 0.75 × 4 / (8/3)) = 1.65.
 *   query 腊肉 保鲜: A = 0.4700 × 2.2 / 1.975 + 0.9808 × 2.2 / 1.975 ≈ 0.5235 + 1.0925 = 1.6161;
 *                    B = 0.4700 × 2 × 2.2 / (2 + 1.65) ≈ 0.5666;  C = 0 (not returned).
 *   query 腊肉 alone: B (0.5666) above A (0.5235): two occurrences outweigh B's greater length.
 */
const index = new Bm25Index([
  { id: 'A', words: ['腊肉', '保鲜'] },
  { id: 'B', words: ['腊肉', '腊肉', '烟熏', '工艺'] },
  { id: 'C', words: ['天麻', '烘干'] },
]);

describe('BM25 (src/text/bm25.ts) on a hand-worked collection', () => {
  it('ranks the document holding both query words first, and leaves out documents holding none', () => {
    const hits = index.searchWords(['腊肉', '保鲜']);
    expect(hits.map((hit) => hit.id)).toEqual(['A', 'B']);
    expect(hits[0]!.score).toBeCloseTo(1.6161, 3);
    expect(hits[1]!.score).toBeCloseTo(0.5666, 3);
  });

  it('lets a repeated word outweigh a longer document', () => {
    const hits = index.searchWords(['腊肉']);
    expect(hits.map((hit) => hit.id)).toEqual(['B', 'A']);
    expect(hits[0]!.score).toBeCloseTo(0.5666, 3);
    expect(hits[1]!.score).toBeCloseTo(0.5235, 3);
  });

  it('counts a query word once however often the query repeats it, and returns nothing for unknown words', () => {
    expect(index.searchWords(['腊肉', '腊肉', '保鲜'])).toEqual(index.searchWords(['腊肉', '保鲜']));
    expect(index.searchWords(['量子'])).toEqual([]);
  });

  it('segments raw text before indexing (fromTexts / search)', () => {
    const fromText = Bm25Index.fromTexts([
      { id: 'pork', text: '一种烟熏腊肉真空包装及保鲜方法' },
      { id: 'herb', text: '一种天麻热泵分段烘干工艺' },
    ]);
    expect(fromText.search('腊肉怎么保鲜').map((hit) => hit.id)).toEqual(['pork']);
  });

  it('lists only the documents within a share of the best score, at most so many (searchBest), and is the same again after', () => {
    // Query 腊肉 保鲜 (segmented from 腊肉保鲜): A 1.6161, B 0.5666 = 0.35 of A.
    expect(index.searchBest('腊肉 保鲜', 0.5, 10).map((hit) => hit.id)).toEqual(['A']);
    expect(index.searchBest('腊肉 保鲜', 0.3, 10).map((hit) => hit.id)).toEqual(['A', 'B']);
    expect(index.searchBest('腊肉 保鲜', 0, 1).map((hit) => hit.id)).toEqual(['A']);
    expect(index.searchBest('量子', 0.5, 10)).toEqual([]);
    // The scores of one search do not leak into the next.
    expect(index.searchWords(['腊肉']).map((hit) => [hit.id, Math.round(hit.score * 1e4) / 1e4])).toEqual([
      ['B', 0.5666],
      ['A', 0.5235],
    ]);
  });
});
