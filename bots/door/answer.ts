// Answering a message the platform only delivers when it is for the bot (WeCom, DingTalk): once, in order, at pace.
import type { Conversation } from '../../src/chat/conversation.js';
import type { Reply } from '../../src/chat/reply.js';
import { withoutTypedMentions } from './addressing.js';
import { type DoorLog, describeError } from './log.js';
import type { Outbox } from './outbox.js';
import type { Pacer } from './pace.js';
import type { SeenIds } from './seen.js';
import type { UnfinishedReplies } from './unfinished.js';

/** What became of one incoming message or event: `ignored` before the conversation, `silent` when it said nothing. */
export interface Handled {
  messageId: string;
  chat: 'private' | 'group';
  outcome: 'sent' | 'silent' | 'ignored' | 'failed';
  reason: string;
  /** Messages sent in reply. */
  parts: number;
}

/** One message addressed to the bot, as a door reads it from its platform. */
export interface AddressedMessage {
  /** The platform's message id: a message delivered twice has the same one. */
  id: string;
  chat: 'private' | 'group';
  /** For rate limits only, never logged. */
  userId: string;
  /** Replies to one chat go out in order, and are paced per chat. */
  chatId: string;
  /** The words of the message; null for a picture, file or video (the conversation's hint in private, else silence). */
  text: string | null;
}

/** What answering needs; built once per door. */
export interface Answering {
  conversation: Conversation;
  seen: SeenIds;
  /** Parts a dropped connection kept from going out, sent in answer to the message's redelivery. */
  unfinished: UnfinishedReplies;
  outbox: Outbox;
  /** Holds a chat's next message back at the platform's per-minute limit. */
  pacer: Pacer;
  /** The reply as the platform's messages, each within its limit. */
  render(reply: Reply): string[];
}

/**
 * Answers one addressed message: typed mentions are removed, the conversation decides, and the rendered parts go out
 * with `say`, after the chat's earlier replies, at the platform's pace. A part that fails stops the rest; the outbox
 * logs why. A repeat of an id already answered is ignored, unless parts of its reply never went out (the connection
 * dropped mid-reply): the repeat then gets those parts, and the conversation is not asked again.
 * @example const handled = await answerAddressed(answering, message, (part) => post(hook, part));
 */
export async function answerAddressed(
  answering: Answering,
  message: AddressedMessage,
  say: (part: string) => Promise<unknown>,
): Promise<Handled> {
  const base = { messageId: message.id, chat: message.chat };
  if (!(await answering.seen.first(message.id))) {
    const owed = await answering.unfinished.owed(message.id);
    if (!owed) return { ...base, outcome: 'ignored', reason: 'delivered before', parts: 0 };
    return send(answering, message, owed, say, 'the rest of an interrupted reply');
  }
  return answering.unfinished.track(
    message.id,
    (async (): Promise<Handled> => {
      const { reply, silence } = await answering.conversation.respond({
        text: message.text === null ? '' : withoutTypedMentions(message.text),
        media: message.text === null,
        chat: message.chat,
        userId: message.userId,
        chatId: message.chatId,
        addressed: true,
      });
      if (!reply) return { ...base, outcome: 'silent', reason: silence, parts: 0 };
      return send(answering, message, answering.render(reply), say, reply.kind);
    })(),
  );
}

/** Sends `parts` in order at the platform's pace; what could not be sent is owed to the message's redelivery. */
async function send(
  answering: Answering,
  message: AddressedMessage,
  parts: readonly string[],
  say: (part: string) => Promise<unknown>,
  what: string,
): Promise<Handled> {
  const base = { messageId: message.id, chat: message.chat };
  const sent = await answering.outbox.send(message.chatId, parts, async (part) => {
    await answering.pacer.wait(message.chatId);
    await say(part);
  });
  if (sent === parts.length) return { ...base, outcome: 'sent', reason: what, parts: sent };
  answering.unfinished.keep(message.id, parts.slice(sent));
  return { ...base, outcome: 'failed', reason: `${what}: sent ${sent} of ${parts.length} parts`, parts: sent };
}

/**
 * The boundary around one platform event: whatever happens inside, the door keeps running. The outcome is logged
 * (a debug line; failures as errors) and reported to `onHandled`.
 * @example client.on('message', (frame) => settle(handle(frame), { messageId: '?', chat: 'private' }, log, onHandled));
 */
export async function settle(
  handling: Promise<Handled>,
  unknown: Pick<Handled, 'messageId' | 'chat'>,
  log: DoorLog,
  onHandled?: (handled: Handled) => void,
): Promise<void> {
  const handled = await handling.catch(
    (error: unknown): Handled => ({ ...unknown, outcome: 'failed', reason: describeError(error), parts: 0 }),
  );
  const { chat, messageId, outcome, reason, parts } = handled;
  if (outcome === 'failed') log.error(`${chat} message ${messageId}: failed (${reason})`);
  else log.debug('%s message %s: %s (%s, %d parts)', chat, messageId, outcome, reason, parts);
  try {
    onHandled?.(handled);
  } catch (error) {
    log.error(`onHandled failed: ${describeError(error)}`);
  }
}
