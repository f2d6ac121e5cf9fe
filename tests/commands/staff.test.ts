// `cli stats`, `export` and `misses --topics` over a generated month of replies: every figure counted another way.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../src/cli.js';
import { itemFacts } from '../../src/logs/items.js';
import type { AnswerStats } from '../../src/logs/stats.js';
import { generatedAnswers, writeLog } from '../logs/generated-log.js';
import { sharedEngine } from '../search/helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'staff-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const answersFile = join(dir, 'answers.jsonl');
const missesFile = join(dir, 'misses.jsonl');
const facts = itemFacts(sharedEngine());
const lines = generatedAnswers([...facts.keys()]);
writeLog(answersFile, lines);
beforeEach(() => {
  vi.stubEnv('HEARING_LOG_FILE', answersFile);
  vi.stubEnv('HEARING_MISSES_FILE', missesFile);
});

const run = async (argv: string[]) => {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  let err = '';
  stdout.on('data', (d) => out.push(Buffer.from(d)));
  stderr.on('data', (d) => (err += d));
  const code = await runCli(argv, { stdin: new PassThrough(), stdout, stderr, engine: sharedEngine });
  return { code, out: Buffer.concat(out).toString('utf8'), err };
};

type Row = Record<string, string>;
/** The export read back by a CSV parser: the other way every figure is counted. */
const exported = async (args: string[] = []): Promise<Row[]> => {
  const { code, out } = await run(['export', ...args]);
  expect(code).toBe(0);
  expect(out.startsWith('\uFEFF')).toBe(true); // the BOM Excel needs to read UTF-8
  return parse(out, { bom: true, columns: true }) as Row[];
};
const count = <T>(rows: readonly T[], test: (row: T) => boolean) => rows.filter(test).length;
const tally = (values: string[]) => {
  const map = new Map<string, number>();
  for (const v of values) map.set(v, (map.get(v) ?? 0) + 1);
  return map;
};

describe('export', () => {
  it('gives one quoted CSV row per reply, read back whole by csv-parse (commas, quotes, line breaks kept)', async () => {
    const tricky = join(dir, 'tricky.jsonl');
    const text = '他说："数据,安全"\n第二行';
    writeLog(tricky, [{ time: '2024-05-02T01:00:00.000Z', door: 'http', chat: 'private', reply: 'none', text }]);
    vi.stubEnv('HEARING_LOG_FILE', tricky);
    const { out } = await run(['export', '--format', 'csv']);
    expect(out.split('\r\n')[0]).toBe(
      '\uFEFF"time","day","door","chat","reply","tier","items","hearing","source","followUp","text"',
    );
    expect(parse(out, { bom: true, columns: true })).toEqual([expect.objectContaining({ text, day: '2024-05-02' })]);
  });

  it('keeps every reply of the log, and --since/--until keep the days asked for (UTC+8 days)', async () => {
    expect(await exported()).toHaveLength(lines.length);
    const week = await exported(['--since', '2024-05-08', '--until', '2024-05-14']);
    expect(week.length).toBeGreaterThan(0);
    expect(week.every((r) => r.day! >= '2024-05-08' && r.day! <= '2024-05-14')).toBe(true);
    const all = await exported();
    expect(week).toHaveLength(count(all, (r) => r.day! >= '2024-05-08' && r.day! <= '2024-05-14'));
  });

  it('--format jsonl gives the lines themselves', async () => {
    const { out } = await run(['export', '--format', 'jsonl', '--until', '2024-05-03']);
    const read = out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(read.length).toBeGreaterThan(10);
    expect(read[0]).toEqual(lines[0]);
  });

  it.each([[['--format', 'xlsx']], [['--since', 'yesterday']], [['--until']], [['--colour']]])(
    'refuses %j with the usage',
    async (args) => {
      const { code, err } = await run(['export', ...args]);
      expect(code).toBe(2);
      expect(err).toMatch(/usage: export/);
    },
  );
});

