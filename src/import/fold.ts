// A reading copy of a line for recognising its shape: Simplified characters, half-width punctuation, one character for
// one, so what is found at a position of the copy is cut verbatim from the same position of the original.
import { Converter } from 'opencc-js/t2cn';

/**
 * The reading copy: the same length as `text` (UTF-16 units), Traditional characters as Simplified, full-width
 * punctuation as half-width.
 * @example readingOf('張三委員問：學位？') // '张三委员问:学位?'
 */
export function readingOf(text: string): string {
  let out = '';
  for (const char of text) out += foldChar(char);
  return out;
}

/** Whether the text holds a character that reads differently in Simplified (for the preview's note). */
export function hasTraditional(text: string): boolean {
  for (const char of text) if (char.length === 1 && char >= '\u3400' && foldChar(char) !== char) return true;
  return false;
}

function foldChar(char: string): string {
  const punctuation = PUNCTUATION[char];
  if (punctuation) return punctuation;
  if (char.length !== 1 || char < '\u3400') return char;
  const cached = cache.get(char);
  if (cached !== undefined) return cached;
  const converted: string = (toSimplified ??= Converter({ from: 't', to: 'cn' }))(char) ?? char;
  const folded = converted.length === 1 ? converted : char;
  cache.set(char, folded);
  return folded;
}

const PUNCTUATION: Record<string, string> = {
  '：': ':',
  '，': ',',
  '？': '?',
  '！': '!',
  '；': ';',
  '（': '(',
  '）': ')',
  '\u3000': ' ',
};
const cache = new Map<string, string>();
let toSimplified: ((text: string) => string) | undefined;
