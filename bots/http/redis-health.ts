// Whether Redis answers: one log line when it stops (with the reason, never a key or a sender), one when it is back,
// what /healthz reports, and a short cut to local state while it is away so requests do not each wait the deadline.
import { messageOf } from '../../src/errors.js';

/** What /healthz says of Redis. */
export type RedisStatus = { ok: true } | { ok: false; reason: string; since: Date };

export interface RedisHealth {
  /**
   * Runs one Redis operation. While Redis is away it fails at once (RedisAwayError) except for one attempt every
   * `retryMs`, which finds out whether Redis is back. A failure starts an outage, a success ends one.
   */
  attempt<T>(op: () => Promise<T>): Promise<T>;
  /** The connection failed (ioredis's `error` event). */
  failed(error: unknown): void;
  /** The connection is ready again (ioredis's `ready` event) or an operation succeeded. */
  answered(): void;
  status(): RedisStatus;
}

export interface RedisHealthOptions {
  /** The door's log: `error` for the start of an outage, `info` for its end. */
  log: { error(line: string): void; info(line: string): void };
  /** While Redis is away, one operation in this many ms tries it again. Default 1 s. */
  retryMs?: number;
  /** Milliseconds since the epoch. Default `Date.now`. */
  now?: () => number;
}

/** Redis is away: the operation was not even tried; the caller uses local state. */
export class RedisAwayError extends Error {
  override name = 'RedisAwayError';
}

/**
 * @example
 * const health = createRedisHealth({ log });
 * const page = await health.attempt(() => redis.lpop(key)).catch(() => local.next(reader));
 */
export function createRedisHealth(options: RedisHealthOptions): RedisHealth {
  const { log } = options;
  const now = options.now ?? Date.now;
  const retryMs = options.retryMs ?? 1_000;
  let away: { reason: string; since: number } | undefined;
  let lastTry = 0;

  const failed = (error: unknown) => {
    if (error instanceof RedisAwayError || away) return;
    // ioredis's messages name at most the host and port; only the first line, never the command or its key.
    const reason = messageOf(error).split('\n')[0]!.slice(0, 200);
    away = { reason, since: now() };
    lastTry = now();
    log.error(`redis: not answering (${reason}); answering from this process's memory until it is back`);
  };
  const answered = () => {
    if (!away) return;
    const seconds = Math.round((now() - away.since) / 1000);
    away = undefined;
    log.info(`redis: reconnected after ${seconds} s; state is shared again`);
  };

  return {
    async attempt(op) {
      if (away && now() - lastTry < retryMs) throw new RedisAwayError('redis is away');
      lastTry = now();
      try {
        const result = await op();
        answered();
        return result;
      } catch (error) {
        failed(error);
        throw error;
      }
    },
    failed,
    answered,
    status: () => (away ? { ok: false, reason: away.reason, since: new Date(away.since) } : { ok: true }),
  };
}
