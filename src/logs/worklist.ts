// The misses worklist for staff: the same question asked in different widths, cases and scripts counted as one.
import type { MissTier } from '../chat/staff-logs.js';
import type { Miss } from './misses.js';

/** One question of the worklist: the misses that read the same after normalisation. */
export interface MissGroup {
  /** The wording first seen. */
  text: string;
  count: number;
  /** The tiers of its misses, worst first: `disliked+none` when it was both. */
  tier: string;
  tiers: Partial<Record<MissTier, number>>;
  first: string;
  last: string;
  /** Answers shown for it (guess, disliked), most recent last. */
  answers: string[];
}

/**
 * The worklist for staff: misses grouped by their wording after `normalise` (the search engine's: Traditional →
 * Simplified, width, case) without spaces and punctuation, most frequent first, then most recent.
 * @example missesWorklist(misses, { normalise: engine.analyser.normalise, tier: 'disliked', limit: 20 })
 */
export function missesWorklist(
  misses: readonly Miss[],
  options: { normalise?: (text: string) => string; tier?: MissTier; limit?: number } = {},
): MissGroup[] {
  const normalise = options.normalise ?? ((s: string) => s.normalize('NFKC').toLowerCase());
  const groups = new Map<string, MissGroup>();
  for (const miss of misses) {
    if (options.tier && miss.tier !== options.tier) continue;
    const key = normalise(miss.text).replace(/[\s\p{P}\p{S}\p{Cc}\p{Cf}]+/gu, '') || miss.text;
    let group = groups.get(key);
    if (!group) {
      group = { text: miss.text, count: 0, tier: '', tiers: {}, first: miss.time, last: miss.time, answers: [] };
      groups.set(key, group);
    }
    group.count++;
    group.tiers[miss.tier] = (group.tiers[miss.tier] ?? 0) + 1;
    if (miss.time < group.first) group.first = miss.time;
    if (miss.time > group.last) group.last = miss.time;
    if (miss.answer && !group.answers.includes(miss.answer)) group.answers.push(miss.answer);
  }
  for (const group of groups.values()) group.tier = TIER_ORDER.filter((t) => group.tiers[t]).join('+');
  return [...groups.values()]
    .sort((a, b) => b.count - a.count || b.last.localeCompare(a.last))
    .slice(0, options.limit ?? Number.POSITIVE_INFINITY);
}

const TIER_ORDER: readonly MissTier[] = ['disliked', 'guess', 'none'];
