// The evaluation sets with labels by kind (chat2.tsv, dialogues-dev.tsv): read them, play them through the real
// conversation, and judge each reply the way the sets define: `qN`, `closing`, `list:…`, `who:NAME`, `promises:qN`, `none`.
import { readFileSync } from 'node:fs';
import { type Conversation, createConversation } from '../src/chat/conversation.js';
import { renderPlain } from '../src/chat/render-plain.js';
import type { Reply } from '../src/chat/reply.js';
import type { Commitment } from '../src/commitments/model.js';
import type { SearchEngine } from '../src/search/engine.js';

/** What a line expects: one of some items first, exactly these items in order, these names, commitments, or nothing. */
export type Label =
  | { kind: 'first'; ids: string[] }
  | { kind: 'list'; ids: string[] }
  | { kind: 'who'; names: string[] }
  | { kind: 'promises'; id: string }
  | { kind: 'none' };

/** One labelled message; `group` is its kind (chat2) or its dialogue (dialogues-dev). */
export interface LabelledLine {
  text: string;
  label: Label;
  group: string;
  /** file:line, for failure reports. */
  at: string;
}

/** How one reply was judged: right; an answer that is not what the label asks (`wrong`); and what it was. */
export interface Verdict {
  ok: boolean;
  /** A confident answer other than the expected one (the worst failure: a wrong quote). */
  wrong: boolean;
  got: string;
}

export function parseLabel(text: string, at: string): Label {
  const [head = '', rest = ''] = splitOnce(text.trim(), ':');
  if (text.trim() === 'none') return { kind: 'none' };
  if (head === 'list') return { kind: 'list', ids: rest.split(',').map((s) => s.trim()) };
  if (head === 'who') return { kind: 'who', names: rest.split(/[,、]/).map((s) => s.trim()) };
  if (head === 'promises') return { kind: 'promises', id: rest.trim() };
  if (/^(?:q\d+|closing)(?:,(?:q\d+|closing))*$/.test(text.trim()))
    return { kind: 'first', ids: text.trim().split(',') };
  throw new Error(`${at}: cannot read the label ${JSON.stringify(text)}`);
}

/** chat2.tsv: `message<TAB>label<TAB>kind`. */
export function readKindTable(file: string, name = file): LabelledLine[] {
  return linesOf(file).map(({ cells, at }) => {
    const [text = '', label = '', kind = ''] = cells;
    return { text, label: parseLabel(label, `${name}:${at}`), group: kind, at: `${name}:${at}` };
  });
}

/** dialogues-dev.tsv: `dialogue<TAB>message<TAB>label`, turns of one dialogue together and in order. */
export function readDialogueTable(file: string, name = file): LabelledLine[] {
  return linesOf(file).map(({ cells, at }) => {
    const [dialogue = '', text = '', label = ''] = cells;
    return { text, label: parseLabel(label, `${name}:${at}`), group: dialogue, at: `${name}:${at}` };
  });
}

/** The item ids a reply shows, in order: answers in full, list lines that open an item, commitments' items. */
export function shownIds(reply: Reply | null): string[] {
  switch (reply?.kind) {
    case 'answer':
      return reply.items.map((i) => i.id);
    case 'list':
      return reply.lines.flatMap((l) => idOfCommand(l.command) ?? []);
    case 'commitments':
      return [...new Set(reply.items.map((c) => c.id))];
    default:
      return [];
  }
}

export function judgeLabel(label: Label, reply: Reply | null, commitments: readonly Commitment[]): Verdict {
  const ids = shownIds(reply);
  const got = reply === null ? 'silence' : `${reply.kind} ${ids.join(' ')}`.trim();
  const answered = reply?.kind === 'answer';
  switch (label.kind) {
    case 'first': {
      const ok = answered && label.ids.includes(ids[0] ?? '');
      return { ok, wrong: answered && !ok, got };
    }
    case 'list': {
      const ok = ids.join(',') === label.ids.join(',');
      return { ok, wrong: answered && !ok && !label.ids.includes(ids[0] ?? ''), got };
    }
    case 'who': {
      const text = reply ? renderPlain(reply, Number.MAX_SAFE_INTEGER).join('\n') : '';
      const named = reply !== null && !['not-found', 'help', 'error'].includes(reply.kind);
      return { ok: named && label.names.every((n) => text.includes(n)), wrong: false, got };
    }
    case 'promises': {
      const expected = commitments.filter((c) => c.id === label.id).length;
      const ok =
        reply?.kind === 'commitments' && reply.items.length === expected && reply.items.every((c) => c.id === label.id);
      return { ok, wrong: answered, got };
    }
    case 'none':
      return { ok: !answered, wrong: answered, got };
  }
}

/** Plays every line of a kind table, each in a fresh private chat. */
export async function playKindTable(
  lines: readonly LabelledLine[],
  engine: SearchEngine,
  commitments: readonly Commitment[],
): Promise<Array<LabelledLine & Verdict>> {
  const results: Array<LabelledLine & Verdict> = [];
  for (const [i, line] of lines.entries()) {
    const conversation = createConversation({ engine, commitments });
    const { reply } = await conversation.respond({
      text: line.text,
      chat: 'private',
      userId: `u${i}`,
      chatId: `c${i}`,
    });
    results.push({ ...line, ...judgeLabel(line.label, reply, commitments) });
  }
  return results;
}

/** Plays each dialogue in its own private chat, a few seconds between turns. */
export async function playDialogueTable(
  lines: readonly LabelledLine[],
  engine: SearchEngine,
  commitments: readonly Commitment[],
): Promise<Array<LabelledLine & Verdict & { turn: number }>> {
  const results: Array<LabelledLine & Verdict & { turn: number }> = [];
  let time = Date.parse('2024-05-01T08:00:00Z');
  const chats = new Map<string, { conversation: Conversation; turns: number }>();
  for (const line of lines) {
    let chat = chats.get(line.group);
    if (!chat) {
      chat = { conversation: createConversation({ engine, commitments, now: () => new Date(time) }), turns: 0 };
      chats.set(line.group, chat);
    }
    time += 5_000;
    const { reply } = await chat.conversation.respond({
      text: line.text,
      chat: 'private',
      userId: line.group,
      chatId: line.group,
    });
    chat.turns++;
    results.push({ ...line, ...judgeLabel(line.label, reply, commitments), turn: chat.turns });
  }
  return results;
}

/** `/q 5` → q5, `/q closing` → closing (a hearing key before the number is kept out). */
function idOfCommand(command: string): string | undefined {
  const m = /^\/q(?:\s+\S+)?\s+(\d+|closing)$/.exec(command.trim());
  return m ? (m[1] === 'closing' ? 'closing' : `q${m[1]}`) : undefined;
}

function linesOf(file: string): Array<{ cells: string[]; at: number }> {
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((line, i) => ({ cells: line.split('\t'), at: i + 1, line }))
    .filter(({ line }) => line.trim() !== '' && !line.startsWith('#'));
}

function splitOnce(text: string, separator: string): [string, string] {
  const i = text.indexOf(separator);
  return i < 0 ? [text, ''] : [text.slice(0, i), text.slice(i + 1)];
}
