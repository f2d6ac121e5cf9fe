// The door's state in Redis, so any number of `npm run http` processes behind a load balancer behave as one.

import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { MissesLog } from '../../src/chat/staff-logs.js';
import { missLine } from '../../src/logs/misses.js';
import type { RedisHealth } from './redis-health.js';
import { CLAIM_TTL_MS, type DoorState, PAGES_TTL_MS, REPLY_TTL_MS } from './state.js';

/** Every key the door writes starts with this, so one Redis can serve other things too. */
export const REDIS_PREFIX = 'hearing:';
/** The misses list: the same JSON lines as var/misses.jsonl, newest last. */
export const REDIS_MISSES_KEY = `${REDIS_PREFIX}misses`;
/** The misses list keeps this many, like the file's 1 MiB cap. */
export const REDIS_MISSES_MAX = 10_000;

export interface RedisStateOptions {
  redis: Redis;
  /** Every operation goes through it: one log line per outage, and local state at once while Redis is away. */
  health: RedisHealth;
  /** This process's own state: kept in step, and what the door answers from while Redis is away. */
  local: DoorState;
  now?: () => Date;
  /** How often `recall` looks again while another replica is still answering. Default 50 ms. */
  pollMs?: number;
  /** How long a claim lives unless renewed. Default CLAIM_TTL_MS. */
  claimTtlMs?: number;
}

/**
 * @example const state = redisState({ redis, health, local: memoryState({ misses }) });
 */
export function redisState(options: RedisStateOptions): DoorState {
  const { redis, health, local } = options;
  const now = options.now ?? (() => new Date());
  const pollMs = options.pollMs ?? 50;
  const claimTtlMs = options.claimTtlMs ?? CLAIM_TTL_MS;
  /** Runs one Redis operation; when it fails (the health has logged it) the local state answers instead. */
  const either = async <T>(op: () => Promise<T>, fallback: () => Promise<T>): Promise<T> => {
    try {
      return await health.attempt(op);
    } catch {
      return fallback();
    }
  };
  const replyKey = (key: string) => `${REDIS_PREFIX}reply:${key}`;
  const pagesKey = (reader: string) => `${REDIS_PREFIX}pages:${reader}`;
  // A pending claim holds PENDING + its owner's token; a settled one holds SETTLED + the reply ('' for none).
  const PENDING = '?';
  const SETTLED = '=';
  /** The claims this process is answering, each renewed until settled: a claim outlives a dead owner briefly. */
  const renewals = new Map<string, NodeJS.Timeout>();
  const renew = (key: string, token: string) => {
    const timer = setInterval(() => {
      void health
        .attempt(() => redis.eval(RENEW_IF_OWNER, 1, replyKey(key), token, String(claimTtlMs)))
        .catch(() => {});
    }, claimTtlMs / 3);
    timer.unref();
    renewals.set(key, timer);
  };
  const stopRenewing = (key: string) => {
    clearInterval(renewals.get(key));
    renewals.delete(key);
  };

  let pendingMisses: Promise<unknown> = Promise.resolve();
  const misses: MissesLog = {
    record({ chat, text, time, tier, answer }) {
      // The same line as var/misses.jsonl holds, so the file tools read a dump of the list.
      const line = missLine({ chat, text, time: time ?? now(), tier, answer });
      const write = health
        .attempt(async () => {
          await redis.multi().rpush(REDIS_MISSES_KEY, line).ltrim(REDIS_MISSES_KEY, -REDIS_MISSES_MAX, -1).exec();
        })
        // Redis away: the miss goes to this replica's own log (the misses file when one is set), not nowhere.
        .catch(() => local.misses.record({ chat, text, time: time ?? now(), tier, answer }));
      pendingMisses = Promise.all([pendingMisses, write]);
    },
    flush: async () => {
      await pendingMisses;
    },
  };

  return {
    kind: 'redis',
    replies: {
      async claim(key) {
        const token = PENDING + randomBytes(6).toString('hex');
        const claimed = await either(
          async () => (await redis.set(replyKey(key), token, 'PX', claimTtlMs, 'NX')) === 'OK',
          // Redis away: this process still answers each message once and gives its own retries the same reply.
          () => local.replies.claim(key),
        );
        if (claimed) {
          renew(key, token);
          await local.replies.claim(key);
        }
        return claimed;
      },
      async settle(key, reply) {
        stopRenewing(key);
        await local.replies.settle(key, reply);
        await either(
          async () => void (await redis.set(replyKey(key), SETTLED + reply, 'PX', REPLY_TTL_MS)),
          async () => {},
        );
      },
      async recall(key, waitMs) {
        const deadline = Date.now() + waitMs;
        for (;;) {
          const value = await either(
            () => redis.get(replyKey(key)),
            async () => undefined,
          );
          if (value === undefined) return local.replies.recall(key, Math.max(0, deadline - Date.now()));
          if (value === null) return undefined;
          if (value.startsWith(SETTLED)) return value.slice(SETTLED.length);
          if (Date.now() >= deadline) return undefined;
          await new Promise((resolve) => setTimeout(resolve, pollMs));
        }
      },
    },
    pages: {
      async keep(reader, rest) {
        // Kept here too, so 「1」 still brings the next page if Redis goes away before it comes.
        await local.pages.keep(reader, rest);
        await either(
          async () => {
            const key = pagesKey(reader);
            const tx = redis.multi().del(key);
            if (rest.length > 0) tx.rpush(key, ...rest).pexpire(key, PAGES_TTL_MS);
            await tx.exec();
          },
          async () => {},
        );
      },
      async next(reader) {
        const shared = await either(
          async () => (await redis.lpop(pagesKey(reader))) ?? undefined,
          async () => null,
        );
        // The local pile follows the shared one; it answers alone when Redis did not (or held nothing, as after
        // pages kept during an outage).
        const mine = await local.pages.next(reader);
        return shared ?? mine;
      },
    },
    misses,
    async close() {
      for (const key of renewals.keys()) stopRenewing(key);
      await misses.flush();
      await local.close();
      // QUIT waits for a reconnect that may never come; a client that is not connected is simply dropped.
      if (redis.status === 'ready') await redis.quit().catch(() => redis.disconnect());
      else redis.disconnect();
    },
  };
}

/** Extends a claim only while it is still this process's (not settled, not taken over after expiring). */
const RENEW_IF_OWNER = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`;
