// Candidate retrieval, the seam where an external engine (OpenSearch with a Chinese analyser, RediSearch) would plug in: index terms in, scored entry positions out.
import { FIELD_BOOSTS, FIELDS } from './documents.js';
import type { PostingsFile } from './postings.js';

/**
 * The entries holding any of the terms, in compact form: a large archive's common word is held by thousands of
 * entries, which the engine ranks without an object per entry. Valid until the retriever's next `retrieve`.
 */
export interface Retrieval {
  /** How many entries hold one of the terms. */
  readonly size: number;
  /** The i-th entry's position in the index's `refs`, in the order the index first lists them. */
  readonly docs: Int32Array;
  /** The i-th entry's text score: BM25 with field and term boosts, times how many of the terms it holds. */
  readonly scores: Float64Array;
  /** The terms each entry holds, as bits: `words` 32-bit words per entry, bit j for the j-th distinct term. */
  readonly held: Uint32Array;
  readonly words: number;
  /** The terms of a list as one mask (`words` long), for {@link holdsAny}. */
  mask(terms: readonly string[]): Uint32Array;
  /** Whether the i-th entry holds any of the masked terms. */
  holdsAny(i: number, mask: Uint32Array): boolean;
  /**
   * Set when entries were left out (see {@link RetrieveOptions.rareBelow}): the highest text score one of them can
   * have, and the terms they may hold (a mask). Those retrieved are scored and ordered as in a full retrieval.
   */
  readonly outside?: { score: number; mask: Uint32Array };
}

/** How much a retrieval may leave out. */
export interface RetrieveOptions {
  /**
   * Only the entries holding a rare term (held by fewer entries than this) are retrieved, when there are common terms
   * too and the rare terms' postings number at least `rareAtLeast`: the common terms' postings are then only read,
   * not gathered, and `outside` bounds what the others could score. A retriever may ignore this.
   */
  rareBelow?: number;
  rareAtLeast?: number;
}

/**
 * Finds the entries holding any of the terms, scored by how well they match (BM25 with field boosts). The engine
 * does everything else (reading the message, coverage, tiers) on the few hundred likeliest; a retriever backed by
 * another engine must index the same pre-analysed fields (documents.ts) and return positions in `refs`.
 */
export interface CandidateRetriever {
  retrieve(terms: readonly string[], termBoost: (term: string) => number, options?: RetrieveOptions): Retrieval;
}

/** The retrieved entries best first: by score, ties in the order the index lists them (as MiniSearch sorts). */
export function bestFirst(retrieval: Retrieval, found: number[]): number[] {
  const { scores } = retrieval;
  return found.sort((a, b) => scores[b]! - scores[a]! || a - b);
}

interface BM25Parameters {
  k: number;
  b: number;
  d: number;
}

/** One term's postings in one field: entry positions in the index's order and each one's BM25 before boosts. */
interface FieldPostings {
  boost: number;
  docs: ArrayLike<number>;
  bm25: Float64Array;
}

/** Where a retriever reads postings from: how many entries there are, and a term's postings field by field. */
interface PostingsSource {
  documents: number;
  /** The term's postings in each field that has it, in the order of FIELDS. */
  fieldPostings(term: string): FieldPostings[];
}

/** MiniSearch's calcBM25Score, term for term, so the sums come out to the same bits. */
function bm25Of(p: BM25Parameters, tf: number, matching: number, total: number, length: number, avg: number): number {
  const idf = Math.log(1 + (total - matching + 0.5) / (matching + 0.5));
  return idf * (p.d + (tf * (p.k + 1)) / (tf + p.k * (1 - p.b + (p.b * length) / avg)));
}

/**
 * The retriever over postings.bin read in place: the same scores and order as
 * `miniSearch.search({ queries: terms, combineWith: 'OR' }, { boost: FIELD_BOOSTS, boostTerm })` over the MiniSearch
 * that `postingsSearch` makes of the same file (document id = position in `refs`), without making one: no per-entry
 * objects at start, each term's postings decoded when a question first asks for it, summed into typed arrays.
 * @example postingsRetriever(postingsFile(meta, bytes, FIELDS.length)).retrieve(['数字'], () => 1).size
 */
