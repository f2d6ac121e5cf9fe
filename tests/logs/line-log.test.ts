// The shared log writer under load: 8 processes with tiny files lose no line, kill -9 loses at most one, a lock left
// behind does not block, and rotation renames one file whatever `keep` is.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createMissesLog, readMisses } from '../../src/logs/misses.js';
import { logFiles } from '../../src/logs/rotation.js';
import { PROJECT_ROOT } from '../../src/paths.js';

const dirs: string[] = [];
const children: ChildProcess[] = [];
const tempFile = () => {
  const dir = mkdtempSync(join(tmpdir(), 'line-log-'));
  dirs.push(dir);
  return join(dir, 'nested', 'misses.jsonl');
};
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const tick = () => new Promise((resolve) => setImmediate(resolve));

/** A node process running `body` as a module with `createMissesLog` in scope. */
const writer = (body: string, stdout: 'pipe' | 'ignore' = 'ignore') => {
  const script = `
    const { createMissesLog } = await import(${JSON.stringify(join(PROJECT_ROOT, 'src', 'logs', 'misses.ts'))});
    ${body}
  `;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: PROJECT_ROOT,
    stdio: ['ignore', stdout, 'pipe'],
  });
  children.push(child);
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const done = new Promise<{ code: number | null; stderr: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, stderr })),
  );
  return { child, done };
};

describe('rotation', () => {
  it('moves the file aside under a time-stamped name and deletes only what is beyond keep', async () => {
    const path = tempFile();
    let clock = Date.parse('2024-05-01T08:00:00.000Z');
    const log = createMissesLog({ path, maxBytes: 4096, keep: 3, now: () => new Date((clock += 60_000)) });
    const text = '问'.repeat(150); // ~520 bytes a line: a rotation every 8 lines
    for (let i = 0; i < 60; i++) {
      log.record({ chat: 'group', text: `${i} ${text}` });
      await log.flush();
    }
    const files = await logFiles(path);
    expect(files).toHaveLength(4); // three rotated and the current one
    expect(files.slice(0, 3).map((f) => basename(f))).toEqual(
      [...files.slice(0, 3)].map((f) => basename(f)).sort(), // named so that name order is time order
    );
    expect(basename(files[0]!)).toMatch(/^misses\.jsonl\.\d{8}-\d{6}-\d{3}$/);
    for (const file of files) expect(statSync(file).size).toBeLessThan(4096 + 600);
    // Contiguous and ending with the last line: rotation lost only what fell off beyond keep.
    const numbers = (await readMisses(path)).map((m) => Number(m.text.split(' ')[0]));
    expect(numbers.at(-1)).toBe(59);
    expect(numbers).toEqual(numbers.map((_, i) => numbers[0]! + i));
  });

  it('leaves the other rotated files alone (one rename, not keep − 1), so keep = 1000 costs what keep = 3 does', async () => {
    const path = tempFile();
    mkdirSync(dirname(path), { recursive: true });
    // 999 files rotated earlier, oldest first by name; the write that fills the file rotates it once more.
    const old = Array.from({ length: 999 }, (_, i) => `${path}.20240101-00${String(i).padStart(4, '0')}-000`);
    for (const file of old) writeFileSync(file, '');
    const before = statSync(old[500]!).ino;
    writeFileSync(path, 'x'.repeat(5000));
    const log = createMissesLog({ path, maxBytes: 4096, keep: 999 });
    log.record({ chat: 'group', text: '满了' });
    await log.flush();
    // The full file took a new name, the oldest went, the 998 others are the same files as before.
    const files = await logFiles(path);
    expect(files).toHaveLength(999);
    expect(existsSync(path)).toBe(false);
    expect(existsSync(old[0]!)).toBe(false);
    expect(files.slice(0, 998)).toEqual(old.slice(1));
    expect(statSync(old[500]!).ino).toBe(before);
    log.record({ chat: 'group', text: '新文件' });
    expect((await readMisses(path)).map((m) => m.text)).toEqual(['满了', '新文件']);
  });

  it('a lock left behind by a killed process does not block rotation: it is taken over as stale', async () => {
    const path = tempFile();
    mkdirSync(`${path}.lock`, { recursive: true });
    // Three seconds old: past this log's 2 s staleness, well within proper-lockfile's default of 10 s.
    const left = new Date(Date.now() - 3000);
    utimesSync(`${path}.lock`, left, left);
    writeFileSync(path, 'x'.repeat(5000));
    const errors: string[] = [];
    const log = createMissesLog({ path, maxBytes: 4096, keep: 3, onError: (e) => errors.push(e.message) });
    log.record({ chat: 'group', text: '锁' });
    await log.flush();
    expect(errors).toEqual([]);
    expect(existsSync(path)).toBe(false); // rotated
    expect(await logFiles(path)).toHaveLength(1);
    expect(existsSync(`${path}.lock`)).toBe(false);
  });
});

