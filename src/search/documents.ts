// What gets indexed for each Q&A item and the closing response: one MiniSearch document per entry, fields pre-analysed.
import type { AnsweringBody } from '../hearing/glossary.js';
import { bodyOf, type Entry, type Hearing, paragraphsOf, personOf } from '../hearing/model.js';
import type { Analyser } from './analyse.js';

/** Field name → how much a match there counts. Names and bodies route hard; the answer is the long tail. */
export const FIELD_BOOSTS = { asker: 3, body: 3, question: 2, answer: 1, theme: 0.5 } as const;
export type Field = keyof typeof FIELD_BOOSTS;
export const FIELDS = Object.keys(FIELD_BOOSTS) as Field[];

/** One indexed entry: `ref` is `hearing#id`; every field holds space-separated terms. */
export type IndexedDocument = { ref: string } & Record<Field, string>;

/** Every entry of every hearing, in order: the Q&A items, then the closing response. */
export function entriesOf(hearings: readonly Hearing[]): Entry[] {
  return hearings.flatMap((h) => [...h.items, ...(h.closing ? [h.closing] : [])]);
}

/** An entry's question and answer, normalised: what the engine looks for words as written in (出村). */
export function entryText(entry: Entry, normalise: (text: string) => string): string {
  return normalise([entry.kind === 'qa' ? entry.question : '', ...paragraphsOf(entry)].join('\n'));
}

export function refOf(entry: Entry): string {
  return `${entry.hearing}#${entry.id}`;
}

export function documentOf(
  entry: Entry,
  bodies: ReadonlyMap<string, AnsweringBody>,
  analyser: Analyser,
): IndexedDocument {
  const printed = bodyOf(entry);
  const body = bodies.get(printed);
  const bodyNames = body ? [body.printed, body.official, ...body.aliases] : [printed];
  const person = personOf(entry);
  const segmented = segmentedTexts(entry);
  const terms = (text: string) => analyser.indexTerms(text).join(' ');
  return {
    ref: refOf(entry),
    asker: [analyser.normalise(person.name), ...analyser.indexTerms(segmented.asker)].join(' '),
    body: [...new Set(bodyNames.map(analyser.normalise))].join(' '),
    question: segmented.question === undefined ? '' : terms(segmented.question),
    answer: terms(segmented.answer),
    theme: segmented.theme === undefined ? '' : terms(segmented.theme),
  };
}

/**
 * The texts of an entry that {@link documentOf} segments (names and bodies are indexed whole): only words inside
 * them can change its document, which the index build's cache relies on.
 */
export function segmentedTexts(entry: Entry): { asker: string; question?: string; answer: string; theme?: string } {
  const answer = paragraphsOf(entry).join('\n');
  const asker = personOf(entry).title;
  return entry.kind === 'closing'
    ? { asker, answer }
    : { asker, question: entry.question, answer, theme: entry.theme.title };
}
