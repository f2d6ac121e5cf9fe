// Text analysis shared by the index build and the engine: normalise, segment, drop chat words and punctuation.
import type { Glossary } from '../hearing/glossary.js';
import type { Segmenter } from './segment.js';

/** The glossary's chat words, normalised once at index time (search.json) so start-up does not redo it. */
export interface Lexicon {
  /** Fillers and generic words: dropped from questions and from indexed text. */
  stopWords: string[];
  /** Multi-character fillers, longest first, cut out of a question before segmentation (怎么说的 before 怎么说). */
  fillerPhrases: string[];
  /** Everyday words one character longer than a word of the hearing (养老金), joined back after segmentation. */
  longerWords: string[];
}

export function lexiconOf(glossary: Glossary, normalise: (text: string) => string, longerWords: string[]): Lexicon {
  return {
    longerWords,
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
}

export function createAnalyser(segmenter: Segmenter, lexicon: Lexicon, normalise: (text: string) => string): Analyser {
  const stop = new Set(lexicon.stopWords);
  const longer = new Set(lexicon.longerWords);
  const { fillerPhrases } = lexicon;
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
    queryWords: (text) => {
      let s = normalise(text);
      for (const phrase of fillerPhrases) s = s.split(phrase).join(' ');
      return s
        .split(' ')
        .flatMap((part) => joinLonger(segmenter.cut(part)))
        .filter(keep);
    },
  };
}

const PUNCTUATION = /^[\p{P}\p{S}\p{Z}\p{C}]+$/u;
