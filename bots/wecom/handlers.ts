// The WeCom door's named handlers: a message or the enter-chat event in, the conversation's reply out as stream replies.
import { generateReqId, type WSClient, type WsFrame } from '@wecom/aibot-node-sdk';
import type { Conversation, IncomingMessage } from '../../src/chat/conversation.js';
import { renderMarkdown } from '../../src/chat/render-markdown.js';
import { renderPlain } from '../../src/chat/render-plain.js';
import type { Pacer } from '../door/pace.js';
import { parseWecomMessage } from './incoming.js';

/** What the handlers share: built once by `createWecomBot`. */
export interface WecomDoor {
  client: Pick<WSClient, 'replyStream' | 'replyWelcome'>;
  conversation: Conversation;
  log: DoorLogLike;
  outbox: { send(chatId: string, parts: readonly string[], say: (part: string) => Promise<unknown>): Promise<number> };
  seen: { first(id: string): boolean | Promise<boolean> };
  /** Holds a chat's next message back when WeCom's per-conversation limit is reached. */
  pacer: Pacer;
  /** Bytes of UTF-8 per message. */
  messageLimit: number;
  /** Told what became of every message and event (tests, metrics). */
  onHandled: (handled: Handled) => void;
}

/** The parts of the door log the handlers use. */
export interface DoorLogLike {
  error(text: string): void;
  debug(formatter: string, ...args: unknown[]): void;
}

/** What became of one message or event: `ignored` before the conversation, `silent` when it had nothing to say. */
export interface Handled {
  msgId: string;
  chat: 'private' | 'group';
  outcome: 'sent' | 'silent' | 'ignored' | 'failed';
  reason: string;
  /** Messages sent in reply. */
  parts: number;
}

/**
 * A text, voice, mixed, image, file or video message: every delivered message is addressed to the robot (in groups
 * WeCom delivers @-mentions only), so the conversation decides alone; pictures get its short hint, in private only.
 */
export function onMessage(door: WecomDoor) {
  return guarded(door, async (frame: WsFrame): Promise<Handled> => {
    const message = parseWecomMessage(frame.body);
    if ('error' in message) return { msgId: '?', chat: 'private', outcome: 'ignored', reason: message.error, parts: 0 };
    const base = { msgId: message.msgId, chat: message.chat };
    if (!(await door.seen.first(`msg:${message.msgId}`))) return { ...base, ...ignored('delivered before') };
    const incoming: IncomingMessage = {
      text: message.text === null ? '' : withoutTypedMentions(message.text),
      media: message.text === null,
      chat: message.chat,
      userId: message.userId,
      chatId: message.chatId,
      addressed: true,
    };
    const { reply, silence } = door.conversation.respond(incoming);
    if (!reply) return { ...base, outcome: 'silent', reason: silence, parts: 0 };
    const parts = renderMarkdown(reply, door.messageLimit);
    // A fresh stream id per part: each part is its own message, answering the same req_id, in order.
    const sent = await door.outbox.send(message.chatId, parts, async (part) => {
      await door.pacer.wait(message.chatId);
      await replyStream(door, frame, part);
    });
    return { ...base, ...delivered(reply.kind, sent, parts.length) };
  });
}

/**
 * `enter_chat`: a user opened the private chat (first time that day). The welcome must be text and answer within
 * five seconds, so it is the help reply as plain text, as much as fits one message.
 */
export function onEnterChat(door: WecomDoor) {
  return guarded(door, async (frame: WsFrame): Promise<Handled> => {
    const msgId = String(frame.body?.msgid ?? '?');
    const userId = String(frame.body?.from?.userid ?? '');
    const base = { msgId, chat: 'private' as const };
    if (userId === '') return { ...base, ...ignored('event without a user') };
    if (!(await door.seen.first(`event:${msgId}`))) return { ...base, ...ignored('delivered before') };
    const { reply, silence } = door.conversation.respond({ text: '/help', chat: 'private', userId, chatId: userId });
    if (!reply) return { ...base, outcome: 'silent', reason: silence, parts: 0 };
    const [welcome] = renderPlain(reply, WELCOME_CHARS);
    if (!welcome) return { ...base, outcome: 'silent', reason: 'empty', parts: 0 };
    await receipt(door.client.replyWelcome(frame, { msgtype: 'text', text: { content: welcome } }));
    return { ...base, outcome: 'sent', reason: 'welcome', parts: 1 };
  });
}

/**
 * Mentions typed into a message the platform already addressed to the robot: WeCom leaves `@询问助手` in the text,
 * DingTalk other members' names. Removed wherever they stand (an @ inside a word, as in an e-mail address, stays).
 * @example withoutTypedMentions('@询问助手 经开区汽车怎么说') // '经开区汽车怎么说'
 */
export function withoutTypedMentions(text: string): string {
  return text
    .replace(/(^|\s)@[^\s@]+/gu, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The plain-text welcome is one text message; 680 characters of Chinese stay under WeCom's 2048 bytes. */
export const WELCOME_CHARS = 680;

async function replyStream(door: WecomDoor, frame: WsFrame, part: string): Promise<void> {
  await receipt(door.client.replyStream(frame, generateReqId('stream'), part, true));
}

/** The SDK rejects with the receipt frame itself when WeCom refuses a reply: make it an Error that says so. */
async function receipt(sending: Promise<unknown>): Promise<void> {
  try {
    await sending;
  } catch (error) {
    if (error instanceof Error) throw error;
    const frame = error as { errcode?: unknown; errmsg?: unknown };
    throw new Error(`WeCom refused the reply: errcode ${String(frame?.errcode)} ${String(frame?.errmsg ?? '')}`.trim());
  }
}

/** The boundary around one frame: whatever happens inside, the door keeps running and reports what became of it. */
function guarded(door: WecomDoor, handle: (frame: WsFrame) => Promise<Handled>) {
  return async (frame: WsFrame): Promise<void> => {
    const handled = await handle(frame).catch(
      (error: unknown): Handled => ({
        msgId: String(frame?.body?.msgid ?? '?'),
        chat: frame?.body?.chattype === 'group' ? 'group' : 'private',
        outcome: 'failed',
        reason: (error as Error)?.message ?? String(error),
        parts: 0,
      }),
    );
    if (handled.outcome === 'failed')
      door.log.error(`${handled.chat} message ${handled.msgId}: failed (${handled.reason})`);
    else
      door.log.debug(
        '%s message %s: %s (%s, %d parts)',
        handled.chat,
        handled.msgId,
        handled.outcome,
        handled.reason,
        handled.parts,
      );
    try {
      door.onHandled(handled);
    } catch (error) {
      door.log.error(`onHandled failed: ${(error as Error)?.message}`);
    }
  };
}

function ignored(reason: string) {
  return { outcome: 'ignored' as const, reason, parts: 0 };
}

/** A reply whose parts did not all go out failed; the outbox has logged why. */
function delivered(kind: string, sent: number, total: number) {
  return sent === total
    ? { outcome: 'sent' as const, reason: kind, parts: sent }
    : { outcome: 'failed' as const, reason: `${kind}: sent ${sent} of ${total} parts`, parts: sent };
}
