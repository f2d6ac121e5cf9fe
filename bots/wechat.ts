// The WeChat door (Wechaty): createWechatBot() passes WeChat messages to the conversation and sends back what it says; `npm run wechat` runs it.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import qrcodeTerminal from 'qrcode-terminal';
import {
  type Contact,
  type Message,
  qrcodeValueToImageUrl,
  type Room,
  ScanStatus,
  types,
  type Wechaty,
  WechatyBuilder,
  type WechatyOptions,
} from 'wechaty';
import {
  type Conversation,
  type Outcome as ConversationOutcome,
  createConversation,
} from '../src/chat/conversation.js';
import { addressGroupText } from '../src/chat/etiquette.js';
import { createMissesLog, type MissesLog, missesPathFromEnv } from '../src/chat/misses.js';
import { createRateLimiter, type RateLimiter } from '../src/chat/rate-limit.js';
import { renderPlain } from '../src/chat/render-plain.js';
import { PROJECT_ROOT } from '../src/search/artefacts.js';
import { loadEngine, type SearchEngine } from '../src/search/engine.js';
import {
  configFromEnv,
  type PuppetName,
  WechatConfigError,
  type WechatConfigInput,
  wechatConfig,
} from './wechat/config.js';
import { mentionsByName, startsWithMention, withoutMentions } from './wechat/etiquette.js';
import { consoleLogger, type WechatLogger, withoutRepeats } from './wechat/log.js';
import { createOutbox } from './wechat/outbox.js';
import { createSeenIds } from './wechat/seen.js';

/** A puppet instance, e.g. `new PuppetMock({ mocker })` in tests. */
export type PuppetInstance = Exclude<NonNullable<WechatyOptions['puppet']>, string>;

export interface WechatBotOptions {
  /** The puppet instance, or (for `npm run wechat`) the name of an installed puppet package. Required: Wechaty never picks one. */
  puppet: PuppetInstance | PuppetName;
  /** Options for a puppet given by name, e.g. `{ token }` for wechaty-puppet-service. */
  puppetOptions?: { token?: string };
  /** Wechaty memory card path (login session, so a restart needs no new scan); default: kept in memory only. */
  name?: string;
  /** Group etiquette and sending (see WechatConfigSchema); validated, throws WechatConfigError. */
  config?: WechatConfigInput;
  /** Loaded once per process; default `loadEngine()`. Ignored when `conversation` is given. */
  engine?: SearchEngine;
  conversation?: Conversation;
  /** Shared per user and per chat; default `createRateLimiter({ now })`. Pass the same one to a custom conversation. */
  limiter?: RateLimiter;
  misses?: MissesLog;
  /** Milliseconds since the epoch; messages more than two minutes older are ignored. Default `Date.now`. */
  now?: () => number;
  logger?: WechatLogger;
  /** Shows the login QR code; default: drawn on stderr. */
  showQrCode?: (qrcode: string) => void;
  /** Told what became of every incoming message once its reply is sent (tests and metrics). */
  onHandled?: (handled: HandledMessage) => void;
}

/** What became of one incoming message: `ignored` before the conversation, `silent` when it had nothing worth saying. */
export interface HandledMessage {
  messageId: string;
  chat: 'private' | 'group';
  talkerId: string;
  outcome: 'sent' | 'silent' | 'ignored' | 'failed';
  reason: string;
  /** Messages sent in reply. */
  parts: number;
}

/** Messages this old when they arrive were sent before the bot logged in (history replayed on login): never answer them. */
export const MAX_MESSAGE_AGE_MS = 2 * 60_000;

/**
 * A Wechaty bot, not started, with every handler attached.
 * @example const bot = createWechatBot({ puppet: new PuppetMock({ mocker }), engine }); await bot.start();
 */
