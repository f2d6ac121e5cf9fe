// WeCom door (企业微信智能机器人 over @wecom/aibot-node-sdk): createWecomBot() wires the long connection to the conversation.
import { pathToFileURL } from 'node:url';
import { type Logger, WSClient, type WSClientOptions } from '@wecom/aibot-node-sdk';
import createDebug from 'debug';
import { type Conversation, createConversation } from '../src/chat/conversation.js';
import { createMissesLog, type MissesLog, missesPathFromEnv } from '../src/chat/misses.js';
import { createRateLimiter, type RateLimiter } from '../src/chat/rate-limit.js';
import { MARKDOWN_LIMIT } from '../src/chat/render-markdown.js';
import { loadEngine, type SearchEngine } from '../src/search/engine.js';
import { createPacer } from './door/pace.js';
import { signalled } from './telegram/serve.js';
import { withoutRepeats } from './wechat/log.js';
import { createOutbox } from './wechat/outbox.js';
import { createSeenIds } from './wechat/seen.js';
import { parseWecomEnv, WecomConfigError } from './wecom/env.js';
import { type DoorLogLike, type Handled, onEnterChat, onMessage, type WecomDoor } from './wecom/handlers.js';

export interface WecomBotOptions {
  botId: string;
  secret: string;
  /** The long-connection address; default the SDK's own. Tests pass a stand-in's. */
  wsUrl?: string;
  /** Loaded once per process and shared. Ignored when `conversation` is given. */
  engine?: SearchEngine;
  conversation?: Conversation;
  /** Default: a fresh `createRateLimiter()`. */
  limiter?: RateLimiter;
  misses?: MissesLog;
  log?: WecomLog;
  /** Bytes of UTF-8 per message; default 2048. */
  messageLimit?: number;
  /** SDK timings (reconnection, heartbeat, receipts); tests shorten them. */
  sdk?: Pick<WSClientOptions, 'reconnectInterval' | 'heartbeatInterval' | 'maxAuthFailureAttempts'>;
  onHandled?: (handled: Handled) => void;
}

/** What the door tells its operator; every line already has the secret removed. */
export interface WecomLog extends DoorLogLike {
  info(text: string): void;
}

export interface WecomBot {
  client: WSClient;
  /** Connects; resolves once WeCom accepted the Bot ID and Secret, rejects when it refuses them for good. */
  start(): Promise<void>;
  /** Closes the connection after the replies being sent are out (or after `graceMs`). */
  stop(graceMs?: number): Promise<void>;
}

/**
 * The WeCom robot, not yet connected.
 * @example const bot = createWecomBot({ botId, secret, engine: loadEngine() }); await bot.start();
 */
export function createWecomBot(options: WecomBotOptions): WecomBot {
  const log = options.log ?? wecomLog([options.secret]);
  const conversation =
    options.conversation ??
    createConversation({
      engine: options.engine ?? loadEngine(),
      limiter: options.limiter ?? createRateLimiter(),
      misses: options.misses,
      onError: (error) => log.error(error.message),
    });
  const client = new WSClient({
    botId: options.botId,
    secret: options.secret,
    wsUrl: options.wsUrl,
    // A door runs for months: never stop reconnecting after a network failure. A refused secret stops it (below).
    maxReconnectAttempts: -1,
    logger: sdkLogger(log),
    ...options.sdk,
  });
  const pending = new Set<Promise<unknown>>();
  const outbox = createOutbox({ onError: (error) => log.error(error.message) });
  const door: WecomDoor = {
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
    pacer: createPacer({ perMinute: WECOM_PER_MINUTE }),
    messageLimit: options.messageLimit ?? MARKDOWN_LIMIT,
    onHandled: options.onHandled ?? (() => {}),
  };
  let authenticated = false;
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    client.disconnect();
  };
  const refused = new Promise<Error>((resolve) =>
    client.on('error', (error: Error) => {
      if ((error as { code?: string }).code === 'WS_AUTH_FAILURE_EXHAUSTED') resolve(error);
    }),
  );

  const onAuthenticated = () => {
    log.info(authenticated ? 'reconnected' : `connected as bot ${options.botId}`);
    authenticated = true;
  };
  const onDisconnected = (reason: string) => log.debug('disconnected: %s', reason);
  const onReconnecting = (attempt: number) => log.debug('reconnecting, attempt %d', attempt);

  client.on('message', onMessage(door));
  client.on('event.enter_chat', onEnterChat(door));
  client.on('authenticated', onAuthenticated);
  client.on('disconnected', onDisconnected);
  client.on('reconnecting', onReconnecting);

  return {
    client,
    async start() {
      const ready = new Promise<void>((resolve) => client.once('authenticated', () => resolve()));
      client.connect();
      const outcome = await Promise.race([ready, refused]);
      if (outcome instanceof Error) {
        close();
        throw new Error(
          `WeCom refused the Bot ID and Secret (${outcome.message}); check WECOM_BOT_ID and WECOM_BOT_SECRET`,
        );
      }
    },
    async stop(graceMs = STOP_GRACE_MS) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.allSettled([...pending]),
        new Promise((resolve) => (timer = setTimeout(resolve, graceMs))),
      ]);
      clearTimeout(timer);
      client.removeAllListeners();
      client.on('error', () => {});
      close();
    },
  };
}

