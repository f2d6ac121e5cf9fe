// Text analysis shared by the index build and the engine: normalise, segment, drop chat words and punctuation.
import type { Glossary } from '../hearing/glossary.js';
import type { ChatWords } from './clauses.js';
import type { Segmenter } from './segment.js';

/** The glossary's chat words, normalised once at index time (search.json) so start-up does not redo it. */
export interface Lexicon {
  /** Fillers and generic words: dropped from questions and from indexed text. */
  stopWords: string[];
  /** Multi-character fillers, longest first, cut out of a question before segmentation (怎么说的 before 怎么说). */
  fillerPhrases: string[];
  /** Everyday words one character longer than a word of the hearing (养老金), joined back after segmentation. */
  longerWords: string[];
  /** How people wrap a question in a chat message (see clauses.ts). */
  chat: ChatWords;
}

export function lexiconOf(glossary: Glossary, normalise: (text: string) => string, longerWords: string[]): Lexicon {
  const chat = Object.fromEntries(
    Object.entries(glossary.chat).map(([kind, list]) => [kind, [...new Set(list.map(normalise))]]),
  ) as ChatWords;
  return {
    longerWords,
    chat,
    stopWords: [...new Set([...glossary.fillers, ...glossary.generic].map(normalise))],
    fillerPhrases: [...new Set(glossary.fillers.map(normalise).filter((f) => f.length >= 2))].sort(
      (a, b) => b.length - a.length || (a < b ? -1 : 1),
    ),
  };
}

export interface Analyser {
  /** Normalised text (Simplified, half-width, lower case). */
  normalise(text: string): string;
  /**
   * Terms to index for a document field: search-mode segmentation, plus every other dictionary word inside
   * the text, so 产业数字化转型 is found by 产业数字化 as well as by 转型.
   */
  indexTerms(text: string): string[];
  /** The content words of a question, in order: precise segmentation, fillers and generic words removed. */
  queryWords(text: string): string[];
  /** {@link queryWords} of a text that is already normalised. */
  contentWords(normalised: string): string[];
  /**
   * Whether precise segmentation of a normalised text has a word boundary at character `at` and at `at + length`
   * (市长 stands alone in 问市长, not in 城市长远; 委员 not in 委员会).
   */
  standsAlone(text: string, at: number, length: number): boolean;
}

export function createAnalyser(segmenter: Segmenter, lexicon: Lexicon, normalise: (text: string) => string): Analyser {
  const stop = new Set(lexicon.stopWords);
  const longer = new Set(lexicon.longerWords);
  // All fillers in one pass over the question, longest first (怎么说的 before 怎么说).
  const withoutFillers = phraseRemover(lexicon.fillerPhrases);
  // 养老/金 → 养老金: the trimmed dictionary lacks the longer everyday word, so a pair that spells one is joined.
  const joinLonger = (words: string[]): string[] => {
    const out: string[] = [];
    for (let i = 0; i < words.length; i++) {
      const pair = words[i]! + (words[i + 1] ?? '');
      if (i + 1 < words.length && (words[i]!.length === 1 || words[i + 1]!.length === 1) && longer.has(pair)) {
        out.push(pair);
        i++;
      } else out.push(words[i]!);
    }
    return out;
  };
  const keep = (term: string) => term.trim() !== '' && !PUNCTUATION.test(term) && !stop.has(term);
  return {
    normalise,
    indexTerms: (text) => {
      const s = normalise(text);
      const terms = segmenter.cutForSearch(s);
      const seen = new Set(terms);
      return [...terms, ...segmenter.cutAll(s).filter((t) => !seen.has(t) && [...t].length > 1)].filter(keep);
    },
    standsAlone: (text, at, length) => {
      const boundaries = new Set([0]);
      let position = 0;
      for (const word of segmenter.cut(text)) boundaries.add((position += word.length));
      return boundaries.has(at) && boundaries.has(at + length);
    },
    queryWords: (text) => contentWords(normalise(text)),
    contentWords: (normalised) => contentWords(normalised),
  };

  function contentWords(normalised: string): string[] {
    // An English word stays whole: jieba would cut 「blockchain」 at the glossary's 「ai」. A removed filler leaves a
    // space, which jieba never joins across.
    return withoutFillers(normalised)
      .replace(FIGURE_QUESTION, ' ')
      .split(LATIN_WORD)
      .flatMap((part, i) => (i % 2 === 1 ? [part] : joinLonger(segmenter.cut(part))))
      .filter(keep);
  }
}

/**
 * Replaces every occurrence of any of `phrases` with a space, scanning left to right and taking the longest phrase
 * that starts at each place; faster than one regular expression of a hundred alternatives.
 */
export function phraseRemover(phrases: readonly string[]): (text: string) => string {
  const byFirst = new Map<string, string[]>();
  for (const phrase of [...new Set(phrases)].sort((a, b) => b.length - a.length)) {
    if (phrase) byFirst.set(phrase[0]!, [...(byFirst.get(phrase[0]!) ?? []), phrase]);
  }
  return (text) => {
    let out = '';
    for (let i = 0; i < text.length; ) {
      const phrase = byFirst.get(text[i]!)?.find((p) => text.startsWith(p, i));
      if (phrase) {
        out += ' ';
        i += phrase.length;
      } else out += text[i++];
    }
    return out;
  };
}

/** A global pattern matching any of `phrases`, longer ones first; matches nothing when there are none. */
export function alternation(phrases: readonly string[], flags = 'g'): RegExp {
  const sorted = [...new Set(phrases)].sort((a, b) => b.length - a.length);
  const source = sorted.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  return new RegExp(source || '(?!)', flags);
}

const PUNCTUATION = /^[\p{P}\p{S}\p{Z}\p{C}]+$/u;
/**
 * Asking for a figure (多少家, 几个, 第几个, 几纳米, 几方面): the figure is in the answer, the words say nothing
 * about which answer is meant.
 */
const FIGURE_QUESTION =
  /第?(?:几|多少)(?:十|百|千|万|亿)?(?:方面|纳米|平方公里|[个家年类条项种位名次批所座款期件级块张台人天月周])?/g;
/** A run of three or more Latin letters and digits that starts with a letter (policy, blockchain; not 5g). */
const LATIN_WORD = /(?<![a-z0-9])([a-z][a-z0-9]{2,})(?![a-z0-9])/;
