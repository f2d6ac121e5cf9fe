// The conversation memory shared by replicas: a local copy for the synchronous respond(), loaded and saved around it.
import { messageOf } from '../errors.js';
import {
  type ConversationMemory,
  createMemory,
  DEFAULT_MEMORY_IDLE_MS,
  type MemoryOptions,
  type Recollection,
  RecollectionSchema,
} from './memory.js';

/** A key–value store several processes share (Redis): JSON strings that expire on their own. */
export interface SharedStore {
  get(key: string): Promise<string | null>;
  /** Writes `value` to expire after `ttlMs`. */
  set(key: string, value: string, ttlMs: number): Promise<void>;
  delete(key: string): Promise<void>;
}

/** The memory of {@link createSharedMemory}: `load()` before `respond()`, `flush()` before stopping. */
export interface SharedMemory extends ConversationMemory {
  load(key: string): Promise<void>;
  /** Resolves when every write so far has landed (or failed and been reported). */
  flush(): Promise<void>;
}

export interface SharedMemoryOptions extends MemoryOptions {
  /** Put before every key, so several bots can share one Redis (`hearing:telegram:`). Default `hearing:memory:`. */
  prefix?: string;
  /** Told when the store fails; the conversation goes on with what it has locally. Default: one line on stderr. */
  onError?: (error: Error) => void;
  /** The conversation's clock (ms), to tell an expired local copy from a live one. Default `Date.now`. */
  now?: () => number;
}

/**
 * A memory kept in a shared store with a local copy: `recall()` reads the copy synchronously; `load(key)` refreshes
 * the copy from the store first (`conversation.respond()` awaits it before reading the message), and
 * `keep()` writes through in the background with the idle time as time to live. A store that fails or holds
 * something malformed costs only the follow-up, never the reply.
 * @example
 * const memory = createSharedMemory(redisStore(new Redis(process.env.HEARING_REDIS_URL)), { prefix: 'hearing:tg:' });
 * const conversation = createConversation({ engine, memory });
 * const outcome = await conversation.respond(message);
 */
export function createSharedMemory(store: SharedStore, options: SharedMemoryOptions = {}): SharedMemory {
  const local = createMemory(options);
  const now = options.now ?? Date.now;
  const prefix = options.prefix ?? 'hearing:memory:';
  const ttlMs = options.idleMs ?? DEFAULT_MEMORY_IDLE_MS;
  const onError = options.onError ?? ((error: Error) => process.stderr.write(`${error.message}\n`));
  const pending = new Set<Promise<void>>();
  const fail = (what: string, key: string) => (error: unknown) =>
    onError(new Error(`memory: cannot ${what} ${prefix}${key} in the shared store: ${messageOf(error)}`));
  const track = (write: Promise<void>) => {
    pending.add(write);
    void write.finally(() => pending.delete(write));
  };
  return {
    recall: (key, now) => local.recall(key, now),
    keep(key, recollection) {
      local.keep(key, recollection);
      track(store.set(prefix + key, JSON.stringify(recollection), ttlMs).catch(fail('save', key)));
    },
    forget(key) {
      local.forget(key);
      track(store.delete(prefix + key).catch(fail('delete', key)));
    },
    async load(key) {
      let raw: string | null;
      try {
        raw = await store.get(prefix + key);
      } catch (error) {
        fail('read', key)(error);
        return;
      }
      const shared = raw === null ? undefined : parse(raw);
      // The later of the two is the truth: another replica may have answered since, or this one's write may still
      // be on its way. `recall()` drops either when it has expired.
      const mine = local.recall(key, now());
      if (shared && (!mine || shared.at >= mine.at)) local.keep(key, shared);
    },
    async flush() {
      while (pending.size > 0) await Promise.all([...pending]);
    },
  };
}

/** The few Redis commands the shared memory needs, as ioredis spells them (`new Redis(url)` fits). */
export interface RedisLike {
  get(key: string): Promise<string | null>;
  set(key: string, value: string, mode: 'PX', ttlMs: number): Promise<unknown>;
  del(key: string): Promise<unknown>;
}

/**
 * A {@link SharedStore} over Redis: each recollection is one string key with a time to live (`SET … PX`).
 * @example createSharedMemory(redisStore(new Redis(url)))
 */
export function redisStore(redis: RedisLike): SharedStore {
  return {
    get: (key) => redis.get(key),
    set: async (key, value, ttlMs) => void (await redis.set(key, value, 'PX', Math.max(1, Math.round(ttlMs)))),
    delete: async (key) => void (await redis.del(key)),
  };
}

function parse(raw: string): Recollection | undefined {
  try {
    const result = RecollectionSchema.safeParse(JSON.parse(raw));
    return result.success ? result.data : undefined;
  } catch {
    return undefined;
  }
}
