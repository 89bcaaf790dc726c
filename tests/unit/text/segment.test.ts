import { describe, expect, it } from 'vitest';
import { cut, segment, stem, wordSet } from '../../../src/text/segment.js';

describe('segment (src/text/segment.ts, jieba with its shipped dictionary)', () => {
  it('cuts an everyday sentence into words, dropping punctuation and function words', () => {
    expect(segment('腊肉放久了容易坏，想找人解决')).toEqual(['腊肉', '放久', '容易', '坏', '解决']);
  });

  it('yields a long word and its dictionary sub-words (search mode), so a short word meets a long one', () => {
    const words = wordSet('亚硝酸盐也偏高');
    for (const word of ['亚硝酸盐', '亚硝酸', '硝酸盐']) expect(words.has(word)).toBe(true);
    expect(words.has('也')).toBe(false);
  });

  it('lower-cases Latin words and drops English stop words; full-width forms are normalised', () => {
    expect(segment('Gastrodin extraction and purification')).toEqual(['gastrodin', 'extraction', 'purification']);
    expect(segment('ＱＲ码')).toContain('qr');
  });

  it('cuts a label precisely: each compound once, without its sub-words', () => {
    expect(cut('GAP规范化种植')).toEqual(['gap', '规范化', '种植']);
    expect(cut('中药材提取物和制剂加工')).toEqual(['中药材', '提取物', '制剂', '加工']);
  });

  it('stems English words lightly, so an English need meets an English topic name', () => {
    expect(['meats', 'drying', 'dried', 'processing', 'processed', 'diseases', 'stopped', 'boxes', 'berries'].map(stem)).toEqual([
      'meat', 'dry', 'dry', 'process', 'process', 'disease', 'stop', 'box', 'berry',
    ]);
    // Short words, -ss, -us and -is words are left alone.
    expect(['pig', 'tea', 'class', 'virus', 'analysis'].map(stem)).toEqual(['pig', 'tea', 'class', 'virus', 'analysis']);
    expect(segment('Drying pigs')).toEqual(['dry', 'pig']);
  });

  it('returns nothing for blank text', () => {
    expect(segment('  \n ')).toEqual([]);
  });
});
