// Text analysis shared by the index build and the engine: normalise, segment, drop chat words and punctuation.
import type { Glossary } from '../hearing/glossary.js';
import type { Segmenter } from './segment.js';

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

export function createAnalyser(segmenter: Segmenter, glossary: Glossary, normalise: (text: string) => string): Analyser {
  const stop = new Set([...glossary.fillers, ...glossary.generic].map(normalise));
  // Longest first, so 怎么说的 goes before 怎么说 and leaves nothing behind.
  const fillerPhrases = glossary.fillers.map(normalise).filter((f) => f.length >= 2).sort((a, b) => b.length - a.length);
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
      return s.split(' ').flatMap((part) => segmenter.cut(part)).filter(keep);
    },
  };
}

const PUNCTUATION = /^[\p{P}\p{S}\p{Z}\p{C}]+$/u;
