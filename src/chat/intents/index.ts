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
      return module.reply(k, intent.arg ?? '');
    }
  }
}

const UNKNOWN_COMMAND_CHARS = 32;