export function postingsRetriever(file: PostingsFile): CandidateRetriever {
  return retrieverOver({
    documents: file.documents,
    fieldPostings(term) {
      return file.blocks(term).map(({ field, docs, freqs }) => {
        const scores = new Float64Array(docs.length);
        const avg = file.averageFieldLength[field]!;
        for (let i = 0; i < docs.length; i++)
          scores[i] = bm25Of(BM25, freqs[i]!, docs.length, file.documents, file.fieldLength(docs[i]!, field), avg);
        return { boost: FIELD_BOOSTS[FIELDS[field]!], docs, bm25: scores };
      });
    },
  });
}

/** MiniSearch's default BM25 parameters (minisearch 7 `defaultBM25params`, which the engine's options keep; the
 * tests compare the scores with MiniSearch's own to the bit). */
const BM25: BM25Parameters = { k: 1.2, b: 0.7, d: 0.5 };

/**
 * One term's score in each entry holding it, for one term boost: the entries in the order MiniSearch first meets
 * them (field by field), each score summed over the fields in order as MiniSearch sums it (the same bits).
 */
interface TermScores {
  docs: Int32Array;
  scores: Float64Array;
  /** The highest of the scores (0 for none). */
  max: number;
}

/** Terms whose scores are kept ready; past this many (a flood of odd words) they are made again when asked. */
const MAX_TERMS_KEPT = 50_000;

function retrieverOver(source: PostingsSource): CandidateRetriever {
  const n = source.documents;
  // Scratch space reused by every retrieval. Per entry: the stamp of the retrieval and of the term that last found
  // it, its slot in this retrieval, its score for the current term. Per slot: its entry, score and terms held as bits.
  const foundIn = new Int32Array(n);
  /** The stamp of the retrieval whose rare terms an entry holds (when it leaves entries out). */
  const rareIn = new Int32Array(n);
  const slotOf = new Int32Array(n);
  const termFoundIn = new Int32Array(n);
  const termScore = new Float64Array(n);
  const termDocs = new Int32Array(n);
  let stamp = 0;
  const nextStamp = () => {
    if (++stamp === 0x7fffffff) {
      foundIn.fill(0);
      rareIn.fill(0);
      termFoundIn.fill(0);
      stamp = 1;
    }
    return stamp;
  };
  /** Each term's scores by the boost they were made with (a term is asked with one boost, or 1 for counting). */
  const kept = new Map<string, Map<number, TermScores>>();
  const scoresOf = (term: string, boost: number): TermScores => {
    let byBoost = kept.get(term);
    const ready = byBoost?.get(boost);
    if (ready) return ready;
    const stamped = nextStamp();
    let found = 0;
    for (const field of source.fieldPostings(term)) {
      // MiniSearch multiplies term boost and field boost first, then the BM25.
      const weight = boost * field.boost;
      const { docs, bm25 } = field;
      for (let p = 0; p < docs.length; p++) {
        const doc = docs[p]!;
        if (termFoundIn[doc] === stamped) termScore[doc]! += weight * bm25[p]!;
        else {
          termFoundIn[doc] = stamped;
          termScore[doc] = weight * bm25[p]!;
          termDocs[found++] = doc;
        }
      }
    }
    const docs = termDocs.slice(0, found);
    const scores = Float64Array.from(docs, (doc) => termScore[doc]!);
    const made = { docs, scores, max: scores.reduce((m, s) => Math.max(m, s), 0) };
    if (!byBoost) {
      if (kept.size >= MAX_TERMS_KEPT) kept.clear();
      kept.set(term, (byBoost = new Map()));
    }
    byBoost.set(boost, made);
    return made;
  };
  let docs = new Int32Array(Math.min(n, 1024));
  let scores = new Float64Array(docs.length);
  let bits = new Uint32Array(docs.length);

  return {
    retrieve(queryTerms, termBoost, options = {}) {
      // As MiniSearch tokenizes each query: a term with a space is looked up as its words.
      const tokens = queryTerms.flatMap((t) => t.split(' ').filter(Boolean));
      const distinct = [...new Set(tokens)];
      const words = Math.max(1, Math.ceil(distinct.length / 32));
      const termAt = new Map(distinct.map((t, j) => [t, j]));
      const mask = (terms: readonly string[]) => {
        const mask = new Uint32Array(words);
        for (const t of terms) {
          const j = termAt.get(t);
          if (j !== undefined) mask[j >>> 5]! |= 1 << (j & 31);
        }
        return mask;
      };
      if (bits.length < docs.length * words) bits = new Uint32Array(docs.length * words);
      const retrieval = nextStamp();
      const byToken = tokens.map((token) => scoresOf(token, termBoost(token)));
      const outside = leaveOut(distinct, byToken, tokens, options);
      if (outside) {
        // Only entries holding a rare term: marked first, then scored over every term in order as in full.
        for (const t of outside.rare) for (const doc of byToken[tokens.indexOf(t)]!.docs) rareIn[doc] = retrieval;
      }
      let size = 0;
      for (const [at, token] of tokens.entries()) {
        // Each term's score per entry is added to the entry's total, the entries new to this retrieval taking the
        // next slots: MiniSearch's additions in MiniSearch's order.
        const term = byToken[at]!;
        const j = termAt.get(token)!;
        const [word, bit] = [j >>> 5, 1 << (j & 31)];
        const termDocs = term.docs;
        const termScores = term.scores;
        for (let f = 0; f < termDocs.length; f++) {
          const doc = termDocs[f]!;
          if (outside && rareIn[doc] !== retrieval) continue;
          let slot: number;
          if (foundIn[doc] === retrieval) {
            slot = slotOf[doc]!;
            scores[slot]! += termScores[f]!;
          } else {
            if (size === docs.length) {
              const grown = Math.min(n, docs.length * 2);
              docs = grownTo(docs, grown);
              scores = grownTo(scores, grown);
              bits = grownTo(bits, grown * words);
            }
            slot = size++;
            foundIn[doc] = retrieval;
            slotOf[doc] = slot;
            docs[slot] = doc;
            scores[slot] = termScores[f]!;
            // Cleared word by word: a call to fill per new entry cost more than the clearing.
            for (let w = slot * words; w < slot * words + words; w++) bits[w] = 0;
          }
          bits[slot * words + word]! |= bit;
        }
      }
      // MiniSearch's quality: the score times how many of the query's terms the entry holds.
      for (let slot = 0; slot < size; slot++) {
        let held = 0;
        for (let w = 0; w < words; w++) held += bitCount(bits[slot * words + w]!);
        scores[slot]! *= held || 1;
      }
      const held = bits;
      return {
        size,
        docs: docs.subarray(0, size),
        scores: scores.subarray(0, size),
        held,
        words,
        mask,
        ...(outside ? { outside: { score: outside.score, mask: mask(outside.common) } } : {}),
        holdsAny(i, mask) {
          for (let w = 0; w < words; w++) if ((held[i * words + w]! & mask[w]!) !== 0) return true;
          return false;
        },
      };
    },
  };
}

