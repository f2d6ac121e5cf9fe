// WeCom door (企业微信智能机器人 over @wecom/aibot-node-sdk): createWecomBot() wires the long connection to the conversation.

import { type Logger, WSClient, type WSClientOptions } from '@wecom/aibot-node-sdk';
import { RejectedCredentials } from './door/cause.js';
import { doorConversation } from './door/conversation.js';
import { createDoorLog, type DoorLog, withoutRepeats } from './door/log.js';
import {
  type LongConnectionBot,
  type LongConnectionOptions,
  serveLongConnection,
  trackedAnswering,
} from './door/long-connection.js';
import { type Door, type RunOptions, runAsScript, runDoor } from './door/run.js';
import { parseWecomEnv, type WecomConfig, wecomSecrets } from './wecom/env.js';
import { onEnterChat, onMessage, type WecomDesk } from './wecom/handlers.js';

export interface WecomBotOptions extends LongConnectionOptions {
  botId: string;
  secret: string;
  /** The long-connection address; default the SDK's own. Tests pass a stand-in's. */
  wsUrl?: string;
  /**
   * Pause before connecting again after WeCom closed the connection because another one opened for the same bot;
   * it doubles while that keeps happening (two replicas), up to ten minutes. Default 10 s; tests shorten it.
   */
  replacedRetryMs?: number;
  /** SDK timings (reconnection, heartbeat, refused secrets); tests shorten them. */
  sdk?: Pick<WSClientOptions, 'reconnectInterval' | 'heartbeatInterval' | 'maxAuthFailureAttempts'>;
}

/** `start()` resolves once WeCom accepts the Bot ID and Secret, rejects when it refuses them for good. */
export type WecomBot = LongConnectionBot<WSClient>;

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
    logger: sdkLogger(log, options.check),
    ...options.sdk,
  });
  const tracked = trackedAnswering(conversation, log, {
    perMinute: WECOM_PER_MINUTE,
    messageLimit: options.messageLimit,
  });
  const desk: WecomDesk = { client, answering: tracked.answering, log, onHandled: options.onHandled };
  let authentications = 0;
  let closed = false;
  let rejoin: NodeJS.Timeout | undefined;
  const close = () => {
    if (closed) return;
    closed = true;
    // Between a replacement and the next connection the SDK holds no connection, and would say so as a warning.
    if (rejoin === undefined) client.disconnect();
    clearTimeout(rejoin);
  };
  const replacedPause = backoff(options.replacedRetryMs ?? REPLACED_RETRY_MS, REPLACED_RETRY_MAX_MS);
  // The SDK closes the socket and, by design, never reconnects: without this the door would end quietly.
  const onReplaced = () => {
    const delay = replacedPause();
    log.error(
      `WeCom closed this connection: another connection opened for bot ${options.botId} (a second replica, or a --check elsewhere); connecting again in ${delay / 1000} s`,
    );
    rejoin = setTimeout(() => {
      rejoin = undefined;
      if (!closed) client.connect();
    }, delay);
  };
  // Refused for good (or, with --check, any first failure): start() then rejects.
  const refused = new Promise<Error>((resolve) =>
    client.on('error', (error: Error) => {
      if (options.check || (error as { code?: string }).code === 'WS_AUTH_FAILURE_EXHAUSTED') resolve(error);
    }),
  );

  const onAuthenticated = () => {
    if (authentications++ > 0) log.info('reconnected');
  };
  const onDisconnected = (reason: string) => log.debug('disconnected: %s', reason);
  const onReconnecting = (attempt: number) => log.debug('reconnecting, attempt %d', attempt);

  client.on('message', onMessage(desk));
  client.on('event.enter_chat', onEnterChat(desk));
  client.on('event.disconnected_event', onReplaced);
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
        const code = (outcome as { code?: string }).code;
        if (code !== 'WS_AUTH_FAILURE_EXHAUSTED' && !/^Authentication failed/.test(outcome.message)) throw outcome;
        throw new RejectedCredentials(
          `WeCom refused the Bot ID and Secret (${outcome.message}); check WECOM_BOT_ID and WECOM_BOT_SECRET`,
        );
      }
    },
    async stop(graceMs) {
      await tracked.settled(graceMs);
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
  serve: (context) =>
    serveLongConnection(
      context,
      createWecomBot,
      (c) => `connected as bot ${c.botId}${c.wsUrl ? ` via ${c.wsUrl}` : ''}`,
    ),
};

/** Resolves to the exit code; `--check` stops after the ready line. */
export const main = (options?: RunOptions): Promise<number> => runDoor(wecomDoor, options);

/**
 * The SDK's chatter goes to the debug log; its warnings and errors to the error log, a repeated line once a minute
 * (with --check to the debug log too: the check's one line names the cause).
 */
function sdkLogger(log: DoorLog, check = false): Logger {
  const problem = check ? (line: string) => log.debug('%s', line) : withoutRepeats((line) => log.error(line), Date.now);
  const line = (message: string, args: unknown[]) => `sdk: ${[message, ...args].join(' ')}`;
  return {
    debug: (message: string, ...args: unknown[]) => log.debug('%s', line(message, args)),
    info: (message: string, ...args: unknown[]) => log.debug('%s', line(message, args)),
    warn: (message: string, ...args: unknown[]) => problem(line(message, args)),
    error: (message: string, ...args: unknown[]) => problem(line(message, args)),
  };
}

/**
 * A pause that doubles at each call, from `firstMs` up to `maxMs`, and starts again from `firstMs` once the last call
 * is longer ago than `maxMs` (the connection then held).
 */
function backoff(firstMs: number, maxMs: number, now = Date.now): () => number {
  let calls = 0;
  let last = Number.NEGATIVE_INFINITY;
  return () => {
    if (now() - last > maxMs) calls = 0;
    last = now();
    return Math.min(firstMs * 2 ** calls++, maxMs);
  };
}

const REPLACED_RETRY_MS = 10_000;
const REPLACED_RETRY_MAX_MS = 10 * 60_000;
/** WeCom's limit per conversation, replies and pushes together (it also allows 1000 an hour). */
const WECOM_PER_MINUTE = 30;

await runAsScript(import.meta.url, main);
