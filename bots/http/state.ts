// What the HTTP door remembers between requests (replies to platform messages, pages left to read, misses), behind
// one interface with two homes: this process's memory, or Redis for several replicas (see redis-state.ts).
import type { MissesLog } from '../../src/chat/staff-logs.js';

/** Replies to platform messages, so that a platform's retry gets the same reply instead of a second answer. */
export interface ReplyMemory {
  /** True for the first delivery of `key`: the caller answers it and then calls `settle`. False for any repeat. */
  claim(key: string): Promise<boolean>;
  /** Records the reply to `key` ('' when the message gets none), for repeats. */
  settle(key: string, reply: string): Promise<void>;
  /**
   * The reply recorded for `key`, waiting up to `waitMs` while the first delivery is still being answered (maybe by
   * another replica); undefined when none arrives in time.
   */
  recall(key: string, waitMs: number): Promise<string | undefined>;
}

/** The rest of a long answer, per reader, for 「回复 1 看下一段」. */
export interface PageStore {
  /** Replaces whatever `reader` had left to read; [] forgets it. */
  keep(reader: string, pages: readonly string[]): Promise<void>;
  /** Takes the next page off `reader`'s pile; undefined when nothing is left (or it expired). */
  next(reader: string): Promise<string | undefined>;
}

/** Everything the door shares between requests; one per process. */
export interface DoorState {
  /** 'redis' when shared between replicas. */
  readonly kind: 'memory' | 'redis';
  readonly replies: ReplyMemory;
  readonly pages: PageStore;
  readonly misses: MissesLog;
  /** Writes what is pending and lets go of connections. */
  close(): Promise<void>;
}

/** How long a reply is kept for retries: WeChat retries within about 15 s, and refused timestamps end at 5 min. */
export const REPLY_TTL_MS = 10 * 60_000;
/**
 * A claim in Redis lives this long unless its replica renews it (every third of it, while answering): a replica that
 * dies between claiming and answering lets a WeChat retry (5 s apart) take the message over and answer it.
 */
export const CLAIM_TTL_MS = 3_000;
/** In one process a claim cannot outlive its owner; this only bounds a claim whose answer threw. */
const LOCAL_CLAIM_TTL_MS = 30_000;
/** How long the rest of a long answer waits for 「1」. */
export const PAGES_TTL_MS = 30 * 60_000;

export interface MemoryStateOptions {
  misses: MissesLog;
  /** Milliseconds since the epoch. Default `Date.now`. */
  now?: () => number;
  /** Entries kept per table before the oldest are forgotten. Default 10 000. */
  capacity?: number;
}

/**
 * State in this process's memory: right for one process; several replicas need Redis.
 * @example const state = memoryState({ misses: createMissesLog({ path }) });
 */
export function memoryState(options: MemoryStateOptions): DoorState {
  const now = options.now ?? Date.now;
  const capacity = options.capacity ?? 10_000;
  const replies = new ExpiringMap<{ reply?: string; waiters: Array<(reply: string) => void> }>(now, capacity);
  const pages = new ExpiringMap<string[]>(now, capacity);
  return {
    kind: 'memory',
    replies: {
      async claim(key) {
        if (replies.get(key)) return false;
        replies.set(key, { waiters: [] }, LOCAL_CLAIM_TTL_MS);
        return true;
      },
      async settle(key, reply) {
        const waiters = replies.get(key)?.waiters ?? [];
        replies.set(key, { reply, waiters: [] }, REPLY_TTL_MS);
        for (const wake of waiters) wake(reply);
      },
      async recall(key, waitMs) {
        const entry = replies.get(key);
        if (!entry) return undefined;
        if (entry.reply !== undefined) return entry.reply;
        return new Promise<string | undefined>((resolve) => {
          const timer = setTimeout(() => resolve(undefined), waitMs);
          entry.waiters.push((reply) => {
            clearTimeout(timer);
            resolve(reply);
          });
        });
      },
    },
    pages: {
      async keep(reader, rest) {
        if (rest.length === 0) pages.delete(reader);
        else pages.set(reader, [...rest], PAGES_TTL_MS);
      },
      async next(reader) {
        const rest = pages.get(reader);
        const page = rest?.shift();
        if (rest && rest.length === 0) pages.delete(reader);
        return page;
      },
    },
    misses: options.misses,
    close: () => options.misses.flush(),
  };
}

/** A Map whose entries expire, holding at most `capacity` (oldest dropped first). */
class ExpiringMap<V> {
  readonly #entries = new Map<string, { value: V; expires: number }>();
  constructor(
    readonly now: () => number,
    readonly capacity: number,
  ) {}

  get(key: string): V | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.expires > this.now()) return entry.value;
    this.#entries.delete(key);
    return undefined;
  }

  set(key: string, value: V, ttlMs: number): void {
    // Re-inserting moves the key to the end, so insertion order stays oldest-first.
    this.#entries.delete(key);
    this.#entries.set(key, { value, expires: this.now() + ttlMs });
    while (this.#entries.size > this.capacity) this.#entries.delete(this.#entries.keys().next().value as string);
  }

  delete(key: string): void {
    this.#entries.delete(key);
  }
}
