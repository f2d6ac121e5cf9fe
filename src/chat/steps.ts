// Steps intents share: an answer naming each entry's hearing, not-found, resolve → did-you-mean → not-found → found.

import { bodyOf, type Entry } from '../hearing/model.js';
import type { Resolution } from '../search/names.js';
import type { HearingInfo } from './catalogue.js';
import { chineseCount, commands } from './intent.js';
import type { Knowledge } from './knowledge.js';
import { answerItemOf, type ListLine, type Reply, relatedItemOf, type Suggestion, shorten } from './reply.js';

export type AnswerReply = Extract<Reply, { kind: 'answer' }>;
type NotFoundWhat = Extract<Reply, { kind: 'not-found' }>['what'];
type PickWhat = Extract<Reply, { kind: 'did-you-mean' }>['what'];

/**
 * Entries shown in full (each named by its hearing when several are loaded), with other matches and what to do next.
 * @example answer(k, 'q', null, [entry], [], nextSteps(k, entry))
 */
export function answer(
  k: Knowledge,
  source: AnswerReply['source'],
  title: string | null,
  entries: readonly Entry[],
  related: readonly Entry[],
  suggestions: Suggestion[],
): AnswerReply {
  return {
    kind: 'answer',
    source,
    coverage: 1,
    title,
    items: entries.map((e) => answerItemOf(e, k.catalogue.tagOf(e))),
    related: related.map((e) => relatedItemOf(e, k.catalogue.tagOf(e))),
    suggestions,
  };
}

/** Nothing matches `query` (quoted back cut short), with what to try instead. */
export function notFound(k: Knowledge, what: NotFoundWhat, query: string, suggestions: Suggestion[]): Reply {
  return { kind: 'not-found', what, query: echo(query), ...(k.scope ? { scope: k.scope } : {}), suggestions };
}

/** How one command turns what a name resolved to into a reply. */
export interface Settling<T> {
  what: PickWhat & NotFoundWhat;
  /** What the user typed for the name (without a hearing key). */
  query: string;
  /** A candidate as the command that opens it, with a label. */
  candidate: (value: T, hearing: HearingInfo | null) => Suggestion;
  /** What to offer when nothing matches. */
  none: Suggestion[];
  found: (value: T, hearing: HearingInfo | null) => Reply;
}

/**
 * The step /dept, /who, /topic, /q and /promises share: a name resolved in one or more hearings becomes the reply for
 * what it found; a "which one?" when it matched in several hearings or only nearly; or a not-found.
 * @example replyForName(k, [{ hearing: null, resolution: resolveBody(arg, bodies) }], { what: 'dept', query: arg, … })
 */
export function replyForName<T>(
  k: Knowledge,
  resolutions: ReadonlyArray<{ hearing: HearingInfo | null; resolution: Resolution<T> }>,
  how: Settling<T>,
): Reply {
  const found = resolutions.flatMap(({ hearing, resolution }) =>
    resolution.kind === 'found' ? [{ hearing, value: resolution.value }] : [],
  );
  if (found.length === 1) return how.found(found[0]!.value, found[0]!.hearing);
  const near = resolutions.flatMap(({ hearing, resolution }) =>
    resolution.kind === 'did-you-mean' ? resolution.candidates.map((value) => ({ hearing, value })) : [],
  );
  const choices = found.length > 1 ? found : near;
  if (choices.length === 0) return notFound(k, how.what, how.query, how.none);
  return {
    kind: 'did-you-mean',
    what: how.what,
    reason: found.length > 1 ? 'several-hearings' : 'near-miss',
    query: echo(how.query),
    candidates: choices.map(({ hearing, value }) => how.candidate(value, hearing)),
  };
}

/**
 * A list over the hearings a command covers: each hearing's lines, under its heading when several are loaded.
 * @example perHearing(k, null, (info) => info.hearing.themes.map(…))
 */
export function perHearing(
  k: Knowledge,
  hearing: HearingInfo | null,
  linesOf: (info: HearingInfo) => ListLine[],
): ListLine[] {
  return k
    .scopeOf(hearing)
    .flatMap((info) => linesOf(info).map((line) => (k.catalogue.several ? { ...line, from: info.tag } : line)));
}

/** What to open next after an entry: everything its body said (when it said more), its theme, its hearing's list. */
export function nextSteps(k: Knowledge, entry: Entry): Suggestion[] {
  const body = bodyOf(entry);
  const key = k.catalogue.keyOf(entry);
  const more = k.engine.entries.filter((e) => bodyOf(e) === body).length > 1;
  return [
    ...(more ? [{ command: commands.dept(body), label: '' }] : []),
    ...(entry.kind === 'qa' ? [{ command: commands.topic(entry.theme.index, key), label: '' }] : []),
    { command: commands.list(key), label: '' },
  ];
}

/** The reply to a message with no words (emoji, punctuation, a picture): ask in words, like this example. */
export function hint(k: Knowledge): Reply {
  return {
    kind: 'hint',
    example: exampleQuestion(k),
    suggestions: [
      { command: commands.help(), label: '用法' },
      { command: commands.list(), label: '全部问题' },
    ],
  };
}

/** What a question that matches nothing is offered: the themes, the bodies and a question that works. */
export function notFoundSuggestions(k: Knowledge): Suggestion[] {
  return [
    ...(k.catalogue.several
      ? [{ command: commands.hearings(), label: `看${chineseCount(k.facts.hearings)}场专题询问` }]
      : []),
    { command: commands.topic(), label: `看${chineseCount(k.facts.themes)}个主题` },
    { command: commands.dept(), label: '看各答复单位' },
    { command: exampleQuestion(k), label: '' },
  ];
}

/** The first hearing's first example question. */
export function exampleQuestion(k: Knowledge): string {
  return k.catalogue.hearings[0]!.examples.questions[0]!;
}

/** User text quoted back is cut short: a reply must not repeat a pasted essay. */
export function echo(text: string): string {
  return shorten(text, ECHO_CHARS);
}

const ECHO_CHARS = 30;
