// Markdown renderer for WeCom and DingTalk: bold names, answer paragraphs quoted, split under a UTF-8 byte limit.
import { layoutReply } from './layout.js';
import type { Reply } from './reply.js';
import { type Line, type Measure, type Span, splitIntoMessages, splitLine } from './split.js';

/**
 * Bytes of UTF-8 per message: WeCom counts message content in bytes, and 2048 bytes (about 680 Chinese characters)
 * reads on a phone without endless scrolling. Well under both platforms' own ceilings.
 */
export const MARKDOWN_LIMIT = 2048;

/**
 * Renders a reply as Markdown messages of at most `limit` UTF-8 bytes each, in order. Paragraphs of an answer are
 * block quotes, quoted verbatim; names and headings are bold; a message breaks between paragraphs, and only a
 * paragraph longer than one message is cut (at a sentence end where possible), each piece still quoted.
 * Every line is its own Markdown block (separated by a blank line), since DingTalk joins single line breaks.
 * @example for (const part of renderMarkdown(reply)) await postMarkdown(hook, { title, text: part })
 */
export function renderMarkdown(reply: Reply, limit: number = MARKDOWN_LIMIT): string[] {
  if (!(limit >= MIN_LIMIT))
    throw new RangeError(`render-markdown: limit must be at least ${MIN_LIMIT} bytes, got ${limit}`);
  const quoted = quotedParagraphs(reply);
  const blocks: Line[] = [];
  for (const line of layoutReply(reply)) {
    if (line.every((span) => span.text === '')) continue;
    const quote = line.length === 1 && line[0]!.style === 'plain' && quoted.has(line[0]!.text);
    const prefix = quote ? QUOTE_PREFIX : '';
    // A line never grows by more than its prefix and one escape at its start; pieces are cut to leave room for both.
    const room = limit - utf8Bytes(prefix) - 1;
    const pieces = lineBytes(line) <= room ? [line] : splitLine(line, room, MARKDOWN_MEASURE);
    for (const piece of pieces) blocks.push([{ text: prefix + markdownLine(piece), style: 'plain' }], []);
  }
  return splitIntoMessages(blocks, limit, BYTES_MEASURE, (line) => line.map((span) => span.text).join(''));
}

/**
 * One line as Markdown: bold spans as **…** (punctuation at their edges kept outside, where CommonMark needs it for
 * Chinese text), everything else as escaped text. Commands stay plain: DingTalk shows `code` with its backticks.
 * @example markdownLine([{ text: '经开区管委会应询回答：', style: 'bold' }]) // '**经开区管委会应询回答**：'
 */
export function markdownLine(line: Line): string {
  const text = line.map(markdownSpan).join('');
  // At the start of a block these would turn the line into a heading, quote or list.
  return text.replace(/^([-+])(?=\s)|^(\d+)([.)])(?=\s)/, (_, sign, digits, dot) =>
    sign ? `\\${sign}` : `${digits}\\${dot}`,
  );
}

/** Escapes what Markdown (and WeCom's <font> tags) would read as formatting; Chinese text passes through unchanged. */
export function escapeMarkdown(text: string): string {
  return text.replace(SPECIAL, (ch) => `\\${ch}`);
}

function markdownSpan(span: Span): string {
  if (span.text === '') return '';
  if (span.style !== 'bold') return escapeMarkdown(span.text);
  const [, lead = '', core = '', trail = ''] = /^([\p{P}\p{Z}]*)([\s\S]*?)([\p{P}\p{Z}]*)$/u.exec(span.text) ?? [];
  if (core === '') return escapeMarkdown(span.text);
  return `${escapeMarkdown(lead)}**${escapeMarkdown(core)}**${escapeMarkdown(trail)}`;
}

/** The answer paragraphs in a reply: exactly what the transcript says, so they are quoted and nothing else is. */
function quotedParagraphs(reply: Reply): Set<string> {
  return new Set(reply.kind === 'answer' ? reply.items.flatMap((item) => item.paragraphs) : []);
}

function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

function lineBytes(line: Line): number {
  return line.reduce(
    (sum, span) => sum + (span.text === '' ? 0 : MARKDOWN_MEASURE.span(span.style)) + charsBytes(span.text),
    0,
  );
}

function charsBytes(text: string): number {
  let sum = 0;
  for (const ch of text) sum += MARKDOWN_MEASURE.char(ch);
  return sum;
}

const QUOTE_PREFIX = '> ';
const SPECIAL = /[\\`*_[\]<>#~|]/g;
/** Room for the longest bold name and a few characters: anything smaller cannot hold a message. */
const MIN_LIMIT = 64;

/** What a styled line costs once written as Markdown: escaped characters in UTF-8, and **…** around bold spans. */
const MARKDOWN_MEASURE: Measure = {
  char: (ch) => utf8Bytes(escapeMarkdown(ch)),
  span: (style) => (style === 'bold' ? 4 : 0),
};

/** Finished Markdown text: each character costs its UTF-8 bytes (a line break is one). */
const BYTES_MEASURE: Measure = { char: utf8Bytes, span: () => 0 };
