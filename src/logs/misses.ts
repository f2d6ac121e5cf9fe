// The misses log: questions the bot could not answer, for staff (time, chat kind, text, tier; never who asked).
import { z } from 'zod';
import { type ChatKind, ChatKindSchema } from '../chat/message.js';
import { type MissesLog, type MissTier, NO_MISSES_LOG } from '../chat/staff-logs.js';
import { messageOf } from '../errors.js';
import { retentionFromEnv } from './env.js';
import { createLineLog, type LineFs } from './line-log.js';
import { readLog } from './read.js';

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

export interface MissesOptions {
  /** The JSONL file; null switches the log off. */
  path: string | null;
  /** Rotate once the file holds this much. Default: `HEARING_MISSES_MAX_BYTES`, else 4 MiB. */
  maxBytes?: number;
  /** Rotated files kept. Default: `HEARING_MISSES_KEEP`, else 9 (with 4 MiB files, 40 MiB: a year of misses). */
  keep?: number;
  now?: () => Date;
  /** Told about write failures; the reply goes out regardless. Default: one line on stderr per failure. */
  onError?: (error: Error) => void;
  fs?: LineFs;
}

/** A miss keeps this much of the question: enough to see what was asked, not a place to store pasted documents. */
export const MISS_TEXT_CHARS = 200;

/**
 * Several processes (every door, the CLI) may share one file: see `createLineLog` (one append per line, on disk when
 * `record` returns) and `rotate` (one rename under a lock).
 * @example
 * const misses = createMissesLog({ path: missesPathFromEnv(process.env) });
 * misses.record({ chat: 'group', text: '今天天气怎么样' });
 */
export function createMissesLog(options: MissesOptions): MissesLog {
  if (options.path === null) return NO_MISSES_LOG;
  const now = options.now ?? (() => new Date());
  const onError = options.onError ?? ((error: Error) => process.stderr.write(`${error.message}\n`));
  const log = createLineLog({
    ...retentionOf(options),
    path: options.path,
    name: 'misses',
    onError,
    fs: options.fs,
    now,
  });
  return {
    record({ chat, text, time, tier, answer }) {
      let line: string;
      try {
        line = missLine({ chat, text, time: time ?? now(), tier, answer });
      } catch (error) {
        onError(new Error(`misses: cannot record a miss: ${messageOf(error)}`));
        return;
      }
      log.append(line);
    },
    flush: () => log.flush(),
  };
}

/** Every miss in the file and its rotated predecessors, oldest file first. */
export function readMisses(path: string): Promise<Miss[]> {
  return readLog(path, MissSchema);
}

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

/** maxBytes and keep as given, the environment filling in what is not. */
export function retentionOf(options: { maxBytes?: number; keep?: number }): { maxBytes: number; keep: number } {
  const fromEnv =
    options.maxBytes !== undefined && options.keep !== undefined ? undefined : retentionFromEnv(process.env);
  return { maxBytes: options.maxBytes ?? fromEnv!.maxBytes, keep: options.keep ?? fromEnv!.keep };
}
