// Inline mode: matching answers as InlineQueryResultArticles whose message is the answer as the chat would show it.
import type { InlineQueryResultArticle } from 'grammy/types';
import { renderTelegramHtml, TELEGRAM_LIMIT } from '../../src/chat/render-telegram.js';
import { type AnswerItem, displayPerson } from '../../src/chat/reply.js';

/** The transcript never changes while the bot runs, so Telegram may reuse results for a day. */
export const INLINE_CACHE_SECONDS = 86_400;

/**
 * One article per answer: title = answering body and asker, description = the question, message = the answer in full.
 * @example inlineArticles(conversation.matches('汉融通'))[0]?.title // '市地方金融局 · 程宏刚委员'
 */
export function inlineArticles(items: readonly AnswerItem[]): InlineQueryResultArticle[] {
  return items.slice(0, MAX_RESULTS).map((item) => ({
    type: 'article',
    id: item.id,
    title: `${item.body} · ${displayPerson(item.asker)}`,
    description: item.question ?? '总体回应',
    input_message_content: {
      message_text: answerHtml(item),
      parse_mode: 'HTML',
      link_preview_options: { is_disabled: true },
    },
  }));
}

/** The item as /q would show it, without follow-up commands (they would be sent into someone else's chat). */
function answerHtml(item: AnswerItem): string {
  const parts = renderTelegramHtml(
    { kind: 'answer', source: 'q', title: null, items: [item], related: [], suggestions: [], coverage: 1 },
    TELEGRAM_LIMIT - TAIL_RESERVE,
  );
  // Every published answer fits one message today; should one not, the first part says where the rest is.
  return parts.length === 1 ? parts[0]! : `${parts[0]!}\n…（全文请私聊发送 /q ${item.id.replace(/^q/, '')}）`;
}

/** Room for the "rest is in /q n" line under a cut answer. */
const TAIL_RESERVE = 64;
/** Telegram shows at most 50; ten keep the list scannable on a phone. */
const MAX_RESULTS = 10;
