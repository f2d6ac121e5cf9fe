// Rotating a log shared by processes: one rename to a time-stamped name under a lock, the oldest beyond `keep` deleted.
import { readdir, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import lockfile from 'proper-lockfile';

export interface RotationOptions {
  /** Rotate once the file holds this many bytes. */
  maxBytes: number;
  /** Rotated files kept; older ones are deleted. */
  keep: number;
  /** The time the rotated file is named after. Default: the real time. */
  now?: () => Date;
}

/**
 * Moves `path` aside as `<path>.<UTC time>` (`misses.jsonl.20240501-080000-000`) when it holds `maxBytes` or more, then
 * deletes the oldest rotated files beyond `keep`. Resolves false when another process had rotated it already.
 *
 * Why this shape: a rename is atomic and does not touch the other rotated files, so a rotation costs one rename and
 * (usually) one unlink whatever `keep` is (shifting `.1` → `.2` … took `keep` renames). Appends need no lock: a line
 * written while the file is renamed lands in the rotated file, which is kept. The lock (`<path>.lock`, proper-lockfile)
 * only keeps two processes from both rotating; one left by a killed process is taken over once stale.
 * @example if (size >= maxBytes) await rotate(path, { maxBytes, keep });
 */
export async function rotate(path: string, options: RotationOptions): Promise<boolean> {
  const release = await lockfile.lock(path, {
    realpath: false,
    lockfilePath: `${path}.lock`,
    stale: LOCK_STALE_MS,
    retries: LOCK_RETRIES,
    // Taken over as stale while held (a paused process): the rotation already done is still sound.
    onCompromised: () => {},
  });
  try {
    const size = await stat(path).then(
      (s) => s.size,
      () => 0,
    );
    if (size < options.maxBytes) return false; // another process rotated it meanwhile
    const rotated = await rotatedFiles(path);
    const taken = new Set(rotated);
    let time = (options.now ?? (() => new Date()))().getTime();
    // Two rotations within one millisecond (tiny files, many writers): the later one takes the next free name.
    while (taken.has(`${path}.${stampOf(new Date(time))}`)) time++;
    await rename(path, `${path}.${stampOf(new Date(time))}`);
    const excess = rotated.length + 1 - options.keep;
    for (const old of rotated.slice(0, Math.max(excess, 0))) {
      await unlink(old).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
      });
    }
    return true;
  } finally {
    await release().catch(() => {});
  }
}

/**
 * The log's files, oldest first: files rotated before time stamps (`<path>.9` … `<path>.1`), then the time-stamped
 * ones in time order, then `<path>` itself when it exists.
 * @example await logFiles('var/misses.jsonl') // ['var/misses.jsonl.20240501-080000-000', 'var/misses.jsonl']
 */
export async function logFiles(path: string): Promise<string[]> {
  const names = await listDir(dirname(path));
  return [...(await rotatedFiles(path, names)), ...(names.includes(basename(path)) ? [path] : [])];
}

/** `<path>.N` (oldest N first) then `<path>.<stamp>` in time order. */
async function rotatedFiles(path: string, names?: string[]): Promise<string[]> {
  const prefix = `${basename(path)}.`;
  const suffixes = (names ?? (await listDir(dirname(path))))
    .filter((n) => n.startsWith(prefix))
    .map((n) => n.slice(prefix.length));
  const numbered = suffixes.filter((s) => /^\d{1,4}$/.test(s)).sort((a, b) => Number(b) - Number(a));
  const stamped = suffixes.filter((s) => STAMP.test(s)).sort();
  return [...numbered, ...stamped].map((s) => join(dirname(path), prefix + s));
}

async function listDir(dir: string): Promise<string[]> {
  return readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [] as string[];
    throw new Error(`logs: cannot list ${dir}: ${error.message}`);
  });
}

/** `20240501-080000-000`: sorts as text in time order, and reads as a date in a file listing. */
function stampOf(time: Date): string {
  const iso = time.toISOString(); // 2024-05-01T08:00:00.000Z
  return `${iso.slice(0, 10).replaceAll('-', '')}-${iso.slice(11, 19).replaceAll(':', '')}-${iso.slice(20, 23)}`;
}

const STAMP = /^\d{8}-\d{6}-\d{3}$/;
/**
 * A lock older than this is a killed process's and is taken over (proper-lockfile refreshes a held lock's time every
 * half of it, so a live holder never looks stale). 2 s is proper-lockfile's minimum; a rotation takes milliseconds.
 */
const LOCK_STALE_MS = 2000;
/** Retries long enough to outwait a stale lock; rotation is rare, so the waits cost nothing in practice. */
const LOCK_RETRIES = { retries: 60, minTimeout: 5, maxTimeout: 200, factor: 1.5, randomize: true };
