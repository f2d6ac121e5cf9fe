// Unanswered questions for staff: appended to a capped JSONL file (time, chat kind, text; never who asked).
import { appendFile, mkdir, readFile, rename, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { PROJECT_ROOT } from '../search/artefacts.js';
import { type ChatKind, ChatKindSchema } from './message.js';

/** Kept for doors that import it from here; its home is ./message.js. */
export type { ChatKind };

/** One line of the file. No user names or ids, by design: staff need the wording, not the person. */
export const MissSchema = z.object({
  time: z.string(),
  chat: ChatKindSchema,
  text: z.string(),
});
export type Miss = z.infer<typeof MissSchema>;

/** Where misses go; record() returns at once and never throws, whatever the disk does. */
export interface MissesLog {
  /** `time` defaults to the log's clock. */
  record(miss: { chat: ChatKind; text: string; time?: Date }): void;
  /** Resolves when everything recorded so far is written (or has failed and been reported). */
  flush(): Promise<void>;
}

/** The file system calls the log needs; injected so tests can make the disk fail. */
export interface MissesFs {
  appendFile(path: string, data: string): Promise<void>;
  stat(path: string): Promise<{ size: number }>;
  rename(from: string, to: string): Promise<void>;
  mkdir(path: string, options: { recursive: true }): Promise<unknown>;
}

export interface MissesOptions {
  /** The JSONL file; null switches the log off. */
  path: string | null;
  /** When the file would grow past this, it is moved to `<path>.1` (replacing the older one) and started afresh. Default 1 MiB. */
  maxBytes?: number;
  now?: () => Date;
  /** Told about write failures; the reply goes out regardless. Default: one line on stderr per failure. */
  onError?: (error: Error) => void;
  fs?: MissesFs;
}

export const DEFAULT_MISSES_FILE = join(PROJECT_ROOT, 'var', 'misses.jsonl');
export const DEFAULT_MISSES_MAX_BYTES = 1024 * 1024;
/** A miss keeps this much of the question: enough to see what was asked, not a place to store pasted documents. */
export const MISS_TEXT_CHARS = 200;

/** A log that records nothing. */
export const NO_MISSES_LOG: MissesLog = { record: () => {}, flush: async () => {} };

/**
 * @example
 * const misses = createMissesLog({ path: missesPathFromEnv(process.env) });
 * misses.record({ chat: 'group', text: '今天天气怎么样' });
 */
export function createMissesLog(options: MissesOptions): MissesLog {
  const path = options.path;
  if (path === null) return NO_MISSES_LOG;
  const fs = options.fs ?? { appendFile, stat, rename, mkdir };
  const maxBytes = options.maxBytes ?? DEFAULT_MISSES_MAX_BYTES;
  const now = options.now ?? (() => new Date());
  const onError = options.onError ?? ((error: Error) => process.stderr.write(`${error.message}\n`));
  let queue: Promise<void> = Promise.resolve();
  let madeDir = false;

  const write = async (line: string) => {
    if (!madeDir) {
      await fs.mkdir(dirname(path), { recursive: true });
      madeDir = true;
    }
    const size = await fs.stat(path).then(
      (s) => s.size,
      () => 0,
    );
    if (size > 0 && size + Buffer.byteLength(line) > maxBytes) await fs.rename(path, `${path}.1`);
    await fs.appendFile(path, line);
  };

  return {
    record({ chat, text, time }) {
      let line: string;
      try {
        line = `${JSON.stringify({
          time: (time ?? now()).toISOString(),
          chat,
          text: [...text].slice(0, MISS_TEXT_CHARS).join(''),
        } satisfies Miss)}\n`;
      } catch (error) {
        onError(new Error(`misses: cannot record a miss: ${(error as Error).message}`));
        return;
      }
      // One write at a time, in order, so rotation never races an append.
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

/**
 * The misses file from the environment: `HEARING_MISSES_FILE` unset → the default under var/; empty or `off` → off.
 * @example missesPathFromEnv({ HEARING_MISSES_FILE: 'off' }) // null
 */
export function missesPathFromEnv(env: Record<string, string | undefined>): string | null {
  const value = EnvSchema.parse(env).HEARING_MISSES_FILE;
  if (value === undefined) return DEFAULT_MISSES_FILE;
  const trimmed = value.trim();
  return trimmed === '' || OFF_VALUES.has(trimmed.toLowerCase()) ? null : trimmed;
}

/** Every miss in the file and its rotated predecessor, oldest first; lines that are not misses are skipped. */
export async function readMisses(path: string): Promise<Miss[]> {
  const read = (file: string) =>
    readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return '';
      throw new Error(`misses: cannot read ${file}: ${error.message}`);
    });
  const text = (await read(`${path}.1`)) + (await read(path));
  return text.split('\n').flatMap((line) => {
    if (line.trim() === '') return [];
    try {
      const parsed = MissSchema.safeParse(JSON.parse(line));
      return parsed.success ? [parsed.data] : [];
    } catch {
      return []; // a line cut short by a crash
    }
  });
}

/** The most frequent unanswered questions: same wording up to width, case and spaces counts as one. */
export function topMisses(
  misses: readonly Miss[],
  limit: number,
): Array<{ text: string; count: number; last: string }> {
  const groups = new Map<string, { text: string; count: number; last: string }>();
  for (const miss of misses) {
    const key = miss.text.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
    const group = groups.get(key);
    if (group) {
      group.count++;
      if (miss.time > group.last) group.last = miss.time;
    } else groups.set(key, { text: miss.text, count: 1, last: miss.time });
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || b.last.localeCompare(a.last)).slice(0, limit);
}

const EnvSchema = z.object({ HEARING_MISSES_FILE: z.string().optional() });
const OFF_VALUES = new Set(['off', 'false', '0', 'no', 'none']);
