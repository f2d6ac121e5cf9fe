// Unanswered questions for staff: a JSONL log shared by processes (time, chat kind, text; never who asked), rotated under a lock.

import { appendFile, mkdir, readdir, readFile, rename, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import lockfile from 'proper-lockfile';
import { z } from 'zod';
import { type ChatKind, ChatKindSchema } from '../chat/message.js';
import { type MissesLog, type MissTier, NO_MISSES_LOG } from '../chat/staff-logs.js';
import { messageOf } from '../errors.js';
import { retentionFromEnv } from './env.js';

/** One line of the file. No user names or ids, by design: staff need the wording, not the person. */
export const MissSchema = z.object({
  time: z.string(),
  chat: ChatKindSchema,
  text: z.string(),
  /** Lines written before tiers existed are `none`. */
  tier: z.enum(['none', 'guess', 'disliked']).default('none'),
  /** The answer shown (`q5`, `closing`), for `guess` and `disliked`. */
  answer: z.string().optional(),
});
export type Miss = z.infer<typeof MissSchema>;

/** The file system calls the log needs; injected so tests can make the disk fail. */
export interface MissesFs {
  /** Appends with O_APPEND in one call: a whole line lands whole, between other processes' lines. */
  appendFile(path: string, data: string): Promise<void>;
  stat(path: string): Promise<{ size: number }>;
  rename(from: string, to: string): Promise<void>;
  mkdir(path: string, options: { recursive: true }): Promise<unknown>;
}

export interface MissesOptions {
  /** The JSONL file; null switches the log off. */
  path: string | null;
  /**
   * When the file would grow past this, the rotated files shift up (`<path>.1` → `<path>.2` …, the oldest beyond
   * `keep` is dropped) and the file moves to `<path>.1`. Default: `HEARING_MISSES_MAX_BYTES`, else 4 MiB.
   */
  maxBytes?: number;
  /** Rotated files kept. Default: `HEARING_MISSES_KEEP`, else 9 (with 4 MiB files, 40 MiB: a year of misses). */
  keep?: number;
  now?: () => Date;
  /** Told about write failures; the reply goes out regardless. Default: one line on stderr per failure. */
  onError?: (error: Error) => void;
  fs?: MissesFs;
}

/** A miss keeps this much of the question: enough to see what was asked, not a place to store pasted documents. */
export const MISS_TEXT_CHARS = 200;

/**
 * Several processes (both bots, the CLI) may share one file: each line is one O_APPEND write, so lines never mix;
 * rotation happens under a lock (proper-lockfile, `<path>.lock`) and re-checks the size once it holds it, so two
 * processes never both rotate and lose a file; appends need no lock, since a line written to the file being renamed
 * lands in `<path>.1`, which is kept.
 * @example
 * const misses = createMissesLog({ path: missesPathFromEnv(process.env) });
 * misses.record({ chat: 'group', text: '今天天气怎么样' });
 */
export function createMissesLog(options: MissesOptions): MissesLog {
  const path = options.path;
  if (path === null) return NO_MISSES_LOG;
  const retention =
    options.maxBytes !== undefined && options.keep !== undefined ? undefined : retentionFromEnv(process.env);
  const fs = options.fs ?? { appendFile, stat, rename, mkdir };
  const maxBytes = options.maxBytes ?? retention!.maxBytes;
  const keep = options.keep ?? retention!.keep;
  const now = options.now ?? (() => new Date());
  const onError = options.onError ?? ((error: Error) => process.stderr.write(`${error.message}\n`));
  let queue: Promise<void> = Promise.resolve();
  let madeDir = false;
  // After a failed append (a full disk) part of the line may be in the file: the next line starts on a new one.
  let mayBeTorn = false;

  const sizeOf = (file: string) =>
    fs.stat(file).then(
      (s) => s.size,
      () => 0,
    );

  const rotate = async (incoming: number) => {
    let release: (() => Promise<void>) | undefined;
    try {
      release = await lockfile.lock(path, {
        realpath: false,
        lockfilePath: `${path}.lock`,
        retries: LOCK_RETRIES,
        // A lock taken for stale by another process must not throw here, out of reach of any catch.
        onCompromised: (error) => onError(new Error(`misses: the rotation lock on ${path} was lost: ${error.message}`)),
      });
    } catch (error) {
      // Not rotating this time only lets the file grow a little past maxBytes; the next write tries again.
      onError(new Error(`misses: cannot lock ${path} to rotate it: ${messageOf(error)}`));
      return;
    }
    try {
      const size = await sizeOf(path);
      if (size === 0 || size + incoming <= maxBytes) return; // another process rotated it meanwhile
      for (let n = keep - 1; n >= 1; n--) {
        await fs.rename(`${path}.${n}`, `${path}.${n + 1}`).catch((error: NodeJS.ErrnoException) => {
          if (error.code !== 'ENOENT') throw error;
        });
      }
      await fs.rename(path, `${path}.1`);
    } finally {
      await release().catch(() => {});
    }
  };

  const write = async (line: string) => {
    if (!madeDir) {
      await fs.mkdir(dirname(path), { recursive: true });
      madeDir = true;
    }
    const bytes = Buffer.byteLength(line);
    const size = await sizeOf(path);
    if (size > 0 && size + bytes > maxBytes) await rotate(bytes);
    const data = mayBeTorn ? `\n${line}` : line;
    mayBeTorn = true;
    await fs.appendFile(path, data);
    mayBeTorn = false;
  };

  return {
    record({ chat, text, time, tier, answer }) {
      let line: string;
      try {
        line = `${missLine({ chat, text, time: time ?? now(), tier, answer })}\n`;
      } catch (error) {
        onError(new Error(`misses: cannot record a miss: ${messageOf(error)}`));
        return;
      }
      // One write at a time, in order, so this process never races itself.
      queue = queue
        .then(() => write(line))
        .catch((error: Error) => {
          try {
            onError(new Error(`misses: cannot write ${path}: ${error.message}`));
          } catch {
            // A failing error handler must not break the chain either.
          }
        });
    },
    flush: () => queue,
  };
}

/** The log's files, oldest first: `<path>.N` … `<path>.1`, then `<path>`; whatever `keep` was when they were written. */
export async function missesFiles(path: string): Promise<string[]> {
  const names = await readdir(dirname(path)).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [] as string[];
    throw new Error(`misses: cannot list ${dirname(path)}: ${error.message}`);
  });
  const prefix = `${basename(path)}.`;
  const rotated = names
    .filter((n) => n.startsWith(prefix) && /^\d+$/.test(n.slice(prefix.length)))
    .map((n) => ({ file: join(dirname(path), n), n: Number(n.slice(prefix.length)) }))
    .sort((a, b) => b.n - a.n)
    .map((r) => r.file);
  return [...rotated, ...(names.includes(basename(path)) ? [path] : [])];
}

