// The stats page's timeline of commitments: dated commitments counted per month of their due date, by ledger status.
import { describe, expect, it } from 'vitest';
import { followUps } from '../../src/commitments/follow-up.js';
import { loadCommitments } from '../../src/commitments/load.js';
import { timelineOf } from '../../src/logs/stats-page/model.js';

const all = loadCommitments();
const threeYears = all.find((c) => c.text.includes('争取用三年时间'))!;

describe('timelineOf', () => {
  it('puts the three-year commitment in its month as overdue and unrecorded, then done once the ledger says so', () => {
    const before = timelineOf(followUps(all, {}, '2026-10-01'));
    const month = before.find((m) => m.month === '2026-09')!;
    expect(month).toMatchObject({ unrecorded: 1, done: 0, overdue: 1 });
    const after = timelineOf(followUps(all, { [threeYears.key]: { status: 'done' } }, '2026-10-01'));
    expect(after.find((m) => m.month === '2026-09')).toMatchObject({ unrecorded: 0, done: 1, overdue: 0 });
  });

  it('counts every dated commitment once, months oldest first, and leaves the undated out', () => {
    const timeline = timelineOf(followUps(all, {}, '2026-10-01'));
    const counted = timeline.reduce((n, m) => n + m.open + m['in-progress'] + m.done + m.dropped + m.unrecorded, 0);
    const dated = followUps(all, {}, '2026-10-01').filter((f) => f.due !== null).length;
    expect(counted).toBe(dated);
    expect(timeline.map((m) => m.month)).toEqual([...timeline.map((m) => m.month)].sort());
  });
});
