// Telegram door (grammY): createTelegramBot() wires Telegram updates to the conversation; main() is `npm run telegram`.
import { autoRetry } from '@grammyjs/auto-retry';
import { Bot } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import type { Conversation } from '../src/chat/conversation.js';
import type { MissesLog } from '../src/chat/misses.js';
import { createRateLimiter, type RateLimiter } from '../src/chat/rate-limit.js';
import { TELEGRAM_LIMIT } from '../src/chat/render-telegram.js';
import type { SearchEngine } from '../src/search/engine.js';
import { doorConversation } from './door/conversation.js';
import { createDoorLog, type DoorLog } from './door/log.js';
import { type Door, type RunOptions, runAsScript, runDoor } from './door/run.js';
import { parseTelegramEnv, type TelegramConfig, telegramSecrets } from './telegram/env.js';
import { createUpdateGate, inChatOrder, type UpdateGate } from './telegram/gate.js';
import { type Answering, onButton, onError, onInline, onMessage } from './telegram/handlers.js';
import { serveTelegram } from './telegram/serve.js';

export interface TelegramBotOptions {
  token: string;
  /** A self-hosted Bot API server or a test stand-in; default the official one. */
  apiRoot?: string;
  /** Who the bot is; given, no getMe is needed (tests). Default: asked at start. */
  botInfo?: UserFromGetMe;
  /** Loaded once per process and shared. */
  engine: SearchEngine;
  /** Default: a fresh `createRateLimiter()` (5 per user, then one per 10 s; 20 per chat). */
  limiter?: RateLimiter;
  /** Where unanswered questions go. Default: nowhere. */
  misses?: MissesLog;
  /** The conversation to talk to. Default: one on `engine`, with `limiter` and `misses`. */
  conversation?: Conversation;
  /** Default: lines on stderr, the token removed. */
  log?: DoorLog;
  /** Default 4096 (Telegram's limit); tests lower it. */
  messageLimit?: number;
  /** Lets a stopping door finish what it holds (see serveTelegram). Default: a gate nobody closes. */
  gate?: UpdateGate;
}

/**
 * Builds the bot without starting it: updates of one chat in order, chats side by side, each kind to its handler.
 * @example const bot = createTelegramBot({ token, engine: loadEngine() }); await bot.handleUpdate(update);
 */
export function createTelegramBot(options: TelegramBotOptions): Bot {
  const log = options.log ?? createDoorLog('telegram', { secrets: [{ name: 'token', value: options.token }] });
  const bot = new Bot(options.token, { botInfo: options.botInfo, client: { apiRoot: options.apiRoot } });
  // A 429 waits and retries in its own chat only; a network error fails its update instead of blocking others.
  bot.api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 60, rethrowHttpErrors: true }));
  const conversation = doorConversation(options, log);
  const answering: Answering = {
    conversation,
    log,
    messageLimit: options.messageLimit ?? TELEGRAM_LIMIT,
    inlineLimiter: createRateLimiter(INLINE_RATE),
  };

  bot.use(inChatOrder(), (options.gate ?? createUpdateGate()).middleware);
  const guarded = bot.errorBoundary(onError(answering));
  guarded.on('message', onMessage(answering));
  guarded.on('callback_query', onButton(answering));
  guarded.on('inline_query', onInline(answering));
  bot.catch(onError(answering));
  return bot;
}

/** `npm run telegram`: the environment checked, then long polling or a webhook until SIGINT/SIGTERM. */
export const telegramDoor: Door<TelegramConfig> = {
  name: 'telegram',
  docs: 'README.md, "Telegram bot"',
  configure: parseTelegramEnv,
  secrets: telegramSecrets,
  serve: (context) =>
    serveTelegram(context, ({ config, engine, misses, log }, gate) => {
      const conversation = doorConversation({ engine, misses }, log);
      const bot = createTelegramBot({ token: config.token, apiRoot: config.apiRoot, engine, conversation, log, gate });
      return { bot, menu: conversation.menu() };
    }),
};

/** Resolves to the exit code; `--check` stops after the ready line. */
export const main = (options?: RunOptions): Promise<number> => runDoor(telegramDoor, options);

/** Inline queries come per keystroke and are cheap: 30 at once, then 2 a second, per user. */
const INLINE_RATE = { user: { capacity: 30, refillMs: 500 }, chat: { capacity: 30, refillMs: 500 } };

await runAsScript(import.meta.url, main);
