import { describe, expect, it } from 'vitest';
import { TopicProfiles } from '../../../../src/modules/matching/topic-profiles.js';

const profiles = new TopicProfiles([
  { id: 'a', name: '天麻素提取', aliases: ['gastrodin extraction'], description: '天麻素的提取与纯化', evidenceTitles: ['一种天麻素的大孔树脂纯化方法'] },
  { id: 'b', name: '肉制品保鲜', aliases: ['shelf life extension'], description: '延长货架期，防止霉变', evidenceTitles: ['烟熏腊肉保质期延长技术研究'] },
  { id: 'c', name: '竹林培育', aliases: [], description: '笋用竹林经营', evidenceTitles: [] },
]);

describe('topic text profiles (src/modules/matching/topic-profiles.ts)', () => {
  it('finds a name written with one character wrong, and leaves exact names to name matching', () => {
    expect(profiles.nearMisses('天麻素提曲工艺')).toEqual([{ id: 'a', label: '天麻素提取' }]);
    expect(profiles.nearMisses('天麻素提取工艺')).toEqual([]);
    expect(profiles.nearMisses('天麻种植')).toEqual([]);
  });

  it('finds the one wrong character wherever it is in the name, and nothing with two wrong or too little text', () => {
    const expected = [{ id: 'a', label: '天麻素提取' }];
    expect(profiles.nearMisses('研究大麻素提取')).toEqual(expected); // the first character
    expect(profiles.nearMisses('天麻毒提取的工艺')).toEqual(expected); // the middle one
    expect(profiles.nearMisses('关于天麻素提去')).toEqual(expected); // the last, at the end of the text
    expect(profiles.nearMisses('大麻素提去')).toEqual([]); // two
    expect(profiles.nearMisses('天麻素提')).toEqual([]); // shorter than the name
    // Found once however many windows are one character off; and in each run of Chinese text it is found in.
    expect(profiles.nearMisses('大麻素提取和天麻素提去')).toEqual(expected);
    expect(profiles.nearMisses('大麻素提取, 天麻素提去')).toEqual([...expected, ...expected]);
    expect(profiles.nearMisses('竹林培养与肉制品保先')).toEqual([
      { id: 'b', label: '肉制品保鲜' },
      { id: 'c', label: '竹林培育' },
    ]);
  });

  it('reaches a topic through words only its project titles use (腊肉, 保质期), without an alias', () => {
    expect(profiles.match('腊肉放久了容易坏，保质期太短').map((hit) => hit.id)).toEqual(['b']);
  });

  it('matches English needs against English aliases', () => {
    expect(profiles.match('gastrodin extraction and purification')[0]?.id).toBe('a');
  });

  it('reads Latin words as pinyin of the profiles\' words, and leaves Chinese text alone', () => {
    const words = profiles.fromPinyin('zhulin peiyu');
    expect(words.join('')).toBe('竹林培育');
    expect(profiles.match(words.join(' ')).map((hit) => hit.id)).toEqual(['c']);
    expect(profiles.fromPinyin('竹林 zhulin')).toEqual([]);
    expect(profiles.fromPinyin('quantum computing')).toEqual([]);
  });
});
