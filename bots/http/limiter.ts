// Per-key request limits (client address on /api/*, sender on the callbacks) with rate-limiter-flexible: in memory,

// or in Redis so every replica counts against the same budget.
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { messageOf } from '../../src/errors.js';

/** What one attempt cost: allowed, or refused with how long to wait. */
export type LimitVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export interface KeyLimiter {
  /** Counts one request for `key`. Never rejects: a store failure lets the request through (and is reported). */
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
  /** Told when Redis fails and the in-memory fallback decides instead. */
  onError?: (error: Error) => void;
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
  const base = { points: options.points, duration: options.windowSeconds ?? 60 };
  const keyPrefix = `hearing:${options.name}`;
  const memory = new RateLimiterMemory({ ...base, keyPrefix });
  const limiter = options.redis
    ? new RateLimiterRedis({
        ...base,
        keyPrefix,
        storeClient: options.redis,
        // While Redis is down each replica limits on its own rather than refusing everyone.
        insuranceLimiter: memory,
        rejectIfRedisNotReady: true,
      })
    : memory;
  const onError = options.onError ?? (() => {});
  return {
    async take(key) {
      try {
        await limiter.consume(key);
        return { allowed: true };
      } catch (outcome) {
        if (outcome instanceof RateLimiterRes) {
          return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(outcome.msBeforeNext / 1000)) };
        }
        onError(new Error(`limit ${options.name}: ${messageOf(outcome)}; let through`));
        return { allowed: true };
      }
    },
  };
}
