// The intent table: one line per command, each declared in its own file. The parser, menus, /help, Telegram's command
// list and the command writers (`commands.dept(…)`) all read it.
import { commandText, type Intent } from '../intent.js';
import type { Knowledge } from '../knowledge.js';
import { type Reply, shorten } from '../reply.js';
import { closing } from './closing.js';
import { dept } from './dept.js';
import { due } from './due.js';
import { hearings } from './hearings.js';
import { help, start } from './help.js';
import { list } from './list.js';
import { promises } from './promises.js';
import { q } from './q.js';
import { question } from './question.js';
import { topic } from './topic.js';
import { who } from './who.js';

/**
 * The commands, in menu order. A function, not a constant: the modules it lists import the parser, and whichever of
 * them is loaded first must not find the table half-built.
 */
export function intentTable() {
  return [start, help, hearings, dept, who, topic, list, q, closing, promises, due] as const;
}

type Table = ReturnType<typeof intentTable>[number];

/** The name of a command as typed after the slash. */
export type CommandName = Table['name'];

/** One writer per command: `commands.dept('市经信局')` → `/dept 市经信局`. */
export type CommandWriters = { [M in Table as M['name']]: M['write'] };

/**
 * The reply to one intent: a command's from its table entry, a question searched, an unknown command pointed at /help.
 * @example replyTo({ kind: 'dept', arg: '经信局' }, knowledge)?.kind // 'answer'
 */
export function replyTo(intent: Intent, k: Knowledge): Reply | null {
  switch (intent.kind) {
    case 'empty':
      return null;
    case 'question':
      return question(k, intent.text);
    // Maybe meant for another bot in a group; the conversation's etiquette keeps it silent there.
    case 'unknown-command':
      return {
        kind: 'unknown-command',
        command: shorten(intent.command, UNKNOWN_COMMAND_CHARS),
        suggestions: [{ command: commandText('help'), label: '' }],
      };
    default: {
      const name = intent.kind;
      const module = intentTable().find((m) => m.name === name)!;
      return commandReply(module.reply, k, intent.arg ?? '');
    }
  }
}

/**
 * A command's reply, its hints' labels ignored: replies print `/topic 3 加快推动数字产业化升级` or
 * `/who 全部提问人`, and people copy such a line whole. When the argument finds nothing, its first words are tried
 * alone (`/topic 3`), and a label that only says "all of them" (全部提问人, 看五个主题, 各单位的承诺) means the list.
 * A name that matches nothing is still not found: `/who 张三` says so.
 */
function commandReply(reply: (k: Knowledge, arg: string) => Reply | null, k: Knowledge, arg: string): Reply | null {
  const full = reply(k, arg);
  if (!missed(full)) return full;
  const words = arg.split(/\s+/).filter((w) => w !== '');
  for (let n = words.length - 1; n >= 0; n--) {
    const label = words.slice(n).join('');
    const kept = words.slice(0, n).join(' ');
    // Only a label that says "all of them" may leave nothing but a hearing key: `/q 智慧交通 9` stays not found.
    if (k.catalogue.split(kept).rest === '' && !ALL_LABEL.test(label)) break;
    const shorter = reply(k, kept);
    if (!missed(shorter)) return shorter;
  }
  return full;
}

/** Not found, or only nearly: the argument may carry a label. */
const missed = (reply: Reply | null) =>
  reply !== null && (reply.kind === 'not-found' || (reply.kind === 'did-you-mean' && reply.reason === 'near-miss'));

/** A label that names the whole list a command shows without an argument (看五个主题, 全部答复单位, 各单位的承诺). */
const ALL_LABEL =
  /^(?:看|查看)?(?:全部|所有|各|[0-9一二两三四五六七八九十]+[个场位项条])?(?:的)?(?:答复单位|单位|部门|提问人|主题|问题|承诺与目标|承诺|专题询问|用法)(?:的承诺(?:与目标)?)?$/u;

const UNKNOWN_COMMAND_CHARS = 32;
