// What the staff statistics page shows, as data: the figures, every item with how often it was shown, the topics.
import type { FollowUp } from '../../commitments/follow-up.js';
import type { ItemFacts } from '../items.js';
import type { AnswerStats } from '../stats.js';
import type { MissTopic } from '../topics.js';

export interface StatsPageData {
  /** The page's heading: the hearing's title, or how many hearings. */
  title: string;
  /** When the page was made (ISO time). */
  made: string;
  stats: AnswerStats;
  /** Every item of the loaded hearings in transcript order, with the answers that showed it (the heat strip). */
  heat: { id: string; body: string; question: string; count: number }[];
  topics: MissTopic[];
  /** Misses read, for the topics' heading. */
  misses: number;
  /** The commitments with a due date, by the month they fall due and their status in the ledger (the timeline). */
  timeline: TimelineMonth[];
}

/** One month of the commitments' timeline: how many fall due then, by status (`unrecorded`: nothing in the ledger). */
export interface TimelineMonth {
  month: string;
  open: number;
  'in-progress': number;
  done: number;
  dropped: number;
  unrecorded: number;
  overdue: number;
}

/**
 * The page's data from the figures and the items of the loaded hearings.
 * @example statsPageData({ title, stats, facts: itemFacts(engine), topics, misses: all.length, now: new Date() })
 */
export function statsPageData(parts: {
  title: string;
  stats: AnswerStats;
  facts: ReadonlyMap<string, ItemFacts>;
  topics: MissTopic[];
  misses: number;
  now: Date;
  /** Each commitment with its due date and ledger status (`followUps()`); none: no timeline. */
  followUps?: readonly FollowUp[];
}): StatsPageData {
  const shown = new Map(parts.stats.items.map((item) => [item.id, item.count]));
  const heat = [...parts.facts.values()]
    .sort((a, b) => a.order - b.order)
    .map((item) => ({ id: item.id, body: item.body, question: item.question, count: shown.get(item.id) ?? 0 }));
  return {
    title: parts.title,
    made: parts.now.toISOString(),
    stats: parts.stats,
    heat,
    topics: parts.topics.slice(0, TOPICS_SHOWN),
    misses: parts.misses,
    timeline: timelineOf(parts.followUps ?? []),
  };
}

/** The dated commitments counted per month of their due date, oldest first. */
export function timelineOf(followUps: readonly FollowUp[]): TimelineMonth[] {
  const months = new Map<string, TimelineMonth>();
  for (const f of followUps) {
    if (f.due === null) continue;
    const month = f.due.slice(0, 7);
    const row = months.get(month) ?? {
      month,
      open: 0,
      'in-progress': 0,
      done: 0,
      dropped: 0,
      unrecorded: 0,
      overdue: 0,
    };
    row[f.status ?? 'unrecorded']++;
    if (f.overdue) row.overdue++;
    months.set(month, row);
  }
  return [...months.values()].sort((a, b) => a.month.localeCompare(b.month));
}

/** The page lists this many topics; `cli misses --topics --json` has them all. */
const TOPICS_SHOWN = 30;
