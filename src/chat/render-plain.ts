// Plain-text renderer for WeChat and the console: the reply's lines as text, split under a per-message limit.
import { layoutReply } from './layout.js';
import type { Reply } from './reply.js';
import { type Line, PLAIN_MEASURE, splitIntoMessages } from './split.js';

/** WeChat shows long messages badly and may drop very long ones; 1500 characters reads well on a phone. */
export const PLAIN_LIMIT = 1500;

/**
 * Renders a reply as one or more plain-text messages of at most `limit` characters (UTF-16 units), in order.
 * @example renderPlain(reply).forEach((part) => room.say(part))
 */
export function renderPlain(reply: Reply, limit: number = PLAIN_LIMIT): string[] {
  return splitIntoMessages(layoutReply(reply), limit, PLAIN_MEASURE, renderPlainLine);
}

export function renderPlainLine(line: Line): string {
  return line.map((span) => span.text).join('');
}
