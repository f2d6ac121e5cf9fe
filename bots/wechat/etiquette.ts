// Group etiquette: which WeChat group messages the bot may answer, and what text it hands to the conversation.
import { cleanMessage, parseIntent } from '../../src/chat/intent.js';
import type { WechatConfig } from './config.js';

/** One group text message as the adapter sees it, before any decision. */
export interface GroupText {
  /** The text with mentions of the bot already removed. */
  text: string;
  /** The bot was @-mentioned (by the puppet's mention list, or by name in the text). */
  mentionsBot: boolean;
  /** Someone else was @-mentioned and the bot was not: the message is for them. */
  mentionsOthers: boolean;
}

/** What to ask the conversation; `addressed` false lets it answer only confident questions. */
export interface Addressed {
  text: string;
  addressed: boolean;
}

/**
 * Decides whether a group message is for the bot. null means silence without even asking the conversation.
 * - @-mention of the bot, the configured prefix, or a command: addressed (a not-found reply is allowed);
 * - a message for someone else, a bare command word (「目录」), an unknown or another bot's command: silence;
 * - anything else: un-addressed, if plain questions are switched on (the conversation then answers only a question
 *   cue with a confident match, e.g. 「经开区汽车怎么说」).
 * @example addressGroupText({ text: '#问 汉融通', mentionsBot: false, mentionsOthers: false }, { prefix: '#问', answerPlainQuestions: true }) // { text: '汉融通', addressed: true }
 */
export function addressGroupText(
  message: GroupText,
  etiquette: Pick<WechatConfig, 'prefix' | 'answerPlainQuestions'>,
): Addressed | null {
  const { text } = message;
  if (message.mentionsBot) return { text, addressed: true };
  if (message.mentionsOthers) return null;
  const prefix = etiquette.prefix;
  if (prefix !== null && text.trimStart().startsWith(prefix))
    return {
      text: text
        .trimStart()
        .slice(prefix.length)
        .replace(/^[\s:：,，]+/u, ''),
      addressed: true,
    };
  const intent = parseIntent(text);
  if (intent.kind !== 'question' && intent.kind !== 'empty')
    return isGroupCommand(text) ? { text, addressed: true } : null;
  return etiquette.answerPlainQuestions ? { text, addressed: false } : null;
}

/**
 * A command someone typed on purpose: a known `/command` (not `/command@other_bot`), or a Chinese alias with its
 * argument (「部门 市经信局」). A bare alias such as 「开始」, 「目录」 or 「帮助」 is an everyday word in a group, so it
 * counts only when the bot is addressed; an unknown `/command` is probably for another bot.
 */
export function isGroupCommand(text: string): boolean {
  const intent = parseIntent(text);
  if (intent.kind === 'question' || intent.kind === 'empty' || intent.kind === 'unknown-command') return false;
  const clean = cleanMessage(text);
  // 「/start@other_bot」 is for another bot in the group.
  if (clean.startsWith('/')) return !/^\/[a-z_]+@/i.test(clean);
  return 'arg' in intent && intent.arg !== '';
}
