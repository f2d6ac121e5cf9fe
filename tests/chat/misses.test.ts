// The unanswered-questions log: written as JSONL without user ids, capped by rotation, switched off, never throwing.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createMissesLog,
  DEFAULT_MISSES_FILE,
  type MissesFs,
  missesPathFromEnv,
  readMisses,
  topMisses,
} from '../../src/chat/misses.js';
import { PROJECT_ROOT } from '../../src/search/artefacts.js';

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

  it('rotates to .1 when the file would pass maxBytes, so disk use stays under twice the cap', async () => {
    const path = tempFile();
    const log = createMissesLog({ path, maxBytes: 300, now: () => at });
    for (let i = 0; i < 40; i++) log.record({ chat: 'group', text: `问题${i}` });
    await log.flush();
    expect(statSync(path).size).toBeLessThanOrEqual(300);
    expect(statSync(`${path}.1`).size).toBeLessThanOrEqual(300);
    const kept = await readMisses(path);
    expect(kept.at(-1)!.text).toBe('问题39');
    // Oldest first, contiguous: rotation lost only what fell off the end.
    const numbers = kept.map((m) => Number(m.text.slice(2)));
    expect(numbers).toEqual(numbers.map((_, i) => numbers[0]! + i));
    expect(numbers.length).toBeGreaterThan(4);
  });

  it('switched off (path null), it touches no file', async () => {
    const calls: string[] = [];
    const spy: MissesFs = {
      appendFile: async (p) => void calls.push(`append ${p}`),
      stat: async (p) => (calls.push(`stat ${p}`), { size: 0 }),
      rename: async (p) => void calls.push(`rename ${p}`),
      mkdir: async (p) => calls.push(`mkdir ${p}`),
    };
    const log = createMissesLog({ path: null, fs: spy });
    log.record({ chat: 'group', text: 'x' });
    await log.flush();
    expect(calls).toEqual([]);
    // the same spy does see writes when the log is on
    const on = createMissesLog({ path: '/tmp/x.jsonl', fs: spy });
    on.record({ chat: 'group', text: 'x' });
    await on.flush();
    expect(calls).toContain('append /tmp/x.jsonl');
  });

  it('a failing disk is reported, never thrown, and later writes still happen', async () => {
    const errors: string[] = [];
    let fail = true;
    const written: string[] = [];
    const fs: MissesFs = {
      appendFile: async (_, data) => {
        if (fail) throw new Error('ENOSPC: no space left on device');
        written.push(data);
      },
      stat: async () => ({ size: 0 }),
      rename: async () => {},
      mkdir: async () => undefined,
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
    expect(written).toEqual(['{"time":"2024-05-01T08:00:00.000Z","chat":"private","text":"b"}\n']);
  });

  it('an error handler that throws does not escape either', async () => {
    const fs: MissesFs = {
      appendFile: async () => {
        throw new Error('EACCES');
      },
      stat: async () => ({ size: 0 }),
      rename: async () => {},
      mkdir: async () => undefined,
    };
    const log = createMissesLog({
      path: '/x',
      fs,
      onError: () => {
        throw new Error('handler broke');
      },
    });
    log.record({ chat: 'group', text: 'a' });
    await expect(log.flush()).resolves.toBeUndefined();
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

describe('readMisses and topMisses', () => {
  it('reads the rotated file first, skips broken lines, and counts the same wording once', async () => {
    const path = tempFile();
    const log = createMissesLog({ path, now: () => at });
    log.record({ chat: 'group', text: 'x' });
    await log.flush();
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
    expect(all).toHaveLength(6);
    expect(topMisses(all, 2)).toEqual([
      { text: '房价', count: 3, last: '2024-05-04T00:00:00.000Z' },
      { text: 'ＡＩ 养老金', count: 2, last: '2024-05-03T00:00:00.000Z' },
    ]);
  });

  it('a missing file is no misses', async () => {
    expect(await readMisses(tempFile())).toEqual([]);
  });
});
