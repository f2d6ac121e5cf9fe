// Telegram renderer: the reply's lines as HTML (parse_mode HTML), escaped, split under Telegram's 4096-character limit.
import { layoutReply } from './layout.js';
import type { Reply } from './reply.js';
import { type Line, type Measure, type SpanStyle, splitIntoMessages } from './split.js';

/** Telegram's limit for one message's text. */
export const TELEGRAM_LIMIT = 4096;

/**
 * Renders a reply as Telegram HTML messages of at most `limit` characters each, tags included, in order. Uses only
 * tags Telegram accepts (b, i, code); every tag opened in a message is closed in the same message.
 * @example for (const part of renderTelegramHtml(reply)) await ctx.reply(part, { parse_mode: 'HTML' })
 */
export function renderTelegramHtml(reply: Reply, limit: number = TELEGRAM_LIMIT): string[] {
  return splitIntoMessages(layoutReply(reply), limit, HTML_MEASURE, renderHtmlLine);
}

export function renderHtmlLine(line: Line): string {
  return line.map((span) => (span.text === '' ? '' : wrap(span.style, escapeHtml(span.text)))).join('');
}

/** Telegram's HTML mode needs exactly these three escaped; quotes only matter inside attributes, which we never write. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>]/g, (ch) => ENTITIES[ch]!);
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
const TAGS: Record<SpanStyle, string | null> = { plain: null, bold: 'b', italic: 'i', code: 'code' };

function wrap(style: SpanStyle, html: string): string {
  const tag = TAGS[style];
  return tag ? `<${tag}>${html}</${tag}>` : html;
}

/** Counts what Telegram would receive: escaped characters and the tags around each span. */
const HTML_MEASURE: Measure = {
  char: (ch) => (ENTITIES[ch] ?? ch).length,
  span: (style) => {
    const tag = TAGS[style];
    return tag ? tag.length * 2 + 5 : 0;
  },
};
