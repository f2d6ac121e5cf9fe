// Follow-ups: the reply to 「2」「谁问的」「还有呢」「有什么数字」「不对」「那光谷呢」, read against what the chat remembers.

import { bodyOf, type Entry, personOf } from '../hearing/model.js';
import { resolveBody, resolveItem, resolvePerson, unique } from '../search/names.js';
import type { Cue } from './cues.js';
import { chineseCount, commands, parseIntent } from './intent.js';
import { bodyAnswer } from './intents/dept.js';
import { replyTo } from './intents/index.js';
import { bodyPromises, entryPromises } from './intents/promises.js';
import { itemAnswer } from './intents/q.js';
import { personAnswer } from './intents/who.js';
import type { Knowledge } from './knowledge.js';
import type { Recollection } from './memory.js';
import { displayPerson, type ListLine, type Reply, SHORT_QUESTION_CHARS, shorten, shownId } from './reply.js';
import { answer, nextSteps, notFoundSuggestions } from './steps.js';

/** What a follow-up replies, and what the memory should carry over from before it. */
export interface FollowedUp {
  reply: Reply;
  /**
   * What the memory keeps from before instead of taking it from this reply: after 「2」 the list it picked from
   * stays (「3」 comes next); after 「谁问的」 everything stays (「不对」 still means the answer).
   */
  carry?: Partial<Pick<Recollection, 'source' | 'shown' | 'offered' | 'pending'>>;
  /** 「不对」: the item marked wrong, as shown (`q5`), for the misses log. */
  disliked?: string;
}

/**
 * The reply a follow-up gets from what the conversation remembers, or null when the memory has nothing it could
 * mean (the message is then read on its own).
 * @example followUp(k, { kind: 'pick', position: 2 }, memoryAfterGuesses)?.reply.kind // 'answer'
 */
export function followUp(k: Knowledge, cue: Cue, memory: Recollection): FollowedUp | null {
  switch (cue.kind) {
    case 'pick':
      return pick(k, cue.position, memory);
    case 'about':
      return about(k, cue.what, memory);
    case 'more':
      return next(k, memory, false);
    case 'step':
      return step(k, cue.by, memory);
    case 'dislike':
      return next(k, memory, true);
    case 'commitments':
      return commitments(k, memory);
    case 'elliptical':
      return elliptical(k, cue.subject, memory);
  }
}

/**
 * The entry a command of ours opens (`/q 5`, `/q 智慧交通 2`), or undefined for any other command.
 * @example entryOfCommand(k, '/q 5')?.id // 'q5'
 */
export function entryOfCommand(k: Knowledge, command: string): Entry | undefined {
  const intent = parseIntent(command);
  if (intent.kind !== 'q') return undefined;
  const { hearing, rest } = k.catalogue.split(intent.arg ?? '');
  const found = k.scopeOf(hearing).flatMap((info) => resolveItem(k.directoryOf(info), rest) ?? []);
  return found.length === 1 ? found[0] : undefined;
}

/** 「2」「第二个」: that line of the last list, guesses or related matches, as if its command had been sent. */
function pick(k: Knowledge, position: number, memory: Recollection): FollowedUp | null {
  const index = position === -1 ? memory.offered.length - 1 : position - 1;
  const command = memory.offered[index];
  if (command === undefined) return memory.offered.length > 0 ? offeredAgain(k, memory) : null;
  const reply = replyTo(parseIntent(command), k);
  if (!reply) return null;
  // The lines after the one picked come next, then those before it.
  const others = [...memory.offered.slice(index + 1), ...memory.offered.slice(0, index)];
  return {
    reply,
    carry: { offered: memory.offered, pending: others.filter((c) => !memory.seen.includes(c) && entryOfCommand(k, c)) },
  };
}

/** 「5」 when only three were offered: the list again, to pick from. */
function offeredAgain(k: Knowledge, memory: Recollection): FollowedUp {
  const lines: ListLine[] = memory.offered.map((command) => {
    const entry = entryOfCommand(k, command);
    if (!entry) return { key: command, cells: [], command };
    return {
      key: shownId(entry.id, k.catalogue.tagOf(entry)),
      cells: [bodyOf(entry), personOf(entry).name, short(entry)],
      command,
    };
  });
  return {
    reply: {
      kind: 'list',
      title: `刚才列出的只有${chineseCount(lines.length)}项：`,
      lines,
      note: null,
      suggestions: [],
    },
    carry: unchanged(memory),
  };
}

