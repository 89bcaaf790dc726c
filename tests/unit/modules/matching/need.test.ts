import { describe, expect, it } from 'vitest';
import { interpretText, LabelIndex, readText, suggestTopics, type IndustryLabel, type TopicLabel } from '../../../../src/modules/matching/need.js';
import { TopicProfiles } from '../../../../src/modules/matching/topic-profiles.js';

const topics: TopicLabel[] = [
  { id: 'topic:extraction', name: '提取工艺', aliases: ['中药提取', 'extraction process'] },
  { id: 'topic:gap', name: 'GAP规范化种植', aliases: ['中药材GAP'] },
  { id: 'topic:cold-chain', name: '冷链保存', aliases: ['冷链物流', 'cold chain'] },
  { id: 'topic:tapping', name: '割漆技术', aliases: ['生漆采割'] },
  { id: 'topic:formulation', name: '制剂工艺', aliases: ['中药制剂'] },
];
const industries: IndustryLabel[] = [
  {
    id: 'industry:herbs',
    name: '中药材',
    aliases: [],
    segments: [
      { id: 'seg:extracts', name: '中药材·提取物', topicIds: ['topic:extraction'] },
      { id: 'seg:preparations', name: '中药材·制剂', topicIds: ['topic:formulation'] },
    ],
  },
];

