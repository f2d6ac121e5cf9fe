// English words mixed into a question (big data bureau, progress) read as the hearing's words, from the glossary's synonyms.

/**
 * Builds a rewriter from the glossary's synonyms whose key is English (letters, digits, spaces, -, + and &): each such
 * phrase in a normalised question, as whole words and also in the plural, is replaced by what it stands for, so
 * 「big data bureau说了什么」 names 大数据局 like 「大数据局说了什么」. The longest phrase wins (big data bureau before
 * big data). English the glossary does not know is left as it is, and weighs as a word the hearing lacks.
 * @example createEnglishReader({ platform: ['平台'] })('cim platform进展') // 'cim 平台 进展'
 */
export function createEnglishReader(synonyms: Readonly<Record<string, readonly string[]>>): (text: string) => string {
  const english = new Map(
    Object.entries(synonyms)
      .map(([key, targets]): [string, string] => [key.toLowerCase().replace(/\s+/g, ' ').trim(), targets.join(' ')])
      .filter(([key]) => ENGLISH_KEY.test(key)),
  );
  if (english.size === 0) return (text) => text;
  // A phrase ending in y is also matched as -ies (deputies, policies); the others as -s and -es.
  const phrases = [...english.keys()]
    .sort((a, b) => b.length - a.length)
    .map((key) => escapeRegExp(key).replace(/y$/, '(?:y|ie)'));
  const pattern = new RegExp(`(?<![a-z0-9])(${phrases.join('|')})(?:e?s)?(?![a-z0-9])`, 'g');
  const lookUp = (phrase: string) =>
    english.get(phrase) ?? english.get(phrase.replace(/\s+/g, ' ').replace(/ie$/, 'y'));
  return (text) => (/[a-z]/.test(text) ? text.replace(pattern, (_, phrase: string) => ` ${lookUp(phrase)} `) : text);
}

/** A synonym key written in English: Latin letters (at least one), digits, spaces, -, + and &. */
const ENGLISH_KEY = /^(?=.*[a-z])[a-z0-9][a-z0-9 +&-]*$/;
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+');
