// Pinned questions on the page: the page reads a question the way the bot's pins do, so a pin leads in both or neither.
import { Converter } from 'opencc-js';
import { describe, expect, it } from 'vitest';
import { DATA_DIR, INDEX_DIR } from '../../src/paths.js';
import { botFor, readDictionary } from '../../src/reference/files.js';
import { buildSearchData } from '../../src/reference/search-data.js';
import { loadEngine } from '../../src/search/engine.js';
import { questionKey } from '../../src/search/pins.js';
import { pageSearchInNode, projectPageInputs } from './page-search-node.js';

const engine = loadEngine();
const normalise = engine.analyser.normalise;
const { hearing, model, search: unpinned } = projectPageInputs();
const withoutPins = pageSearchInNode(unpinned, hearing);
const toTaiwan = Converter({ from: 'cn', to: 'twp' });

// Questions as staff would pin them, each to a card the page does not show first for it.
const PINS: [question: string, card: string][] = [
  ['老年人不会用APP怎么办', 'q13'],
  ['软件产业怎么发展壮大', 'closing'],
  ['经开区汽车怎么说', 'q18'],
  ['数据安全谁来管', 'q3'],
];
/** The page's search with these pins, keyed as index/pins.json keys them (search/pins.ts questionKey). */
const page = pageSearchInNode(
  buildSearchData(model, {
    dictionary: readDictionary(INDEX_DIR),
    glossary: engine.glossary,
    askBot: botFor(hearing, INDEX_DIR, DATA_DIR),
    pins: Object.fromEntries(PINS.map(([question, card]) => [questionKey(normalise, question), card])),
  }),
  hearing,
);

/** The forms people type a question in: Taiwan's characters and words, full-width letters, other punctuation. */
const forms = (question: string) => [
  question,
  toTaiwan(question),
  `${question.replace(/[A-Za-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0))}？`,
  ` ${toTaiwan(question)}!!`,
  `${[...question].join(' ')}。`,
];

describe('pinned questions on the page', () => {
  it.each(PINS)('「%s」 in every form shows %s first, which the page without the pin does not', (question, card) => {
    expect(withoutPins.rank(question)[0]).not.toBe(card);
    for (const form of forms(question)) {
      // The bot reads each form as the pinned question; so must the page.
      expect(questionKey(normalise, form), form).toBe(questionKey(normalise, question));
      expect(page.rank(form)[0], form).toBe(card);
    }
  });

  it('lists the pinned card once, then the rest as without the pin', () => {
    const before = withoutPins.rank('经开区汽车怎么说');
    expect(page.rank('经开区汽车怎么说')).toEqual(['q18', ...before.filter((id) => id !== 'q18')]);
  });

  it('changes nothing for other questions, a part of a pinned one included', () => {
    for (const query of ['经开区汽车', '汽车怎么说', '数据安全', '老年人', '汉融通', 'constructor', '__proto__'])
      expect(page.rank(query), query).toEqual(withoutPins.rank(query));
  });
});
