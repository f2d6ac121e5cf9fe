// The intents' table: one module per kind of message, the way src/commands/ has one file per CLI command.
import { commands, type Intent } from '../intent.js';
import type { Knowledge } from '../knowledge.js';
import { type Reply, shorten } from '../reply.js';
import { dept } from './dept.js';
import { hearings } from './hearings.js';
import { help } from './help.js';
import { list } from './list.js';
import { promises } from './promises.js';
import { q } from './q.js';
import { question } from './question.js';
import { topic } from './topic.js';
import { who } from './who.js';

/** What one kind of intent replies; null for silence. */
export type IntentHandler<K extends Intent['kind']> = (
  intent: Extract<Intent, { kind: K }>,
  k: Knowledge,
) => Reply | null;

/** Intent kind → its reply. A new command is one module here and one entry in COMMANDS (src/chat/intent.ts). */
export const INTENTS: { [K in Intent['kind']]: IntentHandler<K> } = {
  empty: () => null,
  help: (_, k) => help(k),
  hearings: (_, k) => hearings(k),
  list: (intent, k) => list(k, intent.arg),
  dept: (intent, k) => dept(k, intent.arg),
  who: (intent, k) => who(k, intent.arg),
  topic: (intent, k) => topic(k, intent.arg),
  q: (intent, k) => q(k, intent.arg),
  promises: (intent, k) => promises(k, intent.arg),
  question: (intent, k) => question(k, intent.text),
  // Maybe meant for another bot in a group; the conversation's etiquette keeps it silent there.
  'unknown-command': (intent) => ({
    kind: 'unknown-command',
    command: shorten(intent.command, UNKNOWN_COMMAND_CHARS),
    suggestions: [{ command: commands.help(), label: '' }],
  }),
};

/**
 * The reply to one intent, by its kind.
 * @example replyTo({ kind: 'dept', arg: '经信局' }, knowledge)?.kind // 'answer'
 */
export function replyTo(intent: Intent, k: Knowledge): Reply | null {
  return (INTENTS[intent.kind] as IntentHandler<typeof intent.kind>)(intent, k);
}

const UNKNOWN_COMMAND_CHARS = 32;
