// WeCom door (企业微信智能机器人 over @wecom/aibot-node-sdk): createWecomBot() wires the long connection to the conversation.

import { type Logger, WSClient, type WSClientOptions } from '@wecom/aibot-node-sdk';
import type { Conversation } from '../src/chat/conversation.js';
import type { RateLimiter } from '../src/chat/rate-limit.js';
import { MARKDOWN_LIMIT, renderMarkdown } from '../src/chat/render-markdown.js';
import type { AnswerLog, MissesLog } from '../src/chat/staff-logs.js';
import type { SearchEngine } from '../src/search/engine.js';
import type { Handled } from './door/answer.js';
import { doorConversation } from './door/conversation.js';
import { createDoorLog, type DoorLog, withoutRepeats } from './door/log.js';
import { createOutbox } from './door/outbox.js';
import { createPacer } from './door/pace.js';
import { type Door, type RunOptions, runAsScript, runDoor, stopped } from './door/run.js';
import { createSeenIds } from './door/seen.js';
import { parseWecomEnv, type WecomConfig, wecomSecrets } from './wecom/env.js';
import { onEnterChat, onMessage, type WecomDesk } from './wecom/handlers.js';

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
  answers?: AnswerLog;
  /** Default: lines on stderr, the secret removed. */
  log?: DoorLog;
  /** Bytes of UTF-8 per message; default 2048. */
  messageLimit?: number;
  /** SDK timings (reconnection, heartbeat, refused secrets); tests shorten them. */
  sdk?: Pick<WSClientOptions, 'reconnectInterval' | 'heartbeatInterval' | 'maxAuthFailureAttempts'>;
  onHandled?: (handled: Handled) => void;
}

export interface WecomBot {
  client: WSClient;
  /** Connects; resolves once WeCom accepts the Bot ID and Secret, rejects when it refuses them for good. */
  start(): Promise<void>;
  /** Closes the connection once the replies being sent are out, or after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * The WeCom robot, not yet connected.
 * @example const bot = createWecomBot({ botId, secret, engine: loadEngine() }); await bot.start();
 */
export function createWecomBot(options: WecomBotOptions): WecomBot {
  const log = options.log ?? createDoorLog('wecom', { secrets: [{ name: 'secret', value: options.secret }] });
  const conversation = doorConversation(options, log);
  const client = new WSClient({
    botId: options.botId,
    secret: options.secret,
    wsUrl: options.wsUrl,
    // A door runs for months: it never gives up after a network failure. A refused secret stops it (see start).
    maxReconnectAttempts: -1,
    logger: sdkLogger(log),
    ...options.sdk,
  });
  const sending = new Set<Promise<unknown>>();
  const outbox = createOutbox({ onError: (error) => log.error(error.message) });
  const messageLimit = options.messageLimit ?? MARKDOWN_LIMIT;
  const desk: WecomDesk = {
    client,
    conversation,
    log,
    onHandled: options.onHandled,
    answering: {
      conversation,
      seen: createSeenIds(),
      pacer: createPacer({ perMinute: WECOM_PER_MINUTE }),
      render: (reply) => renderMarkdown(reply, messageLimit),
      outbox: {
        send(chatId, parts, say) {
          const send = outbox.send(chatId, parts, say);
          sending.add(send);
          void send.finally(() => sending.delete(send));
          return send;
        },
      },
    },
  };
  let authentications = 0;
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
    if (authentications++ > 0) log.info('reconnected');
  };
  const onDisconnected = (reason: string) => log.debug('disconnected: %s', reason);
  const onReconnecting = (attempt: number) => log.debug('reconnecting, attempt %d', attempt);

  client.on('message', onMessage(desk));
  client.on('event.enter_chat', onEnterChat(desk));
  client.on('authenticated', onAuthenticated);
  client.on('disconnected', onDisconnected);
  client.on('reconnecting', onReconnecting);

  return {
    client,
    async start() {
      const accepted = new Promise<void>((resolve) => client.once('authenticated', () => resolve()));
      client.connect();
      const outcome = await Promise.race([accepted, refused]);
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
        Promise.allSettled([...sending]),
        new Promise((resolve) => (timer = setTimeout(resolve, graceMs))),
      ]);
      clearTimeout(timer);
      close();
    },
  };
}

/** `npm run wecom`: the environment checked, the long connection opened, answering until SIGINT/SIGTERM. */
export const wecomDoor: Door<WecomConfig> = {
  name: 'wecom',
  docs: 'README.md, "WeCom bot"',
  configure: parseWecomEnv,
  secrets: wecomSecrets,
  async serve({ config, engine, misses, answers, log, signal, ready }) {
    const bot = createWecomBot({ ...config, engine, misses, answers, log });
    try {
      await Promise.race([bot.start(), stopped(signal)]);
      if (!signal.aborted) ready(`connected as bot ${config.botId}${config.wsUrl ? ` via ${config.wsUrl}` : ''}`);
      await stopped(signal);
    } finally {
      await bot.stop();
    }
  },
};

/** Resolves to the exit code; `--check` stops after the ready line. */
export const main = (options?: RunOptions): Promise<number> => runDoor(wecomDoor, options);

/** The SDK's chatter goes to the debug log; its warnings and errors to the error log, a repeated line once a minute. */
function sdkLogger(log: DoorLog): Logger {
  const problem = withoutRepeats((line) => log.error(line), Date.now);
  const line = (message: string, args: unknown[]) => `sdk: ${[message, ...args].join(' ')}`;
  return {
    debug: (message: string, ...args: unknown[]) => log.debug('%s', line(message, args)),
    info: (message: string, ...args: unknown[]) => log.debug('%s', line(message, args)),
    warn: (message: string, ...args: unknown[]) => problem(line(message, args)),
    error: (message: string, ...args: unknown[]) => problem(line(message, args)),
  };
}

/** WeCom's limit per conversation, replies and pushes together (it also allows 1000 an hour). */
const WECOM_PER_MINUTE = 30;
/** Replies being sent when the door stops get this long, inside the door room's two-second stop budget. */
const STOP_GRACE_MS = 1500;

await runAsScript(import.meta.url, main);
