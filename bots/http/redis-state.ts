// The door's state in Redis, so any number of `npm run http` processes behind a load balancer behave as one.

import type { Redis } from 'ioredis';
import type { MissesLog } from '../../src/chat/staff-logs.js';
import { messageOf } from '../../src/errors.js';
import { missLine } from '../../src/logs/misses.js';
import { CLAIM_TTL_MS, type DoorState, PAGES_TTL_MS, REPLY_TTL_MS } from './state.js';

/** Every key the door writes starts with this, so one Redis can serve other things too. */
export const REDIS_PREFIX = 'hearing:';
/** The misses list: the same JSON lines as var/misses.jsonl, newest last. */
export const REDIS_MISSES_KEY = `${REDIS_PREFIX}misses`;
/** The misses list keeps this many, like the file's 1 MiB cap. */
export const REDIS_MISSES_MAX = 10_000;

export interface RedisStateOptions {
  redis: Redis;
  /** Told about every Redis failure; the door carries on as if the state were empty. */
  onError?: (error: Error) => void;
  now?: () => Date;
  /** How often `recall` looks again while another replica is still answering. Default 50 ms. */
  pollMs?: number;
}

/**
 * @example const state = redisState({ redis: new Redis(url), onError: (e) => log.error(e.message) });
 */
export function redisState(options: RedisStateOptions): DoorState {
  const { redis } = options;
  const onError = options.onError ?? (() => {});
  const now = options.now ?? (() => new Date());
  const pollMs = options.pollMs ?? 50;
  /** Runs one Redis operation; on failure reports it and gives `fallback`. */
  const guard = async <T>(what: string, fallback: T, op: () => Promise<T>): Promise<T> => {
    try {
      return await op();
    } catch (error) {
      onError(new Error(`redis: ${what}: ${messageOf(error)}`));
      return fallback;
    }
  };
  const replyKey = (key: string) => `${REDIS_PREFIX}reply:${key}`;
  const pagesKey = (reader: string) => `${REDIS_PREFIX}pages:${reader}`;
  // A pending claim holds PENDING; a settled one holds SETTLED + the reply ('' for none).
  const PENDING = '?';
  const SETTLED = '=';

  let pendingMisses: Promise<unknown> = Promise.resolve();
  const misses: MissesLog = {
    record({ chat, text, time, tier, answer }) {
      // The same line as var/misses.jsonl holds, so the file tools read a dump of the list.
      const line = missLine({ chat, text, time: time ?? now(), tier, answer });
      const write = guard('record a miss', undefined, async () => {
        await redis.multi().rpush(REDIS_MISSES_KEY, line).ltrim(REDIS_MISSES_KEY, -REDIS_MISSES_MAX, -1).exec();
      });
      pendingMisses = Promise.all([pendingMisses, write]);
    },
    flush: async () => {
      await pendingMisses;
    },
  };

  return {
    kind: 'redis',
    replies: {
      // When Redis is down every delivery counts as first: a second answer beats no answer.
      claim: (key) =>
        guard('claim a message', true, async () => {
          return (await redis.set(replyKey(key), PENDING, 'PX', CLAIM_TTL_MS, 'NX')) === 'OK';
        }),
      settle: (key, reply) =>
        guard('keep a reply', undefined, async () => {
          await redis.set(replyKey(key), SETTLED + reply, 'PX', REPLY_TTL_MS);
        }),
      recall: (key, waitMs) =>
        guard('recall a reply', undefined, async () => {
          const deadline = Date.now() + waitMs;
          for (;;) {
            const value = await redis.get(replyKey(key));
            if (value === null) return undefined;
            if (value.startsWith(SETTLED)) return value.slice(SETTLED.length);
            if (Date.now() >= deadline) return undefined;
            await new Promise((resolve) => setTimeout(resolve, pollMs));
          }
        }),
    },
    pages: {
      keep: (reader, rest) =>
        guard('keep pages', undefined, async () => {
          const key = pagesKey(reader);
          const tx = redis.multi().del(key);
          if (rest.length > 0) tx.rpush(key, ...rest).pexpire(key, PAGES_TTL_MS);
          await tx.exec();
        }),
      next: (reader) => guard('take a page', undefined, async () => (await redis.lpop(pagesKey(reader))) ?? undefined),
    },
    misses,
    async close() {
      await misses.flush();
      // QUIT waits for a reconnect that may never come; a client that is not connected is simply dropped.
      if (redis.status === 'ready') await redis.quit().catch(() => redis.disconnect());
      else redis.disconnect();
    },
  };
}