export function createWechatBot(options: WechatBotOptions): Wechaty {
  const config = wechatConfig(options.config);
  const now = options.now ?? Date.now;
  const logger = options.logger ?? consoleLogger();
  const limiter = options.limiter ?? createRateLimiter({ now });
  const conversation =
    options.conversation ??
    createConversation({
      engine: options.engine ?? loadEngine(),
      limiter,
      misses: options.misses,
      now: () => new Date(now()),
      onError: (error) => logger.error(error.message),
    });
  const seen = createSeenIds();
  const outbox = createOutbox({
    delayMs: config.sendDelayMs,
    onError: (error) => logger.error(`wechat: ${error.message}`),
  });
  const showQrCode =
    options.showQrCode ??
    ((qrcode: string) => qrcodeTerminal.generate(qrcode, { small: true }, (art) => process.stderr.write(`${art}\n`)));

  function onScan(qrcode: string, status: ScanStatus) {
    if (status !== ScanStatus.Waiting && status !== ScanStatus.Timeout)
      return logger.info(`wechat: scan ${ScanStatus[status]}`);
    showQrCode(qrcode);
    logger.info(`wechat: scan the QR code with the bot's WeChat account: ${qrcodeValueToImageUrl(qrcode)}`);
  }
  const onLogin = (user: Contact) => logger.info(`wechat: logged in as ${user.name()}`);
  const onLogout = (user: Contact) => logger.info(`wechat: logged out ${user.name()}`);
  const logPuppetError = withoutRepeats((line) => logger.error(line), now);
  const onError = (error: Error) => logPuppetError(`wechat: ${error?.message ?? String(error)}`);

  /** The boundary around one message: whatever happens inside, the bot keeps running. */
  async function onMessage(message: Message) {
    const base = {
      messageId: message.id,
      chat: message.room() ? 'group' : 'private',
      talkerId: talkerIdOf(message),
    } as const;
    const result = await handle(message).catch(
      (error: unknown): Outcome => ({
        outcome: 'failed',
        reason: (error as Error)?.message ?? String(error),
        parts: 0,
      }),
    );
    const line = `wechat: ${base.chat} message ${base.messageId}: ${result.outcome} (${result.reason})`;
    if (result.outcome === 'failed') logger.error(line);
    else logger.debug(line);
    try {
      options.onHandled?.({ ...base, ...result });
    } catch (error) {
      logger.error(`wechat: onHandled failed: ${(error as Error)?.message}`);
    }
  }

  async function handle(message: Message): Promise<Outcome> {
    if (!seen.first(message.id)) return ignored('duplicate message id');
    if (message.self()) return ignored('sent by the bot');
    if (now() - message.date().getTime() > MAX_MESSAGE_AGE_MS) return ignored('older than two minutes');
    const room = message.room();
    return room ? handleGroup(message, room) : handlePrivate(message);
  }

  async function handlePrivate(message: Message): Promise<Outcome> {
    const talker = message.talker();
    if (talker.type() === types.Contact.Official) return ignored('official account');
    const who = { userId: talker.id, chatId: talker.id };
    const text = message.type() === types.Message.Text;
    if (!text && !HINTED_TYPES.has(message.type())) return ignored(`${types.Message[message.type()]} message`);
    const outcome = conversation.respond({ text: text ? message.text() : '', media: !text, chat: 'private', ...who });
    return deliver(outcome, talker.id, (part) => talker.say(part));
  }

  async function handleGroup(message: Message, room: Room): Promise<Outcome> {
    if (config.rooms.length > 0 && !config.rooms.includes(await room.topic()))
      return ignored('group not in the allow-list');
    if (message.type() !== types.Message.Text) return ignored(`${types.Message[message.type()]} message in a group`);
    const self = bot.currentUser;
    const text = message.text();
    const selfNames = [self.name(), (await room.alias(self)) ?? ''];
    const mentioned = await message.mentionList();
    const mentionsBot = mentioned.some((c) => c.id === self.id) || mentionsByName(text, selfNames);
    const mentionsOthers = !mentionsBot && (mentioned.length > 0 || startsWithMention(text));
    const question = addressGroupText(
      {
        text: mentionsBot ? withoutMentions(await message.mentionText(), selfNames) : text,
        mentionsBot,
        mentionsOthers,
      },
      config,
    );
    if (!question) return ignored(mentionsOthers ? 'addressed to someone else' : 'not for the bot (etiquette)');
    const talker = message.talker();
    const outcome = conversation.respond({ ...question, chat: 'group', userId: talker.id, chatId: room.id });
    // room.say(text, talker) puts 「@name 」 in front: keep every part within the limit.
    const mention = `@${(await room.alias(talker)) || talker.name()} `;
    return deliver(outcome, room.id, (part, i) => (i === 0 ? room.say(part, talker) : room.say(part)), mention.length);
  }

  async function deliver(
    { reply, silence }: ConversationOutcome,
    chatId: string,
    say: (part: string, index: number) => Promise<unknown>,
    reserve = 0,
  ): Promise<Outcome> {
    if (!reply) return { outcome: 'silent', reason: silence, parts: 0 };
    const parts = renderPlain(reply, Math.max(MIN_PART_CHARS, config.splitLimit - reserve));
    const sent = await outbox.send(chatId, parts, say);
    return sent === parts.length
      ? { outcome: 'sent', reason: reply.kind, parts: sent }
      : { outcome: 'failed', reason: `sent ${sent} of ${parts.length} parts`, parts: sent };
  }

  const bot = WechatyBuilder.build({
    puppet: options.puppet,
    puppetOptions: options.puppetOptions,
    name: options.name,
  } as WechatyOptions);
  bot.on('scan', onScan).on('login', onLogin).on('logout', onLogout).on('message', onMessage).on('error', onError);
  return bot;
}

