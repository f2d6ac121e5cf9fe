// The page's ranking on hand-made data: one word gets the bot's answers, names and pins lead, unknown words find nothing.
import { describe, expect, it } from 'vitest';
import type { SearchData } from '../../../src/reference/browser/page-data.js';
import { createPageSearch, literalRuns } from '../../../src/reference/browser/page-search.js';

// Three cards; the build stored the bot's answers per word as frequency, then card number and score pairs.
const data: SearchData = {
  cards: ['q1', 'q2', 'q3'],
  words: {
    数据: [500, 1, 4, 0, 2],
    安全: [400, 1, 3],
    汽车: [300, 2, 5],
    经信局: [2000, 0, 1, 2, 1],
    怎么: [900],
  },
  total: 1_000_000,
  names: { 经信局: 'b' },
  stopWords: ['怎么'],
  fillerPhrases: ['请问'],
  traditional: '數数據据',
  phrases: [],
  pins: { 数据开放: 2 },
};
const cards = [{ text: '数据开放' }, { text: '数据安全怎么保障' }, { text: '汽车产业' }];
const search = createPageSearch(data, cards);
const ranked = (query: string) => search.rank(query).map((hit) => data.cards[hit.card]);

describe('the page search on its own data', () => {
  it('answers one word, also typed in Traditional characters, with the bot’s answers in the bot’s order', () => {
    expect(ranked('数据')).toEqual(['q2', 'q1']);
    expect(ranked('请问 數據')).toEqual(['q2', 'q1']);
  });

  it('ranks first the card holding every word of a longer query', () => {
    expect(search.queryWords('请问数据安全怎么')).toEqual(['数据', '安全']);
    expect(ranked('数据安全')[0]).toBe('q2');
  });

  it('lists a body’s cards for its name alone, and puts them first when named with a word', () => {
    expect(ranked('经信局')).toEqual(['q1', 'q3']);
    expect(ranked('经信局 数据')[0]).toBe('q1');
  });

  it('puts the pinned card first for the pinned question, whatever its punctuation, then the rest', () => {
    expect(ranked('数据开放')).toEqual(['q3', 'q1']);
    expect(ranked(' 數據，开放！')).toEqual(['q3', 'q1']);
    expect(
      createPageSearch({ ...data, pins: {} }, cards)
        .rank('数据开放')
        .map((hit) => hit.card),
    ).toEqual([0]);
    expect(ranked('数据')).toEqual(['q2', 'q1']);
  });

  it.each(['', '量子', 'constructor', '__proto__', '怎么'])('finds nothing for %j', (query) => {
    expect(search.rank(query)).toEqual([]);
  });
});

describe('literalRuns', () => {
  it('counts query words standing side by side in the text as in the query', () => {
    expect(literalRuns(['数据', '安全'], '保障数据安全')).toEqual({ pairs: 1, longest: 4 });
    expect(literalRuns(['安全', '数据'], '保障数据安全')).toEqual({ pairs: 0, longest: 2 });
  });
});