/** 「谁问的」「哪个部门答的」: who asked and which body answered what was just shown; the memory stays as it was. */
function about(k: Knowledge, what: 'asker' | 'body', memory: Recollection): FollowedUp | null {
  const entries = entriesOf(k, memory.shown);
  if (entries.length === 0) return null;
  const open = (e: Entry) => commands.q(e.id, k.catalogue.keyOf(e));
  const named =
    what === 'asker'
      ? unique(entries.map((e) => personOf(e).name)).map((name) => commands.who(name))
      : unique(entries.map(bodyOf)).map((body) => commands.dept(body));
  const one = entries.length === 1 ? entries[0]! : null;
  // One item: a sentence says it all, and the item stays one tap away; several: a line each.
  const reply: Reply = one
    ? {
        kind: 'list',
        title: aboutOne(k, what, one),
        lines: [],
        note: null,
        suggestions: [open(one), ...named].map((command) => ({ command, label: '' })),
      }
    : {
        kind: 'list',
        title: what === 'asker' ? '提问人：' : '答复单位：',
        lines: entries.map((e) => ({
          key: shownId(e.id, k.catalogue.tagOf(e)),
          cells: [
            `${displayPerson(personOf(e))}${e.kind === 'qa' ? '提问' : '总体回应'}`,
            `${bodyOf(e)}应询`,
            short(e),
          ],
          command: open(e),
        })),
        note: null,
        suggestions: named.map((command) => ({ command, label: '' })),
      };
  return { reply, carry: unchanged(memory) };
}

/** 「q7是程宏刚委员问的，市地方金融局应询回答。」 or 「q7由市地方金融局（…）应询回答，程宏刚委员提问。」 */
function aboutOne(k: Knowledge, what: 'asker' | 'body', entry: Entry): string {
  const id = shownId(entry.id, k.catalogue.tagOf(entry));
  const person = displayPerson(personOf(entry));
  if (entry.kind === 'closing') return `这是${person}的总体回应。`;
  return what === 'asker'
    ? `${id}是${person}问的，${bodyOf(entry)}应询回答。`
    : `${id}由${k.bodyName(bodyOf(entry))}应询回答，${person}提问。`;
}

/** The question cut to one phone line (总体回应 for the closing response). */
function short(entry: Entry): string {
  return entry.kind === 'qa' ? shorten(entry.question, SHORT_QUESTION_CHARS) : '总体回应';
}

/**
 * 「还有呢」: the next candidate not yet shown; 「不对」: the same, and the item shown is marked wrong. Candidates are
 * the related matches or guesses offered, then the rest of the body's answers, then the rest of the theme.
 */
function next(k: Knowledge, memory: Recollection, dislike: boolean): FollowedUp | null {
  const shown = entriesOf(k, memory.shown);
  const offered = entriesOf(k, memory.offered);
  if (shown.length === 0 && offered.length === 0) return null;
  const focus = shown[0];
  const disliked = dislike ? (focus ?? offered[0]) : undefined;
  const seen = new Set([...entriesOf(k, memory.seen), ...shown]);
  // After 「你是不是想问」 all three were offered at once: 「不对」 means none of them, so nothing is offered again.
  const guessedWrong = dislike && memory.source === 'guess' && shown.length === 0;
  const candidates = guessedWrong
    ? []
    : unique([
        ...entriesOf(k, memory.pending),
        ...(focus ? k.engine.entries.filter((e) => bodyOf(e) === bodyOf(focus)) : []),
        ...(focus?.kind === 'qa'
          ? k.engine.entries.filter(
              (e) => e.kind === 'qa' && e.hearing === focus.hearing && e.theme.index === focus.theme.index,
            )
          : []),
      ]).filter((e) => !seen.has(e));
  const marked = disliked ? { disliked: shownId(disliked.id, k.catalogue.tagOf(disliked)) } : {};
  const first = candidates[0];
  if (!first) {
    return {
      reply: {
        kind: 'list',
        title: dislike ? '没有更接近的问答了，换个说法再问试试，或者：' : '相关的问答都看过了，还可以：',
        lines: [],
        note: null,
        suggestions: notFoundSuggestions(k),
      },
      ...marked,
    };
  }
  const rest = candidates.slice(1, 1 + k.relatedLimit);
  return {
    reply: answer(k, 'q', null, [first], rest, nextSteps(k, first)),
    carry: { source: 'search' },
    ...marked,
  };
}

/**
 * 「下一个」「上一题」: the item after or before the one just shown, in its hearing's order (the closing comes after the
 * last question). With no one item shown (a list), or the next in order seen already, 下一个 is 还有呢.
 */
