// Segmentation and normalisation: domain words stay whole, Traditional and full-width input read as Simplified.
import { describe, expect, it } from 'vitest';
import { sharedEngine } from './helpers.js';

const analyser = () => sharedEngine().analyser;

describe('queryWords', () => {
  it.each([
    ['市经信局怎么说', ['市经信局']],
    ['经开区汽车', ['经开区', '汽车']],
    ['一标三实', ['一标三实']],
    ['汉融通平台', ['汉融通', '平台']],
    ['光芯屏端网', ['光芯屏端网']],
    ['东湖高新区', ['东湖高新区']],
    ['樊志宏问的什么', ['樊志宏']],
    ['5G基站', ['5g', '基站']],
  ])('%s → %j', (query, words) => {
    expect(analyser().queryWords(query)).toEqual(words);
  });

  it('drops chat fillers and punctuation', () => {
    expect(analyser().queryWords('请问一下，经开区怎么说的呢？？')).toEqual(['经开区']);
  });
});

describe('normalise', () => {
  it.each([
    ['經開區汽車怎麼說', '经开区汽车怎么说'],
    ['網路安全產業', '网络安全产业'],
    ['ＡＩ产业', 'ai产业'],
    ['怎么 说', '怎么 说'],
    ['什么', '什么'],
    ['a\u0000b\u200bc', 'a b c'],
  ])('%s → %s', (input, output) => {
    expect(analyser().normalise(input)).toBe(output);
  });
});

describe('indexTerms', () => {
  it('indexes the words inside compounds, so a part finds the whole', () => {
    const terms = analyser().indexTerms('加快促进产业数字化转型');
    expect(terms).toEqual(expect.arrayContaining(['产业数字化', '数字化转型', '转型', '数字化']));
  });
});

describe('everyday words one character longer than a hearing word', () => {
  it.each([
    ['养老金', ['养老金']],
    ['养老金怎么领', ['养老金', '领']],
    ['人工智能养老', ['人工智能', '养老']],
  ])('%s → %j', (query, words) => {
    expect(analyser().queryWords(query)).toEqual(words);
  });
});
