// Dialogue tables (tests/fixtures/dialogues.tsv): turns of short chats and what each should get; bench and tests.
import { readFileSync } from 'node:fs';
import type { Conversation, IncomingMessage } from '../src/chat/conversation.js';
import { commands } from '../src/chat/intent.js';
import { renderPlain } from '../src/chat/render-plain.js';
import type { Reply } from '../src/chat/reply.js';
import type { Commitment } from '../src/commitments/model.js';
import { bodyOf, type Entry, personOf } from '../src/hearing/model.js';

/** Who says a turn: a private chat, or a member of one group (addressing the bot or not), after some silence. */
export interface Speaker {
  chat: 'private' | 'group';
  member: string;
  addressed: boolean;
  waitMs: number;
}

/** What a turn should get; see the header of tests/fixtures/dialogues.tsv. */
export type Expectation =
  | { kind: 'items'; ids: string[] }
  | { kind: 'guess'; ids: string[] }
  | { kind: 'offered'; position: number }
  /** `id` null: about the item the previous answer showed. */
  | { kind: 'about'; id: string | null }
  | { kind: 'promises'; id: string }
  | { kind: 'promises-body'; body: string }
  | { kind: 'another' }
  | { kind: 'end' }
  | { kind: 'reply'; reply: 'list' | 'choice' | 'help' | 'none' | 'nothing' }
  | { kind: 'silence' };

export interface DialogueTurn {
  speaker: Speaker;
  text: string;
  expect: Expectation;
  /** Where it is written, for messages: `dialogues.tsv:12`. */
  at: string;
}

export interface Dialogue {
  name: string;
  /** The name before its number: ellipsis, pick, guess, about, more, commitments, dislike, fresh, group, expiry. */
  category: string;
  turns: DialogueTurn[];
}

/** How one turn went: `got` says what the reply was, in a few words. */
export interface TurnResult {
  dialogue: string;
  category: string;
  turn: DialogueTurn;
  /** The first turn of a dialogue sets it up; the others are the follow-ups measured. */
  setup: boolean;
  ok: boolean;
  got: string;
}

/** What the judge checks replies against: the hearing's entries and commitments. */
export interface Facts {
  entries: readonly Entry[];
  commitments: readonly Commitment[];
}

/** Reads a dialogue table; throws naming the file and line of anything malformed. */
export function readDialogues(file: string): Dialogue[] {
  const dialogues = new Map<string, Dialogue>();
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (line.trim() === '' || line.startsWith('#')) return;
      const at = `${file.split('/').pop()}:${i + 1}`;
      const [name = '', who = '', text = '', expected = '', ...extra] = line.split('\t');
      if (extra.length > 0 || !name || !who || !text || !expected)
        throw new Error(`${at}: expected dialogue<TAB>who<TAB>message<TAB>expected, got ${JSON.stringify(line)}`);
      const dialogue = dialogues.get(name) ?? { name, category: name.replace(/-\d+$/, ''), turns: [] };
      dialogue.turns.push({ speaker: speakerOf(who, at), text, expect: expectationOf(expected, at), at });
      dialogues.set(name, dialogue);
    });
  return [...dialogues.values()];
}

/**
 * Plays one dialogue against a new conversation (its own memory) on a clock that moves one second a turn, plus
 * the silences the table asks for, and judges each reply.
 */
export async function playDialogue(
  dialogue: Dialogue,
  start: (now: () => Date) => Conversation,
  facts: Facts,
): Promise<TurnResult[]> {
  let time = Date.parse('2024-05-01T08:00:00Z');
  const conversation = start(() => new Date(time));
  const shownBefore = new Set<string>();
  let previous: Reply | null = null;
  let offered: string[] = [];
  const results: TurnResult[] = [];
  for (const [i, turn] of dialogue.turns.entries()) {
    time += 1000 + turn.speaker.waitMs;
    const message: IncomingMessage = {
      text: turn.text,
      chat: turn.speaker.chat,
      userId: turn.speaker.member,
      chatId: turn.speaker.chat === 'group' ? 'group' : 'private',
      addressed: turn.speaker.addressed,
    };
    const { reply } = await conversation.respond(message);
    const verdict = judge(turn.expect, reply, { previous, offered, shownBefore, facts });
    if (reply?.kind === 'answer') for (const item of reply.items) shownBefore.add(item.id);
    // A pick (「2」 then 「3」) counts in the same list: only other replies offer a new one.
    if (reply) previous = reply;
    if (reply && turn.expect.kind !== 'offered') offered = offeredBy(reply);
    results.push({ dialogue: dialogue.name, category: dialogue.category, turn, setup: i === 0, ...verdict });
  }
  return results;
}

