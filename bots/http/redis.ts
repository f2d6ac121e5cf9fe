// The Redis connection of the shared state: fails fast at start with a message that says what to do, and while

// running never queues commands (a request must not wait for a reconnect; the state falls back instead).
import { Redis } from 'ioredis';
import { messageOf } from '../../src/errors.js';
import type { RedisHealth } from './redis-health.js';

export interface RedisConnectionOptions {
  /** Told when the connection fails and when it is ready again (after the start). */
  health: Pick<RedisHealth, 'failed' | 'answered'>;
  /** A command not answered within this many ms fails (a Redis that hangs must not hang requests). */
  deadlineMs: number;
}

/**
 * Connects, or throws an Error naming the address (never the password) and the fix.
 * @example const redis = await connectRedis(config.redisUrl, { health, deadlineMs: 300 });
 */
export async function connectRedis(url: string, options: RedisConnectionOptions): Promise<Redis> {
  const { health } = options;
  const redis = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 3_000,
    // ioredis waits for ever by default: a Redis that is alive but stopped would hold every request.
    commandTimeout: options.deadlineMs,
    // Reconnect quickly at first, then every 2 s: replicas recover by themselves when Redis comes back.
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
  });
  let starting = true;
  let lastError = '';
  redis.on('error', (error: Error) => {
    // ioredis reports every failed reconnect: the health logs one line per outage, and none while starting (the
    // start-up error says it all).
    if (!starting) health.failed(error);
    lastError = error.message;
  });
  redis.on('ready', () => {
    lastError = '';
    if (!starting) health.answered();
  });
  try {
    await redis.connect();
    starting = false;
    return redis;
  } catch (error) {
    redis.disconnect();
    // ioredis's own messages name the host and port at most; the URL itself (with the password) never goes out.
    throw new Error(
      `cannot reach Redis at ${where(url)} (${lastError || messageOf(error)}); start it, ` +
        'fix HEARING_REDIS_URL, or unset it to keep state in this process',
    );
  }
}

/** host:port/db of a Redis URL, without credentials. */
function where(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || 6379}${u.pathname.length > 1 ? u.pathname : ''}`;
  } catch {
    return 'HEARING_REDIS_URL';
  }
}
