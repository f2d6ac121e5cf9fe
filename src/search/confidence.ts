// How sure the engine is of an entry: an answer, a guess (「你是不是想问」) or nothing, from coverage, evidence and margin.
import type { Entry } from '../hearing/model.js';

/** How sure the engine is of a hit: `answer` is shown as the reply; `guess` only as 「你是不是想问」. */
export type MatchTier = 'answer' | 'guess';

/** One entry that answers the question (`match: 'answer'`) or may be what was meant (`match: 'guess'`). */
export interface SearchHit {
  entry: Entry;
  match: MatchTier;
  /** Relevance, higher is better; comparable only within one search. */
  score: number;
  /** Share (0..1) of what the question (or the sentence or clause that found it) says, by weight, that it matches. */
  coverage: number;
}

/** One entry matching a reading of the message (the whole, a sentence or a clause), with what speaks for it. */
export interface Candidate {
  entry: Entry;
  score: number;
  /** Share (0..1) of the reading's weight the entry matches. */
  coverage: number;
  /** The weight it matches: its shared words and the names it answers to. */
  matched: number;
  /** The reading named only bodies or people, and this is one of their entries. */
  named: boolean;
}

/** What a candidate is judged against besides the other candidates of its reading. */
export interface TierContext {
  /** When the reading is one sentence or clause of a longer message: an entry's coverage of the whole message. */
  wholeCoverage?: (entry: Entry) => number;
  /** The weight of the word that is the reading's topic while the hearing lacks it (see {@link uncoveredTopic}). */
  uncoveredTopic: number;
}

/**
 * The tier of the candidate at `rank` among `ranked` (one reading, best first):
 * - an answer covers half of what the reading says, and a sentence or clause of a longer message also a quarter of
 *   the whole message; or it stands out: strong evidence (two rare words, or one and a name), three times the next
 *   entry's score and a third of the reading, so a long message with a clear topic is answered whatever else it says;
 * - a guess covers a third of the reading with one rare word's evidence, more than any topic the hearing lacks;
 * - anything else is left out.
 */
export function tierOf(
  candidate: Candidate,
  rank: number,
  ranked: readonly Candidate[],
  context: TierContext,
): MatchTier | undefined {
  if (candidate.named) return 'answer';
  const { coverage, matched, score } = candidate;
  const partCoverage = context.wholeCoverage?.(candidate.entry);
  const covers = coverage >= MIN_COVERAGE && (partCoverage === undefined || partCoverage >= MIN_PART_COVERAGE);
  const next = ranked[rank + 1]?.score ?? 0;
  const standsOut =
    rank === 0 && coverage >= MIN_STRONG_COVERAGE && matched >= STRONG_EVIDENCE && score >= CLEAR_MARGIN * next;
  if (covers || standsOut) return 'answer';
  const likely = coverage >= MIN_GUESS_COVERAGE && matched >= MIN_GUESS_EVIDENCE;
  return likely && matched > context.uncoveredTopic ? 'guess' : undefined;
}

/**
 * In a short question, a rare word the hearing lacks is its topic (疫情 in 疫情防控政策): the weight of the weightiest
 * one. In a longer message such words are mostly the writer's story (0).
 */
export function uncoveredTopic(
  groups: readonly { terms: readonly string[]; weight: number; rare?: boolean }[],
): number {
  if (groups.length > SHORT_QUESTION_WORDS) return 0;
  return Math.max(0, ...groups.filter((g) => g.terms.length === 0 && g.rare).map((g) => g.weight));
}

export const hitOf = (candidate: Candidate, match: MatchTier): SearchHit => ({
  entry: candidate.entry,
  match,
  score: round(candidate.score),
  coverage: round(candidate.coverage),
});

const round = (x: number) => Math.round(x * 1000) / 1000;

/** An entry that covers this share of what a question says (by weight) answers it. */
const MIN_COVERAGE = 0.5;
/** A sentence or clause of a longer message answers for the message only if its entry covers this share of it all. */
const MIN_PART_COVERAGE = 0.25;
/** Strong evidence: two rare words of the hearing (~3 each) or one and a name; it must lead the next entry this much. */
const STRONG_EVIDENCE = 5;
const CLEAR_MARGIN = 3;
const MIN_STRONG_COVERAGE = 0.3;
/** A guess covers at least this share of the question and matches at least this much (one rare word). */
const MIN_GUESS_COVERAGE = 0.3;
const MIN_GUESS_EVIDENCE = 2;
/** A question of at most this many words is short: a rare word in it that the hearing lacks is its topic. */
const SHORT_QUESTION_WORDS = 4;
/** Entries below every threshold are not considered at all. */
export const MIN_CANDIDATE_COVERAGE = Math.min(MIN_PART_COVERAGE, MIN_STRONG_COVERAGE, MIN_GUESS_COVERAGE);
/** At most this many guesses are offered. */
export const MAX_GUESSES = 3;
