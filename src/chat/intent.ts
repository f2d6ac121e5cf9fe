// Intents: what one chat message asks for (a command with its argument, or a question), decided from its text alone.

/** The commands every door (console, Telegram, WeChat) understands; `arg` is the trimmed rest of the message. */
export type CommandIntent =
  | { kind: 'help' }
  | { kind: 'dept'; arg: string }
  | { kind: 'who'; arg: string }
  | { kind: 'topic'; arg: string }
  /** `arg` names a hearing when several are loaded (`/list 智慧交通`); absent when nothing follows. */
  | { kind: 'list'; arg?: string }
  | { kind: 'q'; arg: string }
  | { kind: 'promises'; arg: string }
  | { kind: 'hearings' };

export type Intent =
  | CommandIntent
  /** Any text that is not a command: searched in the hearing. */
  | { kind: 'question'; text: string }
  /** `/something` this layer does not know (maybe meant for another bot in a group). */
  | { kind: 'unknown-command'; command: string }
  /** Nothing left after cleaning: empty, white space, control characters, a bare mention. */
  | { kind: 'empty' };

/** The name of a command as typed after the slash. */
export type CommandName = 'start' | 'help' | 'hearings' | 'dept' | 'who' | 'topic' | 'list' | 'q' | 'promises';

/** One command as offered to users; `command` is what Telegram's setMyCommands takes (lower case, no slash). */
export interface CommandSpec {
  command: CommandName;
  /**
   * Chinese description that holds for any hearing (Telegram allows 3–256 characters). Menus for the loaded hearings,
   * with their counts and examples, come from {@link commandMenu}.
   */
  description: string;
  /** What a user types after the command, for help texts; empty when it takes nothing. */
  usage: string;
  /** Chinese words that mean the same command when they start a message (「部门 市经信局」). */
  aliases: readonly string[];
  /** Offered in menus and help only when several hearings are loaded (it is understood always). */
  severalHearingsOnly?: boolean;
}

/**
 * The commands every door understands, in menu order. The menu to offer (descriptions with the loaded hearings' counts
 * and examples) is {@link commandMenu}, or `conversation.menu()`.
 * @example COMMANDS.find((c) => c.aliases.includes('部门'))?.command // 'dept'
 */
export const COMMANDS: readonly CommandSpec[] = [
  { command: 'start', description: '开始：专题询问讲了什么、怎么问', usage: '', aliases: ['开始'] },
  { command: 'help', description: '帮助：用法和提问示例', usage: '', aliases: ['帮助', '使用帮助', '用法'] },
  {
    command: 'hearings',
    description: '各场专题询问：标题、日期和问题数',
    usage: '',
    aliases: ['询问列表'],
    severalHearingsOnly: true,
  },
  { command: 'dept', description: '按部门看回答', usage: '[部门]', aliases: ['部门'] },
  { command: 'who', description: '按提问人看问题', usage: '[姓名]', aliases: ['谁问了', '提问人'] },
  { command: 'topic', description: '全部主题，或某主题下的问答', usage: '[序号或名称]', aliases: ['主题'] },
  { command: 'list', description: '全部问题，一行一个', usage: '', aliases: ['列表', '问题列表', '全部问题', '目录'] },
  { command: 'q', description: '看某一问的完整回答', usage: '<序号>', aliases: ['问题'] },
  // 「承诺与目标」 is the quick reference's section title; it must come before 「承诺」, which it starts with.
  {
    command: 'promises',
    description: '各单位的承诺与目标（数字、时限）',
    usage: '[部门]',
    aliases: ['承诺与目标', '承诺', '目标'],
  },
];

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
 * The commands to offer for these hearings, with counts and examples from the data (for Telegram's command menu and
 * the help reply).
 * @example commandMenu(facts).find((c) => c.command === 'list')?.description // '全部18个问题，一行一个'
 */
export function commandMenu(facts: MenuFacts): { command: CommandName; description: string; usage: string }[] {
  return COMMANDS.filter((c) => !c.severalHearingsOnly || facts.hearings > 1).map((c) => ({
    command: c.command,
    description: MENU_TEXT[c.command]?.(facts) ?? c.description,
    usage: c.usage,
  }));
}

