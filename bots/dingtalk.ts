// DingTalk door (钉钉 Stream mode over dingtalk-stream): createDingtalkBot() wires robot messages to the conversation.
import { pathToFileURL } from 'node:url';
import createDebug from 'debug';
import { TOPIC_ROBOT } from 'dingtalk-stream';
import { type Conversation, createConversation } from '../src/chat/conversation.js';
import { createMissesLog, type MissesLog, missesPathFromEnv } from '../src/chat/misses.js';
import { createRateLimiter, type RateLimiter } from '../src/chat/rate-limit.js';
import { MARKDOWN_LIMIT } from '../src/chat/render-markdown.js';
import { loadEngine, type SearchEngine } from '../src/search/engine.js';
import { DingtalkConfigError, parseDingtalkEnv } from './dingtalk/env.js';
import { type DingtalkDoor, onRobotMessage } from './dingtalk/handlers.js';
import type { PostOptions } from './dingtalk/session-webhook.js';
import { StreamClient } from './dingtalk/stream-client.js';
import { createPacer } from './door/pace.js';
import { signalled } from './telegram/serve.js';
import { withoutRepeats } from './wechat/log.js';
import { createOutbox } from './wechat/outbox.js';
import { createSeenIds } from './wechat/seen.js';
import type { DoorLogLike, Handled } from './wecom/handlers.js';

export interface DingtalkBotOptions {
  clientId: string;
  clientSecret: string;
  /** The Stream gateway's open-connection address; default DingTalk's. Tests pass a stand-in's. */
  gatewayUrl?: string;
  /** Loaded once per process and shared. Ignored when `conversation` is given. */
  engine?: SearchEngine;
  conversation?: Conversation;
  /** Default: a fresh `createRateLimiter()`. */
  limiter?: RateLimiter;
  misses?: MissesLog;
  log?: DingtalkLog;
  /** Bytes of UTF-8 per message; default 2048. */
  messageLimit?: number;
  /** DingTalk lets a robot send a group 20 messages a minute; default 20. */
  perMinute?: number;
  /** Pause before reconnecting; tests shorten it. Default the SDK's 1 s. */
  reconnectMs?: number;
  /** Clock, retry pause and fetch for the session webhooks. */
  post?: PostOptions;
  onHandled?: (handled: Handled) => void;
}

/** What the door tells its operator; every line already has the secret removed. */
export interface DingtalkLog extends DoorLogLike {
  info(text: string): void;
}

export interface DingtalkBot {
  client: StreamClient;
  /** Opens the stream connection (retrying, with a logged reason, while the gateway refuses or is unreachable). */
  start(): Promise<void>;
  /** Closes the connection after the replies being sent are out (or after `graceMs`). */
  stop(graceMs?: number): Promise<void>;
}

/**
 * The DingTalk robot, not yet connected.
 * @example const bot = createDingtalkBot({ clientId, clientSecret, engine: loadEngine() }); await bot.start();
 */
export function createDingtalkBot(options: DingtalkBotOptions): DingtalkBot {
  const log = options.log ?? dingtalkLog([options.clientSecret]);
  const conversation =
    options.conversation ??
    createConversation({
      engine: options.engine ?? loadEngine(),
      limiter: options.limiter ?? createRateLimiter(),
      misses: options.misses,
      onError: (error) => log.error(error.message),
    });
  let connections = 0;
  const connectError = withoutRepeats((line) => log.error(line), Date.now);
  const client = new StreamClient({
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    gatewayUrl: options.gatewayUrl,
    reconnectMs: options.reconnectMs,
    onConnectError: (error) => connectError(`cannot open the stream connection, retrying: ${error.message}`),
    onConnect: () => log.info(connections++ === 0 ? `connected as app ${options.clientId}` : 'reconnected'),
  });
  const pending = new Set<Promise<unknown>>();
  const outbox = createOutbox({ onError: (error) => log.error(error.message) });
  const door: DingtalkDoor = {
    client,
    conversation,
    log,
    outbox: {
      send(chatId, parts, say) {
        const sending = outbox.send(chatId, parts, say);
        pending.add(sending);
        void sending.finally(() => pending.delete(sending));
        return sending;
      },
    },
    seen: createSeenIds(),
    pacer: createPacer({ perMinute: options.perMinute ?? DINGTALK_PER_MINUTE }),
    messageLimit: options.messageLimit ?? MARKDOWN_LIMIT,
    post: options.post ?? {},
    onHandled: options.onHandled ?? (() => {}),
  };

  client.registerCallbackListener(TOPIC_ROBOT, onRobotMessage(door));

  return {
    client,
    async start() {
      await client.connect();
    },
    async stop(graceMs = STOP_GRACE_MS) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.allSettled([...pending]),
        new Promise((resolve) => (timer = setTimeout(resolve, graceMs))),
      ]);
      clearTimeout(timer);
      client.disconnect();
    },
  };
}

/**
 * The door's log: `<time> dingtalk: …` on stderr, the secret replaced by `<secret>`, per-message lines with
 * `DEBUG=hearing:dingtalk`.
 */
export function dingtalkLog(secrets: readonly string[], write: (line: string) => void = stderrLine): DingtalkLog {
  const redact = (text: string) =>
    secrets.filter((s) => s.length >= 8).reduce((out, s) => out.split(s).join('<secret>'), String(text));
  const line = (text: string) => write(redact(`${new Date().toISOString()} dingtalk: ${text}`));
  const debug = createDebug('hearing:dingtalk');
  debug.log = (...args: unknown[]) => write(redact(args.map(String).join(' ')));
  return { info: line, error: (text) => line(`error: ${text}`), debug: (f, ...args) => debug(f, ...args) };
}

export interface MainOptions {
  env?: Record<string, string | undefined>;
  /** Resolves when the door should stop. Default: the first SIGINT or SIGTERM. */
  until?: Promise<unknown>;
  /** Gets every line (already redacted). Default: stderr. */
  write?: (line: string) => void;
}

/** `npm run dingtalk`: check the environment, load the engine once, answer until told to stop; resolves to the exit code. */
export async function main({ env = process.env, until = signalled(), write }: MainOptions = {}): Promise<number> {
  let config: ReturnType<typeof parseDingtalkEnv>;
  try {
    config = parseDingtalkEnv(env);
  } catch (error) {
    if (!(error instanceof DingtalkConfigError)) throw error;
    (write ?? stderrLine)(error.message);
    return 2;
  }
  const log = dingtalkLog([config.clientSecret], write);
  const misses = createMissesLog({ path: missesPathFromEnv(env), onError: (e) => log.error(e.message) });
  const bot = createDingtalkBot({ ...config, engine: loadEngine(), misses, log });
  try {
    await Promise.race([bot.start(), until]);
    await until;
    return 0;
  } finally {
    await bot.stop();
    await misses.flush();
  }
}

function stderrLine(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** DingTalk's limit for one robot in one group. */
const DINGTALK_PER_MINUTE = 20;
/** Replies still being sent get this long to go out when the door stops. */
const STOP_GRACE_MS = 5000;

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const code = await main();
  // A clean stop leaves nothing running, so the process ends by itself.
  if (code !== 0) process.exit(code);
}