type Outcome = Pick<HandledMessage, 'outcome' | 'reason' | 'parts'>;
const ignored = (reason: string): Outcome => ({ outcome: 'ignored', reason, parts: 0 });
const talkerIdOf = (message: Message): string => {
  try {
    return message.talker().id;
  } catch {
    return ''; // a payload without a talker: still reported, never thrown
  }
};

/** Things a person sends instead of typing; system notices, transfers and recalls get no hint. */
const HINTED_TYPES = new Set([
  types.Message.Image,
  types.Message.Audio,
  types.Message.Video,
  types.Message.Emoticon,
  types.Message.Attachment,
  types.Message.Url,
  types.Message.MiniProgram,
  types.Message.Location,
  types.Message.Contact,
]);
/** Even with a very long group nickname to mention, a part carries a useful amount of text. */
const MIN_PART_CHARS = 100;

/** `npm run wechat`: configuration from the environment, a login QR code on the terminal, a clean stop on SIGINT/SIGTERM. */
async function main(): Promise<number> {
  let settings: ReturnType<typeof configFromEnv>;
  try {
    settings = configFromEnv(process.env);
  } catch (error) {
    if (!(error instanceof WechatConfigError)) throw error;
    process.stderr.write(`${error.message}\n(see the WeChat section of README.md)\n`);
    return 2;
  }
  const { puppet, bot: config } = settings;
  const logger = consoleLogger({ debug: /\bwechat\b/.test(process.env.DEBUG ?? ''), secrets: [puppet.token] });
  const misses = createMissesLog({
    path: missesPathFromEnv(process.env),
    onError: (error) => logger.error(error.message),
  });
  const sessionDir = join(PROJECT_ROOT, 'var');
  mkdirSync(sessionDir, { recursive: true });
  const bot = createWechatBot({
    puppet: puppet.name,
    puppetOptions: puppet.token ? { token: puppet.token } : undefined,
    name: join(sessionDir, 'wechat-session'),
    config,
    misses,
    logger,
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) process.exit(1); // a second Ctrl-C: do not wait any longer
    stopping = true;
    logger.info(`wechat: ${signal}, stopping`);
    setTimeout(() => process.exit(1), STOP_TIMEOUT_MS).unref();
    await bot.stop().catch((error: Error) => logger.error(`wechat: stop: ${error.message}`));
    await misses.flush();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('unhandledRejection', (error) =>
    logger.error(`wechat: unhandled rejection: ${(error as Error)?.message ?? String(error)}`),
  );

  logger.info(
    `wechat: starting with ${puppet.name}${puppet.token ? ' (token set)' : ''}; plain group questions ${config.answerPlainQuestions ? 'on' : 'off'}${config.prefix ? `, prefix ${JSON.stringify(config.prefix)}` : ''}${config.rooms.length > 0 ? `, groups: ${config.rooms.join(', ')}` : ''}`,
  );
  try {
    await bot.start();
  } catch (error) {
    logger.error(`wechat: cannot start ${puppet.name}: ${(error as Error)?.message ?? String(error)}`);
    return 1;
  }
  return 0; // keeps running on the puppet's connection until a signal
}

const STOP_TIMEOUT_MS = 10_000;

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const code = await main();
  if (code !== 0) process.exit(code);
}
