// The in-process retriever gives what MiniSearch's own search gives: the same entries, scores to the bit, order and terms.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { setMessages } from '../../bench/answer-sets.js';
import { INDEX_DIR } from '../../src/paths.js';
import { FIELD_BOOSTS } from '../../src/search/documents.js';
import { miniSearchOptions } from '../../src/search/engine.js';
import { postingsSearch } from '../../src/search/postings.js';
import { bestFirst, miniSearchRetriever } from '../../src/search/retrieval.js';
import { sharedEngine } from './helpers.js';

// Loaded as the engine loads it: the postings decoded term by term when first asked.
const search = JSON.parse(readFileSync(join(INDEX_DIR, 'search.json'), 'utf8'));
const miniSearch = postingsSearch(search.postings, readFileSync(join(INDEX_DIR, 'postings.bin')), miniSearchOptions());
const retriever = miniSearchRetriever(miniSearch);
const boostTerm = (term: string) => ([...term].length > 1 ? 1 : 0.2);

/** MiniSearch's answer and the retriever's, as [entry, score, terms held] best first. */
function both(terms: string[]) {
  const expected = miniSearch
    .search({ queries: terms, combineWith: 'OR' }, { boost: { ...FIELD_BOOSTS }, boostTerm })
    .map((r) => [r.id, r.score, [...r.terms].sort()]);
  const retrieval = retriever.retrieve(terms, boostTerm);
  const order = bestFirst(
    retrieval,
    Array.from({ length: retrieval.size }, (_, i) => i),
  );
  const actual = order.map((i) => [
    retrieval.docs[i],
    retrieval.scores[i],
    [...new Set(terms)].filter((t) => retrieval.holdsAny(i, retrieval.mask([t]))).sort(),
  ]);
  return { expected, actual };
}

describe('the in-process retriever', () => {
  const engine = sharedEngine();
  const termLists = setMessages()
    .map((m) => engine.read(m.message).groups.flatMap((g) => g.terms))
    .filter((terms) => terms.length > 0);

  it('finds for every development message what MiniSearch finds, scored and ordered alike', () => {
    expect(termLists.length).toBeGreaterThan(500);
    for (const terms of termLists) {
      const { expected, actual } = both(terms);
      expect(actual).toEqual(expected);
    }
  });

  it('adds a repeated term twice and counts it once, as MiniSearch does', () => {
    const { expected, actual } = both(['数字经济', '企业', '数字经济', '新']);
    expect(actual.length).toBeGreaterThan(5);
    expect(actual).toEqual(expected);
  });

  it('finds nothing for terms the index lacks, or none', () => {
    expect(retriever.retrieve(['并不存在的词'], boostTerm).size).toBe(0);
    expect(retriever.retrieve([], boostTerm).size).toBe(0);
  });

  it('keeps each term apart past 32 terms (the held terms are bits in several words)', () => {
    const many = [...new Set(termLists.flat())].slice(0, 70);
    expect(many).toHaveLength(70);
    const { expected, actual } = both(many);
    expect(actual).toEqual(expected);
  });
});
