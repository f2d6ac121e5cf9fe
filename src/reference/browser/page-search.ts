// The page's search: cuts a query into words, looks up the bot's answers for each, ranks the cards as the bot would.
/**
 * A query of one word or name gets exactly the bot's answers for it, which the build stored. A longer query is
 * combined the way the bot combines words: each word weighs more the fewer cards it is in, a card must hold at least
 * half the query by weight, naming a body or person counts 3 and doubles the score of their cards, and words standing
 * side by side in a card as in the query raise its score. A question staff pinned (data/pins.json) gets its card first.
 */
import { createFold, createPinKey, PUNCTUATION } from './fold.js';
import type { NameKind, SearchData } from './page-data.js';
import { createSegmenter, type PageDictionary } from './segment.js';

/** A card the page can show: its question and answer, the text query words are compared with. */
export interface SearchCard {
  text: string;
}

/** A card (by its place in `data.cards`) and how well it matches; higher is better. */
export interface RankedCard {
  card: number;
  score: number;
}

export interface PageSearch {
  /** The matching cards, best first, with the card pinned to this very question first; `[]` when none. */
  rank(query: string): RankedCard[];
  /** The content words of a query, in order: chat phrases, punctuation and generic words left out. */
  queryWords(query: string): string[];
  /** What every text is compared as (fold.ts). */
  fold(text: string): string;
}

/** A word of a longer query that is not a name: the cards the bot answers it with and what it weighs. */
interface WordGroup {
  word: string;
  scores: Map<number, number>;
  weight: number;
}

/**
 * The search over `cards`, given in the order of `data.cards`.
 * @example createPageSearch(data, cards).rank('数据安全')[0] // { card: 1, score: … } (问2)
 */
