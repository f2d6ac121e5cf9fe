// A log's lines in a Redis list instead of a file, for replicas (HEARING_REDIS_URL): the same lines, newest last.
import { messageOf } from '../errors.js';
import type { LineLog } from './line-log.js';

/** The Redis commands a list of lines needs, as ioredis spells them (`new Redis(url)` fits). */
export interface RedisLists {
  multi(): RedisListTransaction;
}
export interface RedisListTransaction {
  rpush(key: string, value: string): RedisListTransaction;
  ltrim(key: string, start: number, stop: number): RedisListTransaction;
  exec(): Promise<unknown>;
}

/** The answer log's list; `hearing:misses` is the misses log's. */
export const REDIS_ANSWERS_KEY = 'hearing:answers';
/** The answer list keeps this many lines (about a month of a busy bot); dump it to a file to keep more. */
export const REDIS_ANSWERS_MAX = 100_000;

/**
 * Lines pushed to a capped list: the same lines as the file holds, so `LRANGE key 0 -1 > var/answers.jsonl` gives
 * the file tools (`cli stats`, `export`) what they read. A failure is reported, never thrown.
 * @example createAnswerLog({ path: null, lines: redisLines(redis, REDIS_ANSWERS_KEY, REDIS_ANSWERS_MAX, onError), door: 'http' })
 */
export function redisLines(redis: RedisLists, key: string, max: number, onError: (error: Error) => void): LineLog {
  let pending: Promise<unknown> = Promise.resolve();
  return {
    append(line) {
      const write = redis
        .multi()
        .rpush(key, line)
        .ltrim(key, -max, -1)
        .exec()
        .catch((error) => onError(new Error(`redis: keep a line of ${key}: ${messageOf(error)}`)));
      pending = Promise.all([pending, write]);
    },
    flush: async () => {
      await pending;
    },
  };
}
