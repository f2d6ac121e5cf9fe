// CLI output that cannot be written: a reader that stops early ends quietly (status 0), a full disk is one line (status 1).
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { guardOutput } from '../../src/commands/io.js';
import { PROJECT_ROOT } from '../../src/paths.js';

const CLI = join(PROJECT_ROOT, 'src', 'cli.ts');
const failing = (code: string) =>
  new Writable({
    write: (_chunk, _encoding, callback) => callback(Object.assign(new Error(`${code}: write failed`), { code })),
  });

describe('guardOutput', () => {
  it.each([
    ['EPIPE (the reader went away)', 'EPIPE', 0, ''],
    [
      'ENOSPC (a full disk)',
      'ENOSPC',
      1,
      'cli: cannot write the output: the disk is full (ENOSPC); free some space or write the output elsewhere\n',
    ],
    ['EIO', 'EIO', 1, 'cli: cannot write the output: EIO: write failed\n'],
  ])('%s → exit %s, stderr %j', async (_, code, status, message) => {
    const stdout = failing(code);
    const stderr = new PassThrough();
    let err = '';
    stderr.on('data', (d) => (err += d));
    const exits: number[] = [];
    guardOutput(stdout, stderr, (c) => exits.push(c));
    stdout.write('one\n');
    stdout.write('two\n');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(exits).toEqual([status]);
    expect(err).toBe(message);
  });
});

describe('the CLI as a process', () => {
  const env = { ...process.env, HEARING_MISSES_FILE: 'off' };

  it('search --jsonl | head -1: ends quietly with status 0 when the reader closes the pipe', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, 'search', '--jsonl'], { cwd: PROJECT_ROOT, env });
    child.stdin.on('error', () => {});
    child.stdin.end('汉融通\n'.repeat(5000));
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    let first = '';
    await new Promise<void>((resolve) => {
      child.stdout.on('data', (d) => {
        first += d;
        if (first.includes('\n')) {
          child.stdout.destroy(); // what head does after its first line
          resolve();
        }
      });
    });
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(JSON.parse(first.split('\n')[0]!).results[0].id).toBe('q7');
    expect(stderr).toBe('');
    expect(status).toBe(0);
  }, 30_000);

  it.each([
    [['search', '--json', '汉融通']],
    [['search', '--jsonl']],
    [['list', '--json']],
    [['promises', '经开区', '--csv']],
    [['ask', '经开区汽车怎么说']],
  ])(
    '%j to a full disk (/dev/full): one line on stderr, status 1, no stack trace',
    (args) => {
      if (!existsSync('/dev/full')) throw new Error('this test needs /dev/full (Linux)');
      const full = openSync('/dev/full', 'w');
      try {
        const result = spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], {
          cwd: PROJECT_ROOT,
          env,
          input: '汉融通\n数据安全\n',
          stdio: ['pipe', full, 'pipe'],
          encoding: 'utf8',
        });
        expect(result.stderr).toBe(
          'cli: cannot write the output: the disk is full (ENOSPC); free some space or write the output elsewhere\n',
        );
        expect(result.status).toBe(1);
      } finally {
        closeSync(full);
      }
    },
    30_000,
  );
});
