// The engine's retriever reads postings.bin in place and gives what MiniSearch's own search gives over the same file:
// the same entries, scores to the bit, order and terms; asked to start from the rare terms, a bounded part of them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { setMessages } from '../../bench/answer-sets.js';
import { INDEX_DIR } from '../../src/paths.js';
import { FIELD_BOOSTS, FIELDS } from '../../src/search/documents.js';
import { miniSearchOptions } from '../../src/search/engine.js';
import { postingsFile, postingsSearch } from '../../src/search/postings.js';
import { bestFirst, postingsRetriever } from '../../src/search/retrieval.js';
import { sharedEngine } from './helpers.js';

const search = JSON.parse(readFileSync(join(INDEX_DIR, 'search.json'), 'utf8'));
const bytes = readFileSync(join(INDEX_DIR, 'postings.bin'));
// MiniSearch over the same file (document id = position in refs): the reference the scores are compared with.
const miniSearch = postingsSearch(search.postings, bytes, miniSearchOptions());
const retriever = postingsRetriever(postingsFile(search.postings, bytes, FIELDS.length));
const boostTerm = (term: string) => ([...term].length > 1 ? 1 : 0.2);

/** MiniSearch's answer as [entry, score, terms held] best first. */
const expectedOf = (terms: string[], boost: (term: string) => number = boostTerm) =>
  miniSearch
    .search({ queries: terms, combineWith: 'OR' }, { boost: { ...FIELD_BOOSTS }, boostTerm: boost })
    .map((r) => [r.id, r.score, [...r.terms].sort()]);

/** The retriever's answer, the same way. */
function found(terms: string[], boost: (term: string) => number = boostTerm) {
  const retrieval = retriever.retrieve(terms, boost);
  return bestFirst(
    retrieval,
    Array.from({ length: retrieval.size }, (_, i) => i),
  ).map((i) => [
    retrieval.docs[i],
    retrieval.scores[i],
    [...new Set(terms)].filter((t) => retrieval.holdsAny(i, retrieval.mask([t]))).sort(),
  ]);
}

describe('the retriever over postings.bin', () => {
  const engine = sharedEngine();
  const termLists = setMessages()
    .map((m) => engine.read(m.message).groups.flatMap((g) => g.terms))
    .filter((terms) => terms.length > 0);

  it('finds for every development message what MiniSearch finds, scored and ordered alike, asked once and again', () => {
    expect(termLists.length).toBeGreaterThan(500);
    for (const terms of termLists) {
      const expected = expectedOf(terms);
      expect(found(terms)).toEqual(expected);
      // The second time the terms' scores are the kept ones.
      expect(found(terms)).toEqual(expected);
    }
  });

  it('adds a repeated term twice and counts it once, as MiniSearch does', () => {
    const terms = ['数字经济', '企业', '数字经济', '新'];
    expect(found(terms).length).toBeGreaterThan(5);
    expect(found(terms)).toEqual(expectedOf(terms));
  });

  it('keeps each term apart past 32 terms (the held terms are bits in several words)', () => {
    const many = [...new Set(termLists.flat())].slice(0, 70);
    expect(many).toHaveLength(70);
    expect(found(many)).toEqual(expectedOf(many));
  });

  it('keeps a term asked with another boost apart (counting asks every term at 1)', () => {
    const terms = ['数字经济', '新', '企业'];
    const once = () => 1;
    expect(found(terms, once)).toEqual(expectedOf(terms, once));
    expect(found(terms)).toEqual(expectedOf(terms));
    expect(found(terms)).not.toEqual(found(terms, once));
  });

  it('asked to start from the rare terms, retrieves exactly the entries holding one, scored and ordered as in full', () => {
    let leftOut = 0;
    for (const terms of termLists) {
      const full = retriever.retrieve(terms, boostTerm);
      const all = Array.from({ length: full.size }, (_, i) => ({
        doc: full.docs[i]!,
        score: full.scores[i]!,
        held: [...new Set(terms)].filter((t) => full.holdsAny(i, full.mask([t]))),
      }));
      const rare = new Set(terms.filter((t) => all.filter((e) => e.held.includes(t)).length < 3));
      const part = retriever.retrieve(terms, boostTerm, { rareBelow: 3 });
      const { outside } = part;
      if (!outside) {
        expect(rare.size === 0 || rare.size === new Set(terms).size).toBe(true);
        continue;
      }
      const kept = all.filter((e) => e.held.some((t) => rare.has(t)));
      const left = all.filter((e) => !e.held.some((t) => rare.has(t)));
      expect(
        Array.from({ length: part.size }, (_, i) => ({
          doc: part.docs[i]!,
          score: part.scores[i]!,
          held: [...new Set(terms)].filter((t) => part.holdsAny(i, part.mask([t]))),
        })),
      ).toEqual(kept);
      // What the left-out entries could score is bounded, and they hold only the masked (common) terms.
      const masked = (t: string) => part.mask([t]).some((bits, w) => (bits & outside.mask[w]!) !== 0);
      for (const e of left) {
        expect(e.score).toBeLessThanOrEqual(outside.score);
        expect(e.held.every(masked)).toBe(true);
      }
      leftOut += left.length;
    }
    expect(leftOut).toBeGreaterThan(0);
  });

  it('finds nothing for terms the index lacks, or none, and refuses a file of other terms', () => {
    expect(retriever.retrieve(['并不存在的词'], boostTerm).size).toBe(0);
    expect(retriever.retrieve([], boostTerm).size).toBe(0);
    expect(() =>
      postingsFile({ ...search.postings, terms: search.postings.terms.slice(1) }, bytes, FIELDS.length),
    ).toThrow(/postings\.bin: does not match search\.json.*npm run index/);
  });
});
