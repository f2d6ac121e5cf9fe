// Reading a chat message: sentences and clauses kept or dropped, with a small set of chat words of the test's own.
import { describe, expect, it } from 'vitest';
import { type ChatWords, createClauseReader } from '../../src/search/clauses.js';

const WORDS: ChatWords = {
  greetings: ['早上好', '你好', '好'],
  addressees: ['各位领导', '大家'],
  courtesies: ['谢谢', '麻烦', '辛苦'],
  introductions: ['我是', '本人'],
  corrections: ['问错了', '纠正一下'],
  retractions: ['我不问', '不是问', '不是'],
  surnames: [],
  questionCues: ['?', '吗', '怎么', '啥', '想问'],
};
const read = createClauseReader(WORDS);

describe('createClauseReader', () => {
  it.each([
    ['汉融通是啥', ['汉融通是啥']],
    ['各位领导好,我是做物流的。汉融通是啥?谢谢', ['汉融通是啥']],
    ['大家早上好 汉融通', ['汉融通']],
    ['本人在光谷上班,想问软件名城怎么建', ['想问软件名城怎么建']],
    ['我是想问汉融通', ['想问汉融通']],
    ['麻烦问下汉融通怎么用', ['麻烦问下汉融通怎么用']],
    ['辛苦了,谢谢', []],
    ['问错了,不是问光谷,是问汉融通', ['是问汉融通']],
    ['我不问光谷了。汉融通呢', ['汉融通呢']],
    ['不是问光谷而是问汉融通', ['汉融通']],
    ['纠正一下 汉融通', ['汉融通']],
    ['不是说要建软件园吗', ['不是说要建软件园吗']],
    ['汉融通是啥?光谷呢', ['汉融通是啥', '光谷呢']],
    ['cim platform怎么对接', ['cim platform怎么对接']],
    ['汽车芯片哪个部门答的,计划几年', ['汽车芯片哪个部门答的,计划几年']],
    ['吹牛、虚假宣传怎么管', ['吹牛、虚假宣传怎么管']],
    ['各位领导好我是做物流的想问汉融通是啥谢谢', ['想问汉融通是啥']],
  ])('%j → %j', (message, sentences) => {
    expect(read(message)).toEqual(sentences);
  });

  it('keeps self-introductions when asked to: the context of a question naming no topic', () => {
    expect(read('各位领导好,我是做农产品的,有啥支持吗')).toEqual(['有啥支持吗']);
    expect(read('各位领导好,我是做农产品的,有啥支持吗', { introductions: true })).toEqual([
      '我是做农产品的,有啥支持吗',
    ]);
  });

  it('asks with a verb said twice (管不管用) or a closing 没, so such a clause is kept', () => {
    expect(read('我是问政策管不管用')).toEqual(['我是问政策管不管用']);
    expect(read('本人想知道提了没')).toEqual(['本人想知道提了没']);
  });

  it('never throws on odd input', () => {
    for (const text of ['', ' ', ',,,', '。。', '\n', '不是', '好'.repeat(1000)])
      expect(Array.isArray(read(text))).toBe(true);
  });
});
