// Any text that is not a command: a bare name shows that body or person; else the best match, guesses, or not-found.
import { type Entry, personOf } from '../../hearing/model.js';
import type { Consultation, SearchHit } from '../../search/engine.js';
import { nearMissNames, resolveItem } from '../../search/names.js';
import { readCourtesy } from '../courtesy.js';
import { arrangeHits, chooseHearing } from '../hearing-choice.js';
import { commands } from '../intent.js';
import type { Knowledge } from '../knowledge.js';
import { type Reply, relatedItemOf, type Suggestion } from '../reply.js';
import { answer, echo, exampleQuestion, hint, nextSteps, notFound, notFoundSuggestions } from '../steps.js';
import { bodyAnswer } from './dept.js';
import { helpReply } from './help.js';
import { progressReply } from './progress.js';
import { itemAnswer } from './q.js';
import { personAnswer } from './who.js';

/** @example question(k, '经开区汽车怎么说') // the answer of 经开区管委会 to 樊志宏 (q5) */
export function question(k: Knowledge, text: string): Reply {
  // 👍 is thanks, not a message without words.
  const courtesy = readCourtesy(text);
  if (courtesy === 'acknowledgement') return { kind: 'acknowledgement' };
  if (!/[\p{L}\p{N}]/u.test(text)) return hint(k);
  if (courtesy === 'introduction')
    return {
      kind: 'introduction',
      title: k.catalogue.several ? `${k.catalogue.hearings.length}场专题询问` : k.catalogue.hearings[0]!.hearing.title,
      example: exampleQuestion(k),
    };
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
  const consultation = engine.consult(choice.rest, {
    limit: k.catalogue.several ? SEVERAL_LIMIT : 1 + k.relatedLimit,
  });
  const inScope = (h: SearchHit) => !choice.hearing || h.entry.hearing === choice.hearing.hearing.id;
  const { hits, seeAlso } = arrangeHits(k, consultation.answers.filter(inScope));
  const guesses = consultation.guesses.filter(inScope);
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
  const shown = [best.entry, ...alsoAsked(k, text, consultation, best)];
  return {
    ...answer(
      k,
      'search',
      null,
      shown,
      hits
        .slice(1)
        .map((h) => h.entry)
        .filter((e) => !shown.includes(e))
        .slice(0, k.relatedLimit),
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
 * What else the message asks for, shown in full beside the best answer: the item of each other person a reference
 * fits (陈副主任 is 陈光菊 and 陈新垓: both answers), and the answer to each other question of the message
 * (「汉融通是啥？光谷人才计划呢」: an answer to each). At most {@link MAX_SHOWN} items in all.
 */
function alsoAsked(k: Knowledge, text: string, consultation: Consultation, bestHit: SearchHit): Entry[] {
  const best = bestHit.entry;
  const more: Entry[] = [];
  const add = (entry: Entry | undefined) => {
    if (entry && entry !== best && !more.includes(entry) && more.length < MAX_SHOWN - 1) more.push(entry);
  };
  const asker = personOf(best).name;
  for (const reference of consultation.people) {
    if (reference.people.length < 2 || !reference.people.some((p) => p.name === asker)) continue;
    for (const person of reference.people) {
      if (person.name === asker) continue;
      // The person's entry the message matches as well as the best one: when the topic tells them apart
      // (「陈主任问中小企业那个」), it has picked, and the other person's item is not shown.
      const matched = consultation.answers.find((h) => personOf(h.entry).name === person.name);
      if (matched && matched.coverage >= bestHit.coverage) add(matched.entry);
    }
  }
  const questions = text.split(QUESTION_END).filter((part) => /[\p{L}\p{N}]/u.test(part));
  // A question counts on its own only if one answer covers all it says and also answers the whole message:
  // 「…几纳米的？要用几年做上去」 asks one thing in two sentences, and the second alone half-matches another deadline.
  const answersWhole = new Set(consultation.answers.map((h) => h.entry));
  if (questions.length > 1)
    for (const part of questions) {
      // Only a question one answer settles: 「打算几年做大」 fits several equally and picks none.
      const full = k.engine.consult(part, { limit: 2 }).answers.filter((h) => h.coverage >= WHOLE_QUESTION);
      if (full.length === 1 && answersWhole.has(full[0]!.entry)) add(full[0]!.entry);
    }
  return more;
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

/** A reply shows at most this many items in full for one message; more is a list. */
const MAX_SHOWN = 3;
/** The coverage at which an answer says all one question of a message asks. */
const WHOLE_QUESTION = 0.9;
/** Where one question of a message ends and the next may begin. */
const QUESTION_END = /[?？。！!；;]+/u;

/** 「你是不是想问」 offers at most this many: more is a list, not a guess. */
export const MAX_GUESSES = 3;

/** What may follow a hearing's key to name one of its questions: q2, 2, 第2题. */
const QUESTION_NUMBER = /^(?:q\s*\d+|第?\s*[0-9一二两三四五六七八九十]+\s*[题问]?)$/i;
