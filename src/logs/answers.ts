// The answer log: one line per reply for staff's statistics (door, chat kind, tier, items shown; never who asked).
import { z } from 'zod';
import { ChatKindSchema } from '../chat/message.js';
import type { Reply } from '../chat/reply.js';
import { type AnswerLog, NO_ANSWER_LOG, type ReplyRecord } from '../chat/staff-logs.js';
import { messageOf } from '../errors.js';
import { createLineLog, type LineFs, type LineLog } from './line-log.js';
import { retentionOf } from './misses.js';
import { readLog } from './read.js';

/** How a reply did: an answer, only a guess, nothing, or an answer the asker marked wrong (or right). */
export const TIERS = ['answer', 'guess', 'none', 'disliked', 'liked'] as const;
export type Tier = (typeof TIERS)[number];

/**
 * One line of the log. There is no field for a user, a name or a chat id, and the schema strips any that appear:
 * staff need what was asked and shown, not who asked. A group is logged as `chat: "group"`, nothing more.
 */
export const AnswerSchema = z.object({
  time: z.string(),
  /** The door it came through: `telegram`, `wechat`, `wecom`, `dingtalk`, `http`, `console`, `cli`. */
  door: z.string(),
  chat: ChatKindSchema,
  /** The reply's kind (`answer`, `list`, `commitments`, `not-found`, `did-you-mean`, `help`, …). */
  reply: z.string(),
  /** Absent for replies that answer no question (help, hints, unknown commands). */
  tier: z.enum(TIERS).optional(),
  /** The items shown, as shown (`q5`, `closing`, `智慧交通q2` with several hearings), best first. */
  items: z.array(z.string()).default([]),
  /** The hearing of the first item shown. */
  hearing: z.string().optional(),
  /** What the answer was found by: `search`, `dept`, `who`, `topic`, `q` (answers only). */
  source: z.string().optional(),
  /** How it followed up the reply before (`pick`, `about`, `more`, `commitments`, `dislike`, `elliptical`). */
  followUp: z.string().optional(),
  /** The message, cut to 200 characters. */
  text: z.string(),
});
export type AnswerLine = z.infer<typeof AnswerSchema>;

export interface AnswerLogOptions {
  /** The JSONL file (null: off), or `lines`, somewhere else to put them (a Redis list). */
  path: string | null;
  lines?: LineLog;
  /** The door every line is from. */
  door: string;
  /** Rotation, as for the misses log (`HEARING_MISSES_MAX_BYTES`, `HEARING_MISSES_KEEP`). */
  maxBytes?: number;
  keep?: number;
  now?: () => Date;
  onError?: (error: Error) => void;
  fs?: LineFs;
}

/** The log keeps this much of a message, as the misses log does. */
export const ANSWER_TEXT_CHARS = 200;

/**
 * @example
 * const answers = createAnswerLog({ path: answerLogPathFromEnv(process.env), door: 'console' });
 * createConversation({ engine, answers });
 */
export function createAnswerLog(options: AnswerLogOptions): AnswerLog {
  const now = options.now ?? (() => new Date());
  const onError = options.onError ?? ((error: Error) => process.stderr.write(`${error.message}\n`));
  const lines =
    options.lines ??
    (options.path === null
      ? undefined
      : createLineLog({ ...retentionOf(options), path: options.path, name: 'answers', onError, fs: options.fs, now }));
  if (!lines) return NO_ANSWER_LOG;
  return {
    record(record) {
      try {
        lines.append(answerLine(options.door, { ...record, time: record.time ?? now() }));
      } catch (error) {
        try {
          onError(new Error(`answers: cannot record a reply: ${messageOf(error)}`));
        } catch {
          // the reply goes out whatever the log and its error handler do
        }
      }
    },
    flush: () => lines.flush(),
  };
}

/** Every line of the log and its rotated files, oldest file first. */
export function readAnswers(path: string): Promise<AnswerLine[]> {
  return readLog(path, AnswerSchema);
}

/**
 * One reply as a line of the log (without its newline): the same in the file and in Redis.
 * @example answerLine('telegram', { chat: 'group', text: '汉融通', reply, time }) // '{"time":"…","door":"telegram",…}'
 */
export function answerLine(door: string, record: ReplyRecord & { time: Date }): string {
  const { reply } = record;
  const items = itemsOf(reply);
  // 「不对」 or 「谢谢」: the item it was said of leads.
  const marked = record.disliked ?? record.liked;
  const line: AnswerLine = {
    time: record.time.toISOString(),
    door,
    chat: record.chat,
    reply: reply.kind,
    tier: record.disliked ? 'disliked' : record.liked ? 'liked' : tierOf(reply),
    items: marked && !items.includes(marked) ? [marked, ...items] : items,
    hearing: hearingOf(reply),
    source: reply.kind === 'answer' ? reply.source : undefined,
    followUp: record.followUp,
    text: [...record.text].slice(0, ANSWER_TEXT_CHARS).join(''),
  };
  return JSON.stringify(line); // undefined fields are left out
}

/** answer: something from the hearing shown; guess: only 「你是不是想问」; none: nothing found. */
function tierOf(reply: Reply): Tier | undefined {
  switch (reply.kind) {
    case 'answer':
    case 'list':
      return 'answer';
    case 'commitments':
      return reply.items.length > 0 ? 'answer' : 'none';
    case 'not-found':
      return 'none';
    case 'did-you-mean':
      return reply.reason === 'guess' ? 'guess' : undefined;
    default:
      return undefined;
  }
}

/** The items a reply shows, as shown (qualified by hearing key when several are loaded), without repeats. */
function itemsOf(reply: Reply): string[] {
  const ids = (() => {
    switch (reply.kind) {
      case 'answer':
        return reply.items.map((item) => (item.from ? `${item.from.key}${item.id}` : item.id));
      case 'commitments':
        return reply.items.map((item) => (item.from ? `${item.from.key}${item.id}` : item.id));
      case 'did-you-mean':
        return reply.reason === 'guess' ? reply.candidates.flatMap((c) => idOfCommand(c.command)) : [];
      default:
        return [];
    }
  })();
  return [...new Set(ids)];
}

function hearingOf(reply: Reply): string | undefined {
  return reply.kind === 'answer' ? reply.items[0]?.hearing : undefined;
}

/** `/q 5` → q5, `/q 智慧交通 5` → 智慧交通q5, `/q closing` → closing (the commands `commands.q` writes). */
function idOfCommand(command: string): string[] {
  const match = /^\/q\s+(?:(\S+)\s+)?(\d+|closing)$/.exec(command.trim());
  if (!match) return [];
  const id = match[2] === 'closing' ? 'closing' : `q${match[2]}`;
  return [`${match[1] ?? ''}${id}`];
}
