// A short memory per conversation: what the last reply showed and offered, so 「2」「谁问的」「还有呢」 can follow it.
import { z } from 'zod';
import type { IncomingMessage } from './message.js';

/** A thousand busy groups fit; a hundred thousand members asking at once would only push out the oldest. */
export const DEFAULT_MEMORY_CAPACITY = 5000;
export const DEFAULT_MEMORY_IDLE_MS = 5 * 60_000;
export const DEFAULT_MEMORY_MAX_TURNS = 20;
/** Longest list a recollection keeps (the bot's longest list has 19 lines). */
export const MAX_REFS = 32;

/**
 * What a conversation remembers of its last replies: item references (`<hearing>#<id>`, as the index names them),
 * commands the bot offered, and the last body or person asked about. Of the user's words only the question the last
 * searched answer replied to (cut short), so that 「不对」 can tell staff which question got the wrong answer: the
 * misses log keeps such questions anyway, and the memory forgets it with the rest after a few minutes.
 */
/** The longest question the memory keeps; the misses log cuts at the same length. */
export const MAX_QUESTION_CHARS = 200;

export const RecollectionSchema = z.object({
  /** When the last reply was given (ms since the epoch). */
  at: z.number(),
  /** Replies in this thread so far; the thread is forgotten after {@link MemoryOptions.maxTurns}. */
  turns: z.number().int().min(1),
  /** What kind of reply the last one was, for 「那X呢」: the same kind of question about X. */
  source: z.enum(['search', 'q', 'dept', 'who', 'topic', 'promises', 'guess', 'list', 'other']),
  /** Items the last reply showed in full, in order. */
  shown: z.array(z.string()).max(MAX_REFS),
  /** Commands the last reply offered as a list (guesses, related, list lines), in order: 「2」 runs the second. */
  offered: z.array(z.string()).max(MAX_REFS),
  /** Candidates offered but not shown in full yet, best first: 「还有呢」 and 「不对」 take the next one. */
  pending: z.array(z.string()).max(MAX_REFS),
  /** Items shown in full during this thread, so 「还有呢」 never repeats one. */
  seen: z.array(z.string()).max(MAX_REFS),
  /** The answering body (printed name) last asked about, if any. */
  body: z.string().nullable(),
  /** The person last asked about, if any. */
  person: z.string().nullable(),
  /**
   * The message (a question, a name, a command as written) whose reply showed what is on screen, for the misses log
   * when it is marked wrong (「不对」, 👎); follow-ups keep it.
   */
  question: z.string().max(MAX_QUESTION_CHARS).nullable().default(null),
});
export type Recollection = z.infer<typeof RecollectionSchema>;

/**
 * Where recollections live. Synchronous, so `respond()` stays synchronous: the in-process store answers at once, and
 * a shared store (Redis) is reached through {@link createSharedMemory}, which loads before and saves after.
 */
export interface ConversationMemory {
  /** The recollection of a conversation, or undefined when there is none or it has expired. */
  recall(key: string, now: number): Recollection | undefined;
  keep(key: string, recollection: Recollection): void;
  forget(key: string): void;
  /**
   * Brings a conversation's recollection in from a shared store before `respond()` reads it; absent for the
   * in-process memory, which has it already. `conversation.respond()` awaits it.
   */
  load?(key: string): Promise<void>;
}

export interface MemoryOptions {
  /** Conversations remembered at most; the least recently used is forgotten first. Default 5000. */
  capacity?: number;
  /** A conversation silent this long is forgotten. Default 5 minutes. */
  idleMs?: number;
  /** A thread is forgotten after this many replies. Default 20. */
  maxTurns?: number;
}

/**
 * The in-process memory: a bounded LRU map, expired entries dropped when read.
 * @example
 * const memory = createMemory();
 * memory.keep('private:42', recollection);
 * memory.recall('private:42', Date.now())?.shown // ['000_…#q5']
 */
export function createMemory(options: MemoryOptions = {}): ConversationMemory {
  const capacity = Math.max(1, options.capacity ?? DEFAULT_MEMORY_CAPACITY);
  const lasting = lifetime(options);
  // A Map iterates in insertion order: re-inserting on use keeps the least recently used first.
  const entries = new Map<string, Recollection>();
  return {
    recall(key, now) {
      const found = entries.get(key);
      if (!found) return undefined;
      entries.delete(key);
      if (!lasting(found, now)) return undefined;
      entries.set(key, found);
      return found;
    },
    keep(key, recollection) {
      entries.delete(key);
      entries.set(key, recollection);
      while (entries.size > capacity) entries.delete(entries.keys().next().value!);
    },
    forget(key) {
      entries.delete(key);
    },
  };
}

/**
 * Whether a recollection still counts at `now`: not silent longer than `idleMs`, fewer than `maxTurns` replies.
 * @example lifetime({ idleMs: 60_000 })(recollection, recollection.at + 61_000) // false
 */
export function lifetime(options: MemoryOptions = {}): (recollection: Recollection, now: number) => boolean {
  const idleMs = options.idleMs ?? DEFAULT_MEMORY_IDLE_MS;
  const maxTurns = options.maxTurns ?? DEFAULT_MEMORY_MAX_TURNS;
  return (r, now) => now - r.at <= idleMs && now >= r.at - CLOCK_SKEW_MS && r.turns < maxTurns;
}

/**
 * Whose memory a message reads: in a group each member has their own (another member's 「2」 follows nothing),
 * in a private chat or the console the chat's.
 * @example memoryKey({ chat: 'group', chatId: 'g1', userId: 'u7' }) // 'group:g1:u7'
 */
export function memoryKey(message: Pick<IncomingMessage, 'chat' | 'chatId' | 'userId'>): string {
  const chat = `${message.chat}:${String(message.chatId)}`;
  return message.chat === 'group' ? `${chat}:${String(message.userId)}` : chat;
}

/** Replicas' clocks differ a little; a recollection written "in the future" by one of them still counts. */
const CLOCK_SKEW_MS = 5_000;
