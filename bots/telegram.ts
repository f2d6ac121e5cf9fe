// Telegram door (grammY): createTelegramBot() wires Telegram updates to the conversation; main() is `npm run telegram`.

import { pathToFileURL } from 'node:url';
import { format } from 'node:util';
import { autoRetry } from '@grammyjs/auto-retry';
import createDebug from 'debug';
import { type Api, Bot } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import { createConversation } from '../src/chat/conversation.js';
import { COMMANDS } from '../src/chat/intent.js';
import { createMissesLog, type MissesLog, missesPathFromEnv } from '../src/chat/misses.js';
import { createRateLimiter, type RateLimiter } from '../src/chat/rate-limit.js';
import { TELEGRAM_LIMIT } from '../src/chat/render-telegram.js';
import { loadEngine, type SearchEngine } from '../src/search/engine.js';
import { parseTelegramEnv, redactor, TelegramConfigError } from './telegram/env.js';
import { type Door, describeError, onButton, onError, onInline, onMessage } from './telegram/handlers.js';
import { pollUntil, serveWebhook, signalled, withPatience } from './telegram/serve.js';

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
  /** Gets one line per failure, token already removed. Default: stderr. */
  log?: (line: string) => void;
  /** Default 4096 (Telegram's limit); tests lower it. */
  messageLimit?: number;
}

/**
 * Builds the bot without starting it: drive it with `bot.handleUpdate(update)`, or start it with `bot.start()`.
 * @example const bot = createTelegramBot({ token, engine: loadEngine() }); await bot.start();
 */
export function createTelegramBot(options: TelegramBotOptions): Bot {
  const redact = redactor(options.token);
  const write = options.log ?? stderrLine;
  const log = (line: string) => write(redact(line));
  const bot = new Bot(options.token, { botInfo: options.botInfo, client: { apiRoot: options.apiRoot } });
  // 429s wait and retry; a network error fails its update instead of blocking every update behind it.
  bot.api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 60, rethrowHttpErrors: true }));
  const conversation = createConversation({
    engine: options.engine,
    limiter: options.limiter ?? createRateLimiter(),
    misses: options.misses,
    onError: (e) => log(e.message),
  });
  const door: Door = {
    conversation,
    log,
    messageLimit: options.messageLimit ?? TELEGRAM_LIMIT,
    inlineLimiter: createRateLimiter(INLINE_RATE),
  };

  const guarded = bot.errorBoundary(onError(door));
  guarded.on('message', onMessage(door));
  guarded.on('callback_query', onButton(door));
  guarded.on('inline_query', onInline(door));
  bot.catch(onError(door));
  return bot;
}

/** The command menu, with Chinese descriptions, for everyone (default) and for Chinese-language clients. */
export async function registerCommands(api: Api): Promise<void> {
  const commands = COMMANDS.map(({ command, description }) => ({ command, description }));
  await api.setMyCommands(commands);
  await api.setMyCommands(commands, { language_code: 'zh' });
}

export interface MainOptions {
  env?: Record<string, string | undefined>;
  /** Resolves when the bot should stop. Default: the first SIGINT or SIGTERM. */
  until?: Promise<unknown>;
  /** Default: stderr. Everything written is redacted. */
  log?: (line: string) => void;
}

/** `npm run telegram`: validate the environment, load the engine once, serve until told to stop; resolves to the exit code. */
export async function main({
  env = process.env,
  until = signalled(),
  log: write = stderrLine,
}: MainOptions = {}): Promise<number> {
  let config: ReturnType<typeof parseTelegramEnv> | undefined;
  try {
    config = parseTelegramEnv(env);
  } catch (error) {
    if (!(error instanceof TelegramConfigError)) throw error;
    write(error.message);
    return 2;
  }
  const redact = redactor(config.token);
  const log = (line: string) => write(redact(line));
  // grammY's own debug output (DEBUG=grammy*) goes through the same filter.
  createDebug.log = (...args: unknown[]) => process.stderr.write(`${redact(format(...args))}\n`);
  const misses = createMissesLog({ path: missesPathFromEnv(env), onError: (e) => log(e.message) });
  const bot = createTelegramBot({ token: config.token, apiRoot: config.apiRoot, engine: loadEngine(), misses, log });
  const stop = new AbortController();
  void until.then(() => stop.abort());
  try {
    await withPatience(bot.init(stop.signal as Parameters<Bot['init']>[0]), () =>
      log(`telegram: still waiting for the Bot API at ${config.apiRoot ?? 'api.telegram.org'}…`),
    );
    await registerCommands(bot.api).catch((error) =>
      log(`telegram: setMyCommands failed, the menu may be stale: ${describeError(error)}`),
    );
    if (config.webhook) await serveWebhook(bot, config.webhook, stop.signal, log);
    else await pollUntil(bot, stop.signal, log, config.apiRoot);
    return 0;
  } catch (error) {
    if (stop.signal.aborted) return 0;
    log(`telegram: stopped: ${describeError(error)}`);
    return 1;
  } finally {
    await misses.flush();
  }
}

/** Inline queries come per keystroke and are cheap: 30 at once, then 2 a second, per user. */
const INLINE_RATE = { user: { capacity: 30, refillMs: 500 }, chat: { capacity: 30, refillMs: 500 } };

function stderrLine(line: string): void {
  process.stderr.write(`${line}\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main();
  // Keep-alive sockets of the Bot API client would hold the process open for a while after a clean stop.
  process.exit();
}
