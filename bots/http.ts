// The HTTP door: the JSON API, the 公众号 and the WeCom app callbacks on one server; main() is `npm run http`.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { createConversation } from '../src/chat/conversation.js';
import { createMissesLog, missesPathFromEnv } from '../src/chat/misses.js';
import { loadCommitments } from '../src/commitments/load.js';
import { artefactPaths, INDEX_DIR, ManifestSchema } from '../src/search/artefacts.js';
import { loadEngine, type SearchEngine } from '../src/search/engine.js';
import { createCallbackAnswerer } from './http/callback.js';
import { type HttpConfig, HttpConfigError, parseHttpEnv, secretsOf } from './http/env.js';
import { createKeyLimiter } from './http/limiter.js';
import { type DoorLog, doorLog } from './http/log.js';
import { connectRedis } from './http/redis.js';
import { redisState } from './http/redis-state.js';
import { createHttpDoor } from './http/server.js';
import { type DoorState, memoryState } from './http/state.js';

/** A sender on the 公众号 or the WeCom app gets this many answers a minute; more is silence. */
export const CALLBACK_ANSWERS_PER_MIN = 10;

export interface MainOptions {
  env?: Record<string, string | undefined>;
  /** Resolves when the server should stop. Default: the first SIGINT or SIGTERM. */
  until?: Promise<unknown>;
  /** Gets the one `listening on http://HOST:PORT` line. Default: stdout. */
  out?: (line: string) => void;
  /** Gets everything else, secrets blanked. Default: stderr. */
  err?: (line: string) => void;
}

/** `npm run http`: validate the environment, load the engine once, serve until told to stop; resolves to the exit code. */
export async function main({
  env = process.env,
  until = signalled(),
  out = (line) => process.stdout.write(`${line}\n`),
  err = (line) => process.stderr.write(`${line}\n`),
}: MainOptions = {}): Promise<number> {
  let config: ReturnType<typeof parseHttpEnv>;
  try {
    config = parseHttpEnv(env);
  } catch (error) {
    if (!(error instanceof HttpConfigError)) throw error;
    err(error.message);
    return 2;
  }
  const log = doorLog({ secrets: secretsOf(config), write: err });
  let running: RunningDoor;
  try {
    running = await startHttpDoor({ config, env, log });
  } catch (error) {
    log.error((error as Error).message);
    return 1;
  }
  out(`listening on ${running.url}`);
  log.info(
    `http: routes /healthz /api/*${config.wechatMp ? ' /wechat/mp' : ''}${config.wecom ? ' /wecom/app' : ''}; ` +
      `state in ${running.state.kind}`,
  );
  await until;
  await running.close();
  log.info('http: stopped');
  return 0;
}

export interface StartOptions {
  config: HttpConfig;
  /** For HEARING_MISSES_FILE. Default `process.env`. */
  env?: Record<string, string | undefined>;
  log: DoorLog;
  /** Loaded once per process; default `loadEngine()`. */
  engine?: SearchEngine;
  /** Milliseconds since the epoch. Default `Date.now`. */
  now?: () => number;
}

/** A door that is listening. */
export interface RunningDoor {
  url: string;
  port: number;
  state: DoorState;
  /** Stops the server, then writes what is pending and lets go of Redis. */
  close(): Promise<void>;
}

/**
 * Builds everything `npm run http` runs (Redis or memory state, engine, conversation, limits, routes) and listens.
 * @example const door = await startHttpDoor({ config: parseHttpEnv(env), log: doorLog() }); await door.close();
 * @throws Error when Redis cannot be reached or the port cannot be bound, with the fix in the message
 */
export async function startHttpDoor(options: StartOptions): Promise<RunningDoor> {
  const { config, log } = options;
  const env = options.env ?? process.env;
  const redis = config.redisUrl ? await connectRedis(config.redisUrl, log.error) : undefined;
  const onStateError = (error: Error) => log.error(error.message);
  const state = redis
    ? redisState({ redis, onError: onStateError })
    : memoryState({ misses: createMissesLog({ path: missesPathFromEnv(env), onError: onStateError }) });
  const engine = options.engine ?? loadEngine();
  const conversation = createConversation({
    engine,
    commitments: loadCommitments(),
    misses: state.misses,
    onError: (error) => log.error(error.message),
  });
  const limiter = (name: string, points: number) => createKeyLimiter({ name, points, redis, onError: onStateError });
  const door = createHttpDoor({
    config,
    engine,
    conversation,
    answerer: createCallbackAnswerer({ conversation, state, limiter: limiter('sender', CALLBACK_ANSWERS_PER_MIN) }),
    apiLimiter: limiter('api', config.ratePerMinute),
    inputHash: inputHash(),
    stateKind: state.kind,
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
        await state.close();
      },
    };
  } catch (error) {
    await state.close();
    throw error;
  }
}

/** The input hash of the index being served (index/manifest.json), for /healthz. */
function inputHash(): string {
  const file = artefactPaths(INDEX_DIR).manifest;
  try {
    return ManifestSchema.parse(JSON.parse(readFileSync(file, 'utf8'))).inputHash;
  } catch (error) {
    throw new Error(`http: cannot read ${file}: ${(error as Error).message.split('\n')[0]} (run npm run index)`);
  }
}

/** Resolves on the first SIGINT or SIGTERM; a second one ends the process at once. */
function signalled(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const first = (signal: NodeJS.Signals) => {
      process.off('SIGINT', first).off('SIGTERM', first);
      process.once('SIGINT', () => process.exit(130)).once('SIGTERM', () => process.exit(143));
      resolve(signal);
    };
    process.on('SIGINT', first).on('SIGTERM', first);
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main();
  // ioredis may still hold a reconnect timer after disconnect() when Redis is down; nothing is left to do.
  process.exit();
}
