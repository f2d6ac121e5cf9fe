// Intents: what one chat message asks for (a command with its argument, or a question), decided from its text alone.

/** The commands every door (console, Telegram, WeChat) understands; `arg` is the trimmed rest of the message. */
export type CommandIntent =
  | { kind: 'help' }
  | { kind: 'dept'; arg: string }
  | { kind: 'who'; arg: string }
  | { kind: 'topic'; arg: string }
  | { kind: 'list' }
  | { kind: 'q'; arg: string }
  | { kind: 'promises'; arg: string };

export type Intent =
  | CommandIntent
  /** Any text that is not a command: searched in the hearing. */
  | { kind: 'question'; text: string }
  /** `/something` this layer does not know (maybe meant for another bot in a group). */
  | { kind: 'unknown-command'; command: string }
  /** Nothing left after cleaning: empty, white space, control characters, a bare mention. */
  | { kind: 'empty' };

/** One command as offered to users; `command` is what Telegram's setMyCommands takes (lower case, no slash). */
export interface CommandSpec {
  command: 'start' | 'help' | 'dept' | 'who' | 'topic' | 'list' | 'q' | 'promises';
  /** Chinese description for command menus (Telegram allows 3–256 characters). */
  description: string;
  /** What a user types after the command, for help texts; empty when it takes nothing. */
  usage: string;
  /** Chinese words that mean the same command when they start a message (「部门 市经信局」). */
  aliases: readonly string[];
}

/**
 * The command list, in menu order.
 * @example await bot.api.setMyCommands(COMMANDS.map(({ command, description }) => ({ command, description })))
 */
export const COMMANDS: readonly CommandSpec[] = [
  { command: 'start', description: '开始：这次专题询问讲了什么、怎么问', usage: '', aliases: ['开始'] },
  { command: 'help', description: '帮助：用法和提问示例', usage: '', aliases: ['帮助', '使用帮助', '用法'] },
  { command: 'dept', description: '按部门看回答，如 /dept 市经信局', usage: '[部门]', aliases: ['部门'] },
  { command: 'who', description: '按提问人看问题，如 /who 朱库成', usage: '[姓名]', aliases: ['谁问了', '提问人'] },
  {
    command: 'topic',
    description: '五个主题，或某主题下的问答，如 /topic 2',
    usage: '[序号或名称]',
    aliases: ['主题'],
  },
  {
    command: 'list',
    description: '全部18个问题，一行一个',
    usage: '',
    aliases: ['列表', '问题列表', '全部问题', '目录'],
  },
  { command: 'q', description: '看某一问的完整回答，如 /q 5', usage: '<序号>', aliases: ['问题'] },
  // 「承诺与目标」 is the quick reference's section title; it must come before 「承诺」, which it starts with.
  {
    command: 'promises',
    description: '各单位的承诺与目标（数字、时限），如 /promises 经开区',
    usage: '[部门]',
    aliases: ['承诺与目标', '承诺', '目标'],
  },
];

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

function commandIntent(command: CommandSpec['command'], arg: string): CommandIntent {
  switch (command) {
    case 'start':
    case 'help':
      return { kind: 'help' };
    case 'list':
      return { kind: 'list' };
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
