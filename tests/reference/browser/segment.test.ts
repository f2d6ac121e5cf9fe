// The page's segmenter on a dictionary small enough to read: it cuts as jieba would, without the hearing's data.
import { describe, expect, it } from 'vitest';
import { createSegmenter } from '../../../src/reference/browser/segment.js';

const TOTAL = 10_000;
const dictionary = (words: Record<string, number>) =>
  new Map(Object.entries(words).map(([word, frequency]) => [word, [frequency]]));
const segment = (words: Record<string, number>, text: string, stop: string[] = []) =>
  createSegmenter(dictionary(words), TOTAL, new Set(stop))(text);

describe('the page segmenter', () => {
  it('takes the most probable path: a known long word whole, else its parts', () => {
    const parts = { 数字: 100, 经济: 100 };
    expect(segment({ ...parts, 数字经济: 50 }, '数字经济')).toEqual(['数字经济']);
    expect(segment(parts, '数字经济')).toEqual(['数字', '经济']);
  });

  it('keeps a run of digits and a run of letters as one word each', () => {
    expect(segment({ 芯片: 100 }, '7nm芯片')).toEqual(['7', 'nm', '芯片']);
    expect(segment({ 芯片: 100 }, '2023年cim平台')).toEqual(['2023', '年', 'cim', '平台']);
  });

  it('reads characters the dictionary leaves single side by side as one unknown word, but never glues a stop word', () => {
    expect(segment({ 软件: 100 }, '软件闪退')).toEqual(['软件', '闪退']);
    expect(segment({ 软件: 100 }, '软件的闪退', ['的'])).toEqual(['软件', '的', '闪退']);
  });

  it('cuts nothing out of nothing', () => {
    expect(segment({ 软件: 100 }, '')).toEqual([]);
  });
});
