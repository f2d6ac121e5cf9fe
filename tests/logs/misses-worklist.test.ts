// `cli misses` as a worklist for staff: grouped after normalisation, tiers, first and last seen, short texts, rotated files.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../src/cli.js';
import { sharedEngine } from '../search/helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'worklist-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let file = '';
beforeEach(() => {
  file = join(dir, `misses-${Math.random().toString(36).slice(2)}.jsonl`);
  vi.stubEnv('HEARING_MISSES_FILE', file);
});

const run = async (argv: string[]) => {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d) => (out += d));
  stderr.on('data', (d) => (err += d));
  const code = await runCli(argv, { stdin: new PassThrough(), stdout, stderr, engine: sharedEngine });
  return { code, out, err };
};
const line = (time: string, text: string, extra: Record<string, string> = {}) =>
  `${JSON.stringify({ time: `${time}T08:00:00.000Z`, chat: 'private', text, ...extra })}\n`;
const JUNK = `请看${'这是一段很长的粘贴文字'.repeat(500)}`;

beforeEach(() => {
  // Two rotated files and the current one, as a few months of a busy bot leave them.
  writeFileSync(`${file}.2`, line('2024-03-01', '數據安全怎麼管') + line('2024-03-02', JUNK));
  writeFileSync(`${file}.1`, line('2024-04-01', '数据安全怎么管？') + line('2024-04-02', '天气'));
  writeFileSync(
    file,
    line('2024-05-01', '数据安全 怎么管', { tier: 'disliked', answer: 'q2' }) +
      line('2024-05-02', '算力券', { tier: 'guess', answer: 'q1' }) +
      line('2024-05-03', '天气'),
  );
});

describe('cli misses', () => {
  it('groups the same question across files and scripts, with counts, tiers and first and last seen', async () => {
    const { code, out } = await run(['misses']);
    expect(code).toBe(0);
    const [summary, header, ...rows] = out.trimEnd().split('\n');
    expect(summary).toBe(`7 unanswered in ${file} and 2 rotated file(s); most frequent:`);
    expect(header).toBe('count\ttier\tfirst\tlast\tquestion');
    expect(rows.slice(0, 2)).toEqual([
      '3\tdisliked+none\t2024-03-01\t2024-05-01\t數據安全怎麼管\t(shown: q2)',
      '2\tnone\t2024-04-02\t2024-05-03\t天气',
    ]);
  });

  it('cuts a pasted document to 80 characters on one line', async () => {
    const { out } = await run(['misses']);
    const junk = out.split('\n').find((l) => l.includes('请看'))!;
    const text = junk.split('\t')[4]!;
    expect([...text]).toHaveLength(81);
    expect(text.endsWith('…')).toBe(true);
    expect(junk.length).toBeLessThan(120);
  });

  it('--tier keeps one tier, --top the first N', async () => {
    const guess = (await run(['misses', '--tier', 'guess'])).out.trimEnd().split('\n');
    expect(guess.slice(2)).toEqual(['1\tguess\t2024-05-02\t2024-05-02\t算力券\t(shown: q1)']);
    const top = (await run(['misses', '--top', '1'])).out.trimEnd().split('\n');
    expect(top.slice(2)).toHaveLength(1);
  });

  it('--json gives tools every field and the files read', async () => {
    const json = JSON.parse((await run(['misses', '--json', '--tier', 'disliked'])).out);
    expect(json).toEqual({
      file,
      files: [`${file}.2`, `${file}.1`, file],
      total: 7,
      top: [
        {
          text: '数据安全 怎么管',
          count: 1,
          tier: 'disliked',
          tiers: { disliked: 1 },
          first: '2024-05-01T08:00:00.000Z',
          last: '2024-05-01T08:00:00.000Z',
          answers: ['q2'],
        },
      ],
    });
  });

  it.each([[['--tier']], [['--tier', 'bad']], [['--top', 'x']], [['--json', 'extra']]])(
    'rejects %j with the usage',
    async (args) => {
      const { code, err } = await run(['misses', ...args]);
      expect(code).toBe(2);
      expect(err).toBe('cli: usage: misses [--top N] [--tier none|guess|disliked] [--topics] [--json]\n');
    },
  );
});