describe('several processes sharing one file', () => {
  // Every door and the CLI append to var/misses.jsonl; with rotation every 4 KB (~50 lines), 8 writers rotate it about
  // 60 times while the others append. Everything within the retention (here: all of it) must be read back.
  it('8 processes × 400 lines, rotating every 4 KB: every line read back once, each writer in order', async () => {
    const path = tempFile();
    mkdirSync(dirname(path), { recursive: true });
    const writers = 8;
    const lines = 400;
    const go = join(dirname(path), 'go');
    const runs = Array.from({ length: writers }, (_, id) =>
      writer(`
        const { existsSync } = await import('node:fs');
        const log = createMissesLog({ path: ${JSON.stringify(path)}, maxBytes: 4096, keep: 1000 });
        // All start together, however long each took to load.
        while (!existsSync(${JSON.stringify(go)})) await new Promise((resolve) => setTimeout(resolve, 10));
        for (let i = 0; i < ${lines}; i++) {
          log.record({ chat: 'group', text: 'w${id}-' + i });
          // Replies come a little apart, as from chats, so rotations run between them.
          await new Promise((resolve) => setTimeout(resolve, 1));
        }
        await log.flush();
      `),
    );
    await new Promise((resolve) => setTimeout(resolve, 3000));
    writeFileSync(go, '');
    const results = await Promise.all(runs.map((r) => r.done));
    expect(results).toEqual(Array.from({ length: writers }, () => ({ code: 0, stderr: '' })));

    const read = (await readMisses(path)).map((m) => m.text);
    expect(read).toHaveLength(writers * lines);
    expect(new Set(read).size).toBe(writers * lines);
    for (let id = 0; id < writers; id++) {
      const mine = read.filter((t) => t.startsWith(`w${id}-`)).map((t) => Number(t.split('-')[1]));
      expect(mine).toEqual(Array.from({ length: lines }, (_, i) => i));
    }
    // It rotated, many times (a burst can outrun the lock, so files grow past 4 KB while one is being rotated).
    expect((await logFiles(path)).length).toBeGreaterThan(3);
    expect(readdirSync(dirname(path)).filter((f) => f.endsWith('.lock'))).toEqual([]);
  }, 120_000);

  it('kill -9 in the middle of writing loses at most the line being written', async () => {
    const path = tempFile();
    const { child, done } = writer(
      `
        const log = createMissesLog({ path: ${JSON.stringify(path)}, maxBytes: 4096, keep: 1000 });
        for (let i = 0; ; i++) {
          log.record({ chat: 'group', text: 'line-' + i });
          process.stdout.write(i + '\\n'); // pipes are synchronous on Linux: said only once recorded
          await new Promise((resolve) => setImmediate(resolve));
        }
      `,
      'pipe',
    );
    let reported = -1;
    await new Promise<void>((resolve) => {
      let buffer = '';
      child.stdout!.on('data', (d) => {
        buffer += d;
        const complete = buffer.split('\n').slice(0, -1);
        if (complete.length > 0) reported = Number(complete.at(-1));
        if (reported >= 600 && child.exitCode === null) {
          child.kill('SIGKILL');
          resolve();
        }
      });
    });
    await done;
    const read = (await readMisses(path)).map((m) => Number(m.text.slice('line-'.length)));
    // Every line the writer had recorded before it was killed is on disk, in order; at most one more, whole or not.
    expect(read.slice(0, reported + 1)).toEqual(Array.from({ length: reported + 1 }, (_, i) => i));
    expect(read.length).toBeGreaterThanOrEqual(reported + 1);
  }, 60_000);

  it('a process rotating is not waited on by the others: their lines land whole in one file or the next', async () => {
    const path = tempFile();
    const log = createMissesLog({ path, maxBytes: 4096, keep: 50 });
    for (let i = 0; i < 300; i++) {
      log.record({ chat: 'private', text: `p${i}` });
      if (i % 7 === 0) await tick();
    }
    await log.flush();
    expect((await readMisses(path)).map((m) => m.text)).toEqual(Array.from({ length: 300 }, (_, i) => `p${i}`));
  });
});
