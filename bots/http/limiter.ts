// Per-key request limits (client address on /api/*, sender on the callbacks) with rate-limiter-flexible: in memory,

// or in Redis so every replica counts against the same budget.
import type { Redis } from 'ioredis';
import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { RedisHealth } from './redis-health.js';

/** What one attempt cost: allowed, or refused with how long to wait. */
export type LimitVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export interface KeyLimiter {
  /** Counts one request for `key`. Never rejects: when Redis fails, this process's own count decides. */
  take(key: string): Promise<LimitVerdict>;
}

export interface KeyLimiterOptions {
  /** Requests allowed per window; 0 = no limit. */
  points: number;
  /** Window in seconds. Default 60. */
  windowSeconds?: number;
  /** Names the counters in Redis (`hearing:<name>:<key>`). */
  name: string;
  /** Shared counters; omit for this process's memory. */
  redis?: Redis;
  /** With `redis`: runs each Redis call (its deadline, its outages); when it fails, this process's count decides. */
  health?: Pick<RedisHealth, 'attempt'>;
}

/** A limiter that allows everything. */
export const NO_LIMIT: KeyLimiter = { take: async () => ({ allowed: true }) };

/**
 * @example
 * const limiter = createKeyLimiter({ points: 600, name: 'api', redis });
 * const verdict = await limiter.take(clientAddress(req, 1));
 */
export function createKeyLimiter(options: KeyLimiterOptions): KeyLimiter {
  if (options.points <= 0) return NO_LIMIT;
  const base = { points: options.points, duration: options.windowSeconds ?? 60, keyPrefix: `hearing:${options.name}` };
  const memory = new RateLimiterMemory(base);
  // No insurance limiter: a Redis that hangs would make every request wait inside it; the health decides instead.
  const shared = options.redis
    ? new RateLimiterRedis({ ...base, storeClient: options.redis, rejectIfRedisNotReady: true })
    : undefined;
  const health = options.health ?? { attempt: (op) => op() };
  const consume = async (limiter: RateLimiterAbstract, key: string): Promise<LimitVerdict> => {
    try {
      await limiter.consume(key);
      return { allowed: true };
    } catch (outcome) {
      if (outcome instanceof RateLimiterRes) {
        return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(outcome.msBeforeNext / 1000)) };
      }
      throw outcome;
    }
  };
  return {
    async take(key) {
      if (!shared) return consume(memory, key);
      try {
        return await health.attempt(() => consume(shared, key));
      } catch {
        // While Redis is away each replica limits on its own rather than refusing everyone.
        return consume(memory, key);
      }
    },
  };
}
