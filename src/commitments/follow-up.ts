// Following up: each commitment with its ledger status and effective due date on a given day; what is due; a ledger lookup.
import { IsoDateSchema } from '../hearing/model.js';
import { findCues } from './cues.js';
import type { Ledger, LedgerEntry, Status } from './ledger.js';
import type { Commitment } from './model.js';

/** One commitment as staff follow it up on `today`. */
export interface FollowUp {
  commitment: Commitment;
  /** The due date that counts: the ledger's correction, else the text's; for a recurring one the next occurrence. */
  due: string | null;
  recurring: boolean;
  /** Whether `due` is the ledger's correction rather than the text's reading. */
  corrected: boolean;
  /** null: the ledger has no entry for it yet. */
  status: Status | null;
  /** Due before today and neither done nor dropped. */
  overdue: boolean;
  entry: LedgerEntry | null;
}

/** How far ahead the due list looks. */
export const DUE_HORIZON_DAYS = 90;

/**
 * Every commitment with its ledger entry, in transcript order. A recurring commitment (每年) is due at the first of its
 * year ends on or after today, so it comes round again each year and is never overdue; `done` or `dropped` on it ends
 * the series. A ledger correction replaces the (first) due date.
 * @example followUps(commitments, {}, '2026-10-01').find((f) => f.commitment.timeFrames.includes('三年'))?.overdue // true
 */
export function followUps(commitments: readonly Commitment[], ledger: Ledger, today: string): FollowUp[] {
  return commitments.map((commitment) => {
    const entry = ledger[commitment.key] ?? null;
    const first = entry?.due ?? commitment.dueFromText.date;
    const recurring = commitment.dueFromText.recurring;
    const due = first !== null && recurring ? nextYearly(first, today) : first;
    const status = entry?.status ?? null;
    const finished = status === 'done' || status === 'dropped';
    return {
      commitment,
      due,
      recurring,
      corrected: entry?.due !== undefined,
      status,
      overdue: due !== null && due < today && !finished,
      entry,
    };
  });
}

/**
 * What a `/due` reply and the reminders list: commitments neither done nor dropped that are overdue or fall due within
 * {@link DUE_HORIZON_DAYS} days of today, oldest due date first (transcript order among equals).
 * @example dueList(commitments, {}, '2026-10-01')[0].commitment.text // '争取用三年时间在总量上实现较大增长'
 */
export function dueList(
  commitments: readonly Commitment[],
  ledger: Ledger,
  today: string,
  horizonDays = DUE_HORIZON_DAYS,
): FollowUp[] {
  const until = addDays(today, horizonDays);
  return followUps(commitments, ledger, today)
    .map((f, order) => ({ f, order }))
    .filter(({ f }) => f.due !== null && f.due <= until && f.status !== 'done' && f.status !== 'dropped')
    .sort((a, b) => a.f.due!.localeCompare(b.f.due!) || a.order - b.order)
    .map(({ f }) => f);
}

/**
 * The commitments of one body that a question about progress names (「经开区三年目标完成了吗」 → the 三年 one): those
 * sharing a time frame or a number with the message come first, then those sharing the most two-character words; none
 * when nothing is shared. The caller resolves the body (经开区 → 经开区管委会) and says so when the result is empty.
 * @example ledgerLookup(followUps(all, ledger, today), '经开区管委会', '经开区三年目标完成了吗')[0].status // null: no status yet
 */
export function ledgerLookup(items: readonly FollowUp[], body: string, message: string): FollowUp[] {
  const asked = new Set(
    findCues(message)
      .filter((c) => c.kind !== 'verb')
      .map((c) => c.text),
  );
  const words = bigrams(message);
  const scored = items
    .filter((f) => f.commitment.body === body)
    .map((f) => {
      const cues = f.commitment.cues.filter((c) => asked.has(c.text)).length;
      const shared = [...bigrams(f.commitment.text)].filter((w) => words.has(w)).length;
      return { f, score: cues * 100 + shared };
    })
    .filter(({ score }) => score > 0);
  const best = Math.max(0, ...scored.map(({ score }) => score));
  return scored.filter(({ score }) => score === best).map(({ f }) => f);
}

/**
 * Status as the chat and the pages say it, plainly saying when nothing is recorded.
 * @example statusLabel(null) // '台账尚未登记进展'
 */
export function statusLabel(status: Status | null): string {
  return status === null ? '台账尚未登记进展' : STATUS_LABELS[status];
}

export const STATUS_LABELS: Record<Status, string> = {
  open: '未开始',
  'in-progress': '推进中',
  done: '已完成',
  dropped: '已撤销',
};

/**
 * Today as an ISO date: `HEARING_TODAY` when set (tests and staff checking a future day), else the machine's local date.
 * Throws one line when `HEARING_TODAY` is not a date.
 * @example todayOf({ HEARING_TODAY: '2026-10-01' }) // '2026-10-01'
 */
export function todayOf(env: NodeJS.ProcessEnv = process.env, now: Date = new Date()): string {
  const set = env.HEARING_TODAY?.trim();
  if (set) {
    const parsed = IsoDateSchema.safeParse(set);
    if (!parsed.success) throw new Error(`HEARING_TODAY=${JSON.stringify(set)}: ${parsed.error.issues[0]!.message}`);
    return parsed.data;
  }
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** @example addDays('2026-10-01', 90) // '2026-12-30' */
export function addDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The first yearly occurrence of `first` (same month and day) on or after `today`; `first` itself before it comes. */
function nextYearly(first: string, today: string): string {
  if (first >= today) return first;
  const monthDay = first.slice(4);
  const year = Number(today.slice(0, 4));
  const thisYear = `${year}${monthDay}`;
  return thisYear >= today ? thisYear : `${year + 1}${monthDay}`;
}

function bigrams(text: string): Set<string> {
  const han = text.replace(/[^\p{Script=Han}\d]/gu, ' ');
  const out = new Set<string>();
  for (const run of han.split(' '))
    for (let i = 0; i + 2 <= run.length; i++) if (!STOP_BIGRAMS.has(run.slice(i, i + 2))) out.add(run.slice(i, i + 2));
  return out;
}

/** Words of a progress question that say nothing about which commitment: 完成了吗, 目标, 怎么样, 进展. */
const STOP_BIGRAMS = new Set(['完成', '成了', '目标', '怎么', '么样', '进展', '情况', '落实', '实现', '了吗']);
const DAY_MS = 86_400_000;
