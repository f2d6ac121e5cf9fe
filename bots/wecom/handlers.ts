// The WeCom door's named handlers: a message or the enter-chat event in, the conversation's reply out as streams.
import { generateReqId, type WSClient, type WsFrame } from '@wecom/aibot-node-sdk';
import { renderPlain } from '../../src/chat/render-plain.js';
import { type Handled, settle } from '../door/answer.js';
import { type LongConnectionDesk, onAddressed } from '../door/long-connection.js';
import { parseWecomMessage } from './incoming.js';

/** What the handlers share: built once by `createWecomBot`. */
export interface WecomDesk extends LongConnectionDesk {
  client: Pick<WSClient, 'replyStream' | 'replyWelcome'>;
}

/**
 * A text, voice, mixed, image, file or video message. In groups WeCom delivers @-mentions only, so every message is
 * for the robot; each part of the reply is a stream reply of its own (a fresh stream id, finished at once) to the
 * message's req_id, in order.
 */
export function onMessage(desk: WecomDesk): (frame: WsFrame) => Promise<void> {
  return onAddressed(
    desk,
    (frame: WsFrame) => {
      const message = parseWecomMessage(frame.body);
      if ('error' in message) return message;
      return { message, say: (part) => receipt(desk.client.replyStream(frame, generateReqId('stream'), part, true)) };
    },
    unknownOf,
  );
}

/**
 * `enter_chat`: a user opened the private chat (first time that day). WeCom takes a welcome only as text or a card,
 * within five seconds: the help reply as plain text, as much as fits one message.
 */
export function onEnterChat(desk: WecomDesk): (frame: WsFrame) => Promise<void> {
  const handle = async (frame: WsFrame): Promise<Handled> => {
    const base = unknownOf(frame);
    const userId = String(frame.body?.from?.userid ?? '');
    if (userId === '') return { ...base, outcome: 'ignored', reason: 'event without a user', parts: 0 };
    if (!(await desk.answering.seen.first(`event:${base.messageId}`)))
      return { ...base, outcome: 'ignored', reason: 'delivered before', parts: 0 };
    const { reply, silence } = await desk.answering.conversation.respond({
      text: '/help',
      chat: 'private',
      userId,
      chatId: userId,
    });
    if (!reply) return { ...base, outcome: 'silent', reason: silence, parts: 0 };
    const [welcome] = renderPlain(reply, WELCOME_CHARS);
    if (!welcome) return { ...base, outcome: 'silent', reason: 'empty', parts: 0 };
    await receipt(desk.client.replyWelcome(frame, { msgtype: 'text', text: { content: welcome } }));
    return { ...base, outcome: 'sent', reason: 'welcome', parts: 1 };
  };
  return (frame) => settle(handle(frame), unknownOf(frame), desk.log, desk.onHandled);
}

/** The plain-text welcome is one text message; 680 characters of Chinese stay under WeCom's 2048 bytes. */
export const WELCOME_CHARS = 680;

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

/** Who a frame is about, as far as can be told before checking it. */
function unknownOf(frame: WsFrame): Pick<Handled, 'messageId' | 'chat'> {
  return {
    messageId: String(frame?.body?.msgid ?? '?'),
    chat: frame?.body?.chattype === 'group' ? 'group' : 'private',
  };
}
