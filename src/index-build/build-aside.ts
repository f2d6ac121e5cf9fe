// Builds a folder beside its final place and swaps it in whole, so a failed or interrupted build never harms the old one.
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { lockWithin } from '../locked-file.js';

/** How long a swap waits for another process's swap of the same folder before giving up. */
export const SWAP_LOCK_WAIT_MS = 10_000;

/**
 * Runs `build` on an empty staging folder beside `target` (`index.tmp-<pid>/`) and, when it returns, moves the old
 * `target` aside, the staging folder in and the old one away, under a lock so two builds never interleave their
 * renames. When `build` throws (a bad glossary, a full disk), the staging folder is removed and `target` is untouched.
 * Folders left by a killed build (`index.tmp-<pid>`, `index.old-<pid>` of a process that no longer runs) are removed.
 * @example buildAside('index', (dir) => writeEverything(dir))
 */
export function buildAside<T>(target: string, build: (staging: string) => T): T {
  removeLeftovers(target);
  const staging = `${target}.tmp-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  let result: T;
  try {
    result = build(staging);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  try {
    swapIn(staging, target);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  return result;
}

function swapIn(staging: string, target: string): void {
  const release = lockWithin(
    target,
    SWAP_LOCK_WAIT_MS,
    (error) =>
      new Error(
        `cannot lock ${target} to swap the new index in: ${(error as Error).message} ` +
          `(another npm run index is running; if none is, delete ${target}.lock)`,
      ),
  );
  const old = `${target}.old-${process.pid}`;
  try {
    const hadOld = existsSync(target);
    if (hadOld) renameSync(target, old);
    try {
      renameSync(staging, target);
    } catch (error) {
      if (hadOld) renameSync(old, target);
      throw new Error(`cannot move the new index into ${target}: ${(error as Error).message}; the old one is kept`);
    }
    rmSync(old, { recursive: true, force: true });
  } finally {
    release();
  }
}

function removeLeftovers(target: string): void {
  const dir = dirname(target);
  if (!existsSync(dir)) return;
  const pattern = new RegExp(`^${escapeRegExp(basename(target))}\\.(?:tmp|old)-(\\d+)$`);
  for (const name of readdirSync(dir)) {
    const pid = Number(pattern.exec(name)?.[1]);
    if (pid && pid !== process.pid && !isRunning(pid)) rmSync(join(dir, name), { recursive: true, force: true });
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
