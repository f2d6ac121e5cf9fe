// Staff's figures from the answer log: totals and rates per day and per door, the items, bodies and themes most asked.
import type { AnswerLine, Tier } from './answers.js';
import type { ItemFacts } from './items.js';
import { dayOf, type Period, within } from './period.js';

/** Counts of replies by tier; `questions` are the replies with a tier (help, hints and the like have none). */
export interface TierCounts {
  replies: number;
  questions: number;
  answer: number;
  guess: number;
  none: number;
  disliked: number;
  liked: number;
}

/** Shares of the questions (0..1, three decimals): answered, only guessed, nothing found, marked wrong. */
export interface Rates {
  answered: number;
  guessed: number;
  notFound: number;
  disliked: number;
}

export interface AnswerStats {
  since: string | null;
  until: string | null;
  /** First and last day with a reply in the period; null when there is none. */
  first: string | null;
  last: string | null;
  totals: TierCounts & { rates: Rates };
  days: (TierCounts & { day: string })[];
  doors: (TierCounts & { door: string; rates: Rates })[];
  /** Items shown in answers, most shown first: each answer counts each item it showed once. */
  items: { id: string; count: number; body: string | null; question: string | null }[];
  /** Bodies whose items were shown in answers: each answer counts each body once. */
  bodies: { body: string; count: number }[];
  themes: { theme: string; count: number }[];
  /** Bodies whose commitments were asked for (/promises, 「有什么承诺」): each reply counts each body once. */
  commitments: { body: string; count: number }[];
  /** Follow-ups used (pick, about, more, commitments, dislike, elliptical). */
  followUps: { kind: string; count: number }[];
}

/**
 * The figures for a period. `facts` says which body and theme each item belongs to (`itemFacts(engine)`); an item the
 * loaded hearings no longer have is counted with a null body.
 * @example answerStats(await readAnswers(path), itemFacts(engine), { since: '2024-05-01' }).totals.rates.answered
 */
export function answerStats(
  lines: readonly AnswerLine[],
  facts: ReadonlyMap<string, ItemFacts>,
  period: Period = {},
): AnswerStats {
  const totals = emptyCounts();
  const days = new Map<string, TierCounts>();
  const doors = new Map<string, TierCounts>();
  const items = new Map<string, number>();
  const bodies = new Map<string, number>();
  const themes = new Map<string, number>();
  const commitments = new Map<string, number>();
  const followUps = new Map<string, number>();
  let first: string | null = null;
  let last: string | null = null;
  for (const line of lines) {
    if (!within(period, line.time)) continue;
    const day = dayOf(line.time);
    if (first === null || day < first) first = day;
    if (last === null || day > last) last = day;
    for (const counts of [totals, getOr(days, day, emptyCounts), getOr(doors, line.door, emptyCounts)])
      add(counts, line.tier);
    if (line.followUp) bump(followUps, line.followUp);
    if (line.reply === 'answer' && line.tier === 'answer') {
      for (const id of line.items) bump(items, id);
      for (const body of distinct(line.items, (id) => facts.get(id)?.body)) bump(bodies, body);
      for (const theme of distinct(line.items, (id) => facts.get(id)?.theme ?? undefined)) bump(themes, theme);
    }
    if (line.reply === 'commitments')
      for (const body of distinct(line.items, (id) => facts.get(id)?.body)) bump(commitments, body);
  }
  return {
    since: period.since ?? null,
    until: period.until ?? null,
    first,
    last,
    totals: { ...totals, rates: ratesOf(totals) },
    days: [...days].sort(([a], [b]) => a.localeCompare(b)).map(([day, counts]) => ({ day, ...counts })),
    doors: [...doors]
      .sort(([a, x], [b, y]) => y.replies - x.replies || a.localeCompare(b))
      .map(([door, counts]) => ({ door, ...counts, rates: ratesOf(counts) })),
    items: ranked(items).map(([id, count]) => ({
      id,
      count,
      body: facts.get(id)?.body ?? null,
      question: facts.get(id)?.question ?? null,
    })),
    bodies: ranked(bodies).map(([body, count]) => ({ body, count })),
    themes: ranked(themes).map(([theme, count]) => ({ theme, count })),
    commitments: ranked(commitments).map(([body, count]) => ({ body, count })),
    followUps: ranked(followUps).map(([kind, count]) => ({ kind, count })),
  };
}

/** Shares of the questions, three decimals; all 0 when there were none. */
export function ratesOf(counts: TierCounts): Rates {
  const share = (n: number) => (counts.questions === 0 ? 0 : Math.round((n / counts.questions) * 1000) / 1000);
  return {
    answered: share(counts.answer),
    guessed: share(counts.guess),
    notFound: share(counts.none),
    disliked: share(counts.disliked),
  };
}

function emptyCounts(): TierCounts {
  return { replies: 0, questions: 0, answer: 0, guess: 0, none: 0, disliked: 0, liked: 0 };
}

function add(counts: TierCounts, tier: Tier | undefined): void {
  counts.replies++;
  if (tier === undefined) return;
  counts.questions++;
  counts[tier]++;
}

function getOr<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) map.set(key, (value = make()));
  return value;
}

function bump(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

function distinct(ids: readonly string[], of: (id: string) => string | undefined): string[] {
  return [...new Set(ids.map(of).filter((v): v is string => v !== undefined))];
}

/** Most first; ties in name order, so the figures are the same on every run. */
function ranked(map: Map<string, number>): [string, number][] {
  return [...map].sort(([a, x], [b, y]) => y - x || a.localeCompare(b));
}
