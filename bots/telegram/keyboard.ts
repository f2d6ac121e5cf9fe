// Inline keyboards for replies: related matches, list lines (/dept's bodies) and did-you-mean candidates as buttons.
import type { InlineKeyboardButton, InlineKeyboardMarkup } from 'grammy/types';
import { type Reply, type Suggestion, shorten } from '../../src/chat/reply.js';

/**
 * The buttons that help under a reply, or undefined. A button's callback data is the command it stands for
 * (`/q 3`, `/dept 市经信局`), so pressing it is the same as typing it.
 * @example keyboardFor(answerWithRelated)?.inline_keyboard[0]?.[0] // { text: 'q3 市经信局 · 龙良文', callback_data: '/q 3' }
 */
export function keyboardFor(reply: Reply): InlineKeyboardMarkup | undefined {
  switch (reply.kind) {
    case 'answer': {
      const related = markup(
        reply.related.map((r) => ({ command: r.command, label: `${r.id} ${r.body} · ${r.asker.name}` })),
        1,
      );
      // Staff learn from 👎 what the search got wrong (the misses log's `disliked` tier); only searches can be wrong.
      if (reply.source !== 'search') return related;
      return { inline_keyboard: [...(related?.inline_keyboard ?? []), FEEDBACK_ROW] };
    }
    case 'list':
      return markup(
        reply.lines.map((l) => ({ command: l.command, label: `${l.key} ${l.cells[0] ?? ''}` })),
        reply.lines.length > 12 ? 3 : 2,
      );
    case 'did-you-mean':
      return markup(
        reply.candidates.map((c) => ({
          command: c.command,
          // A guessed item reads 「q4 市经信局 · 朱库成…」; a guessed name is its own label.
          label:
            reply.what === 'question' && c.label
              ? `${c.command.replace(/^\/q\s*/, 'q')} ${c.label}`
              : c.command.replace(/^\/\w+\s*/, '') || c.command,
        })),
        1,
      );
    default:
      return undefined;
  }
}

function markup(suggestions: readonly Suggestion[], perRow: number): InlineKeyboardMarkup | undefined {
  const buttons: InlineKeyboardButton[] = suggestions
    // Telegram refuses callback data over 64 bytes; such a command stays typeable in the text above.
    .filter((s) => Buffer.byteLength(s.command, 'utf8') <= CALLBACK_DATA_BYTES)
    .slice(0, MAX_BUTTONS)
    .map((s) => ({ text: shorten(s.label.trim(), LABEL_CHARS), callback_data: s.command }));
  if (buttons.length === 0) return undefined;
  const rows: InlineKeyboardButton[][] = [];
  for (let i = 0; i < buttons.length; i += perRow) rows.push(buttons.slice(i, i + perRow));
  return { inline_keyboard: rows };
}

/** 👍's callback data: the door thanks and does nothing else. */
export const FEEDBACK_GOOD = 'feedback:good';
/** 👎 sends 「不对」 for the user, which the conversation reads as a follow-up about the answer just given. */
const FEEDBACK_ROW: InlineKeyboardButton[] = [
  { text: '👍 有用', callback_data: FEEDBACK_GOOD },
  { text: '👎 不对', callback_data: '不对' },
];

const CALLBACK_DATA_BYTES = 64;
/** Enough for every list the conversation makes (19 askers), well under Telegram's 100. */
const MAX_BUTTONS = 24;
/** Longer labels are cut by Telegram clients anyway; two or three buttons share a phone's width. */
const LABEL_CHARS = 16;
