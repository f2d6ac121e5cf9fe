// Appending JSON lines to a log shared by processes: one O_APPEND write per line, at once, no queue to lose.
import { closeSync, fstatSync, mkdirSync, openSync, statSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { messageOf } from '../errors.js';
import { rotate } from './rotation.js';

/** Where a log's lines go; `append` returns at once and never throws, whatever the disk does. */
export interface LineLog {
  /** One line, without its newline. */
  append(line: string): void;
  /** Resolves when a rotation under way has finished (appends themselves are done when `append` returns). */
  flush(): Promise<void>;
}

/** The file system calls for appending; injected so tests can make the disk fail. */
export interface LineFs {
  /** Appends `data` in one O_APPEND write and returns the file's size after it. */
  append(path: string, data: string): number;
  mkdir(path: string): void;
  /** Told that the file was rotated: the next append must go to the file now at `path`. */
  reopen?(): void;
}

export interface LineLogOptions {
  path: string;
  /** Rotate once the file holds this many bytes. */
  maxBytes: number;
  /** Rotated files kept. */
  keep: number;
  /** The name prefixed to every error (`misses`, `answers`). */
  name: string;
  /** Told about write and rotation failures; the reply goes out regardless. */
  onError: (error: Error) => void;
  fs?: LineFs;
  now?: () => Date;
}

/**
 * A log whose lines are on disk once `append` returns: a synchronous write to a file kept open with O_APPEND (one
 * write and one fstat per line) keeps nothing in memory, so a process killed with -9 loses at most the line it was
 * writing, and a burst cannot leave a queue behind. Rotation runs in the background, one at a time per process.
 * @example const log = createLineLog({ path, maxBytes, keep, name: 'answers', onError }); log.append('{"time":…}');
 */
export function createLineLog(options: LineLogOptions): LineLog {
  const { path, maxBytes, keep, name } = options;
  const fs = options.fs ?? openAppender();
  const report = (error: Error) => {
    try {
      options.onError(error);
    } catch {
      // A failing error handler must not reach the reply either.
    }
  };
  let madeDir = false;
  // After a failed append (a full disk) part of the line may be in the file: the next line starts on a new one.
  let mayBeTorn = false;
  let rotating: Promise<void> | undefined;

  const write = (data: string): number => {
    if (!madeDir) {
      fs.mkdir(dirname(path));
      madeDir = true;
    }
    return fs.append(path, data);
  };

  return {
    append(line) {
      let size: number;
      try {
        const data = mayBeTorn ? `\n${line}\n` : `${line}\n`;
        mayBeTorn = true;
        size = write(data);
        mayBeTorn = false;
      } catch (error) {
        madeDir = false; // the folder may have been removed: make it again, and open the file again, next time
        try {
          fs.reopen?.();
        } catch {
          // closing a descriptor that already failed: nothing more to do
        }
        report(new Error(`${name}: cannot write ${path}: ${messageOf(error)}`));
        return;
      }
      if (size < maxBytes || rotating) return;
      rotating = rotate(path, { maxBytes, keep, now: options.now })
        .then(
          // Rotated here or by another process meanwhile: either way the file at `path` is a new one.
          () => fs.reopen?.(),
          (error) => report(new Error(`${name}: cannot rotate ${path}: ${messageOf(error)}`)),
        )
        .finally(() => {
          rotating = undefined;
        });
    },
    flush: async () => {
      await rotating;
    },
  };
}

/**
 * Appends through a descriptor kept open, opened again after a rotation and, since another process may have rotated
 * the file, whenever `path` no longer names the open file (checked at most once a second; until then lines land
 * whole in the rotated file, which is kept).
 */
function openAppender(): LineFs {
  let fd: number | undefined;
  let checkedAt = 0;
  const close = () => {
    if (fd !== undefined) closeSync(fd);
    fd = undefined;
  };
  return {
    append(path, data) {
      const now = Date.now();
      if (fd !== undefined && now - checkedAt > REOPEN_CHECK_MS) {
        checkedAt = now;
        const named = statSync(path, { throwIfNoEntry: false });
        if (!named || named.ino !== fstatSync(fd).ino) close();
      }
      if (fd === undefined) {
        fd = openSync(path, 'a');
        checkedAt = now;
      }
      writeSync(fd, data);
      return fstatSync(fd).size;
    },
    mkdir: (path) => void mkdirSync(path, { recursive: true }),
    reopen: close,
  };
}

/** How often an open log file is checked against the file its path names. */
const REOPEN_CHECK_MS = 1000;
