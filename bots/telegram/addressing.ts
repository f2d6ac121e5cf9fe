// Group etiquette: which Telegram messages are meant for the bot, and their text without the bot's @name.
import type { Chat, Message, MessageEntity, UserFromGetMe } from 'grammy/types';
import type { ChatKind } from '../../src/chat/message.js';

/** A message meant for the bot: its text (mentions of the bot removed) and the kind of chat it came from. */
export interface Addressed {
  text: string;
  chat: ChatKind;
}

/** The conversation's chat kind for a Telegram chat; channels are not served. */
export function chatKindOf(chat: Pick<Chat, 'type'> | undefined): ChatKind | undefined {
  if (chat?.type === 'private') return 'private';
  if (chat?.type === 'group' || chat?.type === 'supergroup') return 'group';
  return undefined;
}

/**
 * The text to answer, or undefined to stay silent. Private chats: any text or caption. Groups: commands (not those
 * addressed to another bot with `/cmd@otherbot`), messages that mention the bot, and replies to the bot's own messages.
 * @example addressedText(msg('/dept@hearing_bot 经信局'), me) // { text: '/dept 经信局', chat: 'group' }
 */
export function addressedText(message: Message, me: UserFromGetMe): Addressed | undefined {
  const chat = chatKindOf(message.chat);
  // A sticker in a private chat gets the conversation's "please ask in words" hint through its emoji.
  const raw = message.text ?? message.caption ?? (chat === 'private' ? message.sticker?.emoji : undefined);
  if (chat === undefined || raw === undefined) return undefined;
  const entities = message.entities ?? message.caption_entities ?? [];
  const command = entities.find((e) => e.type === 'bot_command' && e.offset === 0);
  if (command) {
    const [name, target] = raw.slice(1, command.length).split('@');
    if (target !== undefined && target.toLowerCase() !== me.username.toLowerCase()) return undefined;
    return { text: `/${name}${raw.slice(command.length)}`, chat };
  }
  const mentions = entities.filter((e) => mentionsMe(raw, e, me));
  const text = withoutSpans(raw, mentions).trim();
  if (chat === 'private') return { text, chat };
  const repliedToMe = message.reply_to_message?.from?.id === me.id;
  return mentions.length > 0 || repliedToMe ? { text, chat } : undefined;
}

function mentionsMe(text: string, entity: MessageEntity, me: UserFromGetMe): boolean {
  if (entity.type === 'text_mention') return entity.user.id === me.id;
  return (
    entity.type === 'mention' &&
    text.slice(entity.offset, entity.offset + entity.length).toLowerCase() === `@${me.username.toLowerCase()}`
  );
}

/** Entity offsets count UTF-16 units, as JavaScript strings do, so slicing by them is exact. */
function withoutSpans(text: string, spans: readonly MessageEntity[]): string {
  let out = text;
  for (const s of [...spans].sort((a, b) => b.offset - a.offset))
    out = `${out.slice(0, s.offset)} ${out.slice(s.offset + s.length)}`;
  return out;
}