/** Menu descriptions that name this data's counts and examples. */
const MENU_TEXT: Partial<Record<CommandName, (facts: MenuFacts) => string>> = {
  start: (f) => `开始：${f.hearings > 1 ? '这几场' : '这次'}专题询问讲了什么、怎么问`,
  dept: (f) => `按部门看回答，如 ${commands.dept(f.examples.dept)}`,
  who: (f) => `按提问人看问题，如 ${commands.who(f.examples.who)}`,
  topic: (f) => `${chineseCount(f.themes)}个主题，或某主题下的问答，如 ${commands.topic(f.examples.topic)}`,
  list: (f) => `全部${f.items}个问题，一行一个`,
  q: (f) => `看某一问的完整回答，如 ${commands.q(f.examples.q)}`,
  promises: (f) => `各单位的承诺与目标（数字、时限），如 ${commands.promises(f.examples.promises)}`,
};

/**
 * What a user types to run a command: the one way replies name commands. Arguments are written as given; a hearing
 * key, when several hearings are loaded, goes first (`/topic 智慧交通 1`).
 * @example commands.dept('市经信局') // '/dept 市经信局'
 * @example commands.q('q5') // '/q 5'
 * @example commands.q('q2', '智慧交通') // '/q 智慧交通 2'
 */
export const commands = {
  help: (): string => commandText('help'),
  hearings: (): string => commandText('hearings'),
  list: (hearing?: string | null): string => commandText('list', hearing),
  dept: (body?: string | null, hearing?: string | null): string => commandText('dept', hearing, body),
  who: (name?: string | null, hearing?: string | null): string => commandText('who', hearing, name),
  topic: (theme?: number | string | null, hearing?: string | null): string =>
    commandText('topic', hearing, theme == null ? null : String(theme)),
  /** `id` is an entry id (`q5`, `closing`) or what a user would type after /q (`5`). */
  q: (id: string, hearing?: string | null): string => commandText('q', hearing, id.replace(/^q(?=\d)/, '')),
  promises: (body?: string | null, hearing?: string | null): string => commandText('promises', hearing, body),
};

/**
 * A command with its words, empty ones left out: what the typed builders above are made of.
 * @example commandText('dept', '[部门]') // '/dept [部门]'
 */
export function commandText(name: CommandName, ...words: (string | null | undefined)[]): string {
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
    const spec = COMMANDS.find((c) => c.command === name);
    return spec ? commandIntent(spec.command, (slash[2] ?? '').trim()) : { kind: 'unknown-command', command: name };
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

/** What may follow 「问题」 to open one item: a number, q-number or the closing response. */
const ITEM_ARG = /^(?:q?\s*[0-9]+|[一二两三四五六七八九十]+|closing|总体回应)$/i;

function commandIntent(command: CommandName, arg: string): CommandIntent {
  switch (command) {
    case 'start':
    case 'help':
      return { kind: 'help' };
    case 'list':
      return arg === '' ? { kind: 'list' } : { kind: 'list', arg };
    case 'hearings':
      return { kind: 'hearings' };
    default:
      return { kind: command, arg };
  }
}

/**
 * Chinese commands. An alias takes its argument after a space or colon; glued arguments are accepted only where
 * they cannot be a question (「谁问了朱库成」, 「主题2」, 「第5题」), so 「部门工作怎么样」 stays a question.
 */
function aliasIntent(text: string): Intent | undefined {
  const numbered =
    /^第\s*([0-9一二两三四五六七八九十]+)\s*[题问个]$/.exec(text) ?? /^问题([0-9一二两三四五六七八九十]+)$/.exec(text);
  if (numbered) return { kind: 'q', arg: numbered[1]! };
  if (/^q\s*\d+$/i.test(text)) return { kind: 'q', arg: text.replace(/\s+/g, '') };
  for (const spec of COMMANDS) {
    for (const alias of spec.aliases) {
      if (!text.startsWith(alias)) continue;
      const rest = text.slice(alias.length);
      if (rest === '') return spec.command === 'q' ? undefined : commandIntent(spec.command, '');
      const separated = /^[\s:：,，]+([\s\S]*)$/.exec(rest);
      // 「问题 5」 opens q5, but 「问题 经开区…」 is a question.
      if (separated && (spec.command !== 'q' || ITEM_ARG.test(separated[1]!.trim())))
        return commandIntent(spec.command, separated[1]!.trim());
      const glued = spec.command === 'who' || (spec.command === 'topic' && /^[0-9一二三四五]$/.test(rest));
      if (glued) return commandIntent(spec.command, rest.trim());
    }
  }
  return undefined;
}
