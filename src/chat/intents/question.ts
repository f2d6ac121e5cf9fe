// Any text that is not a command: a bare name shows that body or person; else the best match, guesses, or not-found.
import { personOf } from '../../hearing/model.js';
import type { SearchHit } from '../../search/engine.js';
import { nearMissNames, resolveItem } from '../../search/names.js';
import { commands } from '../intent.js';
import type { Knowledge } from '../knowledge.js';
import { type Reply, relatedItemOf, type Suggestion } from '../reply.js';
import { answer, echo, hint, nextSteps, notFound, notFoundSuggestions } from '../steps.js';
import { bodyAnswer } from './dept.js';
import { helpReply } from './help.js';
import { progressReply } from './progress.js';
import { itemAnswer } from './q.js';
import { personAnswer } from './who.js';

/** @example question(k, '经开区汽车怎么说') // the answer of 经开区管委会 to 樊志宏 (q5) */
export function question(k: Knowledge, text: string): Reply {
  if (!/[\p{L}\p{N}]/u.test(text)) return hint(k);
  // 「智慧交通q2」: a qualified id as shown in lists, typed on its own.
  const { hearing, rest } = k.catalogue.split(text);
  if (hearing && QUESTION_NUMBER.test(rest)) {
    const entry = resolveItem(k.directoryOf(hearing), rest);
    if (entry) return itemAnswer(k, entry);
  }
  // 「经开区三年目标完成了吗」: what the follow-up ledger says, not what was said at the hearing.
  const progress = progressReply(k, text);
  if (progress) return progress;
  const { engine } = k;
  // A bare name (「经信局」, 「朱库成」) means everything that body answered or that person asked.
  const { bodies, people, groups } = engine.read(text);
  // Nothing but chat words (你好, 大家好, 谢谢): say what the bot can do instead of "nothing matches".
  if (groups.length === 0 && bodies.size === 0 && people.size === 0) return helpReply(k);
  if (groups.every((g) => g.weight === 0)) {
    const names = new Set([...people].map((e) => personOf(e).name));
    if (bodies.size === 1 && names.size === 0) return bodyAnswer(k, [...bodies][0]!, null);
    if (bodies.size === 0 && names.size === 1) return personAnswer(k, [...names][0]!, null);
  }
  const { answers: hits, guesses } = engine.consult(text, { limit: 1 + k.relatedLimit });
  const best = hits[0];
  if (!best && guesses.length > 0) return guessed(k, text, guesses.slice(0, MAX_GUESSES));
  if (!best) {
    const nearMisses = nearMissNames(k.directory, text).map(
      (m): Suggestion => ({
        command: m.kind === 'body' ? commands.dept(m.name) : m.kind === 'person' ? commands.who(m.name) : m.name,
        label: '',
      }),
    );
    return notFound(k, 'question', text, nearMisses.length > 0 ? nearMisses : notFoundSuggestions(k));
  }
  return {
    ...answer(
      k,
      'search',
      null,
      [best.entry],
      hits.slice(1).map((h) => h.entry),
      nextSteps(k, best.entry),
    ),
    coverage: best.coverage,
  };
}

/**
 * The middle answer: no confident answer, but likely items, offered as 「你是不是想问：」 with the command that opens each
 * (buttons on Telegram), labelled with body, asker and the question cut short.
 */
export function guessed(k: Knowledge, text: string, guesses: readonly SearchHit[]): Reply {
  return {
    kind: 'did-you-mean',
    what: 'question',
    reason: 'guess',
    query: echo(text),
    candidates: guesses.map(({ entry }) => {
      const related = relatedItemOf(entry, k.catalogue.tagOf(entry));
      return { command: related.command, label: `${related.body} · ${related.asker.name} · ${related.short}` };
    }),
  };
}

/** 「你是不是想问」 offers at most this many: more is a list, not a guess. */
export const MAX_GUESSES = 3;

/** What may follow a hearing's key to name one of its questions: q2, 2, 第2题. */
const QUESTION_NUMBER = /^(?:q\s*\d+|第?\s*[0-9一二两三四五六七八九十]+\s*[题问]?)$/i;
