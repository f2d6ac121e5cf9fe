// The follow-up ledger: promises set, what is due on a given day, the ledger lookup, malformed files, concurrent edits.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dueList, followUps, ledgerLookup, statusLabel } from '../../src/commitments/follow-up.js';
import { readLedger } from '../../src/commitments/ledger.js';
import { loadCommitments } from '../../src/commitments/load.js';
import { PROJECT_ROOT } from '../../src/paths.js';
import { cli } from './helpers.js';

const all = loadCommitments();
const THREE_YEARS = '争取用三年时间在总量上实现较大增长';
const threeYears = all.find((c) => c.text === THREE_YEARS)!;
const temp = mkdtempSync(join(tmpdir(), 'ledger-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

let file = '';
let n = 0;
beforeEach(() => {
  file = join(temp, `ledger-${n++}.json`);
  process.env.HEARING_LEDGER_FILE = file;
  process.env.HEARING_TODAY = '2026-10-01';
});
afterEach(() => {
  delete process.env.HEARING_LEDGER_FILE;
  delete process.env.HEARING_TODAY;
});

type Row = {
  key: string;
  text: string;
  due: string | null;
  recurring: boolean;
  status: string | null;
  overdue: boolean;
};
const json = async (...args: string[]) => {
  const run = await cli(['promises', ...args, '--json']);
  expect(run.stderr).toBe('');
  return JSON.parse(run.stdout).commitments as Row[];
};

describe('what is due on 2026-10-01', () => {
  it('the three-year commitment (2023-09-13 + 3 years) is overdue and first; done takes it off the list', () => {
    const due = dueList(all, {}, '2026-10-01');
    expect(due[0]!.commitment.text).toBe(THREE_YEARS);
    expect(due[0]).toMatchObject({ due: '2026-09-13', overdue: true, status: null });
    const done = dueList(all, { [threeYears.key]: { status: 'done' } }, '2026-10-01');
    expect(done.map((f) => f.commitment.text)).not.toContain(THREE_YEARS);
  });

  it("lists yearly commitments at this year's end once within 90 days, oldest first, never what falls due later", () => {
    // On 1 October the year's end is 91 days away: not yet.
    expect(dueList(all, {}, '2026-10-01').map((f) => f.due)).toEqual(['2026-09-13']);
    const due = dueList(all, {}, '2026-10-05');
    expect(due.map((f) => f.due)).toEqual(['2026-09-13', '2026-12-31', '2026-12-31']);
    expect(due.slice(1).every((f) => f.recurring && !f.overdue)).toBe(true);
    // In June the year's end is more than 90 days away and the three-year goal not yet due: nothing.
    expect(dueList(all, {}, '2026-06-01')).toEqual([]);
  });

  it("a corrected due date replaces the text's; dropped is not overdue", () => {
    const moved = followUps(all, { [threeYears.key]: { status: 'in-progress', due: '2027-06-30' } }, '2026-10-01');
    expect(moved.find((f) => f.commitment.key === threeYears.key)).toMatchObject({
      due: '2027-06-30',
      corrected: true,
      overdue: false,
    });
    const dropped = followUps(all, { [threeYears.key]: { status: 'dropped' } }, '2026-10-01');
    expect(dropped.find((f) => f.commitment.key === threeYears.key)!.overdue).toBe(false);
  });
});

describe('「经开区三年目标完成了吗」: the ledger lookup', () => {
  it('finds the three-year commitment, and says plainly that the ledger has no status yet', () => {
    const found = ledgerLookup(followUps(all, {}, '2026-10-01'), '经开区管委会', '经开区三年目标完成了吗');
    expect(found.map((f) => f.commitment.text)).toEqual([THREE_YEARS]);
    expect(statusLabel(found[0]!.status)).toBe('台账尚未登记进展');
  });

  it('with a status recorded: the status, note and source', () => {
    const ledger = {
      [threeYears.key]: { status: 'done' as const, note: '总量增长42%', source: 'https://example.org/report' },
    };
    const [found] = ledgerLookup(followUps(all, ledger, '2026-10-01'), '经开区管委会', '经开区三年目标完成了吗');
    expect(found).toMatchObject({
      status: 'done',
      entry: { note: '总量增长42%', source: 'https://example.org/report' },
    });
    expect(statusLabel(found!.status)).toBe('已完成');
  });

  it('finds nothing for a body that promised nothing of the kind', () => {
    expect(ledgerLookup(followUps(all, {}, '2026-10-01'), '市统计局', '统计局三年目标完成了吗')).toEqual([]);
    expect(ledgerLookup(followUps(all, {}, '2026-10-01'), '经开区管委会', '天气怎么样')).toEqual([]);
  });
});

describe('promises set and promises --json', () => {
  it('shows due, recurring, status and overdue; set done clears overdue and is written to the file', async () => {
    const before = (await json()).find((c) => c.key === threeYears.key)!;
    expect(before).toMatchObject({ due: '2026-09-13', recurring: false, status: null, overdue: true });
    const run = await cli([
      'promises',
      'set',
      threeYears.key,
      'done',
      '--note',
      '已实现',
      '--source',
      'https://example.org/r',
    ]);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toContain(`「${THREE_YEARS}」: done (已完成)`);
    const after = (await json()).find((c) => c.key === threeYears.key)!;
    expect(after).toMatchObject({ status: 'done', overdue: false });
    expect(readLedger(file)[threeYears.key]).toEqual({
      status: 'done',
      note: '已实现',
      source: 'https://example.org/r',
      updated: '2026-10-01',
    });
  });

  it("a corrected due date shows in the body's list", async () => {
    expect((await cli(['promises', 'set', threeYears.key, 'in-progress', '--due', '2027-03-31'])).code).toBe(0);
    const run = await cli(['promises', '经开区']);
    expect(run.stdout).toContain(
      `${threeYears.key}\t樊志宏委员\t「${THREE_YEARS}」\tverb 争取, time 三年\tdue 2027-03-31\tin-progress`,
    );
  });

  it.each([
    [['set'], /usage: promises/],
    [['set', 'q5-000000', 'done'], /no commitment "q5-000000"; q5 has q5-/],
    [['set', 'x', 'done'], /no commitment "x"/],
    [
      ['set', '{key}', 'finished'],
      /status: Invalid enum value. Expected 'open' \| 'in-progress' \| 'done' \| 'dropped'/,
    ],
    [['set', '{key}', 'done', '--due', '2026-02-30'], /due: no such day/],
    [['set', '{key}', 'done', '--due'], /--due needs a value/],
    [['set', '{key}', 'done', '--source', 'javascript:alert(1)'], /source: /],
    [['set', '{key}', 'done', '--colour', 'red'], /usage: promises/],
  ])('promises %j: exit 2 and one clear message, the file untouched', async (args, message) => {
    const run = await cli(['promises', ...args.map((a) => a.replace('{key}', threeYears.key))]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(readLedger(file)).toEqual({});
  });

  it.each([
    ['not JSON', '{"q5-4f251a": ', /cannot read it as JSON/],
    ['an unknown status', '{"q5-4f251a": {"status": "finished"}}', /: q5-4f251a\.status: Invalid enum value/],
    ['a bad id', '{"经开区": {"status": "done"}}', /expected an id such as q5-1a2b3c/],
  ])('a ledger file with %s: one line naming the file, exit 1', async (_, content, message) => {
    writeFileSync(file, content);
    const run = await cli(['promises', '--json']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toContain(`ledger ${file}`);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('ten concurrent promises set, ten processes, keep ten edits', async () => {
    const ten = all.slice(0, 10);
    const cliJs = join(PROJECT_ROOT, 'dist', 'src', 'cli.js');
    const runs = ten.map(
      (c, i) =>
        new Promise<{ code: number | null; stderr: string }>((resolve) => {
          const child = spawn(
            process.execPath,
            [cliJs, 'promises', 'set', c.key, 'in-progress', '--note', `第${i}条`],
            {
              env: { ...process.env, HEARING_LEDGER_FILE: file, HEARING_TODAY: '2026-10-01' },
              stdio: ['ignore', 'ignore', 'pipe'],
            },
          );
          let stderr = '';
          child.stderr.on('data', (d) => (stderr += d));
          child.on('close', (code) => resolve({ code, stderr }));
        }),
    );
    expect(await Promise.all(runs)).toEqual(ten.map(() => ({ code: 0, stderr: '' })));
    const ledger = JSON.parse(readFileSync(file, 'utf8'));
    expect(Object.keys(ledger).sort()).toEqual(ten.map((c) => c.key).sort());
    ten.forEach((c, i) => expect(ledger[c.key]).toMatchObject({ status: 'in-progress', note: `第${i}条` }));
  });
});

describe('the due list as text', () => {
  it('keeps to the byte limit by leaving out the last items and saying how many', async () => {
    const { dueListText } = await import('../../src/commitments/due-text.js');
    const due = dueList(all, {}, '2026-12-20');
    expect(due).toHaveLength(3);
    const full = dueListText(due, '2026-12-20', 4096);
    expect(full).toContain('承诺3条');
    const short = dueListText(due, '2026-12-20', 600);
    expect(Buffer.byteLength(short)).toBeLessThanOrEqual(600);
    expect(short).toContain(`「${THREE_YEARS}」`);
    expect(short).toMatch(/……另有\d条，见 npm run -s cli -- promises --json/);
    expect(dueListText([], '2026-06-01', 4096)).toBe('督办提醒（2026-06-01）：没有已到期或90天内到期的承诺。');
  });
});
