// Dialect and spoken question words (Wuhan 么事, Cantonese 咩, Northern 咋整) read as the standard words they stand for,
// and spoken yes-or-no questions (贵不贵, 方不方便) as the word they ask about.
import type { DialectWord } from '../hearing/asking.js';

/**
 * Builds the reader from data/asking.json's `dialect` table. Longer words go first (搞么斯 before 么斯); a word is left
 * alone where a character around it makes it part of another word (什么事 holds no 么事, 系统 no 系).
 * @example createDialectReader(words.dialect)('软件名城要搞么事') // '软件名城要搞什么'
 * @example createDialectReader([])('转型贵不贵') // '转型贵'
 */
export function createDialectReader(table: readonly DialectWord[]): (text: string) => string {
  const sorted = [...table].sort((a, b) => [...b.say].length - [...a.say].length);
  if (sorted.length === 0) return yesOrNo;
  const pattern = new RegExp(sorted.map((w) => escapeRegExp(w.say)).join('|'), 'gu');
  const bySay = new Map(sorted.map((w) => [w.say, w]));
  return (text) =>
    yesOrNo(text).replace(pattern, (match, at: number, whole: string) => {
      const word = bySay.get(match)!;
      const before = whole[at - 1] ?? '';
      const after = whole[at + match.length] ?? '';
      if (before && word.notAfter?.includes(before)) return match;
      if (after && word.notBefore?.includes(after)) return match;
      return word.means;
    });
}

/**
 * 贵不贵, 方便不方便 and 方不方便 ask whether: the word asked about, once. Read as they stand, 不贵 would be a word of
 * its own (cheap), the opposite of what is asked.
 */
const yesOrNo = (text: string) =>
  text.replace(/(\p{Script=Han}{2})不\1/gu, '$1').replace(/(\p{Script=Han})不\1(\p{Script=Han}?)/gu, '$1$2');

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
