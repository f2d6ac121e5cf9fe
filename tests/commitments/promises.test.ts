// `promises`: count per body, one body's commitments by any of its names, CSV with BOM, JSON shape, did-you-mean, loader errors.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSV_COLUMNS, commitmentRow } from '../../src/commitments/csv.js';
import { loadCommitments } from '../../src/commitments/load.js';
import { CommitmentSchema } from '../../src/commitments/model.js';
import { PROJECT_ROOT } from '../../src/paths.js';
import { cli, parseCsv } from './helpers.js';

const all = loadCommitments();
// A fixed day and an empty ledger outside the working tree, so the due dates and statuses printed do not drift.
const ledgerDir = mkdtempSync(join(tmpdir(), 'promises-ledger-'));
beforeAll(() => {
  process.env.HEARING_TODAY = '2026-10-01';
  process.env.HEARING_LEDGER_FILE = join(ledgerDir, 'ledger.json');
});
afterAll(() => {
  delete process.env.HEARING_TODAY;
  delete process.env.HEARING_LEDGER_FILE;
  rmSync(ledgerDir, { recursive: true, force: true });
});

describe('promises (text)', () => {
  it('counts commitments per answering body, bodies without any included', async () => {
    const run = await cli(['promises']);
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toBe('24 commitments from 10 of 16 answering bodies (promises <body> lists them)');
    expect(lines).toContain('经开区管委会\t5');
    expect(lines).toContain('市经信局\t7');
    expect(lines).toContain('市统计局\t0');
    expect(lines).toHaveLength(17);
  });

  it('lists one body verbatim with ledger id, asker, cues, due date and status', async () => {
    const run = await cli(['promises', '金融局']);
    expect(run.code).toBe(0);
    const [yearly, undated] = all.filter((c) => c.body === '市地方金融局').map((c) => c.key);
    expect(run.stdout).toBe(
      '市地方金融局: 2 commitments\n' +
        `${yearly}\t程宏刚委员\t「每年至少要引进2家数字金融头部企业」\ttime 每年, quantity 2家\tdue 2026-12-31 (yearly)\tno status yet\n` +
        `${undated}\t程宏刚委员\t「把“汉融通”线上融资服务平台升级为全市综合金融服务智慧大脑」\tverb 升级为\tundated\tno status yet\n`,
    );
    expect(yearly).toMatch(/^q7-[0-9a-f]{6}$/);
  });

  it('says so when a known body made no commitment', async () => {
    const run = await cli(['promises', '统计局']);
    expect(run).toEqual({
      code: 0,
      stdout: '市统计局: no commitment with a number, a time frame or a committing verb\n',
      stderr: '',
    });
  });
});

describe('promises <body>: every name of a body finds the same commitments', () => {
  it.each([
    ['经开区', '经开区管委会', 5],
    ['经开区管委会', '经开区管委会', 5],
    ['武汉经济技术开发区管理委员会', '经开区管委会', 5],
    ['市经信局', '市经信局', 7],
    ['经信局', '市经信局', 7],
    ['武汉市经济和信息化局', '市经信局', 7],
    ['发改委', '市发改委', 1],
    // The resolver shared with the chat takes a name containing an alias (发改) or a unique fragment of one.
    ['发改局', '市发改委', 1],
    ['东湖高新区管委', '东湖高新区管委会', 2],
    ['武汉市经信局', '市经信局', 7],
  ])('%j → %s (%i)', async (name, printed, count) => {
    const run = await cli(['promises', name, '--json']);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.body).toBe(printed);
    expect(out.count).toBe(count);
    expect(out.commitments.map((c: { body: string }) => c.body)).toEqual(Array(count).fill(printed));
  });
});