describe('stats --json', () => {
  it('every figure agrees with a count over the exported CSV', async () => {
    const { code, out } = await run(['stats', '--json']);
    expect(code).toBe(0);
    const s = JSON.parse(out) as AnswerStats;
    const rows = await exported();
    const questions = rows.filter((r) => r.tier !== '');
    const tiers = (of: Row[]) => ({
      replies: of.length,
      questions: count(of, (r) => r.tier !== ''),
      answer: count(of, (r) => r.tier === 'answer'),
      guess: count(of, (r) => r.tier === 'guess'),
      none: count(of, (r) => r.tier === 'none'),
      disliked: count(of, (r) => r.tier === 'disliked'),
      liked: count(of, (r) => r.tier === 'liked'),
    });
    const rates = (of: Row[]) => {
      const q = count(of, (r) => r.tier !== '');
      const share = (tier: string) => Math.round((count(of, (r) => r.tier === tier) / q) * 1000) / 1000;
      return {
        answered: share('answer'),
        guessed: share('guess'),
        notFound: share('none'),
        disliked: share('disliked'),
      };
    };
    expect(s.totals).toEqual({ ...tiers(rows), rates: rates(rows) });
    expect(questions.length).toBeGreaterThan(2000);

    const days = [...new Set(rows.map((r) => r.day!))].sort();
    expect(days).toHaveLength(31);
    expect([s.first, s.last]).toEqual(['2024-05-01', '2024-05-31']);
    expect(s.days).toEqual(days.map((day) => ({ day, ...tiers(rows.filter((r) => r.day === day)) })));

    const doors = [...new Set(rows.map((r) => r.door!))];
    expect(doors).toHaveLength(5);
    expect(new Map(s.doors.map((d) => [d.door, d]))).toEqual(
      new Map(
        doors.map((door) => [
          door,
          { door, ...tiers(rows.filter((r) => r.door === door)), rates: rates(rows.filter((r) => r.door === door)) },
        ]),
      ),
    );

    const answers = rows.filter((r) => r.reply === 'answer' && r.tier === 'answer');
    const items = tally(answers.flatMap((r) => r.items!.split(' ')));
    expect(new Map(s.items.map((i) => [i.id, i.count]))).toEqual(items);
    expect(s.items[0]!.count).toBe(Math.max(...items.values()));
    expect(s.items.every((i) => i.body === facts.get(i.id)!.body)).toBe(true);
    const bodiesOf = (r: Row) => [...new Set(r.items!.split(' ').map((id) => facts.get(id)!.body))];
    expect(new Map(s.bodies.map((b) => [b.body, b.count]))).toEqual(tally(answers.flatMap(bodiesOf)));
    const themesOf = (r: Row) => [
      ...new Set(r.items!.split(' ').flatMap((id) => (facts.get(id)!.theme ? [facts.get(id)!.theme!] : []))),
    ];
    expect(new Map(s.themes.map((t) => [t.theme, t.count]))).toEqual(tally(answers.flatMap(themesOf)));
    expect(new Map(s.commitments.map((c) => [c.body, c.count]))).toEqual(
      tally(rows.filter((r) => r.reply === 'commitments').flatMap(bodiesOf)),
    );
    expect(new Map(s.followUps.map((f) => [f.kind, f.count]))).toEqual(
      tally(rows.filter((r) => r.followUp !== '').map((r) => r.followUp!)),
    );
  });

  it('--since/--until count only those days', async () => {
    const s = JSON.parse((await run(['stats', '--json', '--since', '2024-05-10', '--until', '2024-05-12'])).out);
    const rows = await exported(['--since', '2024-05-10', '--until', '2024-05-12']);
    expect(s.totals.replies).toBe(rows.length);
    expect(s.days.map((d: { day: string }) => d.day)).toEqual(['2024-05-10', '2024-05-11', '2024-05-12']);
  });

  it('the text report leads with the totals and rates; an empty or switched-off log says so', async () => {
    const { out } = await run(['stats']);
    expect(out.split('\n')[0]).toBe(
      `${lines.length} replies, ${count(lines, (l) => l.tier !== undefined)} questions, 2024-05-01 – 2024-05-31`,
    );
    expect(out).toMatch(/per door:\n {2}\S+ +\d+ questions {2}answered \d+\.\d%/);
    vi.stubEnv('HEARING_LOG_FILE', join(dir, 'none.jsonl'));
    expect((await run(['stats'])).out).toMatch(/^no replies recorded in /);
    vi.stubEnv('HEARING_LOG_FILE', 'off');
    expect(await run(['stats'])).toMatchObject({ code: 0, out: '', err: expect.stringMatching(/switched off/) });
  });
});

describe('misses --topics', () => {
  // A known set: three subjects nobody asked the hearing about, in Simplified and Traditional and with synonyms,
  // plus questions that share nothing with any other.
  const MISSES: [string, string][] = [
    ['2024-05-01', '停车位太少怎么办'],
    ['2024-05-03', '停車場收費太貴'],
    ['2024-05-09', '小区停车难有没有规划'],
    ['2024-05-20', '停车场什么时候建好'],
    ['2024-05-02', '大模型产业有什么扶持'],
    ['2024-05-04', '人工智能企业补贴怎么申请'],
    ['2024-05-15', 'AI企业能拿多少补贴'],
    ['2024-05-06', '地铁十二号线什么时候通车'],
    ['2024-05-18', '地鐵票價會漲嗎'],
    ['2024-05-07', '菜市场搬迁'],
    ['2024-05-08', '游泳馆开放时间'],
  ];
  beforeEach(() => {
    writeLog(
      missesFile,
      MISSES.map(([day, text]) => ({ time: `${day}T02:00:00.000Z`, chat: 'private', text })),
    );
  });

  it('groups the misses by the subject they share, biggest first, each with its days and examples', async () => {
    const { code, out } = await run(['misses', '--topics', '--json']);
    expect(code).toBe(0);
    const { topics } = JSON.parse(out) as {
      topics: { name: string; words: string[]; size: number; first: string; last: string; examples: string[] }[];
    };
    const groupOf = (text: string) => topics.find((t) => t.examples.includes(text));
    const members = (topic: (typeof topics)[number]) => topic.size;
    const parking = topics.find((t) => t.words.includes('停车'))!;
    expect(parking).toMatchObject({ size: 4, first: '2024-05-01', last: '2024-05-20' });
    expect(parking.examples).toEqual(['停车场什么时候建好', '小区停车难有没有规划', '停車場收費太貴']);
    const ai = topics.find((t) => t.words.includes('人工智能'))!;
    expect(ai).toMatchObject({ size: 3, first: '2024-05-02', last: '2024-05-15' });
    const metro = topics.find((t) => t.words.includes('地铁'))!;
    expect(metro).toMatchObject({ size: 2, first: '2024-05-06', last: '2024-05-18' });
    expect(topics.slice(0, 3).map(members)).toEqual([4, 3, 2]);
    expect(topics.slice(3).map(members)).toEqual([1, 1]);
    expect(groupOf('游泳馆开放时间')?.size).toBe(1);
    expect(topics.reduce((n, t) => n + t.size, 0)).toBe(MISSES.length);
  });

  it('prints each topic with its size, days and examples', async () => {
    const { out } = await run(['misses', '--topics']);
    expect(out).toMatch(/^11 unanswered in .*; topics, biggest first:\n\n4\t2024-05-01 – 2024-05-20\t.*停车/);
    expect(out).toContain('\t· 停车场什么时候建好\n');
  });
});
