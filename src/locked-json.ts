// Files several processes change (data/pins.json, the commitments ledger): a lock every process shares, and writes that
// replace the file in one rename.
import { randomBytes } from 'node:crypto';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import lockfile from 'proper-lockfile';
import { messageOf } from './errors.js';

export interface FileLockOptions {
  /**
   * How long to keep asking for a lock another process holds, in ms. Default 30 s: ten staff pinning at once each hold
   * it for a fraction of a second.
   */
  waitMs?: number;
}

/**
 * Runs `change` while holding `<path>.lock` (proper-lockfile: a directory made atomically, refreshed while held, taken
 * over when its owner died more than 10 s ago), so a read–modify–write of `path` by one process never overlaps another's.
 * The file itself need not exist.
 * @example
 * await withFileLock(path, () => writeJsonAtomically(path, [...readPins(path), pin]));
 * @throws Error naming the file when the lock cannot be had within `waitMs`; whatever `change` throws
 */
export async function withFileLock<T>(
  path: string,
  change: () => T | Promise<T>,
  options: FileLockOptions = {},
): Promise<T> {
  const waitMs = options.waitMs ?? DEFAULT_WAIT_MS;
  let compromised: Error | undefined;
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(path, {
      realpath: false,
      lockfilePath: lockPath(path),
      stale: STALE_MS,
      retries: { retries: Math.ceil(waitMs / RETRY_MAX_MS), minTimeout: 10, maxTimeout: RETRY_MAX_MS, randomize: true },
      // Thrown here it would be out of reach of any catch; the release below reports it instead.
      onCompromised: (error) => {
        compromised = error;
      },
    });
  } catch (error) {
    throw new Error(`cannot lock ${path} (${messageOf(error)}); another process holds ${lockPath(path)}, try again`);
  }
  let result: T;
  try {
    result = await change();
  } finally {
    await release().catch(() => {});
  }
  // Another process took the lock for stale (this one stalled for 10 s): its change may have crossed this one.
  if (compromised) throw new Error(`the lock on ${path} was lost while changing it: ${compromised.message}`);
  return result;
}

/**
 * Replaces `path` with `text` through a temporary file beside it and one rename, so a reader (or a crash) sees the old
 * file or the new one, never half of it.
 * @example writeAtomically('data/pins.json', '[]\n');
 */
export function writeAtomically(path: string, text: string): void {
  const temporary = `${path}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    writeFileSync(temporary, text);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

/**
 * `value` as pretty JSON with a final newline, written atomically (people read and diff these files).
 * @example writeJsonAtomically(pinsPath(DATA_DIR), pins);
 */
export function writeJsonAtomically(path: string, value: unknown): void {
  writeAtomically(path, `${JSON.stringify(value, null, 2)}\n`);
}

/** Where the lock of `path` lives; people may see it for a moment beside the file. */
export function lockPath(path: string): string {
  return `${path}.lock`;
}

const DEFAULT_WAIT_MS = 30_000;
const RETRY_MAX_MS = 200;
/** A lock not refreshed for this long belongs to a process that died; proper-lockfile refreshes every STALE_MS / 2. */
const STALE_MS = 10_000;
