// How the page reads any text before comparing: full-width → half-width, lower case, Traditional → Simplified.
import type { SearchData } from './page-data.js';

/**
 * Full-width → half-width and lower case, as the engine's normaliser starts (search/normalise.ts); the build uses it
 * for the names and words it stores, so they meet what the page folds.
 * @example foldWidthAndCase('ＣＩＭ平台') // 'cim平台'
 */
export function foldWidthAndCase(text: string): string {
  return String(text).normalize('NFKC').toLowerCase();
}

/**
 * The page's fold: {@link foldWidthAndCase}, then, only when the text has a Traditional character the page knows,
 * the Taiwan phrasings (軟體 → 软件) and character by character Traditional → Simplified. The page carries only the
 * characters of its own words (`data.traditional`), not OpenCC's tables, which would double its size.
 * @example createFold(data)('數據安全') // '数据安全'
 */
export function createFold(data: Pick<SearchData, 'traditional' | 'phrases'>): (text: string) => string {
  const toSimplified = new Map<string, string>();
  const pairs = Array.from(data.traditional);
  for (let i = 0; i + 1 < pairs.length; i += 2) toSimplified.set(pairs[i]!, pairs[i + 1]!);
  const phrase = new Map<string, string>();
  for (let p = 0; p + 1 < data.phrases.length; p += 2) phrase.set(data.phrases[p]!, data.phrases[p + 1]!);
  // One pass, longest first: a phrase once replaced is not read again (程式設計師 → 程序员 must not go on to 进程员,
  // though 程序 is also how Taiwan writes 进程).
  const phrases =
    phrase.size === 0
      ? null
      : new RegExp([...phrase.keys()].map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'gu');
  return (text) => {
    let s = foldWidthAndCase(text);
    if (!Array.from(s).some((ch) => toSimplified.has(ch))) return s;
    if (phrases) s = s.replace(phrases, (m) => phrase.get(m) ?? m);
    return Array.from(s)
      .map((ch) => toSimplified.get(ch) ?? ch)
      .join('');
  };
}

/**
 * What a question staff pinned is matched by, as the bot's pins match it (search/pins.ts `questionKey`): folded,
 * letters and digits only.
 * @example createPinKey(fold)('經開區汽車，怎麼說？') // '经开区汽车怎么说'
 */
export function createPinKey(fold: (text: string) => string): (query: string) => string {
  const notAWord = notAWordPattern();
  return (query) => fold(query).replace(notAWord, '');
}

/**
 * Everything but letters and digits; a browser without Unicode property escapes (before 2018) leaves out
 * punctuation and white space only. Built from a string, not a literal (which esbuild keeps as it is), so that such
 * a browser can still parse the script.
 */
function notAWordPattern(): RegExp {
  try {
    return new RegExp(NOT_LETTER_OR_DIGIT, 'gu');
  } catch {
    return new RegExp(PUNCTUATION.source, 'g');
  }
}

const NOT_LETTER_OR_DIGIT = '[^\\p{L}\\p{N}]+';

/** ASCII and CJK punctuation, symbols and white space: where a query splits into parts before segmentation. */
export const PUNCTUATION =
  /[\s!-/:-@[-\x60{-~\u00a0-\u00bf\u2000-\u206f\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]+/;
