// Intents: what one chat message asks for (a command with its argument, or a question), read from its text and the intent table.

import { type CommandName, type CommandWriters, intentTable } from './intents/index.js';
import type { Knowledge } from './knowledge.js';
import type { Reply } from './reply.js';

export type { CommandName } from './intents/index.js';

/** A command with its argument (`arg` is the trimmed rest of the message; absent for commands that take none). */
export interface CommandIntent {
  kind: CommandName;
  arg?: string;
}

export type Intent =
  | CommandIntent
  /** Any text that is not a command: searched in the hearing. */
  | { kind: 'question'; text: string }
  /** `/something` this layer does not know (maybe meant for another bot in a group). */
  | { kind: 'unknown-command'; command: string }
  /** Nothing left after cleaning: empty, white space, control characters, a bare mention. */
  | { kind: 'empty' };

/**
 * One command, declared in one file of `src/chat/intents/` and listed once in the table (`intents/index.ts`): its
 * words, how it reads its argument, what menus and /help say about it, how replies write it, and its reply.
 */
export interface IntentModule<N extends string = string, W extends (...words: never[]) => string = () => string> {
  /** What is typed after the slash, and what Telegram's setMyCommands takes (lower case, no slash). */
  name: N;
  /** Chinese words that mean the same command when they start a message (「部门 市经信局」). */
  aliases: readonly string[];
  /**
   * Whether an argument glued to an alias (no space) still makes the command: only where it cannot be a question
   * (「谁问了朱库成」, 「主题2」), so 「部门工作怎么样」 stays a question. Default: never.
   */
  glued?: (rest: string) => boolean;
  /** Whether a separated argument after an alias makes the command (「问题 5」 does, 「问题 经开区…」 is a question). */
  takes?: (arg: string) => boolean;
  /** The intent a typed argument makes (`kind` is a command name). Default `{ kind: name, arg }`. */
  parse?: (arg: string) => { kind: string; arg?: string };
  /** Chinese description that holds for any hearing (Telegram allows 3–256 characters). */
  description: string;
  /** The description for the loaded hearings, with their counts and an example. Default: `description`. */
  menu?: (facts: MenuFacts) => string;
  /** What a user types after the command, for help texts; empty when it takes nothing. */
  usage: string;
  /**
   * The few words /help prints after the command (「/dept 答复单位」): a label the command ignores when the line is
   * typed back whole.
   */
  label: string;
  /** The argument /help shows the command with (`/q 5`), from the loaded hearings; default none. */
  example?: (facts: MenuFacts) => string;
  /** Offered in menus and help only when several hearings are loaded (it is understood always). */
  severalHearingsOnly?: boolean;
  /** How replies write this command: the typed builder behind `commands.<name>(…)`. */
  write: W;
  /** The reply; null for silence. */
  reply: (k: Knowledge, arg: string) => Reply | null;
}

/**
 * Declares an intent module, keeping its name and its writer's parameters as typed (so `commands.dept(body, hearing)`
 * is checked).
 */
export function defineIntent<const N extends string, W extends (...words: never[]) => string>(
  module: IntentModule<N, W>,
): IntentModule<N, W> {
  return module;
}

/** What the menus say about the loaded hearings: counts and one example argument per command, from the data. */
export interface MenuFacts {
  /** How many hearings are loaded; with several, `/hearings` is offered and the examples name their hearing. */
  hearings: number;
  /** Themes of all hearings together. */
  themes: number;
  /** Questions (Q&A items) of all hearings together. */
  items: number;
  /** Arguments as typed: `{ dept: '市经信局', topic: '2', q: '5', … }` (hearing key first when several). */
  examples: Record<'dept' | 'who' | 'topic' | 'q' | 'promises', string>;
}

/**
 * The commands to offer for these hearings, in the table's order, with counts and examples from the data (for
 * Telegram's command menu and the help reply).
 * @example commandMenu(facts).find((c) => c.command === 'list')?.description // '全部18个问题，一行一个'
 */
export function commandMenu(facts: MenuFacts): { command: CommandName; description: string; usage: string }[] {
  return intentTable()
    .filter((m) => !m.severalHearingsOnly || facts.hearings > 1)
    .map((m) => ({ command: m.name, description: m.menu?.(facts) ?? m.description, usage: m.usage }));
}

/**
 * What a user types to run a command: the one way replies name commands, one writer per table entry. Arguments are
 * written as given; a hearing key, when several hearings are loaded, goes first (`/topic 智慧交通 1`).
 * @example commands.dept('市经信局') // '/dept 市经信局'
 * @example commands.q('q5') // '/q 5'
 * @example commands.q('q2', '智慧交通') // '/q 智慧交通 2'
 */
export const commands: CommandWriters = new Proxy({} as CommandWriters, {
  get: (_, name) => intentTable().find((m) => m.name === name)?.write,
});

/**
 * A command with its words, empty ones left out: what the typed builders above are made of.
 * @example commandText('dept', '[部门]') // '/dept [部门]'
 */
