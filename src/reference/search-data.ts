// What the page's search box needs, computed at build time: words, the cards the bot answers each with, Traditional forms.
import { Converter } from 'opencc-js';
import type { Glossary } from '../hearing/glossary.js';
import { paragraphsOf, personOf } from '../hearing/model.js';
import { foldWidthAndCase as fold } from './browser/fold.js';
import type { NameKind, SearchData } from './browser/page-data.js';
import type { ReferenceModel } from './model.js';

export type { SearchData };

/** The segmenter's dictionary: every word it knows with its frequency, and the sum over all words, listed or not. */
export interface Dictionary {
  words: ReadonlyMap<string, number>;
  total: number;
}

/** One card the bot answers a word with. */
export interface BotAnswer {
  /** Card id: q1…, closing. */
  id: string;
  score: number;
}

/** Asks the bot about one word; its confident answers for this hearing, best first, or none. */
export type AskBot = (word: string) => BotAnswer[];

export interface SearchInputs {
  dictionary: Dictionary;
  glossary: Glossary;
  askBot: AskBot;
  /** Questions staff pinned (index/pins.json) to a card of this hearing: question key → card id. Default: none. */
  pins?: Readonly<Record<string, string>>;
}

/**
 * Builds the page's search data. Every word of the dictionary that the bot answers alone carries the bot's answers,
 * so for a word or a name the page shows exactly what the bot would; longer queries combine them (browser/page-search.ts).
 * @example buildSearchData(model, { dictionary, glossary, askBot: (w) => engine.search(w).map(…) }).words['汉融通']
 */
export function buildSearchData(model: ReferenceModel, inputs: SearchInputs): SearchData {
  const { dictionary, glossary, askBot } = inputs;
  const cards = [...model.hearing.items.map((item) => item.id), ...(model.hearing.closing ? ['closing'] : [])];
  const cardNumber = new Map(cards.map((id, i) => [id, i]));

  const names: Record<string, NameKind> = {};
  for (const body of model.bodies.values())
    for (const name of [body.printed, body.official, ...body.aliases]) names[fold(name)] = 'b';
  const entries = [...model.hearing.items, ...(model.hearing.closing ? [model.hearing.closing] : [])];
  for (const entry of entries) names[fold(personOf(entry).name)] ??= 'p';

  // Names and glossary words are words even where the dictionary lacks them (a transcript's new body). English
  // phrases (big data) are looked up whole by the page, never met by its segmentation, which splits at spaces.
  const vocabulary = new Map(dictionary.words);
  for (const word of [...Object.keys(names), ...glossary.terms, ...Object.keys(glossary.synonyms)].map(fold))
    if (!vocabulary.has(word)) vocabulary.set(word, USER_WORD_FREQUENCY);

  const words: Record<string, number[]> = {};
  for (const [word, frequency] of [...vocabulary].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const answers = askBot(word).filter((a) => cardNumber.has(a.id));
    words[word] = [frequency, ...answers.flatMap((a) => [cardNumber.get(a.id)!, round(a.score)])];
  }

  const pins: Record<string, number> = {};
  for (const [key, id] of Object.entries(inputs.pins ?? {})) if (cardNumber.has(id)) pins[key] = cardNumber.get(id)!;

  const phrases = taiwanPhrases([...vocabulary.keys()]);
  // The characters of Taiwan phrasings count too: 訊 in 通訊 must switch on conversion although 讯 is not on the page.
  const toSimplified = Converter({ from: 'twp', to: 'cn' });
  const pageText = [
    ...entries.flatMap((e) => [personOf(e).name, ...paragraphsOf(e)]),
    ...vocabulary.keys(),
    // A pinned question typed in Traditional characters must fold to its key.
    ...Object.keys(pins),
    ...phrases.flatMap(([taiwan]) => [...taiwan].map((ch) => toSimplified(ch))),
  ].join('');
  return {
    cards,
    words,
    total: dictionary.total,
    names,
    stopWords: [...new Set([...glossary.fillers, ...glossary.generic].map(fold))],
    fillerPhrases: [...new Set(glossary.fillers.map(fold).filter((f) => [...f].length >= 2))].sort(
      (a, b) => b.length - a.length || (a < b ? -1 : 1),
    ),
    traditional: traditionalPairs(new Set(pageText)),
    phrases: phrases.flat(),
    pins,
  };
}

/**
 * Every Traditional character (by both OpenCC's Taiwan and standard tables — the Taiwan table alone also rewrites
 * some Simplified characters, 么 → 幺) whose single-character Simplified form is in `wanted`, as pairs.
 * Scans the CJK blocks once (~30k characters, well under a second at build time).
 */
export function traditionalPairs(wanted: ReadonlySet<string>): string {
  const taiwan = Converter({ from: 'twp', to: 'cn' });
  const standard = Converter({ from: 't', to: 'cn' });
  let pairs = '';
  for (let code = 0x3400; code <= 0x9fff; code++) {
    const ch = String.fromCodePoint(code);
    if (wanted.has(ch)) continue;
    const simplified = taiwan(ch);
    if (simplified !== ch && [...simplified].length === 1 && wanted.has(simplified) && standard(ch) !== ch)
      pairs += ch + simplified;
  }
  return pairs;
}

/**
 * Words that Taiwan writes differently, not just in other characters (信息 → 資訊, 软件 → 軟體), as [Taiwan, page]
 * pairs, longest first. Only phrasings OpenCC turns back into the same word are kept.
 */
export function taiwanPhrases(words: readonly string[]): [string, string][] {
  const toTaiwan = Converter({ from: 'cn', to: 'twp' });
  const toSimplified = Converter({ from: 'twp', to: 'cn' });
  const pairs: [string, string][] = [];
  for (const word of words) {
    if ([...word].length < 2) continue;
    const taiwan = toTaiwan(word);
    const charByChar = [...taiwan].map((ch) => toSimplified(ch)).join('');
    if (taiwan !== word && charByChar !== word && toSimplified(taiwan) === word) pairs.push([taiwan, word]);
  }
  return pairs.sort(([a], [b]) => b.length - a.length || (a < b ? -1 : 1));
}

const round = (score: number) => Math.round(score * 1000) / 1000;

/** The frequency jieba gives the words it must keep whole (the index build's user dictionary uses the same). */
const USER_WORD_FREQUENCY = 2000;