describe('reading a need', () => {
  it('reads a label as words (jieba), not character windows: the share of its words the text has', () => {
    const index = new LabelIndex(topics);
    expect(index.wordsOfLabel('GAP规范化种植')).toEqual(['gap', '规范化', '种植']);
    // 冷链保存 = 冷链 + 保存: both words, wherever they stand, count fully; one of two is half.
    expect(index.recall('冷链保存', readText('冷链保存技术'))).toBe(1);
    expect(index.recall('冷链保存', readText('冷链运输中怎么保存'))).toBe(1);
    expect(index.recall('冷链保存', readText('保存'))).toBe(0.5);
    // A character window that is not a word does not count: 链保 is no word of 冷链保存.
    expect(index.recall('冷链保存', readText('链保'))).toBe(0);
    // 规范 is a sub-word of 规范化: half of one of three words, plus 种植 → (0.5 + 1) / 3.
    expect(index.recall('GAP规范化种植', readText('规范种植'))).toBe(0.5);
    expect(index.recall('cold chain', readText('Cold chain logistics'))).toBe(1);
  });

  it('reads only the topics a word or sub-word of the text leads to, in the list\'s order', () => {
    const index = new LabelIndex(topics);
    const named = (text: string) => index.topicsNamedIn(readText(text)).map(({ topic }) => topic.id);
    // 保存 is a word of 冷链保存; 工艺 of 提取工艺 and 制剂工艺; 规范 a sub-word of GAP规范化种植's 规范化.
    expect(named('保存')).toEqual(['topic:cold-chain']);
    expect(named('改进工艺')).toEqual(['topic:extraction', 'topic:formulation']);
    expect(named('规范管理')).toEqual(['topic:gap']);
    expect(named('量子计算')).toEqual([]);
  });

  it('names a topic only when more than half its words occur: 保存 alone names nothing, 冷链…保存 does', () => {
    expect(interpretText('保存', topics, industries).map((topic) => topic.origin)).toEqual(['关键词「保存」']);
    expect(interpretText('冷链运输中怎么保存', topics, industries)).toEqual([{ id: 'topic:cold-chain', weight: 1, origin: '名称匹配「冷链保存」' }]);
  });

  it('tolerates one character wrong in a topic name (中药材提曲工艺 → 提取工艺), through the text profiles', () => {
    const profiles = new TopicProfiles(topics.map((topic) => ({ ...topic, description: null, evidenceTitles: [] })));
    // 中药材 names the industry (no segment named: its two segments' topics at 0.4); 提曲工艺 is 提取工艺 with 取 → 曲 (0.8).
    expect(interpretText('中药材提曲工艺', topics, industries, undefined, profiles)).toEqual([
      { id: 'topic:extraction', weight: 0.8, origin: '近似名称「提取工艺」' },
      { id: 'topic:formulation', weight: 0.4, origin: '产业「中药材」链上所需技术' },
    ]);
  });

  it('gives a named segment one share: its k required topics at 0.9 / √k each', () => {
    const twoTopicSegment: IndustryLabel[] = [
      { ...industries[0]!, segments: [{ id: 'seg:extracts', name: '中药材·提取物', topicIds: ['topic:extraction', 'topic:formulation'] }] },
    ];
    // 0.9 / √2 = 0.6364
    expect(interpretText('中药材提取物', topics, twoTopicSegment).map((topic) => topic.weight)).toEqual([0.6364, 0.6364]);
  });

  it('keeps the topics a text points to before those a named industry brings wholesale', () => {
    const manyTopics: TopicLabel[] = [...topics, ...Array.from({ length: 8 }, (_, index) => ({ id: `topic:other-${index}`, name: `其他主题${index}`, aliases: [] }))];
    const wideIndustry: IndustryLabel[] = [
      { id: 'industry:herbs', name: '中药材', aliases: [], segments: [{ id: 'seg:all', name: '中药材·全链', topicIds: manyTopics.slice(5).map((topic) => topic.id) }] },
    ];
    // 中药材 brings 8 topics at 0.4; 割漆 (a word only 割漆技术 uses) points to one at 0.35: it is kept, and the wholesale
    // topics fill the remaining 7 of the 8 places.
    const found = interpretText('中药材割漆', manyTopics, wideIndustry);
    expect(found).toHaveLength(8);
    expect(found.at(-1)).toEqual({ id: 'topic:tapping', weight: 0.35, origin: '关键词「割漆」' });
  });

  it('brings the topics of the chain segments a text names within an industry it names', () => {
    const found = interpretText('中药材提取物和制剂加工', topics, industries);
    expect(found.map((topic) => [topic.id, topic.origin])).toEqual([
      ['topic:extraction', '产业链环节「中药材·提取物」所需技术'],
      ['topic:formulation', '产业链环节「中药材·制剂」所需技术'],
    ]);
  });

  it('does not reuse the words that named a segment: 提取物 named 中药材·提取物, so 提取 does not point to 漆酚提取', () => {
    const withUrushiol: TopicLabel[] = [...topics, { id: 'topic:urushiol', name: '漆酚化学', aliases: ['漆酚提取'] }];
    expect(interpretText('中药材提取物和制剂加工', withUrushiol, industries).map((topic) => topic.id)).toEqual(['topic:extraction', 'topic:formulation']);
  });

  it('does not let the industry\'s own name name a topic (中药材 is not 中药材GAP)', () => {
    expect(interpretText('中药材提取物', topics, industries).map((topic) => topic.id)).not.toContain('topic:gap');
  });

  it('names topics by English aliases too', () => {
    expect(interpretText('need cold chain logistics', topics, industries).map((topic) => topic.id)).toEqual(['topic:cold-chain']);
  });

  it('falls back to a distinctive word, weakly, when nothing is named outright', () => {
    const found = interpretText('怎么割漆产量才高', topics, industries);
    expect(found).toEqual([{ id: 'topic:tapping', weight: 0.35, origin: '关键词「割漆」' }]);
  });

  it('names nothing for an unrelated need, and suggests topics sharing words, not characters', () => {
    expect(interpretText('量子计算芯片', topics, industries)).toEqual([]);
    expect(suggestTopics('水电站', topics)).toEqual([]);
    // 链条保存 shares the word 保存 with 冷链保存 (half its words); 链 alone is no shared word.
    expect(suggestTopics('链条保存', topics)).toEqual(['topic:cold-chain']);
    expect(suggestTopics('extraction of oils', topics)).toEqual(['topic:extraction']);
  });
});