export function commandText(name: string, ...words: (string | null | undefined)[]): string {
  return [`/${name}`, ...words.filter((w): w is string => typeof w === 'string' && w !== '')].join(' ');
}

/**
 * A count in Chinese numerals, as people write small counts in running text (五个主题); digits from 100 on.
 * @example chineseCount(5) // '五'
 * @example chineseCount(18) // '十八'
 */
export function chineseCount(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 99) return String(n);
  const digits = '零一二三四五六七八九';
  // 两个主题, not 二个: a count of two reads 两 on its own.
  if (n < 10) return n === 2 ? '两' : digits[n]!;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : digits[tens]}十${ones === 0 ? '' : digits[ones]}`;
}

/** Longer messages are cut here before anything else looks at them: no real question is longer. */
export const MAX_MESSAGE_CHARS = 500;

/**
 * Reads one message. Tolerates a leading @mention, a `/cmd@botname` suffix, full-width characters and any junk;
 * never throws.
 * @example parseIntent('/dept@hearing_bot 经信局') // { kind: 'dept', arg: '经信局' }
 * @example parseIntent('谁问了朱库成') // { kind: 'who', arg: '朱库成' }
 */
export function parseIntent(text: string): Intent {
  const clean = cleanMessage(text);
  if (clean === '') return { kind: 'empty' };
  const slash = /^\/([a-z_]+)(?:@[\w.-]*)?(?:\s+([\s\S]*))?$/i.exec(clean);
  if (slash) {
    const name = slash[1]!.toLowerCase();
    const module = moduleNamed(name);
    return module ? commandIntent(module, (slash[2] ?? '').trim()) : { kind: 'unknown-command', command: name };
  }
  // 「/部门 经信局」: a slash in front of a Chinese command.
  if (clean.startsWith('/')) return aliasIntent(clean.slice(1).trim()) ?? { kind: 'question', text: clean };
  return aliasIntent(clean) ?? { kind: 'question', text: clean };
}

/**
 * The text a message really says: width-folded, control and zero-width characters turned into spaces, leading
 * @mentions removed, cut to `MAX_MESSAGE_CHARS`.
 */
export function cleanMessage(text: string): string {
  let s = String(text ?? '').slice(0, MAX_MESSAGE_CHARS * 2);
  s = s
    .normalize('NFKC')
    .replace(/[\p{Cc}\p{Cf}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  // WeChat and Telegram put the bot's @name in front; group members sometimes mention several people.
  s = s.replace(/^(?:@[^\s@]+\s*)+/u, '').trim();
  return [...s].slice(0, MAX_MESSAGE_CHARS).join('').trim();
}

/** The table entry a typed command word names, if any. */
/** What follows an item's number when someone asks what it says (q7说了啥); 第三个说了啥 is a question of order. */
const ITEM_TAIL = /\s*(?:说了|讲了|说的|讲的|答了|答的|是)?(?:啥|什么|些什么)?(?:内容|全文|原文)?[吗呢啊]?[?？]*$/u;

function moduleNamed(name: string): IntentModule | undefined {
  return intentTable().find((m) => m.name === name) as IntentModule | undefined;
}

function commandIntent(module: IntentModule, arg: string): CommandIntent {
  return (module.parse ? module.parse(arg) : { kind: module.name, arg }) as CommandIntent;
}

/**
 * Chinese commands. An alias takes its argument after a space or colon; glued arguments only where the command
 * says they cannot be a question (「谁问了朱库成」, 「主题2」, 「第5题」), so 「部门工作怎么样」 stays a question. Longer
 * aliases are tried first (「承诺与目标」 before 「承诺」).
 */
function aliasIntent(text: string): Intent | undefined {
  // 第5题, 问题5, q5, and the same asking what it says (q7说了啥, 第5题讲的什么).
  const item = text.replace(ITEM_TAIL, '');
  const numbered =
    /^第\s*([0-9一二两三四五六七八九十]+)\s*[题问个]$/.exec(item) ?? /^问题([0-9一二两三四五六七八九十]+)$/.exec(item);
  if (numbered && (item === text || !/个$/.test(item))) return { kind: 'q', arg: numbered[1]! };
  if (/^q\s*\d+$/i.test(item)) return { kind: 'q', arg: item.replace(/\s+/g, '') };
  const words = intentTable()
    .flatMap((m) => m.aliases.map((alias) => ({ alias, module: m as IntentModule })))
    .sort((a, b) => b.alias.length - a.alias.length);
  for (const { alias, module } of words) {
    if (!text.startsWith(alias)) continue;
    const rest = text.slice(alias.length);
    const takes = module.takes ?? (() => true);
    if (rest === '') return takes('') ? commandIntent(module, '') : undefined;
    const separated = /^[\s:：,，]+([\s\S]*)$/.exec(rest);
    if (separated && takes(separated[1]!.trim())) return commandIntent(module, separated[1]!.trim());
    if (module.glued?.(rest)) return commandIntent(module, rest.trim());
  }
  return undefined;
}
