// The DingTalk door's named handler: a robot message in, acknowledged at once, the reply posted to its session webhook.
import type { DWClientDownStream } from 'dingtalk-stream';
import type { Conversation } from '../../src/chat/conversation.js';
import { renderMarkdown } from '../../src/chat/render-markdown.js';
import { shorten } from '../../src/chat/reply.js';
import type { Pacer } from '../door/pace.js';
import { type DoorLogLike, type Handled, withoutTypedMentions } from '../wecom/handlers.js';
import { parseRobotMessage } from './robot-message.js';
import { type PostOptions, postMarkdown } from './session-webhook.js';

/** What the handler shares with the rest of the door: built once by `createDingtalkBot`. */
export interface DingtalkDoor {
  client: { socketCallBackResponse(messageId: string, result: unknown): void };
  conversation: Conversation;
  log: DoorLogLike;
  outbox: { send(chatId: string, parts: readonly string[], say: (part: string) => Promise<unknown>): Promise<number> };
  seen: { first(id: string): boolean | Promise<boolean> };
  pacer: Pacer;
  /** Bytes of UTF-8 per message. */
  messageLimit: number;
  /** Clock, retry pause and fetch for the session webhook. */
  post: PostOptions;
  onHandled: (handled: Handled) => void;
}

/**
 * One CALLBACK on the robot topic. It is acknowledged first, whatever follows, so DingTalk does not deliver it again
 * while the answer is being found; a message that comes twice anyway (same msgId) is answered once. In groups
 * DingTalk delivers @-mentions only, so every message is addressed to the robot.
 */
export function onRobotMessage(door: DingtalkDoor) {
  return async (downstream: DWClientDownStream): Promise<void> => {
    const handled = await handle(door, downstream).catch(
      (error: unknown): Handled => ({
        msgId: '?',
        chat: 'private',
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

async function handle(door: DingtalkDoor, downstream: DWClientDownStream): Promise<Handled> {
  acknowledge(door, downstream.headers?.messageId);
  const message = parseRobotMessage(String(downstream.data));
  if ('error' in message) return { msgId: '?', chat: 'private', outcome: 'ignored', reason: message.error, parts: 0 };
  const base = { msgId: message.msgId, chat: message.chat };
  if (!(await door.seen.first(message.msgId)))
    return { ...base, outcome: 'ignored', reason: 'delivered before', parts: 0 };
  const { reply, silence } = door.conversation.respond({
    text: message.text === null ? '' : withoutTypedMentions(message.text),
    media: message.text === null,
    chat: message.chat,
    userId: message.userId,
    chatId: message.conversationId,
    addressed: true,
  });
  if (!reply) return { ...base, outcome: 'silent', reason: silence, parts: 0 };
  const parts = renderMarkdown(reply, door.messageLimit);
  const sent = await door.outbox.send(message.conversationId, parts, async (part) => {
    await door.pacer.wait(message.conversationId);
    await postMarkdown(message.hook, { title: markdownTitle(part), text: part }, door.post);
  });
  return sent === parts.length
    ? { ...base, outcome: 'sent', reason: reply.kind, parts: sent }
    : { ...base, outcome: 'failed', reason: `${reply.kind}: sent ${sent} of ${parts.length} parts`, parts: sent };
}

/** Tells DingTalk the frame arrived; a connection that closed meanwhile gets it redelivered, and msgId catches that. */
function acknowledge(door: DingtalkDoor, messageId: string | undefined): void {
  if (!messageId) return;
  try {
    door.client.socketCallBackResponse(messageId, {});
  } catch (error) {
    door.log.error(`could not acknowledge ${messageId}: ${(error as Error)?.message}`);
  }
}

/**
 * The title DingTalk shows in notifications and the chat list: the start of the message's first line, as read.
 * @example markdownTitle('**q5 樊志宏委员提问**：经开区将如何推动汽车产业与数字经济加快融合发展?\n\n> …') // 'q5 樊志宏委员提问：经开区将如何推动汽车产业…'
 */
export function markdownTitle(markdown: string): string {
  const first = markdown.split('\n').find((line) => line.trim() !== '') ?? '';
  const plain = first.replace(/^> /, '').replace(/\*\*/g, '').replace(/\\(.)/g, '$1').trim();
  return shorten(plain === '' ? '专题询问' : plain, TITLE_CHARS);
}

/** Enough to recognise the answer in a notification. */
const TITLE_CHARS = 24;
