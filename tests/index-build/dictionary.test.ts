// Dictionary trimming: what stays, and that jieba's probabilities (total and smallest frequency) are unchanged.
import { describe, expect, it } from 'vitest';
import {
  dictionaryWordsIn,
  parseDictionary,
  trimDictionary,
  wordsOneCharacterLonger,
} from '../../src/index-build/dictionary.js';

const FULL = `${[
  '数字 5000 n',
  '经济 8000 n',
  '数字经济 300 n',
  '养老 900 v',
  '养老金 99 n',
  '养老院 5 n',
  '天气 2657 n',
  '的 300000 uj',
  '罕 3 a',
].join('\n')}\n`;
const parse = (dict: string) =>
  dict
    .trim()
    .split('\n')
    .map((l) => l.split(' '))
    .map(([w, f]) => ({ word: w!, freq: Number(f) }));
const total = (dict: string) => parse(dict).reduce((s, e) => s + e.freq, 0);

const dictionary = parseDictionary(FULL);
const TEXT = '加快发展数字经济的养老';
const [found = new Set<string>()] = dictionaryWordsIn(dictionary, [TEXT]);

describe('trimDictionary', () => {
  const trimmed = trimDictionary(dictionary, found);
  const words = parse(trimmed).map((e) => e.word);

  it('keeps the words that occur in the text', () => {
    expect(words).toEqual(expect.arrayContaining(['数字', '经济', '数字经济', '养老', '的']));
  });

  it('drops every word that does not occur in the text', () => {
    expect(words).not.toContain('养老金');
    expect(words).not.toContain('天气');
  });

  it('keeps the total and the smallest frequency, so jieba scores paths as with the full dictionary', () => {
    expect(total(trimmed)).toBe(total(FULL));
    expect(Math.min(...parse(trimmed).map((e) => e.freq))).toBe(3);
  });

  it('is deterministic', () => {
    expect(trimDictionary(parseDictionary(FULL), dictionaryWordsIn(dictionary, [TEXT])[0]!)).toBe(trimmed);
  });
});

describe('wordsOneCharacterLonger', () => {
  it('lists everyday words that are a word of the text plus one character, not rare or unrelated ones', () => {
    expect(wordsOneCharacterLonger(dictionary, found)).toEqual(['养老金']);
  });
});

describe('dictionaryWordsIn', () => {
  const expected = ['养老', '天气', '数字', '数字经济', '的', '经济'];
  it('finds each dictionary word of a short text, overlapping ones included', () => {
    expect([...dictionaryWordsIn(dictionary, ['天气很好', TEXT]).flatMap((words) => [...words])].sort()).toEqual(
      expected,
    );
  });

  it('finds the same words in texts too long to look up substring by substring', () => {
    const [words = new Set<string>()] = dictionaryWordsIn(dictionary, [`${'天气很好'.repeat(30_000)}${TEXT}`]);
    expect([...words].sort()).toEqual(expected);
  });
});