/**
 * Every miss in the file and its rotated predecessors, oldest first. Lines that are not misses are skipped; a line
 * cut short by a full disk or a crash is skipped without the miss appended right after it on the same line.
 */
export async function readMisses(path: string): Promise<Miss[]> {
  const misses: Miss[] = [];
  for (const file of await missesFiles(path)) {
    const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
      // Rotated away between listing and reading: its lines are in the next file.
      if (error.code === 'ENOENT') return '';
      throw new Error(`misses: cannot read ${file}: ${error.message}`);
    });
    for (const line of text.split('\n')) {
      misses.push(...parseLine(line));
    }
  }
  return misses;
}

/**
 * The misses on one line: normally one, but a line cut short (no newline) runs into the next one, which must not be
 * lost with it. Every miss starts with `{"time":`, which JSON.stringify can never write inside a string (it escapes
 * the quotes), so the line is cut there and each piece read on its own.
 */
function parseLine(line: string): Miss[] {
  if (line.trim() === '') return [];
  return line.split(LINE_START).flatMap((piece) => {
    if (piece.trim() === '') return [];
    try {
      const parsed = MissSchema.safeParse(JSON.parse(LINE_START + piece));
      return parsed.success ? [parsed.data] : [];
    } catch {
      return []; // the torn piece
    }
  });
}

/** Lock retries: rotation takes milliseconds, so a few seconds of short waits cover any crowd of writers. */
const LOCK_RETRIES = { retries: 60, minTimeout: 5, maxTimeout: 100, factor: 1.5, randomize: true };
/** Every line starts so (JSON.stringify keeps the key order of the object written). */
const LINE_START = '{"time":';

/**
 * One miss as a line of the log (without its newline): the same in the file and in Redis, so the file tools read both.
 * @example missLine({ chat: 'group', text: '今天天气怎么样', time }) // '{"time":"…","chat":"group","text":"今天天气怎么样"}'
 */
export function missLine(miss: { chat: ChatKind; text: string; time: Date; tier?: MissTier; answer?: string }): string {
  const line: z.input<typeof MissSchema> = {
    time: miss.time.toISOString(),
    chat: miss.chat,
    text: [...miss.text].slice(0, MISS_TEXT_CHARS).join(''),
  };
  // Written only when they say something, so a plain miss is the line it always was.
  if (miss.tier && miss.tier !== 'none') line.tier = miss.tier;
  if (miss.answer) line.answer = miss.answer;
  return JSON.stringify(line);
}