/**
 * Which terms are rare enough to retrieve by (options.rareBelow), and the highest text score an entry holding only the
 * others can have: each common term's best score summed in the order of the tokens (a sum of smaller or fewer
 * non-negative numbers in the same order is never larger, rounding included), times how many distinct terms they are.
 * Undefined when nothing is to be left out: no threshold, no rare or no common term, or too few rare postings.
 */
function leaveOut(
  distinct: readonly string[],
  byToken: readonly TermScores[],
  tokens: readonly string[],
  options: RetrieveOptions,
): { rare: string[]; common: string[]; score: number } | undefined {
  const { rareBelow, rareAtLeast = 0 } = options;
  if (rareBelow === undefined) return undefined;
  const scoresOf = (t: string) => byToken[tokens.indexOf(t)]!;
  const rare = distinct.filter((t) => scoresOf(t).docs.length < rareBelow);
  const common = distinct.filter((t) => scoresOf(t).docs.length >= rareBelow);
  if (rare.length === 0 || common.length === 0) return undefined;
  if (rare.reduce((s, t) => s + scoresOf(t).docs.length, 0) < rareAtLeast) return undefined;
  const isCommon = new Set(common);
  let score = 0;
  tokens.forEach((t, n) => {
    if (isCommon.has(t)) score += byToken[n]!.max;
  });
  return { rare, common, score: score * common.length };
}

/** The array with room for `length` (kept as it is when it has: the bits may be longer, from a retrieval of more terms). */
function grownTo<T extends Int32Array | Float64Array | Uint32Array>(array: T, length: number): T {
  if (array.length >= length) return array;
  const grown = new (array.constructor as new (length: number) => T)(length);
  grown.set(array);
  return grown;
}

function bitCount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}