function step(k: Knowledge, by: 1 | -1, memory: Recollection): FollowedUp | null {
  const shown = entriesOf(k, memory.shown);
  const focus = shown.length === 1 ? shown[0] : undefined;
  // After a list (前三个问题, 代表们问了啥) the list is the order: 下一个 opens its first line, then the line after.
  const listed = memory.source === 'list' ? entriesOf(k, memory.offered) : [];
  if (listed.length > 0 && (!focus || listed.includes(focus))) {
    const target = listed[focus ? listed.indexOf(focus) + by : by === 1 ? 0 : -1];
    if (!target) return { reply: endOfOrder(k, by), carry: unchanged(memory) };
    // The list stays, so 下一个 goes on counting in it.
    return {
      reply: itemAnswer(k, target),
      carry: { source: memory.source, offered: memory.offered, pending: memory.pending },
    };
  }
  if (!focus) return by === 1 ? next(k, memory, false) : null;
  const { hearing } = k.catalogue.infoOf(focus);
  const order: Entry[] = [...hearing.items, ...(hearing.closing ? [hearing.closing] : [])];
  const target = order[order.indexOf(focus) + by];
  // Browsing related answers (经开区汽车 → 还有呢 → 下一个), the next in order may be one seen: then the next related one.
  if (target && by === 1 && entriesOf(k, memory.seen).includes(target)) return next(k, memory, false);
  if (target) return { reply: itemAnswer(k, target) };
  return { reply: endOfOrder(k, by), carry: unchanged(memory) };
}

/** 下一个 after the last, 上一个 before the first: one line saying so, and where to go. */
function endOfOrder(k: Knowledge, by: 1 | -1): Reply {
  return {
    kind: 'list',
    title: by === 1 ? '这已经是最后一项了，还可以：' : '这已经是第一项了，还可以：',
    lines: [],
    note: null,
    suggestions: notFoundSuggestions(k),
  };
}

/** 「有什么数字」「他们计划几年做成」: the commitments of what was just shown, or of the body just asked about. */
function commitments(k: Knowledge, memory: Recollection): FollowedUp | null {
  const shown = entriesOf(k, memory.shown);
  const bodyWide = memory.source === 'dept' || memory.source === 'promises' || shown.length === 0;
  if (bodyWide && memory.body) return { reply: bodyPromises(k, memory.body, null), carry: unchanged(memory) };
  if (shown.length === 0) return null;
  return { reply: entryPromises(k, shown), carry: unchanged(memory) };
}

/**
 * 「那东湖高新区呢」「那朱库成呢」: the same kind of question about another body or person: everything that body
 * answered after /dept, its commitments after /promises, else its answer closest to the item just shown. A topic
 * (「那农业呢」) is no follow-up: the message is searched on its own.
 */
function elliptical(k: Knowledge, subject: string, memory: Recollection): FollowedUp | null {
  const normalise = k.engine.analyser.normalise;
  const body = resolveBody(subject, k.directory.bodies, { normalise });
  if (body.kind === 'found') {
    const name = body.value;
    if (memory.source === 'promises') return { reply: bodyPromises(k, name, null) };
    const own = k.engine.entries.filter((e) => bodyOf(e) === name);
    const focus = entriesOf(k, memory.shown)[0];
    if (memory.source === 'dept' || memory.source === 'who' || !focus || own.length <= 1)
      return { reply: own.length === 1 ? itemAnswer(k, own[0]!) : bodyAnswer(k, name, null) };
    const closest = closestTo(k, focus, own);
    return { reply: closest ? itemAnswer(k, closest) : bodyAnswer(k, name, null) };
  }
  const person = resolvePerson(k.directory, subject);
  if (person.kind === 'found') return { reply: personAnswer(k, person.value, null) };
  return null;
}

/** Of `candidates`, the one whose answer is closest to what `focus` asked, by the engine; undefined if none is. */
function closestTo(k: Knowledge, focus: Entry, candidates: readonly Entry[]): Entry | undefined {
  const question = focus.kind === 'qa' ? focus.question : '';
  if (question === '') return undefined;
  // The focus's own body would pull every hit back to it: ask only about the subject.
  const { answers, guesses } = k.engine.consult(question, { limit: k.engine.entries.length });
  return [...answers, ...guesses].map((h) => h.entry).find((e) => candidates.includes(e));
}

/** The entries of our own `/q` commands, in order, skipping anything else. */
function entriesOf(k: Knowledge, commandList: readonly string[]): Entry[] {
  return unique(commandList.flatMap((c) => entryOfCommand(k, c) ?? []));
}

/**
 * A reply about what was shown (who asked it, its commitments) leaves the memory as it was: 「第三个」 still counts in
 * the same list, 「不对」 still means the answer.
 */
export function unchanged(memory: Recollection): FollowedUp['carry'] {
  return { source: memory.source, shown: memory.shown, offered: memory.offered, pending: memory.pending };
}