export function createPageSearch(data: SearchData, cards: readonly SearchCard[]): PageSearch {
  // Maps, not plain objects: a query such as constructor or __proto__ is just an unknown word.
  const dictionary: PageDictionary = new Map(Object.keys(data.words).map((w) => [w, data.words[w]!]));
  const names = new Map<string, NameKind>(Object.keys(data.names).map((w) => [w, data.names[w]!]));
  const pins = new Map<string, number>(Object.keys(data.pins || {}).map((k) => [k, data.pins[k]!]));
  const stop = new Set(data.stopWords);
  const fold = createFold(data);
  const pinKey = createPinKey(fold);
  const segment = createSegmenter(dictionary, data.total, stop);
  const logTotal = Math.log(data.total);
  const cardCount = data.cards.length;
  const texts = cards.map((c) => fold(c.text).replace(/\s+/g, ''));

  function queryWords(query: string): string[] {
    let s = fold(query);
    for (const phrase of data.fillerPhrases) s = s.split(phrase).join(' ');
    const words: string[] = [];
    for (const part of s.split(PUNCTUATION)) if (part) for (const w of segment(part)) if (!stop.has(w)) words.push(w);
    return words;
  }

  /** The bot's answers for a word alone, in the bot's order. */
  function answersFor(word: string): RankedCard[] {
    const entry = dictionary.get(word);
    const answers: RankedCard[] = [];
    if (entry) for (let i = 1; i + 1 < entry.length; i += 2) answers.push({ card: entry[i]!, score: entry[i + 1]! });
    return answers;
  }

  /**
   * How topical a word is in general Chinese, from floor (everyday words: 改革, 提高) to 1 (算力, words the
   * dictionary lacks), read from how often the dictionary has it: a word the hearing does not use weighs less the
   * more everyday it is, so 国有企业改革 still finds the answer on 国有企业.
   */
  function topical(word: string, floor: number): number {
    const entry = dictionary.get(word);
    if (!entry) return 1;
    const rarity = logTotal - Math.log(entry[0]!);
    return Math.min(1, Math.max(floor, (rarity - EVERYDAY_RARITY) / (TOPICAL_RARITY - EVERYDAY_RARITY)));
  }

  /** The ranking, with the card staff pinned to this very question (if any) first, as the bot answers it. */
  function rank(query: string): RankedCard[] {
    const hits = rankWords(query);
    const pinned = pins.get(pinKey(query));
    if (pinned === undefined) return hits;
    const top = hits.length ? hits[0]!.score : 0;
    return [{ card: pinned, score: top + 1 }, ...hits.filter((h) => h.card !== pinned)];
  }

  function rankWords(query: string): RankedCard[] {
    // A phrase the bot was asked as a whole at build time (big data, 汉融通) is answered as the bot answered it.
    const whole = fold(String(query).slice(0, MAX_QUERY)).trim().replace(/\s+/g, ' ');
    if ((dictionary.get(whole)?.length ?? 0) > 1) return answersFor(whole);
    const words = queryWords(String(query).slice(0, MAX_QUERY));
    if (words.length === 1) return answersFor(words[0]!);

    const mentions: Record<NameKind, Set<number>> = { b: new Set(), p: new Set() };
    const mentionKinds = new Set<NameKind>();
    const groups: WordGroup[] = [];
    for (const w of words) {
      const kind = names.get(w);
      if (kind) {
        mentionKinds.add(kind);
        for (const a of answersFor(w)) mentions[kind].add(a.card);
        continue;
      }
      const answers = answersFor(w);
      groups.push({
        word: w,
        scores: new Map(answers.map((a) => [a.card, a.score])),
        weight: answers.length
          ? Math.log(1 + cardCount / answers.length) * topical(w, KNOWN_WORD_FLOOR)
          : w.length < 2
            ? UNKNOWN_CHARACTER_WEIGHT
            : UNKNOWN_WORD_WEIGHT * Math.log(1 + 2 * cardCount) * topical(w, UNKNOWN_WORD_FLOOR),
      });
    }
    const mentioned = (c: number) => mentions.b.has(c) || mentions.p.has(c);
    const all = Array.from({ length: cardCount }, (_, c) => c);
    if (groups.length === 0) {
      const named = all.filter(mentioned);
      return named.map((card, i) => ({ card, score: named.length - i }));
    }

    const total = sum(groups.map((g) => g.weight)) + mentionKinds.size * MENTION_WEIGHT;
    const questionWords = groups.map((g) => g.word);
    const hits: RankedCard[] = [];
    for (const c of all) {
      const found = groups.filter((g) => g.scores.has(c));
      if (found.length === 0 && !mentioned(c)) continue;
      const text = texts[c]!;
      const matched = groups.filter((g) => g.scores.has(c) || text.includes(g.word));
      const mentionCovered = (mentions.b.has(c) ? 1 : 0) + (mentions.p.has(c) ? 1 : 0);
      const coverage = (sum(matched.map((g) => g.weight)) + mentionCovered * MENTION_WEIGHT) / total;
      if (coverage < MIN_COVERAGE) continue;
      const runs = literalRuns(questionWords, text);
      const evidence = mentionCovered > 0 || matched.some((g) => g.word.length > 1) || runs.longest >= 3;
      if (!evidence) continue;
      const base = sum(found.map((g) => g.scores.get(c)!)) * Math.max(1, found.length + mentionCovered);
      const together = 1 + (TOGETHER_BONUS * runs.pairs) / Math.max(1, groups.length - 1);
      hits.push({ card: c, score: (base || 1) * coverage * together * (mentioned(c) ? MENTION_FACTOR : 1) });
    }
    return hits.sort((a, b) => b.score - a.score || a.card - b.card);
  }

  return { rank, queryWords, fold };
}

/**
 * How many adjacent query words stand together in the text, and the longest such run in characters.
 * @example literalRuns(['数据', '安全'], '保障数据安全') // { pairs: 1, longest: 4 }
 */
export function literalRuns(words: readonly string[], text: string): { pairs: number; longest: number } {
  let pairs = 0;
  let longest = 0;
  let run = '';
  for (const w of words) {
    if (run && text.includes(run + w)) {
      pairs++;
      run += w;
    } else run = text.includes(w) ? w : '';
    longest = Math.max(longest, run.length);
  }
  return { pairs, longest };
}

const sum = (values: readonly number[]) => values.reduce((s, v) => s + v, 0);

// The bot's weights (search/engine.ts); the agreement tests (tests/reference/page-search.test.ts) hold them together.
const MAX_QUERY = 200;
const MIN_COVERAGE = 0.5;
const MENTION_WEIGHT = 3;
const MENTION_FACTOR = 2;
const TOGETHER_BONUS = 3;
const UNKNOWN_CHARACTER_WEIGHT = 1.5;
const UNKNOWN_WORD_WEIGHT = 1.5;
const KNOWN_WORD_FLOOR = 0.6;
const UNKNOWN_WORD_FLOOR = 0.15;
/** Rarity (log of total over frequency) of an everyday word, and of a word topical enough to weigh fully. */
const EVERYDAY_RARITY = 7;
const TOPICAL_RARITY = 10;
