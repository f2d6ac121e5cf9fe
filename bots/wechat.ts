// The WeChat door (Wechaty): createWechatBot() wires WeChat events to named handlers; main() is `npm run wechat`.

import { type Wechaty, WechatyBuilder, type WechatyOptions } from 'wechaty';
import type { Conversation } from '../src/chat/conversation.js';
import { createRateLimiter, type RateLimiter } from '../src/chat/rate-limit.js';
import type { AnswerLog, MissesLog } from '../src/chat/staff-logs.js';
import type { SearchEngine } from '../src/search/engine.js';
import { doorConversation } from './door/conversation.js';
import { createDoorLog, type DoorLog } from './door/log.js';
import { createOutbox } from './door/outbox.js';
import { type Door, type RunOptions, runAsScript, runDoor } from './door/run.js';
import { createSeenIds } from './door/seen.js';
import {
  type PuppetName,
  parseWechatEnv,
  type WechatConfigInput,
  type WechatEnvConfig,
  wechatConfig,
  wechatSecrets,
} from './wechat/config.js';
import { onError, onLogin, onLogout, onReady, onScan } from './wechat/lifecycle.js';
import { type HandledMessage, onMessage, type WechatDesk } from './wechat/message.js';
import { createRoomRegister } from './wechat/rooms.js';
import { serveWechat } from './wechat/serve.js';

export type { HandledMessage } from './wechat/message.js';
export { MAX_MESSAGE_AGE_MS } from './wechat/message.js';

/** A puppet instance, e.g. `new PuppetMock({ mocker })` in tests. */
export type PuppetInstance = Exclude<NonNullable<WechatyOptions['puppet']>, string>;

export interface WechatBotOptions {
  /** The puppet instance, or (`npm run wechat`) an installed puppet package's name; Wechaty never picks one. */
  puppet: PuppetInstance | PuppetName;
  /** Options for a puppet given by name, e.g. `{ token }` for wechaty-puppet-service. */
  puppetOptions?: { token?: string };
  /** Wechaty memory card name (login session, so a restart needs no new scan); default: kept in memory only. */
  name?: string;
  /** Group etiquette and sending (see WechatConfigSchema); validated, throws DoorConfigError. */
  config?: WechatConfigInput;
  /** Loaded once per process; default `loadEngine()`. Ignored when `conversation` is given. */
  engine?: SearchEngine;
  conversation?: Conversation;
  /** Shared per user and per chat; default `createRateLimiter({ now })`. Pass the same one to a custom conversation. */
  limiter?: RateLimiter;
  misses?: MissesLog;
  answers?: AnswerLog;
  /** Milliseconds since the epoch; messages more than two minutes older are ignored. Default `Date.now`. */
  now?: () => number;
  /** Default: lines on stderr. Puppet errors before login are debug lines: `connectPatiently` names their cause. */
  log?: DoorLog;
  /** Shows the login QR code; default: drawn on stderr. */
  showQrCode?: (qrcode: string) => void;
  /** Told what became of every incoming message once its reply is sent (tests and metrics). */
  onHandled?: (handled: HandledMessage) => void;
}

/**
 * A Wechaty bot, not started, with every handler attached.
 * @example const bot = createWechatBot({ puppet: new PuppetMock({ mocker }), engine }); await bot.start();
 */
export function createWechatBot(options: WechatBotOptions): Wechaty {
  const config = wechatConfig(options.config);
  const now = options.now ?? Date.now;
  const log = options.log ?? createDoorLog('wechat');
  const limiter = options.limiter ?? createRateLimiter({ now });
  const conversation = doorConversation({ ...options, limiter, now: () => new Date(now()) }, log);
  const outbox = createOutbox({ delayMs: config.sendDelayMs, onError: (error) => log.error(error.message) });
  const { puppet, puppetOptions, name, onHandled, showQrCode } = options;
  const bot = WechatyBuilder.build({ puppet, puppetOptions, name } as WechatyOptions);
  const seen = createSeenIds();
  const rooms = createRoomRegister(config.rooms, log);
  const desk: WechatDesk = { bot, config, conversation, outbox, seen, rooms, log, now, onHandled, showQrCode };

  bot.on('scan', onScan(desk)).on('login', onLogin(desk)).on('logout', onLogout(desk));
  bot.on('error', onError(desk)).on('ready', onReady(desk));
  bot.on('message', onMessage(desk));
  return bot;
}

/** `npm run wechat`: the environment checked, a login QR code on the terminal, patient reconnection, a clean stop. */
export const wechatDoor: Door<WechatEnvConfig> = {
  name: 'wechat',
  docs: 'README.md, "WeChat bot"',
  configure: parseWechatEnv,
  secrets: wechatSecrets,
  serve: (context) => serveWechat(context, createWechatBot),
};

/** Resolves to the exit code; `--check` stops after the ready line. */
export const main = (options?: RunOptions): Promise<number> => runDoor(wechatDoor, options);

await runAsScript(import.meta.url, main);
