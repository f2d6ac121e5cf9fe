// The HTTP door: the JSON API, the 公众号 and the WeCom app callbacks on one server; main() is `npm run http`.

import { readFileSync } from 'node:fs';
import type { Redis } from 'ioredis';
import { createConversation } from '../src/chat/conversation.js';
import { pageUrlFromEnv } from '../src/chat/page-links.js';
import { createSharedMemory, redisStore, type SharedStore } from '../src/chat/shared-memory.js';
import type { AnswerLog, MissesLog } from '../src/chat/staff-logs.js';
import { messageOf } from '../src/errors.js';
import { createAnswerLog } from '../src/logs/answers.js';
import { REDIS_ANSWERS_KEY, REDIS_ANSWERS_MAX, redisLines } from '../src/logs/redis-lines.js';
import { INDEX_DIR } from '../src/paths.js';
import type { SearchEngine } from '../src/search/engine.js';
import { artefactPaths, ManifestSchema } from '../src/search/index-files.js';
import type { DoorLog } from './door/log.js';
import { type Door, type RunOptions, runAsScript, runDoor } from './door/run.js';
import type { StateHealth } from './http/api.js';
import { createCallbackAnswerer } from './http/callback.js';
import { HTTP_DOCS, type HttpConfig, httpSecrets, parseHttpEnv } from './http/env.js';
import { createKeyLimiter } from './http/limiter.js';
import { connectRedis } from './http/redis.js';
import { createRedisHealth, type RedisHealth } from './http/redis-health.js';
import { redisState } from './http/redis-state.js';
import { createHttpDoor } from './http/server.js';
import { type DoorState, memoryState } from './http/state.js';

/** A sender on the 公众号 or the WeCom app gets this many answers a minute; more is silence. */
export const CALLBACK_ANSWERS_PER_MIN = 10;

export interface StartOptions {
  config: HttpConfig;
  log: DoorLog;
  /** Loaded once per process and shared. */
  engine: SearchEngine;
  /** Where unanswered questions go without Redis (with Redis: the list `hearing:misses`). */
  misses: MissesLog;
  /** Every reply without Redis (with Redis: the list `hearing:answers`). */
  answers?: AnswerLog;
  /** Milliseconds since the epoch. Default `Date.now`. */
  now?: () => number;
}

/** A door that is listening. */
export interface RunningDoor {
  url: string;
  port: number;
  state: DoorState;
  /** Stops the server (requests in flight finish first), then writes what is pending and lets go of Redis. */
  close(): Promise<void>;
}

/**
 * Builds everything `npm run http` runs (Redis or memory state, conversation, limits, routes) and listens.
 * @example const door = await startHttpDoor({ config, log, engine, misses }); await door.close();
 * @throws Error when Redis cannot be reached or the port cannot be bound, with the fix in the message
 */
export async function startHttpDoor(options: StartOptions): Promise<RunningDoor> {
  const { config, log, engine } = options;
  const local = memoryState({ misses: options.misses });
  const health = createRedisHealth({ log });
  let redis: Redis | undefined;
  try {
    redis = config.redisUrl
      ? await connectRedis(config.redisUrl, { health, deadlineMs: config.redisDeadlineMs })
      : undefined;
  } catch (error) {
    await local.close();
    throw error;
  }
  const state = redis ? redisState({ redis, health, local }) : local;
  const answers = redis
    ? createAnswerLog({
        path: null,
        door: 'http',
        // A failed write is the health's to log: one line per outage, not one per reply.
        lines: redisLines(redis, REDIS_ANSWERS_KEY, REDIS_ANSWERS_MAX, (error) => health.failed(error)),
      })
    : options.answers;
  const conversation = createConversation({
    engine,
    misses: state.misses,
    pageUrl: pageUrlFromEnv(process.env),
    answers,
    // With Redis, a follow-up (「谁问的」, 「2」) may land on another replica than the answer it follows. Its failures
    // are the health's to log (once per outage; the keys name senders).
    ...(redis
      ? { memory: createSharedMemory(healthStore(redisStore(redis), health), { prefix: MEMORY_PREFIX, onError() {} }) }
      : {}),
    onError: (error) => log.error(error.message),
  });
  // An /api/ask caller without a `user` id gets no follow-ups: anyone else's 「2」 or 「不对」 would act on its answer.
  const anonymousConversation = createConversation({
    engine,
    misses: state.misses,
    pageUrl: pageUrlFromEnv(process.env),
    answers,
    memory: { recall: () => undefined, keep() {}, forget() {} },
    onError: (error) => log.error(error.message),
  });
  const limiter = (name: string, points: number) => createKeyLimiter({ name, points, redis, health });
  const stateHealth = async (): Promise<StateHealth> => {
    if (!redis) return { state: 'memory', ok: true };
    const client = redis;
    await health.attempt(() => client.ping()).catch(() => {});
    const status = health.status();
    return status.ok
      ? { state: 'redis', ok: true }
      : {
          state: 'redis',
          ok: false,
          reason: `redis not answering since ${status.since.toISOString()}: ${status.reason}`,
        };
  };
  const door = createHttpDoor({
    config,
    engine,
    conversation,
    anonymousConversation,
    answerer: createCallbackAnswerer({ conversation, state, limiter: limiter('sender', CALLBACK_ANSWERS_PER_MIN) }),
    apiLimiter: limiter('api', config.ratePerMinute),
    inputHash: inputHash(),
    stateHealth,
    log,
    now: options.now,
  });
  try {
    const { url, port } = await door.listen();
    return {
      url,
      port,
      state,
      async close() {
        await door.close();
        await answers?.flush();
        await state.close();
      },
    };
  } catch (error) {
    await state.close();
    throw error;
  }
}

/** `npm run http`: the environment checked, then one server until SIGINT/SIGTERM. */
export const httpDoor: Door<HttpConfig> = {
  name: 'http',
  docs: HTTP_DOCS,
  configure: parseHttpEnv,
  secrets: httpSecrets,
  async serve({ config, log, engine, misses, answers, signal, ready }) {
    const running = await startHttpDoor({ config, log, engine, misses, answers });
    const routes = `/healthz /api/*${config.wechatMp ? ' /wechat/mp' : ''}${config.wecom ? ' /wecom/app' : ''}`;
    ready(`listening on ${running.url} (${routes}; state in ${running.state.kind})`);
    if (!signal.aborted) await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
    await running.close();
  },
};

/** Resolves to the exit code; `--check` stops after the ready line. */
export const main = (options?: RunOptions): Promise<number> => runDoor(httpDoor, options);

/** Where the follow-up memory of the HTTP door's readers lives in Redis. */
const MEMORY_PREFIX = 'hearing:http:memory:';

/** A store whose every call goes through the health: its deadline's outages logged once, skipped while away. */
function healthStore(store: SharedStore, health: RedisHealth): SharedStore {
  return {
    get: (key) => health.attempt(() => store.get(key)),
    set: (key, value, ttlMs) => health.attempt(() => store.set(key, value, ttlMs)),
    delete: (key) => health.attempt(() => store.delete(key)),
  };
}

/** The input hash of the index being served (index/manifest.json), for /healthz. */
function inputHash(): string {
  const file = artefactPaths(INDEX_DIR).manifest;
  try {
    return ManifestSchema.parse(JSON.parse(readFileSync(file, 'utf8'))).inputHash;
  } catch (error) {
    throw new Error(`cannot read ${file}: ${messageOf(error).split('\n')[0]} (run npm run index)`);
  }
}

await runAsScript(import.meta.url, main);
