// Candidate retrieval, the seam where an external engine (OpenSearch with a Chinese analyser, RediSearch) would plug in: index terms in, scored entry positions out.
import type MiniSearch from 'minisearch';
import { FIELD_BOOSTS } from './documents.js';

/** One retrieved entry: its position in the index's `refs`, its text-match score and the query terms it holds. */
export interface Retrieved {
  doc: number;
  score: number;
  terms: readonly string[];
}

/**
 * Finds the entries holding any of the terms, scored by how well they match (BM25 with field boosts), best first.
 * The engine does everything else (reading the message, coverage, tiers) on the few hundred best; a retriever
 * backed by another engine must index the same pre-analysed fields (documents.ts) and return positions in `refs`.
 */
export interface CandidateRetriever {
  retrieve(terms: readonly string[], termBoost: (term: string) => number): Retrieved[];
}

/** The in-process retriever: the MiniSearch index loaded from index/search.json. */
export function miniSearchRetriever(miniSearch: MiniSearch): CandidateRetriever {
  return {
    retrieve(terms, termBoost) {
      return miniSearch
        .search({ queries: [...terms], combineWith: 'OR' }, { boost: { ...FIELD_BOOSTS }, boostTerm: termBoost })
        .map((r) => ({ doc: r.id as number, score: r.score, terms: r.terms }));
    },
  };
}
