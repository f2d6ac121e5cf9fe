// The Redis connection of the shared state: fails fast at start with a message that says what to do, and while

// running never queues commands (a request must not wait for a reconnect; the state falls back instead).
import { Redis } from 'ioredis';
import { messageOf } from '../../src/errors.js';

/**
 * Connects, or throws an Error naming the address (never the password) and the fix.
 * @example const redis = await connectRedis(config.redisUrl, (line) => log.error(line));
 */
export async function connectRedis(url: string, onError: (line: string) => void): Promise<Redis> {
  const redis = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 3_000,
    // Reconnect quickly at first, then every 2 s: replicas recover by themselves when Redis comes back.
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
  });
  let starting = true;
  let lastError = '';
  redis.on('error', (error: Error) => {
    // ioredis reports every failed reconnect; one line per distinct error is enough, and none while starting (the
    // start-up error says it all).
    if (!starting && error.message !== lastError) onError(`redis: ${error.message}`);
    lastError = error.message;
  });
  redis.on('ready', () => (lastError = ''));
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
