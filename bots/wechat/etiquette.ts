// Mentions in WeChat group text: typed by hand or by the client; the addressing decision is src/chat/etiquette.ts.

/**
 * Does the text @-mention one of these names? Some puppets give no mention list, and WeChat users also type the
 * mention by hand; WeChat ends a mention with a four-per-em space (U+2005), a space or the end of the text.
 */
export function mentionsByName(text: string, names: readonly string[]): boolean {
  return names.some((name) => name !== '' && new RegExp(`@${escapeRegExp(name)}(?:[\\u2005\\s]|$)`, 'u').test(text));
}

/** The text without @-mentions of these names (wherever they are), trimmed. */
export function withoutMentions(text: string, names: readonly string[]): string {
  return names
    .filter((name) => name !== '')
    .reduce((rest, name) => rest.replace(new RegExp(`@${escapeRegExp(name)}(?:[\\u2005\\s]+|$)`, 'gu'), ' '), text)
    .replace(/\s+/g, ' ')
    .trim();
}

/** A message that starts with @someone is addressed to them, even when the puppet reports no mention list. */
export function startsWithMention(text: string): boolean {
  return /^\s*@\S/u.test(text);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