describe('promises --json', () => {
  it('prints every commitment with its fields, the due date that counts, recurring, status and overdue', async () => {
    const run = await cli(['promises', '--json']);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(Object.keys(out)).toEqual(['body', 'count', 'commitments']);
    expect(out.body).toBeNull();
    expect(out.count).toBe(all.length);
    const followUp = ['due', 'recurring', 'status', 'overdue', 'note', 'source'];
    for (const c of out.commitments) {
      const fields = Object.fromEntries(Object.entries(c).filter(([k]) => !followUp.includes(k)));
      expect(CommitmentSchema.strict().parse(fields)).toEqual(fields);
    }
    const key = all.find((c) => c.text.includes('1平方公里'))!.key;
    expect(out.commitments.find((c: { text: string }) => c.text.includes('1平方公里'))).toEqual({
      key,
      hearing: 'digital-economy-2023-09-13',
      id: 'q5',
      body: '经开区管委会',
      asker: { name: '樊志宏', title: '委员' },
      paragraph: 1,
      start: 9,
      text: '计划建设1平方公里的武汉智能汽车软件园',
      cues: [
        { kind: 'verb', text: '计划' },
        { kind: 'quantity', text: '1平方公里' },
      ],
      quantities: ['1平方公里'],
      timeFrames: [],
      dueFromText: { date: null, recurring: false, cue: null, reading: 'no time frame in the clause' },
      due: null,
      recurring: false,
      status: null,
      overdue: false,
      note: null,
      source: null,
    });
  });
});

describe('promises --csv', () => {
  it('writes UTF-8 with BOM that reads back row for row', async () => {
    const run = await cli(['promises', '--csv']);
    expect(run.code).toBe(0);
    expect(run.stdout.startsWith('\uFEFF')).toBe(true);
    const [header, ...rows] = parseCsv(run.stdout.slice(1));
    expect(header).toEqual([...CSV_COLUMNS]);
    expect(rows).toEqual(all.map(commitmentRow).map((r) => CSV_COLUMNS.map((c) => r[c])));
  });

  it('filters by body', async () => {
    const run = await cli(['promises', '经开区', '--csv']);
    expect(
      parseCsv(run.stdout.slice(1))
        .slice(1)
        .map((r) => r[2]),
    ).toEqual(Array(5).fill('经开区管委会'));
  });

  it('runs from the compiled CLI and writes the BOM as bytes EF BB BF', () => {
    const bin = join(PROJECT_ROOT, 'dist', 'src', 'cli.js');
    if (!existsSync(bin)) throw new Error(`${bin} is missing: run npm run build (npm test does it first)`);
    const run = spawnSync(process.execPath, [bin, 'promises', '--csv'], { cwd: PROJECT_ROOT, timeout: 15_000 });
    expect(run.status).toBe(0);
    expect(run.stdout.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(parseCsv(run.stdout.toString('utf8').slice(1))).toHaveLength(all.length + 1);
  });
});

const USAGE = `usage: promises [<body>] [--csv | --json]
       promises set <id> <open | in-progress | done | dropped> [--due YYYY-MM-DD] [--note TEXT] [--source URL]`;

describe('promises: mistakes', () => {
  it.each([
    [['promises', '经心局'], 'cli: promises: no answering body called "经心局"; did you mean 市经信局?\n'],
    [['promises', '统计厅'], 'cli: promises: no answering body called "统计厅"; did you mean 市统计局?\n'],
    [
      ['promises', '管委会'],
      'cli: promises: no answering body called "管委会"; did you mean 经开区管委会 or 东湖高新区管委会 or 临空港开发区管委会?\n',
    ],
    [['promises', '--xml'], `cli: ${USAGE}\n`],
    [['promises', '--csv', '--json'], `cli: ${USAGE}\n`],
  ])('%j exits 2 with %j', async (args, message) => {
    expect(await cli(args)).toEqual({ code: 2, stdout: '', stderr: message });
  });

  it('lists the known bodies when nothing is close', async () => {
    const run = await cli(['promises', '天气']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^cli: promises: no answering body called "天气"; known bodies: 市经信局, 市城建局, 经开区管委会, /,
    );
  });
});

describe('loadCommitments', () => {
  const temp = mkdtempSync(join(tmpdir(), 'commitments-'));
  afterAll(() => rmSync(temp, { recursive: true, force: true }));

  it('names the file and what to do when it is missing or malformed', () => {
    expect(() => loadCommitments({ indexDir: temp })).toThrow(
      /^commitments .*commitments\.json: cannot read it as JSON \(.*\) \(run npm run index\)$/,
    );
    writeFileSync(join(temp, 'commitments.json'), JSON.stringify([{ ...all[0], cues: [] }]));
    expect(() => loadCommitments({ indexDir: temp })).toThrow(
      /^commitments .*commitments\.json: 0\.cues: .*\(run npm run index\)$/,
    );
  });
});
