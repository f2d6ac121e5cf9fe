// What the 公众号 and WeCom callbacks share once a message is verified and read: answer each message once, give a
// platform's retry the same reply, hand out the rest of a long answer page by page, and limit each sender.
import type { Conversation, IncomingMessage } from '../../src/chat/conversation.js';
import type { KeyLimiter } from './limiter.js';
import { isNextPageRequest, pagesOf, wholeText } from './paging.js';
import type { DoorState } from './state.js';
import type { XmlFields } from './wechat-xml.js';

/** One verified platform message, as the callbacks hand it over. */
export interface CallbackMessage {
  /** Keeps the platforms' ids apart in shared state: 'mp' or 'wecom'. */
  door: string;
  /** The sender's OpenID or UserID: whose pages, whose limit. Never logged. */
  sender: string;
  /** The same for every delivery of one message: MsgId, or sender, time and event for events. */
  messageKey: string;
  what: { kind: 'text'; text: string } | { kind: 'subscribe' } | { kind: 'media' } | { kind: 'ignored' };
}

/** What became of a message: the text to send back (null: none, the platform gets "success"), and why. */
export interface CallbackAnswer {
  text: string | null;
  /** For the log: answer, page, retry, help, hint, ignored, or the conversation's reason for silence. */
  outcome: string;
}

export interface CallbackAnswerer {
  answer(message: CallbackMessage): Promise<CallbackAnswer>;
}

export interface CallbackAnswererOptions {
  conversation: Conversation;
  state: DoorState;
  /** Per sender; shared between replicas when backed by Redis. */
  limiter: KeyLimiter;
  /** How long a retry waits for the first delivery's reply. Default 4 s: WeChat gives each attempt 5 s. */
  retryWaitMs?: number;
}

/**
 * @example
 * const answerer = createCallbackAnswerer({ conversation, state, limiter });
 * const { text } = await answerer.answer(callbackMessageOf('mp', fields));
 */
export function createCallbackAnswerer(options: CallbackAnswererOptions): CallbackAnswerer {
  const { conversation, state, limiter } = options;
  const retryWaitMs = options.retryWaitMs ?? 4_000;

  /** A reply from the conversation: the first page now, the rest kept for 「1」. */
  const respond = async (reader: string, incoming: Omit<IncomingMessage, 'chat' | 'userId' | 'chatId'>) => {
    const message = { ...incoming, chat: 'private', userId: reader, chatId: reader } as const;
    const outcome = await conversation.respond(message);
    const pages = outcome.reply ? pagesOf(wholeText(outcome.reply)) : [];
    await state.pages.keep(reader, pages.slice(1));
    return { first: pages[0] ?? null, silence: outcome.silence, pages: pages.length };
  };

  const compose = async (message: CallbackMessage): Promise<CallbackAnswer> => {
    const reader = `${message.door}:${message.sender}`;
    const { what } = message;
    if (what.kind === 'ignored') return { text: null, outcome: 'ignored' };
    if (what.kind === 'subscribe') {
      const help = await respond(reader, { text: '/help' });
      return { text: help.first, outcome: 'help' };
    }
    if (what.kind === 'text' && isNextPageRequest(what.text)) {
      const page = await state.pages.next(reader);
      if (page !== undefined) return { text: page, outcome: 'page' };
    }
    const verdict = await limiter.take(reader);
    if (!verdict.allowed) return { text: null, outcome: 'rate-limited' };
    const replied = await respond(reader, what.kind === 'text' ? { text: what.text } : { text: '', media: true });
    if (replied.first === null) return { text: null, outcome: replied.silence ?? 'silent' };
    const outcome = what.kind === 'media' ? 'hint' : 'answer';
    return { text: replied.first, outcome: replied.pages > 1 ? `${outcome} (${replied.pages} pages)` : outcome };
  };

  return {
    async answer(message) {
      const key = `${message.door}:${message.messageKey}`;
      let takenOver = false;
      if (!(await state.replies.claim(key))) {
        const again = await state.replies.recall(key, retryWaitMs);
        if (again !== undefined) return { text: again === '' ? null : again, outcome: 'retry, same reply' };
        // No reply came: the claim may have expired because the replica answering it died. Then this retry takes
        // the message over; otherwise the first delivery is still being answered.
        if (!(await state.replies.claim(key))) return { text: null, outcome: 'retry, first delivery still unanswered' };
        takenOver = true;
      }
      let answer: CallbackAnswer = { text: null, outcome: 'failed' };
      try {
        answer = await compose(message);
        return takenOver
          ? { ...answer, outcome: `${answer.outcome}, taken over from a replica that never answered` }
          : answer;
      } finally {
        await state.replies.settle(key, answer.text ?? '');
      }
    },
  };
}

/**
 * Reads a decrypted 公众号 or WeCom message: text, the subscribe event, other events (ignored) and media.
 * @example callbackMessageOf('mp', parseWechatXml(body))?.what // { kind: 'text', text: '汉融通' }
 * @returns undefined when the fields lack the sender or the type
 */
export function callbackMessageOf(door: string, fields: XmlFields): CallbackMessage | undefined {
  const sender = fields.FromUserName;
  const type = fields.MsgType?.toLowerCase();
  if (!sender || !type) return undefined;
  const event = fields.Event?.toLowerCase();
  const messageKey = fields.MsgId || `${sender}:${fields.CreateTime ?? ''}:${event ?? type}`;
  const what: CallbackMessage['what'] =
    type === 'text'
      ? { kind: 'text', text: fields.Content ?? '' }
      : type === 'event'
        ? event === 'subscribe'
          ? { kind: 'subscribe' }
          : { kind: 'ignored' }
        : { kind: 'media' };
  return { door, sender, messageKey, what };
}
