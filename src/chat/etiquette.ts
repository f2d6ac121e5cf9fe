// Group etiquette: which group messages are for the bot, and what un-addressed ones may get (a confident answer).
import { cleanMessage, type Intent, parseIntent } from './intent.js';
import type { IncomingMessage } from './message.js';
import type { Reply } from './reply.js';

/** One group text message as a door sees it, before any decision. */
export interface GroupText {
  /** The text with mentions of the bot already removed. */
  text: string;
  /** The bot was @-mentioned (by the platform's mention list, or by name in the text). */
  mentionsBot: boolean;
  /** Someone else was @-mentioned and the bot was not: the message is for them. */
  mentionsOthers: boolean;
}

/** How a group addresses the bot besides mentions and commands. */
export interface GroupManners {
  /** Group messages starting with it (e.g. `#问`) are for the bot; null for none. */
  prefix: string | null;
  /** Un-addressed messages may get a confident answer to a clear question (「经开区汽车怎么说」). */
  answerPlainQuestions: boolean;
}

/** What to ask the conversation; `addressed` false lets it answer only confident questions. */
export interface Addressed {
  text: string;
  addressed: boolean;
}

/**
 * Decides whether a group message is for the bot. null means silence without even asking the conversation.
 * - @-mention of the bot, the prefix, or a command: addressed (a not-found reply is allowed);
 * - a message for someone else, a bare command word (「目录」), an unknown or another bot's command: silence;
 * - anything else: un-addressed, if plain questions are switched on (the conversation then answers only a question
 *   cue with a confident match, e.g. 「经开区汽车怎么说」; see {@link worthSaying}).
 * @example
 * const message = { text: '#问 汉融通', mentionsBot: false, mentionsOthers: false };
 * addressGroupText(message, { prefix: '#问', answerPlainQuestions: true }) // { text: '汉融通', addressed: true }
 */
export function addressGroupText(message: GroupText, manners: GroupManners): Addressed | null {
  const { text } = message;
  if (message.mentionsBot) return { text, addressed: true };
  if (message.mentionsOthers) return null;
  const prefix = manners.prefix;
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
  return manners.answerPlainQuestions ? { text, addressed: false } : null;
}

/**
 * A command someone typed on purpose: a known `/command` (not `/command@other_bot`), or a Chinese alias with its
 * argument (「部门 市经信局」). A bare alias such as 「开始」, 「目录」 or 「帮助」 is an everyday word in a group, so it
 * counts only when the bot is addressed; an unknown `/command` is probably for another bot.
 * @example isGroupCommand('主题 2') // true
 * @example isGroupCommand('目录') // false
 */
export function isGroupCommand(text: string): boolean {
  const intent = parseIntent(text);
  if (intent.kind === 'question' || intent.kind === 'empty' || intent.kind === 'unknown-command') return false;
  const clean = cleanMessage(text);
  // 「/start@other_bot」 is for another bot in the group.
  if (clean.startsWith('/')) return !/^\/[a-z_]+@/i.test(clean);
  return 'arg' in intent && intent.arg !== '';
}

/**
 * Whether a reply may be said: addressed messages get any reply except an unknown command in a group (it may be
 * another bot's); un-addressed group chatter gets only a confident answer to something that reads as a question,
 * or a known command's reply.
 * @example worthSaying({ kind: 'question', text: '汉融通' }, answer, { chat: 'group', addressed: false }) // false: no cue
 */
export function worthSaying(
  intent: Intent,
  reply: Reply,
  message: Pick<IncomingMessage, 'chat' | 'addressed'>,
): boolean {
  // 谢谢 and 收到 in a group are said to the group: a reply to each would be noise.
  if (reply.kind === 'acknowledgement' && message.chat === 'group') return false;
  if (message.addressed !== false) return !(reply.kind === 'unknown-command' && message.chat === 'group');
  if (intent.kind === 'question') {
    if (reply.kind !== 'answer' || !hasQuestionCue(intent.text)) return false;
    return reply.coverage >= CONFIDENT_COVERAGE;
  }
  return reply.kind !== 'unknown-command';
}

/**
 * Does this text read as a question? (怎么说, 如何, 什么, 吗, ？…; Simplified, Traditional or full-width.) Used to
 * decide whether an un-addressed group message deserves an answer.
 * @example hasQuestionCue('经开区汽车怎么说') // true
 */
export function hasQuestionCue(text: string): boolean {
  return QUESTION_CUE.test(String(text).normalize('NFKC'));
}

/** An un-addressed group question is answered only when the best match covers this much of what it says. */
export const CONFIDENT_COVERAGE = 0.8;
const QUESTION_CUE =
  /[?？]|怎么|怎麼|如何|什么|什麼|甚麼|啥|吗|嗎|呢|哪|几|幾|多少|是否|能否|有没有|有沒有|怎样|怎樣|咋|为何|為何|为什么|為什麼|请问|請問/u;
