// The engine's behaviour beyond the query tables: routing by names, limits, scores, and arbitrary input.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bodyOf } from '../../src/hearing/model.js';
import { sharedEngine } from './helpers.js';

const ids = (query: string, limit?: number) =>
  sharedEngine()
    .search(query, { limit })
    .map((h) => h.entry.id);

describe('search', () => {
  it('routes a body name alone to every answer of that body, in order', () => {
    expect(ids('市经信局')).toEqual(['q1', 'q3', 'q4', 'q15']);
    expect(ids('经信局怎么说')).toEqual(['q1', 'q3', 'q4', 'q15']);
    expect(ids('光谷')).toEqual(['q12']);
    expect(ids('網安基地')).toEqual(['q14']);
  });

  it('routes an asker name to that member’s question', () => {
    expect(ids('朱库成')).toEqual(['q13']);
    expect(ids('樊志宏问的什么')).toEqual(['q5']);
    expect(ids('汪元程')).toEqual(['closing']);
  });

  it('puts the named body first when the question names one (经开区汽车怎么说)', () => {
    const hits = sharedEngine().search('经开区汽车怎么说');
    expect(hits[0]!.entry.id).toBe('q5');
    expect(bodyOf(hits[0]!.entry)).toBe('经开区管委会');
  });

  it('respects the limit and orders hits by score', () => {
    const hits = sharedEngine().search('数字经济', { limit: 3 });
    expect(hits).toHaveLength(3);
    expect(hits.map((h) => h.score)).toEqual([...hits.map((h) => h.score)].sort((a, b) => b - a));
    expect(ids('数字经济', 0)).toEqual([]);
  });

  it('gives each limit its own share of a message asked several times in a row, as if asked alone', () => {
    const engine = sharedEngine();
    const wide = ids('数字经济', 10);
    expect(wide.length).toBeGreaterThan(3);
    expect(ids('数字经济', 1)).toEqual(wide.slice(0, 1));
    expect(ids('数字经济', 0)).toEqual([]);
    expect(ids('数字经济', 10)).toEqual(wide);
    const guessed = engine.consult('数字服务贸易', { limit: 1 }).guesses;
    expect(guessed.length).toBeLessThanOrEqual(1);
    expect(engine.consult('数字服务贸易').guesses.slice(0, guessed.length)).toEqual(guessed);
    engine.consult('汉融通');
    expect(ids('数字经济', 10)).toEqual(wide);
  });

  it('finds the typo 智乱中心 from the word people type (智算中心)', () => {
    expect(ids('智算中心')[0]).toBe('q14');
  });

  it.each(['', '   ', '\u0000\u0007\u001b[31m', '👍👍👍', '<b>hi</b>', '????', '的的的的', 'a'.repeat(30_000)])(
    'returns nothing for %j',
    (query) => {
      expect(ids(query)).toEqual([]);
    },
  );

  // Its speed on such noise is measured by `npm run bench` (consult() on 30 KB noise), not asserted here.
  it('never throws on arbitrary Unicode up to 30 KB', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 30_000 }), (query) => {
        const hits = sharedEngine().search(query);
        expect(Array.isArray(hits)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('never throws on long random strings mixing CJK, emoji and control characters', () => {
    const char = fc.oneof(
      fc.integer({ min: 0x4e00, max: 0x9fff }),
      fc.integer({ min: 0x1f300, max: 0x1faff }),
      fc.integer({ min: 0, max: 0x7f }),
    );
    fc.assert(
      fc.property(fc.array(char, { minLength: 1_000, maxLength: 30_000 }), (codes) => {
        expect(Array.isArray(sharedEngine().search(String.fromCodePoint(...codes)))).toBe(true);
      }),
      { numRuns: 20 },
    );
  });

  it('answers a 30 KB question about the hearing from its first 200 characters', () => {
    expect(ids(`汉融通${'。'.repeat(30_000)}`)).toEqual(['q7']);
  });
});

describe('words as written', () => {
  it('counts a word the entry holds as written even where segmentation differs (线上融资 → 汉融通’s answer)', () => {
    expect(ids('线上融资')[0]).toBe('q7');
  });

  it('ranks an entry holding the question’s words side by side above one holding them apart (新兴领域)', () => {
    expect(ids('新兴领域')[0]).toBe('q3');
  });

  it('takes a phrase of single characters standing together as evidence (做大做强)', () => {
    expect(ids('做大做强')).toContain('q3');
  });
});

describe('phrases as they stand in the answers', () => {
  // Every pair of adjacent words in the hearing's text, asked as one phrase, must lead to an entry that holds it
  // (a handful of everyday pairs such as 推动企业 may lead elsewhere: at most 1%).
  it('lead to an entry holding them', () => {
    const engine = sharedEngine();
    const texts = engine.entries.map((e) =>
      engine.analyser.normalise(
        [e.kind === 'qa' ? e.question : '', ...(e.kind === 'qa' ? e.answer : e.paragraphs)].join('\n'),
      ),
    );
    const phrases = new Set<string>();
    for (const text of texts) {
      const words = engine.analyser.queryWords(text).filter((w) => w.length >= 2);
      for (let i = 0; i + 1 < words.length; i++)
        if (text.includes(words[i]! + words[i + 1]!)) phrases.add(words[i]! + words[i + 1]!);
    }
    const astray = [...phrases].filter((phrase) => {
      const first = engine.search(phrase)[0];
      return !first || !texts[engine.entries.indexOf(first.entry)]!.includes(phrase);
    });
    expect(phrases.size).toBeGreaterThan(500);
    expect(astray.length / phrases.size).toBeLessThanOrEqual(0.01);
  });
});
