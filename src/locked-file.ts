// Files people edit from several processes at once (pins, the ledger): a lock every process honours, and writes that replace whole.
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import lockfile from 'proper-lockfile';
import { messageOf } from './errors.js';

/** How long an edit waits for another process's edit of the same file; each holds the lock for milliseconds. */
export const EDIT_LOCK_WAIT_MS = 10_000;

/**
 * Runs `edit` while holding `<path>.lock` (proper-lockfile: a folder made atomically, taken over when stale), so a
 * read–change–write by one process never interleaves with another's and no edit is lost. Waits up to
 * {@link EDIT_LOCK_WAIT_MS} for the lock, then throws naming the file and the lock to delete if no one holds it.
 * @example withFileLock('data/ledger.json', 'ledger', () => writeFileAtomic(path, change(read(path))))
 */
export function withFileLock<T>(path: string, room: string, edit: () => T): T {
  mkdirSync(dirname(path), { recursive: true });
  const release = lockWithin(
    path,
    EDIT_LOCK_WAIT_MS,
    (error) =>
      new Error(
        `${room} ${path}: cannot lock it to write: ${messageOf(error)} ` +
          `(another edit is running; if none is, delete ${path}.lock)`,
      ),
  );
  try {
    return edit();
  } finally {
    release();
  }
}

/**
 * Writes `text` to a temporary file beside `path` and renames it over `path`, so a reader, a crash or a full disk never
 * leaves half a file. Throws `<room> <path>: cannot write it: …`.
 * @example writeFileAtomic('data/ledger.json', '{}\n', 'ledger')
 */
export function writeFileAtomic(path: string, text: string, room: string): void {
  const temporary = `${path}.tmp-${process.pid}`;
  try {
    writeFileSync(temporary, text);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw new Error(`${room} ${path}: cannot write it: ${messageOf(error)}`);
  }
}

/**
 * Takes `<path>.lock` (proper-lockfile) synchronously, waiting up to `waitMs` in short sleeps, since its synchronous
 * lock does not retry by itself and an edit or a swap holds it for milliseconds. Throws `cannotLock(error)` when another
 * process still holds it after `waitMs`, or when the lock cannot be made at all.
 * @example const release = lockWithin('index', 10_000, (e) => new Error(`cannot lock index: ${messageOf(e)}`));
 */
export function lockWithin(path: string, waitMs: number, cannotLock: (error: unknown) => Error): () => void {
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      return lockfile.lockSync(path, {
        realpath: false,
        lockfilePath: `${path}.lock`,
        // The work is over long before the lock could be taken for stale; never let a late check throw.
        onCompromised: () => {},
      });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ELOCKED' || Date.now() > deadline) throw cannotLock(error);
      Atomics.wait(SLEEPER, 0, 0, 10 + Math.floor(Math.random() * 20));
    }
  }
}

const SLEEPER = new Int32Array(new SharedArrayBuffer(4));
