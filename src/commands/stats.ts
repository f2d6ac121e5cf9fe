// `stats`: what the public asked and how the bot did, per day and per door, from the answer log (for staff).
import { readAnswers } from '../logs/answers.js';
import { itemFacts } from '../logs/items.js';
import { type AnswerStats, answerStats, type Rates } from '../logs/stats.js';
import type { Command } from './io.js';
import { answerLogPath, staffArgs } from './staff-log.js';

const USAGE = 'usage: stats [--since YYYY-MM-DD] [--until YYYY-MM-DD] [--json]';

export const stats: Command = async (args, io) => {
  const { period, values } = staffArgs(args, { json: 'boolean' }, USAGE);
  const path = answerLogPath(io.stderr, 'stats');
  if (path === null) return 0;
  const figures = answerStats(await readAnswers(path), itemFacts(io.engine()), period);
  io.stdout.write(values.json ? `${JSON.stringify(figures)}\n` : statsText(figures, path));
  return 0;
};

/** The figures as a short report for a terminal. */
export function statsText(s: AnswerStats, path: string): string {
  if (s.totals.replies === 0) return `no replies recorded in ${path}${periodText(s)}\n`;
  const out = [
    `${s.totals.replies} replies, ${s.totals.questions} questions, ${s.first} – ${s.last}${periodText(s)}`,
    `  ${ratesText(s.totals.rates)}`,
    '',
    'per door:',
    ...s.doors.map((d) => `  ${d.door.padEnd(9)} ${String(d.questions).padStart(6)} questions  ${ratesText(d.rates)}`),
    '',
    'per day (questions: answered / guessed / not found / disliked):',
    ...s.days.map((d) => `  ${d.day}  ${d.questions}: ${d.answer} / ${d.guess} / ${d.none} / ${d.disliked}`),
    '',
    'items most asked:',
    ...s.items.slice(0, TOP).map((i) => `  ${String(i.count).padStart(6)}  ${i.id}  ${i.body ?? '?'}`),
    '',
    'bodies most asked about:',
    ...s.bodies.slice(0, TOP).map((b) => `  ${String(b.count).padStart(6)}  ${b.body}`),
    '',
    'themes most asked about:',
    ...s.themes.slice(0, TOP).map((t) => `  ${String(t.count).padStart(6)}  ${t.theme}`),
  ];
  if (s.commitments.length > 0)
    out.push(
      '',
      'commitments asked after:',
      ...s.commitments.map((c) => `  ${String(c.count).padStart(6)}  ${c.body}`),
    );
  if (s.followUps.length > 0)
    out.push('', 'follow-ups used:', ...s.followUps.map((f) => `  ${String(f.count).padStart(6)}  ${f.kind}`));
  return `${out.join('\n')}\n`;
}

function ratesText(r: Rates): string {
  const pct = (n: number) => `${(n * 100).toFixed(1)}%`;
  return `answered ${pct(r.answered)}, guessed ${pct(r.guessed)}, not found ${pct(r.notFound)}, disliked ${pct(r.disliked)}`;
}

function periodText(s: AnswerStats): string {
  return s.since || s.until ? ` (period ${s.since ?? '…'} – ${s.until ?? '…'})` : '';
}

/** Rows shown per ranking in the text report; --json has them all. */
const TOP = 10;