/** Whether a reply is what the table expects, and what it was. */
export function judge(
  expect: Expectation,
  reply: Reply | null,
  context: {
    /** The last reply given. */
    previous: Reply | null;
    /** The list a pick counts in: what the last reply other than a pick offered (see {@link offeredBy}). */
    offered: readonly string[];
    shownBefore: ReadonlySet<string>;
    facts: Facts;
  },
): { ok: boolean; got: string } {
  const got = describe(reply);
  const items = reply?.kind === 'answer' ? reply.items.map((i) => i.id) : [];
  const entry = (id: string) => context.facts.entries.find((e) => e.id === id);
  const commitmentsOf = (keep: (c: Commitment) => boolean) => context.facts.commitments.filter(keep).length;
  const ok = (() => {
    switch (expect.kind) {
      case 'items':
        return reply?.kind === 'answer' && items.join(',') === expect.ids.join(',');
      case 'guess':
        return (
          reply?.kind === 'did-you-mean' &&
          reply.reason === 'guess' &&
          reply.candidates.length >= 1 &&
          reply.candidates.length <= 3 &&
          reply.candidates.every((c) => /^\/q (?:\d+|closing)$/.test(c.command))
        );
      case 'offered': {
        const offered = context.offered[expect.position - 1];
        return reply?.kind === 'answer' && offered !== undefined && commands.q(items[0] ?? '') === offered;
      }
      case 'about': {
        const previous = context.previous?.kind === 'answer' ? context.previous.items[0]?.id : undefined;
        const e = entry(expect.id ?? previous ?? '');
        const text = reply ? renderPlain(reply, Number.MAX_SAFE_INTEGER).join('\n') : '';
        return reply?.kind === 'list' && e !== undefined && text.includes(personOf(e).name) && text.includes(bodyOf(e));
      }
      case 'promises':
        return (
          reply?.kind === 'commitments' &&
          reply.title.includes(expect.id) &&
          reply.items.every((c) => c.id === expect.id) &&
          reply.items.length === commitmentsOf((c) => c.id === expect.id)
        );
      case 'promises-body':
        return (
          reply?.kind === 'commitments' &&
          reply.items.every((c) => c.body === expect.body) &&
          reply.items.length === commitmentsOf((c) => c.body === expect.body)
        );
      case 'another':
        return reply?.kind === 'answer' && items.length === 1 && !context.shownBefore.has(items[0]!);
      case 'end':
        return reply?.kind === 'list' && reply.lines.length === 0;
      case 'reply':
        return (
          (expect.reply === 'list' && reply?.kind === 'list') ||
          (expect.reply === 'choice' && reply?.kind === 'did-you-mean' && reply.reason !== 'guess') ||
          (expect.reply === 'help' && reply?.kind === 'help') ||
          (expect.reply === 'none' && reply?.kind === 'not-found') ||
          (expect.reply === 'nothing' && reply?.kind === 'nothing-to-follow')
        );
      case 'silence':
        return reply === null;
    }
  })();
  return { ok, got };
}

/** The commands a reply offered as a numbered choice, as a reader counts them: guesses, list lines, related. */
export function offeredBy(reply: Reply | null): string[] {
  switch (reply?.kind) {
    case 'did-you-mean':
      return reply.candidates.map((c) => c.command);
    case 'list':
      return reply.lines.map((l) => l.command);
    case 'commitments':
      return reply.items.map((c) => c.command);
    case 'answer':
      return reply.items.length > 1 ? reply.items.map((i) => commands.q(i.id)) : reply.related.map((r) => r.command);
    default:
      return [];
  }
}

/** A reply in a few words, for failure messages: `answer q5`, `guess q4 q8 q16`, `silence`. */
export function describe(reply: Reply | null): string {
  if (reply === null) return 'silence';
  switch (reply.kind) {
    case 'answer':
      return `answer ${reply.items.map((i) => i.id).join(' ')}`;
    case 'did-you-mean':
      return `${reply.reason === 'guess' ? 'guess' : 'choice'} ${reply.candidates.map((c) => c.command).join(' · ')}`;
    case 'commitments':
      return `commitments ${reply.items.map((c) => c.id).join(' ')} (${reply.title})`;
    case 'list':
      return `list ${reply.title} ${reply.lines.map((l) => l.key).join(' ')}`;
    default:
      return reply.kind;
  }
}

function speakerOf(who: string, at: string): Speaker {
  const m = /^(p|g[A-Z])(~)?(?:\+(\d+)([sm]))?$/.exec(who);
  if (!m) throw new Error(`${at}: who must be p, gA, gA~ (not addressed), with an optional +6m or +30s; got ${who}`);
  const waitMs = m[3] ? Number(m[3]) * (m[4] === 'm' ? 60_000 : 1000) : 0;
  return m[1] === 'p'
    ? { chat: 'private', member: 'p', addressed: true, waitMs }
    : { chat: 'group', member: m[1]!.slice(1), addressed: !m[2], waitMs };
}

function expectationOf(text: string, at: string): Expectation {
  const [head = '', arg = ''] = text.split(/[:@]/);
  const ids = arg.split(',').filter(Boolean);
  if (text.includes('@') && head === 'promises') return { kind: 'promises-body', body: arg };
  if (/^(?:q\d+|closing)(?:,(?:q\d+|closing))*$/.test(text)) return { kind: 'items', ids: text.split(',') };
  if (head === 'guess' && ids.length > 0) return { kind: 'guess', ids };
  if (head === 'offered' && /^\d+$/.test(arg)) return { kind: 'offered', position: Number(arg) };
  if (head === 'about' && ids.length <= 1) return { kind: 'about', id: arg || null };
  if (head === 'promises' && ids.length === 1) return { kind: 'promises', id: arg };
  if (text === 'another' || text === 'end' || text === 'silence') return { kind: text };
  if (text === 'list' || text === 'choice' || text === 'help' || text === 'none' || text === 'nothing')
    return { kind: 'reply', reply: text };
  throw new Error(`${at}: unknown expectation ${JSON.stringify(text)} (see the file's header)`);
}
