// English in a question: phrases the glossary knows read as the hearing's words; others stay English.
import { describe, expect, it } from 'vitest';
import { createEnglishReader } from '../../src/search/english.js';
import { sharedEngine } from './helpers.js';

describe('createEnglishReader', () => {
  const read = createEnglishReader({
    platform: ['平台'],
    'big data': ['大数据'],
    'big data bureau': ['大数据局'],
    AI: ['人工智能'],
    deputy: ['代表'],
  });

  it.each([
    ['cim platform进展', 'cim  平台 进展'],
    ['big data bureau说了什么', ' 大数据局 说了什么'],
    ['big data有啥用', ' 大数据 有啥用'],
    ['platforms', ' 平台 '],
    ['the deputies', 'the  代表 '],
    ['deputy', ' 代表 '],
    ['ai养老', ' 人工智能 养老'],
    ['blockchain', 'blockchain'],
    ['汉融通', '汉融通'],
  ])('%j → %j', (text, read_) => {
    expect(read(text)).toBe(read_);
  });
});

describe('English in a question', () => {
  it('names a body by its English name (big data bureau → 大数据局)', () => {
    expect([...sharedEngine().read('big data bureau说了什么').bodies]).toEqual(['市政务服务大数据局']);
  });

  it.each([
    ['What did the Wuhan statistics bureau say about the digital economy?', '市统计局', 'q18'],
    ['what did the commerce bureau say about investment promotion', '市商务局', 'q10'],
    ['East Lake High-Tech Zone leading companies', '东湖高新区管委会', 'q12'],
  ])('names each answering body in English, and Wuhan as the city itself: %s', (message, body, id) => {
    expect([...sharedEngine().read(message).bodies]).toEqual([body]);
    expect(sharedEngine().consult(message).answers[0]?.entry.id).toBe(id);
  });

  it('keeps a word the glossary does not know whole and unknown, never cut into known pieces (blockch·ai·n)', () => {
    const { groups } = sharedEngine().read('metaverse');
    expect(groups.map((g) => [g.word, g.terms])).toEqual([['metaverse', []]]);
  });
});

describe('a question asked in English', () => {
  const first = (message: string) => sharedEngine().search(message)[0]?.entry.id;

  it.each([
    ['how is the computing center going', 'q14'],
    ['what did they say about the car industry', 'q5'],
    ['software city', 'q3'],
  ])('%j is answered (%s): the words around the topic weigh like the Chinese ones would', (message, id) => {
    expect(first(message)).toBe(id);
  });

  it('weighs an English word the glossary lacks like a lone character, not like a rare topic', () => {
    const weightOf = (message: string, word: string) =>
      sharedEngine()
        .read(message)
        .groups.find((g) => g.word === word)?.weight;
    expect(weightOf('bitcoin price', 'bitcoin')).toBeLessThanOrEqual(1.5);
  });

  it.each(['tell me about the metro', 'is bitcoin legal in wuhan', 'iphone price'])(
    'still finds nothing for %j, which the hearing does not cover',
    (message) => {
      const { answers, guesses } = sharedEngine().consult(message);
      expect([...answers, ...guesses]).toEqual([]);
    },
  );
});
