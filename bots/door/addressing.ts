// Text addressing: @-mentions typed in the text, found and removed by name, for platforms without mention entities.

/**
 * Does the text @-mention one of these names? Some platforms give no mention list, and people also type the mention
 * by hand; WeChat ends a mention with a four-per-em space (U+2005), others with a space or the end of the text.
 * @example mentionsByName('@询问助手\u2005汉融通', ['询问助手']) // true
 */
export function mentionsByName(text: string, names: readonly string[]): boolean {
  return names.some((name) => name !== '' && new RegExp(`@${escapeRegExp(name)}(?:[\\u2005\\s]|$)`, 'u').test(text));
}

/**
 * The text without @-mentions of these names (wherever they are), spaces collapsed, trimmed.
 * @example withoutMentions('@询问助手 经开区汽车怎么说', ['询问助手']) // '经开区汽车怎么说'
 */
export function withoutMentions(text: string, names: readonly string[]): string {
  return names
    .filter((name) => name !== '')
    .reduce((rest, name) => rest.replace(new RegExp(`@${escapeRegExp(name)}(?:[\\u2005\\s]+|$)`, 'gu'), ' '), text)
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * A message that starts with @someone is addressed to them, even when the platform reports no mention list.
 * @example startsWithMention('@张敏 你看这个') // true
 */
export function startsWithMention(text: string): boolean {
  return /^\s*@\S/u.test(text);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The text without any @-mention typed into it, for platforms that deliver a group message only when the bot is
 * mentioned (WeCom leaves `@询问助手` in the text, DingTalk the names of others mentioned with it). An @ inside a
 * word, as in an e-mail address, stays.
 * @example withoutTypedMentions('@询问助手 经开区汽车怎么说 @张科长') // '经开区汽车怎么说'
 */
export function withoutTypedMentions(text: string): string {
  return text
    .replace(/(^|\s)@[^\s@]+/gu, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}
