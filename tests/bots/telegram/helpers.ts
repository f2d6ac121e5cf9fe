// Test helpers for the Telegram door: Telegram-shaped updates (with the entities Telegram would add) and a recording API.
import type { Bot } from 'grammy';
import type { Chat, Message, MessageEntity, Update, User, UserFromGetMe } from 'grammy/types';

/** Well-formed, never valid: the tests must not reach Telegram anyway. */
export const TOKEN = '123456:AAFakeTokenForTests_abcdefghijklmnopq';
export const SECRET_HALF = TOKEN.slice(TOKEN.indexOf(':') + 1);

export const BOT_INFO = {
  id: 42,
  is_bot: true,
  first_name: '询问小助手',
  username: 'hearing_bot',
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: true,
  can_connect_to_business: false,
  has_main_web_app: false,
} as UserFromGetMe;

export const alice: User = { id: 7, is_bot: false, first_name: '小王' };
export const bob: User = { id: 8, is_bot: false, first_name: '老李' };
export const privateChat = (user: User = alice): Chat.PrivateChat => ({
  id: user.id,
  type: 'private',
  first_name: user.first_name,
});
export const group: Chat.SupergroupChat = { id: -100200, type: 'supergroup', title: '数字经济学习群' };

let nextUpdateId = 1;
let nextMessageId = 1;

/** Entities as Telegram computes them: a leading /command and every @mention (offsets in UTF-16 units). */
export function entitiesOf(text: string): MessageEntity[] {
  const entities: MessageEntity[] = [];
  const command = /^\/[A-Za-z0-9_]+(?:@[A-Za-z0-9_]+)?/.exec(text);
  if (command) entities.push({ type: 'bot_command', offset: 0, length: command[0].length });
  for (const m of text.matchAll(/@[A-Za-z0-9_]{5,}/g))
    if (m.index !== 0 || !command) entities.push({ type: 'mention', offset: m.index!, length: m[0].length });
  return entities;
}

export function message(fields: Partial<Message> & { chat?: Chat }): Message {
  return { message_id: nextMessageId++, date: 1_700_000_000, chat: privateChat(), from: alice, ...fields } as Message;
}

export function textUpdate(text: string, fields: Partial<Message> = {}): Update {
  const entities = entitiesOf(text);
  return {
    update_id: nextUpdateId++,
    message: message({ text, ...(entities.length ? { entities } : {}), ...fields }),
  } as Update;
}

/** Any update; loosely typed so tests can build the odd ones (channel posts, service messages) in one line. */
export function update(fields: Record<string, unknown>): Update {
  return { update_id: nextUpdateId++, ...fields } as Update;
}

export interface ApiCall {
  method: string;
  payload: Record<string, any>;
}

/**
 * Records every API call and answers it like Telegram would (sendMessage returns a message), without a network.
 * `fail[method]` makes that method fail with the given description (or throw it, when it is an Error).
 */
export function recordApi(bot: Bot, fail: Record<string, string | Error> = {}) {
  const calls: ApiCall[] = [];
  bot.api.config.use(async (_prev, method, payload) => {
    calls.push({ method, payload: payload as Record<string, any> });
    const failure = fail[method];
    if (failure instanceof Error) throw failure;
    if (failure !== undefined) return { ok: false, error_code: 400, description: failure } as any;
    if (method === 'sendMessage') {
      const p = payload as { chat_id: number; text: string };
      return {
        ok: true,
        result: {
          message_id: nextMessageId++,
          date: 1_700_000_000,
          chat: { id: p.chat_id, type: 'private' },
          from: BOT_INFO,
          text: p.text,
        },
      } as any;
    }
    return { ok: true, result: true } as any;
  });
  const sent = () => calls.filter((c) => c.method === 'sendMessage');
  return { calls, sent, texts: () => sent().map((c) => c.payload.text as string) };
}
