import { describe, expect, it } from 'vitest';
import { interpretText, recall, suggestTopics, wordsOf, type IndustryLabel, type TopicLabel } from '../../../../src/modules/matching/need.js';

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
  it('splits Chinese into overlapping two-character words and keeps Latin words whole', () => {
    expect([...wordsOf('冷链保存 cold chain')]).toEqual(['冷链', '链保', '保存', 'cold', 'chain']);
    expect(recall('冷链保存', wordsOf('冷链保存技术'))).toBe(1);
    expect(recall('冷链保存', wordsOf('保存'))).toBeCloseTo(1 / 3);
  });

  it('brings the topics of the chain segments a text names within an industry it names', () => {
    const found = interpretText('中药材提取物和制剂加工', topics, industries);
    expect(found.map((topic) => [topic.id, topic.origin])).toEqual([
      ['topic:extraction', '产业链环节「中药材·提取物」所需技术'],
      ['topic:formulation', '产业链环节「中药材·制剂」所需技术'],
    ]);
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

  it('names nothing for an unrelated need, and suggests topics sharing characters', () => {
    expect(interpretText('量子计算芯片', topics, industries)).toEqual([]);
    expect(suggestTopics('水电站', topics)).toEqual([]);
    expect(suggestTopics('链条保存', topics)[0]).toBe('topic:cold-chain');
  });
});
