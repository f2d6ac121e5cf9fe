// Pinned answers in search: index/pins.json read back, and the pinned entry put first for its question.
import { z } from 'zod';
import { RUN_INDEX } from '../errors.js';
import type { Entry } from '../hearing/model.js';
import { indexedTraditional, indexReader } from './index-files.js';
import { createNormaliser, traditionalCharacters } from './normalise.js';

/**
 * What a question is matched by: the engine's normalisation (Traditional → Simplified, full-width → half-width, lower
 * case) with everything but letters and digits left out, so 「經開區汽車，怎麼說？」 is 「经开区汽车怎么说」.
 * The quick-reference page computes the same key in the browser (page-search.ts `pinKey`).
 * @example questionKey(engine.analyser.normalise, 'ＡＩ 怎麼說？') // 'ai怎么说'
 */
export function questionKey(normalise: (text: string) => string, question: string): string {
  return normalise(question).replace(NOT_A_WORD_CHARACTER, '');
}

const NOT_A_WORD_CHARACTER = /[^\p{L}\p{N}]+/gu;

/** index/pins.json: question key → entry ref (`hearing#q5`), keys in code-point order. */
export const PinIndexSchema = z.record(z.string(), z.string());
export type PinIndex = z.infer<typeof PinIndexSchema>;

/**
 * Reads index/pins.json; throws naming the file (run npm run index) when it is missing or malformed.
 * @example readPinIndex(INDEX_DIR) // {} when nothing is pinned
 */
export function readPinIndex(indexDir: string): PinIndex {
  return indexReader(indexDir).json('pins', PinIndexSchema, 'engine');
}

/** A hit as the engine returns it; the pinned one is built from the entry. */
interface Hit {
  entry: Entry;
  score: number;
}

/** The pins of a loaded index, looked up by question. */
export interface PinnedAnswers {
  /** How many questions are pinned. */
  readonly size: number;
  /** The entry pinned to this question (after normalisation), if any. */
  entryFor(question: string): Entry | undefined;
  /**
   * The hits with the pinned entry first, as a confident answer scored above every other hit, and not again below;
   * the hits as they are when the question is not pinned.
   */
  lead<H extends Hit>(question: string, hits: H[], limit: number, hitOf: (entry: Entry, score: number) => H): H[];
}

/**
 * Looks pins up by the key of the question; throws when the index pins an entry the hearings do not have.
 * @example createPinnedAnswers(readPinIndex(INDEX_DIR), (ref) => byRef.get(ref), analyser.normalise)
 */
export function createPinnedAnswers(
  index: PinIndex,
  entryOf: (ref: string) => Entry | undefined,
  normalise: (text: string) => string,
): PinnedAnswers {
  const pinned = new Map<string, Entry>();
  for (const [key, ref] of Object.entries(index)) {
    const entry = entryOf(ref);
    if (entry === undefined)
      throw new Error(`engine: index/pins.json pins ${ref}, which the hearings do not have${RUN_INDEX}`);
    pinned.set(key, entry);
  }
  const entryFor = (question: string) => (pinned.size === 0 ? undefined : pinned.get(questionKey(normalise, question)));
  return {
    size: pinned.size,
    entryFor,
    lead(question, hits, limit, hitOf) {
      const entry = entryFor(question);
      if (entry === undefined) return hits;
      const top = Math.max(0, ...hits.map((h) => h.score));
      const rest = hits.filter((h) => h.entry !== entry);
      return [hitOf(entry, Math.round((top + 1) * 1000) / 1000), ...rest].slice(0, Math.max(limit, 0));
    },
  };
}

/**
 * The engine's normalisation without loading the engine (for `cli pin`, which must work while the index is stale):
 * the Traditional characters come from the index's search.json, or, without an index, are computed (~0.7 s).
 */
export function normaliserOfIndex(indexDir: string): (text: string) => string {
  return createNormaliser(new Set(indexedTraditional(indexDir) ?? traditionalCharacters()));
}
