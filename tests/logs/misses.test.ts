// The unanswered-questions log: JSONL without user ids, never throwing, read back whatever a full disk left.
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_MISSES_FILE,
  DEFAULT_MISSES_KEEP,
  DEFAULT_MISSES_MAX_BYTES,
  missesPathFromEnv,
  retentionFromEnv,
} from '../../src/logs/env.js';

import type { LineFs } from '../../src/logs/line-log.js';
import { createMissesLog, readMisses } from '../../src/logs/misses.js';
import { missesWorklist } from '../../src/logs/worklist.js';
import { PROJECT_ROOT } from '../../src/paths.js';

const dirs: string[] = [];
const tempFile = () => {
  const dir = mkdtempSync(join(tmpdir(), 'misses-'));
  dirs.push(dir);
  return join(dir, 'nested', 'misses.jsonl');
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const at = new Date('2024-05-01T08:00:00.000Z');

describe('createMissesLog', () => {
  it('appends one JSON line per miss: time, chat kind, text, nothing else', async () => {
    const path = tempFile();
    const log = createMissesLog({ path, now: () => at });
    log.record({ chat: 'group', text: '今天天气怎么样' });
    log.record({ chat: 'private', text: '房价', time: new Date('2024-05-02T00:00:00Z') });
    await log.flush();
    expect(readFileSync(path, 'utf8').split('\n')).toEqual([
      '{"time":"2024-05-01T08:00:00.000Z","chat":"group","text":"今天天气怎么样"}',
      '{"time":"2024-05-02T00:00:00.000Z","chat":"private","text":"房价"}',
      '',
    ]);
  });

  it('cuts long texts to 200 characters', async () => {
    const path = tempFile();
    const log = createMissesLog({ path, now: () => at });
    log.record({ chat: 'private', text: '噪'.repeat(30_000) });
    await log.flush();
    expect([...(await readMisses(path))[0]!.text].length).toBe(200);
  });

  it('switched off (path null), it touches no file', async () => {
    const calls: string[] = [];
    const spy: LineFs = {
      append: (p) => {
        calls.push(`append ${p}`);
        return 0;
      },
      mkdir: (p) => void calls.push(`mkdir ${p}`),
    };
    const log = createMissesLog({ path: null, fs: spy });
    log.record({ chat: 'group', text: 'x' });
    await log.flush();
    expect(calls).toEqual([]);
    // the same spy does see writes when the log is on
    const on = createMissesLog({ path: '/tmp/x.jsonl', fs: spy });
    on.record({ chat: 'group', text: 'x' });
    expect(calls).toContain('append /tmp/x.jsonl');
  });

  it('a failing disk is reported, never thrown, and later writes still happen', async () => {
    const errors: string[] = [];
    let fail = true;
    const written: string[] = [];
    const fs: LineFs = {
      append: (_, data) => {
        if (fail) throw new Error('ENOSPC: no space left on device');
        written.push(data);
        return 0;
      },
      mkdir: () => {},
    };
    const log = createMissesLog({
      path: '/nowhere/misses.jsonl',
      fs,
      now: () => at,
      onError: (e) => errors.push(e.message),
    });
    expect(() => log.record({ chat: 'private', text: 'a' })).not.toThrow();
    await log.flush();
    fail = false;
    log.record({ chat: 'private', text: 'b' });
    await log.flush();
    expect(errors).toEqual(['misses: cannot write /nowhere/misses.jsonl: ENOSPC: no space left on device']);
    // The failed write may have left part of its line: the next one starts on a line of its own.
    expect(written).toEqual(['\n{"time":"2024-05-01T08:00:00.000Z","chat":"private","text":"b"}\n']);
  });

  it('an error handler that throws does not escape either', async () => {
    const fs: LineFs = {
      append: () => {
        throw new Error('EACCES');
      },
      mkdir: () => {},
    };
    const log = createMissesLog({
      path: '/x',
      fs,
      onError: () => {
        throw new Error('handler broke');
      },
    });
    log.record({ chat: 'group', text: 'a' });
    (await expect(log.flush())).resolves.toBeUndefined();
  });
});

describe('missesPathFromEnv', () => {
  it.each([
    [{}, DEFAULT_MISSES_FILE],
    [{ HEARING_MISSES_FILE: '/tmp/m.jsonl' }, '/tmp/m.jsonl'],
    [{ HEARING_MISSES_FILE: '' }, null],
    [{ HEARING_MISSES_FILE: '  ' }, null],
    [{ HEARING_MISSES_FILE: 'off' }, null],
    [{ HEARING_MISSES_FILE: 'OFF' }, null],
  ])('%j → %j', (env, path) => {
    expect(missesPathFromEnv(env)).toBe(path);
  });

  it('defaults to var/ in the project, which git ignores', () => {
    expect(DEFAULT_MISSES_FILE).toBe(join(PROJECT_ROOT, 'var', 'misses.jsonl'));
    expect(readFileSync(join(PROJECT_ROOT, '.gitignore'), 'utf8').split('\n')).toContain('var/');
  });
});

describe('readMisses and missesWorklist', () => {
  it('reads the rotated files oldest first, skips broken lines, and groups the same wording', async () => {
    const path = tempFile();
    const log = createMissesLog({ path, now: () => at });
    log.record({ chat: 'group', text: 'x' });
    await log.flush();
    writeFileSync(`${path}.2`, '{"time":"2024-03-01T00:00:00.000Z","chat":"group","text":"房价？"}\n');
    writeFileSync(
      `${path}.1`,
      '{"time":"2024-04-01T00:00:00.000Z","chat":"group","text":"房价"}\n{"broken\n{"time":1}\n',
    );
    writeFileSync(
      path,
      `${[
        '{"time":"2024-05-01T00:00:00.000Z","chat":"private","text":"房价 "}',
        '{"time":"2024-05-02T00:00:00.000Z","chat":"group","text":"ＡＩ 养老金"}',
        '{"time":"2024-05-03T00:00:00.000Z","chat":"group","text":"ai养老金"}',
        '{"time":"2024-05-04T00:00:00.000Z","chat":"console","text":"房价"}',
        '{"time":"2024-05-05T00:00:00.000Z","chat":"console","text":"天气"}',
      ].join('\n')}\n`,
    );
    const all = await readMisses(path);
    expect(all).toHaveLength(7);
    expect(all[0]!.text).toBe('房价？');
    expect(missesWorklist(all, { limit: 2 })).toEqual([
      {
        text: '房价？',
        count: 4,
        tier: 'none',
        tiers: { none: 4 },
        first: '2024-03-01T00:00:00.000Z',
        last: '2024-05-04T00:00:00.000Z',
        answers: [],
      },
      {
        text: 'ＡＩ 养老金',
        count: 2,
        tier: 'none',
        tiers: { none: 2 },
        first: '2024-05-02T00:00:00.000Z',
        last: '2024-05-03T00:00:00.000Z',
        answers: [],
      },
    ]);
  });

  it('a missing file is no misses', async () => {
    expect(await readMisses(tempFile())).toEqual([]);
  });

  it('a line cut short by a full disk loses neither the miss written after it nor any later one', async () => {
    const path = tempFile();
    mkdirSync(dirname(path), { recursive: true });
    const line = (text: string) => `{"time":"2024-05-01T00:00:00.000Z","chat":"group","text":"${text}"}`;
    writeFileSync(
      path,
      // torn mid-line, then torn right before its newline, each followed directly by the next append
      `${line('一')}\n${line('二').slice(0, 30)}${line('三')}\n${line('四')}${line('五')}\n${line('六')}\n`,
    );
    expect((await readMisses(path)).map((m) => m.text)).toEqual(['一', '三', '四', '五', '六']);
  });

  it('after a failed append, the next miss is read back although the failed one left half a line', async () => {
    const path = tempFile();
    let fail = true;
    const fs: LineFs = {
      append: (p, data) => {
        if (fail) {
          appendFileSync(p, data.slice(0, 20)); // a full disk takes part of the line
          throw new Error('ENOSPC: no space left on device');
        }
        appendFileSync(p, data);
        return statSync(p).size;
      },
      mkdir: (p) => void mkdirSync(p, { recursive: true }),
    };
    const log = createMissesLog({ path, fs, now: () => at, onError: () => {} });
    log.record({ chat: 'group', text: '丢了' });
    await log.flush();
    fail = false;
    log.record({ chat: 'group', text: '还在' });
    log.record({ chat: 'group', text: '也在' });
    await log.flush();
    expect((await readMisses(path)).map((m) => m.text)).toEqual(['还在', '也在']);
  });
});

describe('tiers', () => {
  it('records the tier and the answer shown; lines without them read as tier none', async () => {
    const path = tempFile();
    const log = createMissesLog({ path, now: () => at });
    log.record({ chat: 'private', text: '数据安全谁管', tier: 'disliked', answer: 'q2' });
    log.record({ chat: 'private', text: '算力', tier: 'guess', answer: 'q1' });
    log.record({ chat: 'group', text: '天气' });
    await log.flush();
    expect(readFileSync(path, 'utf8').split('\n')[0]).toBe(
      '{"time":"2024-05-01T08:00:00.000Z","chat":"private","text":"数据安全谁管","tier":"disliked","answer":"q2"}',
    );
    expect((await readMisses(path)).map((m) => [m.tier, m.answer])).toEqual([
      ['disliked', 'q2'],
      ['guess', 'q1'],
      ['none', undefined],
    ]);
  });

  it('groups by the normalised wording, worst tier first, and filters by tier', () => {
    const miss = (time: string, text: string, tier: 'none' | 'guess' | 'disliked', answer?: string) => ({
      time,
      chat: 'group' as const,
      text,
      tier,
      answer,
    });
    const misses = [
      miss('2024-05-01', '數據安全？', 'none'),
      miss('2024-05-02', '数据安全', 'disliked', 'q2'),
      miss('2024-05-03', '天气', 'none'),
    ];
    const toSimplified = (s: string) => s.replace('數據', '数据');
    expect(missesWorklist(misses, { normalise: toSimplified })).toMatchObject([
      { text: '數據安全？', count: 2, tier: 'disliked+none', tiers: { none: 1, disliked: 1 }, answers: ['q2'] },
      { text: '天气', count: 1, tier: 'none' },
    ]);
    expect(missesWorklist(misses, { normalise: toSimplified, tier: 'disliked' })).toMatchObject([
      { text: '数据安全', count: 1, tier: 'disliked', first: '2024-05-02', last: '2024-05-02' },
    ]);
  });
});

describe('retentionFromEnv', () => {
  it.each([
    [{}, { maxBytes: DEFAULT_MISSES_MAX_BYTES, keep: DEFAULT_MISSES_KEEP }],
    [
      { HEARING_MISSES_MAX_BYTES: '', HEARING_MISSES_KEEP: ' ' },
      { maxBytes: DEFAULT_MISSES_MAX_BYTES, keep: 9 },
    ],
    [
      { HEARING_MISSES_MAX_BYTES: '65536', HEARING_MISSES_KEEP: '20' },
      { maxBytes: 65536, keep: 20 },
    ],
    [{ HEARING_MISSES_MAX_BYTES: '8M' }, { maxBytes: 8 * 1024 * 1024, keep: 9 }],
    [{ HEARING_MISSES_MAX_BYTES: '512k' }, { maxBytes: 512 * 1024, keep: 9 }],
  ])('%j → %j', (env, retention) => {
    expect(retentionFromEnv(env)).toEqual(retention);
  });

  it.each([
    [{ HEARING_MISSES_MAX_BYTES: 'lots' }, /HEARING_MISSES_MAX_BYTES: expected bytes per file, e\.g\. 4194304 or 4M/],
    [{ HEARING_MISSES_MAX_BYTES: '100' }, /HEARING_MISSES_MAX_BYTES: expected at least 4096 bytes/],
    [{ HEARING_MISSES_KEEP: '0' }, /HEARING_MISSES_KEEP: /],
    [{ HEARING_MISSES_KEEP: '2.5' }, /HEARING_MISSES_KEEP: expected a whole number/],
  ])('refuses %j, naming the variable', (env, message) => {
    expect(() => retentionFromEnv(env)).toThrow(message);
  });

  it('defaults keep months of misses: at least 30 MiB in all', () => {
    expect(DEFAULT_MISSES_MAX_BYTES * (DEFAULT_MISSES_KEEP + 1)).toBeGreaterThanOrEqual(30 * 1024 * 1024);
  });
});
