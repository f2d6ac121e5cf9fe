// Any text that is not a command: a bare name shows that body or person; else the best match, guesses, or not-found.
import { personOf } from '../../hearing/model.js';
import type { SearchHit } from '../../search/engine.js';
import { nearMissNames, resolveItem } from '../../search/names.js';
import { arrangeHits, chooseHearing } from '../hearing-choice.js';
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
  // With several hearings a year, a subject or 上次 picks one; a city none of them is from is out of scope.
  const choice = chooseHearing(k, text);
  if (choice.outsideCity) return outsideCity(k, choice.outsideCity);
  const { engine } = k;
  // A bare name (「经信局」, 「朱库成」) means everything that body answered or that person asked.
  const { bodies, people, groups } = engine.read(choice.rest);
  // Nothing but chat words (你好, 大家好, 谢谢): say what the bot can do instead of "nothing matches".
  if (groups.length === 0 && bodies.size === 0 && people.size === 0) return helpReply(k);
  if (groups.every((g) => g.weight === 0)) {
    const names = new Set([...people].map((e) => personOf(e).name));
    if (bodies.size === 1 && names.size === 0) return bodyAnswer(k, [...bodies][0]!, choice.hearing);
    if (bodies.size === 0 && names.size === 1) return personAnswer(k, [...names][0]!, choice.hearing);
  }
  const consulted = engine.consult(choice.rest, { limit: k.catalogue.several ? SEVERAL_LIMIT : 1 + k.relatedLimit });
  const inScope = (h: SearchHit) => !choice.hearing || h.entry.hearing === choice.hearing.hearing.id;
  const { hits, seeAlso } = arrangeHits(k, consulted.answers.filter(inScope));
  const guesses = consulted.guesses.filter(inScope);
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
      hits.slice(1, 1 + k.relatedLimit).map((h) => h.entry),
      nextSteps(k, best.entry),
    ),
    coverage: best.coverage,
    ...(seeAlso.length > 0 ? { seeAlso } : {}),
  };
}

/** A question about a city none of the hearings is from: said so, with the hearings to look at instead. */
function outsideCity(k: Knowledge, city: string): Reply {
  const cities = [...new Set(k.catalogue.hearings.map((h) => h.city))];
  return {
    kind: 'not-found',
    what: 'city',
    query: city,
    scope: cities.join('、'),
    suggestions: k.catalogue.several ? [{ command: commands.hearings(), label: '' }] : notFoundSuggestions(k),
  };
}

/** With several hearings every hearing's hits are gathered before the newest-first rule picks among them. */
const SEVERAL_LIMIT = 20;

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
