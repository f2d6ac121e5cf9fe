// What the page's search box needs besides the cards: each body's other names and a Traditional → Simplified table.
import { Converter } from 'opencc-js/t2cn';
import type { ReferenceModel } from './model.js';

/** Embedded in the page as JSON; the browser script reads it once on load. */
export interface SearchData {
  /** Printed body name → every other name that should find its cards (official name and short names). */
  bodyNames: Record<string, string[]>;
  /**
   * Traditional → Simplified, as pairs in one string (`經经開开…`): compact, and enough for one-character lookups.
   * Only characters whose Simplified form occurs in the page are listed; any other query character could not
   * match anyway.
   */
  traditional: string;
}

/** Builds the search data for a page whose searchable text is `pageText`. */
export function buildSearchData(model: ReferenceModel, pageText: string): SearchData {
  const bodyNames: Record<string, string[]> = {};
  for (const body of model.bodies.values()) bodyNames[body.printed] = [...new Set([body.official, ...body.aliases])];
  const everything = pageText + Object.values(bodyNames).flat().join('');
  return { bodyNames, traditional: traditionalPairs(new Set(everything)) };
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

/** Every text the search box can match in the cards, for choosing which Traditional characters to embed. */
export function searchableText(model: ReferenceModel): string {
  const { hearing } = model;
  const items = hearing.items.flatMap((item) => [
    item.theme.title,
    item.asker.name,
    item.asker.title,
    item.question,
    item.body,
    ...item.answer,
  ]);
  const closing = hearing.closing
    ? [hearing.closing.speaker.name, hearing.closing.speaker.title, ...hearing.closing.paragraphs]
    : [];
  return [...items, ...closing].join('\n');
}