/**
 * The door's log: `<time> wecom: …` on stderr, the secret replaced by `<secret>`, per-message lines with
 * `DEBUG=hearing:wecom`.
 */
export function wecomLog(secrets: readonly string[], write: (line: string) => void = stderrLine): WecomLog {
  const redact = (text: string) =>
    secrets.filter((s) => s.length >= 8).reduce((out, s) => out.split(s).join('<secret>'), String(text));
  const line = (text: string) => write(redact(`${new Date().toISOString()} wecom: ${text}`));
  const debug = createDebug('hearing:wecom');
  debug.log = (...args: unknown[]) => write(redact(args.map(String).join(' ')));
  return { info: line, error: (text) => line(`error: ${text}`), debug: (f, ...args) => debug(f, ...args) };
}

/** The SDK's chatter goes to the debug log; its warnings and errors to the error log, a repeated line once a minute. */
function sdkLogger(log: WecomLog): Logger {
  const problem = withoutRepeats((line) => log.error(line), Date.now);
  return {
    debug: (message: string) => log.debug('sdk: %s', message),
    info: (message: string) => log.debug('sdk: %s', message),
    warn: (message: string, ...args: unknown[]) => problem(`sdk: ${[message, ...args].join(' ')}`),
    error: (message: string, ...args: unknown[]) => problem(`sdk: ${[message, ...args].join(' ')}`),
  };
}

export interface MainOptions {
  env?: Record<string, string | undefined>;
  /** Resolves when the door should stop. Default: the first SIGINT or SIGTERM. */
  until?: Promise<unknown>;
  /** Gets every line (already redacted). Default: stderr. */
  write?: (line: string) => void;
}

/** `npm run wecom`: check the environment, load the engine once, answer until told to stop; resolves to the exit code. */
export async function main({ env = process.env, until = signalled(), write }: MainOptions = {}): Promise<number> {
  let config: ReturnType<typeof parseWecomEnv>;
  try {
    config = parseWecomEnv(env);
  } catch (error) {
    if (!(error instanceof WecomConfigError)) throw error;
    (write ?? stderrLine)(error.message);
    return 2;
  }
  const log = wecomLog([config.secret], write);
  const misses = createMissesLog({ path: missesPathFromEnv(env), onError: (e) => log.error(e.message) });
  const bot = createWecomBot({ ...config, wsUrl: config.wsUrl, engine: loadEngine(), misses, log });
  try {
    await Promise.race([bot.start(), until]);
    await until;
    return 0;
  } catch (error) {
    log.error(`stopped: ${(error as Error).message}`);
    return 1;
  } finally {
    await bot.stop();
    await misses.flush();
  }
}

function stderrLine(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** WeCom's limit per conversation, replies and pushes together (it also allows 1000 an hour). */
const WECOM_PER_MINUTE = 30;
/** Replies still being sent get this long to go out when the door stops. */
const STOP_GRACE_MS = 5000;

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const code = await main();
  // A clean stop leaves nothing running, so the process ends by itself.
  if (code !== 0) process.exit(code);
}
