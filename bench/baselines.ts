// Baseline retrievers for the benchmark: plain MiniSearch over the same entries with three tokenizers, no confidence threshold.
import MiniSearch from 'minisearch';
import { bodyOf, type Entry, paragraphsOf, personOf } from '../src/hearing/model.js';

export type Tokenizer = (text: string) => string[];

/** Builds a MiniSearch over asker, body, question and answer with the given tokenizer; returns a search returning ids. */
export function baselineSearch(entries: readonly Entry[], tokenize: Tokenizer): (query: string) => string[] {
  const ms = new MiniSearch({
    fields: ['asker', 'body', 'question', 'answer'],
    tokenize,
    searchOptions: { boost: { asker: 3, body: 3, question: 2 } },
  });
  ms.addAll(
    entries.map((e, i) => ({
      id: i,
      asker: personOf(e).name,
      body: bodyOf(e),
      question: e.kind === 'qa' ? e.question : '',
      answer: paragraphsOf(e).join('\n'),
    })),
  );
  return (query) => (query.trim() ? ms.search(query).map((r) => entries[r.id as number]!.id) : []);
}

/** Overlapping character pairs of each run of letters, the usual CJK fallback. */
export const charBigrams: Tokenizer = (text) =>
  (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).flatMap((run) => {
    const chars = [...run];
    return chars.length < 2 ? chars : chars.slice(1).map((c, i) => chars[i] + c);
  });
