// DingTalk door (钉钉 Stream mode over dingtalk-stream): createDingtalkBot() wires robot messages to the conversation.

import { TOPIC_ROBOT } from 'dingtalk-stream';
import type { Conversation } from '../src/chat/conversation.js';
import type { RateLimiter } from '../src/chat/rate-limit.js';
import { MARKDOWN_LIMIT, renderMarkdown } from '../src/chat/render-markdown.js';
import type { AnswerLog, MissesLog } from '../src/chat/staff-logs.js';
import type { SearchEngine } from '../src/search/engine.js';
import { type DingtalkConfig, dingtalkSecrets, parseDingtalkEnv } from './dingtalk/env.js';
import { type DingtalkDesk, onRobotMessage } from './dingtalk/handlers.js';
import type { PostOptions } from './dingtalk/session-webhook.js';
import { StreamClient } from './dingtalk/stream-client.js';
import type { Handled } from './door/answer.js';
import { doorConversation } from './door/conversation.js';
import { createDoorLog, type DoorLog, withoutRepeats } from './door/log.js';
import { createOutbox } from './door/outbox.js';
import { createPacer } from './door/pace.js';
import { type Door, type RunOptions, runAsScript, runDoor, stopped } from './door/run.js';
import { createSeenIds } from './door/seen.js';

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
  answers?: AnswerLog;
  /** Default: lines on stderr, the secret removed. */
  log?: DoorLog;
  /** Bytes of UTF-8 per message; default 2048. */
  messageLimit?: number;
  /** Pause before reconnecting; tests shorten it. Default the SDK's 1 s. */
  reconnectMs?: number;
  /** Clock, retry pause and fetch for the session webhooks. */
  post?: PostOptions;
  onHandled?: (handled: Handled) => void;
}

export interface DingtalkBot {
  client: StreamClient;
  /**
   * Opens the stream connection; resolves once it is open. While the gateway refuses or cannot be reached it keeps
   * asking, with a logged reason and a growing pause.
   */
  start(): Promise<void>;
  /** Closes the connection once the replies being sent are out, or after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * The DingTalk robot, not yet connected.
 * @example const bot = createDingtalkBot({ clientId, clientSecret, engine: loadEngine() }); await bot.start();
 */
export function createDingtalkBot(options: DingtalkBotOptions): DingtalkBot {
  const log = options.log ?? createDoorLog('dingtalk', { secrets: [{ name: 'secret', value: options.clientSecret }] });
  const conversation = doorConversation(options, log);
  let connections = 0;
  let connected: () => void = () => {};
  const firstConnection = new Promise<void>((resolve) => (connected = resolve));
  const connectError = withoutRepeats((line) => log.error(line), Date.now);
  const onConnect = () => {
    if (connections++ > 0) log.info('reconnected');
    connected();
  };
  const client = new StreamClient({
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    gatewayUrl: options.gatewayUrl,
    reconnectMs: options.reconnectMs,
    onConnectError: (error) => connectError(`cannot open the stream connection, retrying: ${error.message}`),
    onConnect,
  });
  const sending = new Set<Promise<unknown>>();
  const outbox = createOutbox({ onError: (error) => log.error(error.message) });
  const messageLimit = options.messageLimit ?? MARKDOWN_LIMIT;
  const desk: DingtalkDesk = {
    client,
    log,
    post: options.post ?? {},
    onHandled: options.onHandled,
    answering: {
      conversation,
      seen: createSeenIds(),
      pacer: createPacer({ perMinute: DINGTALK_PER_MINUTE }),
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

  client.registerCallbackListener(TOPIC_ROBOT, onRobotMessage(desk));

  return {
    client,
    async start() {
      void client.connect();
      await firstConnection;
    },
    async stop(graceMs = STOP_GRACE_MS) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.allSettled([...sending]),
        new Promise((resolve) => (timer = setTimeout(resolve, graceMs))),
      ]);
      clearTimeout(timer);
      client.disconnect();
    },
  };
}

/** `npm run dingtalk`: the environment checked, the stream connection opened, answering until SIGINT/SIGTERM. */
export const dingtalkDoor: Door<DingtalkConfig> = {
  name: 'dingtalk',
  docs: 'README.md, "DingTalk bot"',
  configure: parseDingtalkEnv,
  secrets: dingtalkSecrets,
  async serve({ config, engine, misses, answers, log, signal, ready }) {
    const bot = createDingtalkBot({ ...config, engine, misses, answers, log });
    try {
      await Promise.race([bot.start(), stopped(signal)]);
      if (!signal.aborted) ready(`connected as app ${config.clientId}`);
      await stopped(signal);
    } finally {
      await bot.stop();
    }
  },
};

/** Resolves to the exit code; `--check` stops after the ready line. */
export const main = (options?: RunOptions): Promise<number> => runDoor(dingtalkDoor, options);

/** DingTalk's limit for one robot in one group. */
const DINGTALK_PER_MINUTE = 20;
/** Replies being sent when the door stops get this long, inside the door room's two-second stop budget. */
const STOP_GRACE_MS = 1500;

await runAsScript(import.meta.url, main);
