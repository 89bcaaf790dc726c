import { describe, expect, it } from 'vitest';
import { fragmentsOf, highlightsOf, markMatches, queryTerms } from '../../../../src/modules/search/search.highlight.js';
import { escapeLucene, luceneQuery } from '../../../../src/modules/search/search.repository.js';

describe('search highlights', () => {
  it('split a query as the cjk analyzer does', () => {
    expect(queryTerms('老腊肉 cold chain')).toEqual(['老腊', '腊肉', 'cold', 'chain']);
  });

  it('mark every matched stretch, merging overlaps', () => {
    expect(markMatches('X县青岗老腊肉食品有限公司', queryTerms('老腊肉'))).toBe('X县青岗«老腊肉»食品有限公司');
    expect(markMatches('中药材', queryTerms('老腊肉'))).toBeNull();
  });

  it('cut long descriptions into short fragments around matches', () => {
    const text = `${'前文'.repeat(40)}冷链保存${'后文'.repeat(40)}`;
    const [fragment] = fragmentsOf(text, queryTerms('冷链'));
    expect(fragment).toMatch(/^….*«冷链»保存.*…$/);
    expect(fragment!.length).toBeLessThan(70);
  });

  it('report the fields that matched', () => {
    expect(highlightsOf({ name: '冷链保存', aliases: ['冷链物流', 'cold chain'], description: '无关' }, '冷链')).toEqual([
      { field: 'name', fragments: ['«冷链»保存'] },
      { field: 'aliases', fragments: ['«冷链»物流'] },
    ]);
  });
});

describe('full-text queries', () => {
  it('escape Lucene syntax so user text is only text', () => {
    expect(escapeLucene('a:b (c) "d" *e* OR f')).toBe('a\\:b \\(c\\) \\"d\\" \\*e\\* or f');
    expect(luceneQuery('提取 AND name:x')).toBe('name:(提取 and name\\:x)^3 OR title:(提取 and name\\:x)^3 OR aliasText:(提取 and name\\:x)^2 OR description:(提取 and name\\:x)');
  });
});

describe('pinyin', () => {
  it('derives initials and full syllables of Chinese names and aliases', async () => {
    const { pinyinOf, withDerivedProperties } = await import('../../../../src/graph/derived.js');
    expect(pinyinOf(['西南大学', 'SWU'])).toBe('xndx xinandaxue');
    const institute = withDerivedProperties({ name: '市畜牧科学院', aliases: ['市畜科院'] });
    expect(institute.aliasText).toBe('市畜科院');
    expect(String(institute.pinyin).split(' ').slice(0, 2)).toEqual(['sxmkxy', 'shixumukexueyuan']);
    expect(String(institute.pinyin).split(' ')).toHaveLength(4);
    expect(withDerivedProperties({ name: 'Only Latin' }).pinyin).toBe('');
  });

  it('keeps text between Chinese runs whole in both words', async () => {
    const { pinyinOf } = await import('../../../../src/graph/derived.js');
    expect(pinyinOf(['中药材GAP基地'])).toBe('zycgapjd zhongyaocaigapjidi');
    expect(pinyinOf(['《X市专家》'])).toBe('xszj xshizhuanjia');
  });

  it('adds a prefix clause for queries of Latin letters only, and highlights the matched syllables', () => {
    expect(luceneQuery('xndx')).toContain(' OR pinyin:xndx*^2');
    expect(luceneQuery('西南')).not.toContain('pinyin');
    expect(highlightsOf({ name: '西南大学', pinyin: 'xndx xinandaxue' }, 'xinan')).toEqual([{ field: 'pinyin', fragments: ['«xinan»daxue'] }]);
  });
});
