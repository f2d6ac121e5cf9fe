// What a reply leaves in the conversation's memory: items shown, commands offered, the body or person asked about.
import { commands } from './intent.js';
import { MAX_QUESTION_CHARS, MAX_REFS, type Recollection } from './memory.js';
import type { Reply } from './reply.js';

/** What a follow-up keeps from before instead of taking it from its reply (see `FollowedUp.carry`). */
export type Carry = Partial<Pick<Recollection, 'source' | 'shown' | 'offered' | 'pending'>>;

/**
 * The memory after `reply`, given the memory before it (undefined when there was none or it expired): the thread
 * goes on, one turn more, with what this reply showed and offered. Items are kept as the commands that open them
 * (`/q 5`), so nothing a person typed is kept.
 * @example recollect(undefined, answerToQ5, { now: Date.now() }).shown // ['/q 5']
 */
export function recollect(
  previous: Recollection | undefined,
  reply: Reply,
  options: { now: number; carry?: Carry; question?: string },
): Recollection {
  const fresh = recalledFrom(reply);
  // A reply with nothing to follow (not-found, help, a hint) leaves what came before: 「谁问的」 after 「今天天气怎么样」
  // still means the answer before it.
  const before = fresh.source === 'other' && previous ? previous : undefined;
  const carried = { ...fresh, ...(before && pick(before)), ...options.carry };
  const seen = [...(previous?.seen ?? []), ...carried.shown].filter((c, i, all) => all.indexOf(c) === i);
  return {
    at: options.now,
    turns: (previous?.turns ?? 0) + 1,
    source: carried.source,
    shown: cap(carried.shown),
    offered: cap(carried.offered),
    pending: cap(carried.pending.filter((c) => !seen.includes(c))),
    seen: seen.slice(-MAX_REFS),
    body: fresh.body ?? previous?.body ?? null,
    person: fresh.person ?? previous?.person ?? null,
    // A message read on its own that shows or offers items (a question, a name, a command) replaces the question, so
    // 「不对」 logs the message whose answer is shown; a follow-up keeps the one its thread began with.
    question:
      fresh.source !== 'other' && options.question !== undefined
        ? options.question.slice(0, MAX_QUESTION_CHARS)
        : (previous?.question ?? null),
  };
}

type Recalled = Pick<Recollection, 'source' | 'shown' | 'offered' | 'pending'> & {
  body: string | null;
  person: string | null;
};

/** What one reply shows and offers, by its kind. */
function recalledFrom(reply: Reply): Recalled {
  const nothing: Recalled = { source: 'other', shown: [], offered: [], pending: [], body: null, person: null };
  switch (reply.kind) {
    case 'answer': {
      const shown = reply.items.map((item) => commands.q(item.id, item.from?.key));
      const related = reply.related.map((r) => r.command);
      const single = reply.items.length === 1 ? reply.items[0]! : null;
      const first = reply.items[0];
      return {
        source: reply.source,
        shown,
        // Several items in full (/dept, /topic): 「第二个」 counts among them; one item: among its related matches.
        offered: reply.items.length > 1 ? shown : related,
        pending: related,
        body: single?.body ?? (reply.source === 'dept' && first ? first.body : null),
        person: single?.asker.name ?? (reply.source === 'who' && first ? first.asker.name : null),
      };
    }
    case 'did-you-mean': {
      const offered = reply.candidates.map((c) => c.command);
      return reply.reason === 'guess'
        ? { ...nothing, source: 'guess', offered, pending: offered }
        : { ...nothing, offered };
    }
    case 'list':
      return { ...nothing, source: 'list', offered: reply.lines.map((l) => l.command) };
    case 'commitments': {
      const bodies = [...new Set(reply.items.map((c) => c.body))];
      return {
        ...nothing,
        source: 'promises',
        offered: reply.items.map((c) => c.command),
        body: bodies.length === 1 ? bodies[0]! : null,
      };
    }
    default:
      return nothing;
  }
}

const pick = ({ source, shown, offered, pending }: Recollection): Carry => ({ source, shown, offered, pending });
const cap = (commandList: readonly string[]): string[] => commandList.slice(0, MAX_REFS);
