// Sending a reply: its HTML parts in order, the keyboard under the last one; edits that change nothing are not errors.
import { type Api, GrammyError } from 'grammy';
import type { Message } from 'grammy/types';
import { renderTelegramHtml, TELEGRAM_LIMIT } from '../../src/chat/render-telegram.js';
import type { Reply } from '../../src/chat/reply.js';
import { keyboardFor } from './keyboard.js';

export interface SendTarget {
  chatId: number | string;
  /** The message being answered: in groups the first part quotes it, so everyone sees what it answers. */
  replyTo?: Pick<Message, 'message_id' | 'message_thread_id' | 'is_topic_message'>;
}

/**
 * Sends `reply` as one or more HTML messages (each under `limit`), strictly one after another so they arrive in order.
 * @example await sendReply(ctx.api, { chatId: ctx.chat.id }, reply)
 */
export async function sendReply(
  api: Api,
  target: SendTarget,
  reply: Reply,
  limit: number = TELEGRAM_LIMIT,
): Promise<void> {
  const parts = renderTelegramHtml(reply, limit);
  const keyboard = keyboardFor(reply);
  const thread = target.replyTo?.is_topic_message ? target.replyTo.message_thread_id : undefined;
  for (const [i, part] of parts.entries()) {
    await api.sendMessage(target.chatId, part, {
      parse_mode: 'HTML',
      link_preview_options: { is_disabled: true },
      ...(thread !== undefined ? { message_thread_id: thread } : {}),
      ...(i === 0 && target.replyTo
        ? { reply_parameters: { message_id: target.replyTo.message_id, allow_sending_without_reply: true } }
        : {}),
      ...(i === parts.length - 1 && keyboard ? { reply_markup: keyboard } : {}),
    });
  }
}

/**
 * Replaces the text of a message sent through inline mode (a button pressed under it). Only the first part fits
 * there; pressing the same button twice makes Telegram answer "message is not modified", which is fine.
 */
export async function editInlineMessage(api: Api, inlineMessageId: string, reply: Reply): Promise<void> {
  const [first] = renderTelegramHtml(reply);
  if (first === undefined) return;
  await tolerateNotModified(
    api.editMessageTextInline(inlineMessageId, first, {
      parse_mode: 'HTML',
      link_preview_options: { is_disabled: true },
      reply_markup: keyboardFor(reply),
    }),
  );
}

export async function tolerateNotModified<T>(call: Promise<T>): Promise<T | undefined> {
  try {
    return await call;
  } catch (error) {
    if (isNotModified(error)) return undefined;
    throw error;
  }
}

export function isNotModified(error: unknown): boolean {
  return error instanceof GrammyError && /message is not modified/i.test(error.description);
}
