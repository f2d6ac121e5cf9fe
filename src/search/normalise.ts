// Query normalisation: Traditional → Simplified, full-width → half-width, lower case, collapsed white space.
import { Converter } from 'opencc-js/t2cn';

/**
 * Normalises text for search. Traditional → Simplified conversion (opencc-js) costs ~50 ms to set up,
 * so it is built only for text that has a Traditional-only character (`traditional` is that character set,
 * computed at index time).
 */
export function createNormaliser(traditional: ReadonlySet<string>): (text: string) => string {
  let toSimplified: ((text: string) => string) | undefined;
  // One character class, tested natively: a loop over the characters costs a third of a second per thousand hearings.
  const traditionalCharacter = new RegExp(`[${[...traditional].map(escapeClassCharacter).join('')}]`, 'u');
  const anyTraditional = (s: string) => traditionalCharacter.test(s);
  return (text) => {
    let s = text.normalize('NFKC').toLowerCase();
    if (anyTraditional(s)) {
      const convert = (toSimplified ??= Converter({ from: 'twp', to: 'cn' }));
      s = convert(s);
    }
    // Control characters and zero-width marks never carry meaning in a question.
    return s
      .replace(/[\p{Cc}\p{Cf}]+/gu, ' ')
      .replace(/\s+/g, ' ')
      .trim();
  };
}

/**
 * Every character that is Traditional by both OpenCC's standard and its Taiwan tables; written into the index at
 * build time. Both must agree: the Taiwan table alone also changes plain Simplified characters (么 → 幺).
 */
export function traditionalCharacters(): string {
  const taiwan = Converter({ from: 'twp', to: 'cn' });
  const standard = Converter({ from: 't', to: 'cn' });
  let chars = '';
  for (let code = 0x3400; code <= 0x9fff; code++) {
    const ch = String.fromCodePoint(code);
    if (taiwan(ch) !== ch && standard(ch) !== ch) chars += ch;
  }
  return chars;
}

/** A character as it stands in a regular expression's character class. */
const escapeClassCharacter = (ch: string) => (/[\\\]^[-]/.test(ch) ? `\\${ch}` : ch);
