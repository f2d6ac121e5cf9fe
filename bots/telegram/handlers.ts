// The Telegram handlers: a message, a button press, an inline query, an error; each hands text to the conversation.
import type { BotError, Context } from 'grammy';
import type { Conversation } from '../../src/chat/conversation.js';
import type { RateLimiter } from '../../src/chat/rate-limit.js';
import { type DoorLog, describeError } from '../door/log.js';
import { addressedText, chatKindOf } from './addressing.js';
import { INLINE_CACHE_SECONDS, inlineArticles } from './inline.js';
import { FEEDBACK_GOOD } from './keyboard.js';
import { editInlineMessage, isNotModified, sendReply } from './send.js';

/** What every handler shares. */
export interface Answering {
  conversation: Conversation;
  /** Inline queries arrive per keystroke, so they get their own, looser bucket than chat messages. */
  inlineLimiter: RateLimiter;
  log: DoorLog;
  /** Telegram's message limit; tests lower it to see long replies split. */
  messageLimit: number;
}

/** Private chats: any text. Groups: commands, mentions of the bot, replies to it; other chatter never gets further. */
export const onMessage = (door: Answering) => async (ctx: Context) => {
  const message = ctx.message!;
  const addressed = addressedText(message, ctx.me);
  if (!addressed) return door.log.debug('ignored message %d in %s chat', message.message_id, message.chat.type);
  const userId = String(message.from?.id ?? message.chat.id);
  const { reply, silence } = await door.conversation.respond({
    text: addressed.text,
    chat: addressed.chat,
    userId,
    chatId: String(message.chat.id),
    addressed: true,
  });
  if (!reply) return door.log.debug('silent on message %d (%s)', message.message_id, silence);
  await sendReply(
    ctx.api,
    { chatId: message.chat.id, replyTo: addressed.chat === 'group' ? message : undefined },
    reply,
    door.messageLimit,
  );
};

/** A button's data is a command; the spinner on the button always stops, even when the bot stays silent. */
export const onButton = (door: Answering) => async (ctx: Context) => {
  const query = ctx.callbackQuery!;
  let answered = false;
  const answer = async (text?: string) => {
    answered = true;
    // "query is too old" after a restart must not stop the reply itself.
    await ctx
      .answerCallbackQuery(text ? { text } : undefined)
      .catch((error) => door.log.debug('answerCallbackQuery failed: %s', describeError(error)));
  };
  try {
    const chat = query.message?.chat;
    const say = async (text: string) =>
      (
        await door.conversation.respond({
          text,
          chat: chatKindOf(chat) ?? 'private',
          userId: String(query.from.id),
          chatId: String(chat?.id ?? `inline:${query.from.id}`),
          addressed: true,
          button: true,
        })
      ).reply;
    // 👍 is the user saying 「有用」 about the answer above (logged as liked) and is thanked with a toast, no message;
    // 👎 says 「不对」 (logged as disliked, next candidate).
    if (query.data === FEEDBACK_GOOD) {
      await say('👍');
      return void (await answer(THANKS));
    }
    const reply = query.data ? await say(query.data) : null;
    await answer(reply ? undefined : BUSY);
    if (!reply) return;
    if (chat) await sendReply(ctx.api, { chatId: chat.id }, reply, door.messageLimit);
    else if (query.inline_message_id) await editInlineMessage(ctx.api, query.inline_message_id, reply);
  } finally {
    if (!answered) await answer();
  }
};

/** `@bot 汉融通` in any chat: up to ten answers; an empty query offers a private chat instead. */
export const onInline = (door: Answering) => async (ctx: Context) => {
  const { query, from } = ctx.inlineQuery!;
  if (query.trim() === '')
    return void (await ctx.answerInlineQuery([], { cache_time: INLINE_CACHE_SECONDS, button: ASK_IN_PRIVATE }));
  // Not cached: the same words may well get results a moment later.
  if (!door.inlineLimiter.take({ userId: String(from.id), chatId: `inline:${from.id}` }))
    return void (await ctx.answerInlineQuery([], { cache_time: 0, is_personal: true }));
  const articles = inlineArticles(door.conversation.matches(query, 10));
  await ctx.answerInlineQuery(articles, {
    cache_time: INLINE_CACHE_SECONDS,
    ...(articles.length === 0 ? { button: NOTHING_FOUND } : {}),
  });
};

/** One failed update is logged with its id and kind and then forgotten; the next update is served as usual. */
export const onError = (door: Answering) => (error: BotError<Context>) => {
  if (isNotModified(error.error)) return door.log.debug('message not modified (ignored)');
  const update = error.ctx.update;
  const kind = Object.keys(update).find((k) => k !== 'update_id') ?? 'unknown';
  door.log.error(`update ${update.update_id} (${kind}) failed: ${describeError(error.error)}`);
};

const BUSY = '请稍等片刻再试。';
const THANKS = '谢谢反馈！';
const ASK_IN_PRIVATE = { text: '输入问题，例如：经开区汽车怎么说；或点此私聊提问', start_parameter: 'inline' };
const NOTHING_FOUND = { text: '没有找到相关问答，点此私聊看用法', start_parameter: 'help' };
