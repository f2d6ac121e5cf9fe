// The reply model: what the bot says, as data; renderers turn it into plain text or Telegram HTML.
import { bodyOf, type Entry, type Person, paragraphsOf, personOf, type Theme } from '../hearing/model.js';

/** Something the user can send next; adapters may show it as a button. @example { command: '/q 3', label: 'q3 市经信局' } */
export interface Suggestion {
  command: string;
  label: string;
}

/** One Q&A item (or the closing response) shown in full: who asked, what, which body answered, the answer verbatim. */
export interface AnswerItem {
  /** `q1`..`q18` or `closing`; open it again with `/q <n>`. */
  id: string;
  hearing: string;
  /** The theme the question was asked under; null for the closing response. */
  theme: string | null;
  /** The member or deputy who asked (for the closing response: the official who gave it). */
  asker: Person;
  /** The question as printed; null for the closing response. */
  question: string | null;
  /** The answering body as printed (市经信局…; 市政府 for the closing response). */
  body: string;
  /** The answer's paragraphs, verbatim. */
  paragraphs: string[];
}

/** Another good match, offered short: open it with its `command`. */
export interface RelatedItem {
  id: string;
  body: string;
  asker: Person;
  /** The question shortened to a few words (or 总体回应). */
  short: string;
  command: string;
}

/** One line of a list: a key (q3, 市经信局, 2…) and its details, and the command that opens it. */
export interface ListLine {
  key: string;
  cells: string[];
  command: string;
}

/** One commitment quoted verbatim, with the body that made it, who asked, and the command that opens the whole answer. */
export interface CommitmentLine {
  /** The Q&A it was said in (`q5`, or `closing`). */
  id: string;
  /** The answering body as printed. */
  body: string;
  asker: Person;
  /** The clause(s) exactly as published. */
  text: string;
  /** `/q 5`: opens the answer it comes from. */
  command: string;
}

export type Reply =
  /** Entries shown in full: a search's best match, /q, or every item of a body, person or theme. */
  | {
      kind: 'answer';
      source: 'search' | 'dept' | 'who' | 'topic' | 'q';
      title: string | null;
      items: AnswerItem[];
      related: RelatedItem[];
      suggestions: Suggestion[];
      /** Share (0..1) of the question the best item matches (SearchHit.coverage); 1 for commands and names. */
      coverage: number;
    }
  | { kind: 'list'; title: string; lines: ListLine[]; note: string | null; suggestions: Suggestion[] }
  /** /promises <body>: that body's commitments, verbatim; `items` is empty (and `note` says so) when it made none. */
  | { kind: 'commitments'; title: string; items: CommitmentLine[]; note: string | null; suggestions: Suggestion[] }
  /** /start, /help: what the bot knows and how to ask. */
  | {
      kind: 'help';
      title: string;
      meetingLine: string;
      themes: Theme[];
      commands: Suggestion[];
      examples: Suggestion[];
    }
  /** Nothing in the hearing matches: never an unrelated answer. `query` is the user's text, already cut short. */
  | {
      kind: 'not-found';
      what: 'question' | 'dept' | 'who' | 'topic' | 'q' | 'promises';
      query: string;
      suggestions: Suggestion[];
    }
  /** A near miss (经心局): the user picks one. */
  | { kind: 'did-you-mean'; what: 'dept' | 'who' | 'topic' | 'promises'; query: string; candidates: Suggestion[] }
  /** A message with no words to go on (emoji, punctuation): how to ask. */
  | { kind: 'hint'; suggestions: Suggestion[] }
  | { kind: 'unknown-command'; command: string; suggestions: Suggestion[] }
  /** Something broke inside this layer; the details went to the error handler, not to the chat. */
  | { kind: 'error' };

export type ReplyKind = Reply['kind'];

/** The item of an entry, exactly as published. */
export function answerItemOf(entry: Entry): AnswerItem {
  return {
    id: entry.id,
    hearing: entry.hearing,
    theme: entry.kind === 'qa' ? entry.theme.title : null,
    asker: personOf(entry),
    question: entry.kind === 'qa' ? entry.question : null,
    body: bodyOf(entry),
    paragraphs: [...paragraphsOf(entry)],
  };
}

export function relatedItemOf(entry: Entry): RelatedItem {
  return {
    id: entry.id,
    body: bodyOf(entry),
    asker: personOf(entry),
    short: entry.kind === 'qa' ? shorten(entry.question, SHORT_QUESTION_CHARS) : '总体回应',
    command: commandFor(entry.id),
  };
}

/** `/q 5` for q5, `/q closing` for the closing response. */
export function commandFor(id: string): string {
  return `/q ${id.startsWith('q') ? id.slice(1) : id}`;
}

/** A person as printed in the transcript: 委员 and 代表 follow the name (樊志宏委员), other titles go before it (市人大常委会副主任龙良文). */
export function displayPerson(person: Person): string {
  if (person.title === '') return person.name;
  return TRAILING_TITLES.has(person.title) ? `${person.name}${person.title}` : `${person.title}${person.name}`;
}

/** Cuts text to at most `max` characters (code points), marking the cut with …; never splits a surrogate pair. */
export function shorten(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, Math.max(max - 1, 0)).join('')}…`;
}

/** Related matches show this much of the question: enough to recognise it on one phone line. */
export const SHORT_QUESTION_CHARS = 20;
const TRAILING_TITLES = new Set(['委员', '代表']);
