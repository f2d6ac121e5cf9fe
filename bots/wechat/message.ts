// One WeChat message → ignored, silent or answered: private chats, group etiquette, the allow-list, ordered sending.
import { type Message, type Room, types, type Wechaty } from 'wechaty';
import type { Conversation, Outcome as ConversationOutcome } from '../../src/chat/conversation.js';
import { addressGroupText } from '../../src/chat/etiquette.js';
import { renderPlain } from '../../src/chat/render-plain.js';
import { mentionsByName, startsWithMention, withoutMentions } from '../door/addressing.js';
import { type DoorLog, describeError } from '../door/log.js';
import type { Outbox } from '../door/outbox.js';
import type { SeenIds } from '../door/seen.js';
import type { WechatConfig } from './config.js';
import { type RoomRegister, roomAllowed } from './rooms.js';

/** What became of one incoming message: `ignored` before the conversation, `silent` when it had nothing to say. */
export interface HandledMessage {
  messageId: string;
  chat: 'private' | 'group';
  talkerId: string;
  outcome: 'sent' | 'silent' | 'ignored' | 'failed';
  reason: string;
  /** Messages sent in reply. */
  parts: number;
}

/** What the handlers work with; built once per bot. */
export interface WechatDesk {
  bot: Wechaty;
  config: WechatConfig;
  conversation: Conversation;
  outbox: Outbox;
  seen: SeenIds;
  rooms: RoomRegister;
  log: DoorLog;
  /** Milliseconds since the epoch. */
  now: () => number;
  onHandled?: (handled: HandledMessage) => void;
  /** Default: drawn on stderr. */
  showQrCode?: (qrcode: string) => void;
}

/** Messages this old on arrival were sent before the bot logged in (history replayed at login): never answered. */
export const MAX_MESSAGE_AGE_MS = 2 * 60_000;

/**
 * The `message` handler, and the boundary around each message: whatever happens inside, the bot keeps running, and
 * the outcome is logged (debug; failures as errors) and reported to `onHandled`.
 */
export function onMessage(desk: WechatDesk): (message: Message) => Promise<void> {
  const { log } = desk;
  return async (message) => {
    const base = { messageId: message.id, chat: message.room() ? 'group' : 'private', talkerId: talkerIdOf(message) };
    const result = await handle(desk, message).catch(
      (error: unknown): Outcome => ({ outcome: 'failed', reason: describeError(error), parts: 0 }),
    );
    const handled = { ...base, ...result } as HandledMessage;
    if (handled.outcome === 'failed')
      log.error(`${handled.chat} message ${handled.messageId}: failed (${handled.reason})`);
    else log.debug('%s message %s: %s (%s)', handled.chat, handled.messageId, handled.outcome, handled.reason);
    try {
      desk.onHandled?.(handled);
    } catch (error) {
      log.error(`onHandled failed: ${describeError(error)}`);
    }
  };
}

async function handle(desk: WechatDesk, message: Message): Promise<Outcome> {
  if (!(await desk.seen.first(message.id))) return ignored('duplicate message id');
  if (message.self()) return ignored('sent by the bot');
  if (desk.now() - message.date().getTime() > MAX_MESSAGE_AGE_MS) return ignored('older than two minutes');
  const room = message.room();
  return room ? handleGroup(desk, message, room) : handlePrivate(desk, message);
}

async function handlePrivate(desk: WechatDesk, message: Message): Promise<Outcome> {
  const talker = message.talker();
  if (talker.type() === types.Contact.Official) return ignored('official account');
  const who = { userId: talker.id, chatId: talker.id };
  const text = message.type() === types.Message.Text;
  if (!text && !HINTED_TYPES.has(message.type())) return ignored(`${types.Message[message.type()]} message`);
  const outcome = await desk.conversation.respond({
    text: text ? message.text() : '',
    media: !text,
    chat: 'private',
    ...who,
  });
  return deliver(desk, outcome, talker.id, (part) => talker.say(part));
}

async function handleGroup(desk: WechatDesk, message: Message, room: Room): Promise<Outcome> {
  const { config } = desk;
  const info = { id: room.id, topic: await room.topic() };
  desk.rooms.seen(info);
  if (!roomAllowed(info, config.rooms)) return ignored('group not in the allow-list');
  if (message.type() !== types.Message.Text) return ignored(`${types.Message[message.type()]} message in a group`);
  const self = desk.bot.currentUser;
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
  const outcome = await desk.conversation.respond({ ...question, chat: 'group', userId: talker.id, chatId: room.id });
  // room.say(text, talker) puts 「@name 」 in front: keep every part within the limit.
  const mention = `@${(await room.alias(talker)) || talker.name()} `;
  const say = (part: string, i: number) => (i === 0 ? room.say(part, talker) : room.say(part));
  return deliver(desk, outcome, room.id, say, mention.length);
}

async function deliver(
  desk: WechatDesk,
  { reply, silence }: ConversationOutcome,
  chatId: string,
  say: (part: string, index: number) => Promise<unknown>,
  reserve = 0,
): Promise<Outcome> {
  if (!reply) return { outcome: 'silent', reason: silence, parts: 0 };
  const parts = renderPlain(reply, Math.max(MIN_PART_CHARS, desk.config.splitLimit - reserve));
  const sent = await desk.outbox.send(chatId, parts, say);
  return sent === parts.length
    ? { outcome: 'sent', reason: reply.kind, parts: sent }
    : { outcome: 'failed', reason: `sent ${sent} of ${parts.length} parts`, parts: sent };
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
