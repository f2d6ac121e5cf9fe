// Long answers in WeChat's passive replies: at most 2048 bytes of UTF-8 each, cut at paragraphs, every page but the
// last ending with what to send to read on (「回复 1 看下一段」).
import { renderPlain, renderPlainLine } from '../../src/chat/render-plain.js';
import type { Reply } from '../../src/chat/reply.js';
import { type Line, type Measure, splitIntoMessages } from '../../src/chat/split.js';

/** WeChat and WeCom refuse a passive text reply whose Content is longer than this many bytes of UTF-8. */
export const PASSIVE_REPLY_BYTES = 2048;
/** What a reader sends for the next page. */
export const NEXT_PAGE_COMMAND = '1';

/** Every byte of UTF-8 counts: 汉 is 3, a letter 1, an emoji 4. */
export const UTF8_MEASURE: Measure = { char: (ch) => Buffer.byteLength(ch, 'utf8'), span: () => 0 };

/**
 * The last line of every page but the last.
 * @example pageFooter(1, 3) // '（第1/3段）回复 1 看下一段'
 */
export function pageFooter(page: number, of: number): string {
  return `（第${page}/${of}段）回复 ${NEXT_PAGE_COMMAND} 看下一段`;
}

/**
 * A reply as one text, however long (the API's `text`, and what paging cuts up).
 * @example wholeText((await conversation.respond(message)).reply!)
 */
export function wholeText(reply: Reply): string {
  return renderPlain(reply, Number.MAX_SAFE_INTEGER).join('\n');
}

/**
 * Cuts a text into pages of at most `limitBytes` of UTF-8, footer included: whole paragraphs when they fit (the
 * splitting of src/chat/split.ts, measured in bytes). A text that fits is one page without footer.
 * @example pagesOf(wholeText(reply)).length // 2 for a 3000-byte answer
 */
export function pagesOf(text: string, limitBytes = PASSIVE_REPLY_BYTES): string[] {
  if (Buffer.byteLength(text, 'utf8') <= limitBytes) return [text];
  // Room for the widest footer this text could need, after a blank line.
  const room = limitBytes - Buffer.byteLength(`\n\n${pageFooter(999, 999)}`, 'utf8');
  const lines: Line[] = text.split('\n').map((line) => [{ text: line, style: 'plain' }]);
  const parts = splitIntoMessages(lines, room, UTF8_MEASURE, renderPlainLine);
  return parts.map((part, i) => (i < parts.length - 1 ? `${part}\n\n${pageFooter(i + 1, parts.length)}` : part));
}

/**
 * Whether a message asks for the next page: 「1」, also full-width 「１」, with spaces around.
 * @example isNextPageRequest(' １ ') // true
 */
export function isNextPageRequest(text: string): boolean {
  return text.normalize('NFKC').trim() === NEXT_PAGE_COMMAND;
}
