// The reply model: what the bot says, as data; renderers turn it into plain text or Telegram HTML.
import type { Status } from '../commitments/ledger.js';
import { bodyOf, type Entry, type Person, paragraphsOf, personOf } from '../hearing/model.js';
import { commands } from './intent.js';

/** Something the user can send next; adapters may show it as a button. @example { command: '/q 3', label: 'q3 市经信局' } */
export interface Suggestion {
  command: string;
  label: string;
}

/**
 * The hearing something comes from, when several are loaded: its short key (qualifies ids: 智慧交通q2) and the
 * heading it is shown under (「智慧交通」专题询问（2024年11月20日）). Null with one hearing: nothing is qualified.
 */
export interface HearingTag {
  key: string;
  heading: string;
}

/** One Q&A item (or the closing response) shown in full: who asked, what, which body answered, the answer verbatim. */
export interface AnswerItem {
  /** `q1`..`q18` or `closing` within its hearing; open it again with `/q <n>` (`/q <key> <n>` when several). */
  id: string;
  /** The hearing's id (its transcript's file name without `.txt`). */
  hearing: string;
  /** Which hearing, when several are loaded; null or absent otherwise. */
  from?: HearingTag | null;
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
  /** Its card on the published quick reference page (`…/quick-reference.html#q5`), when HEARING_PAGE_URL is set. */
  link?: string;
}

/** Another good match, offered short: open it with its `command`. */
export interface RelatedItem {
  /** As shown: `q3`, or `智慧交通q3` when several hearings are loaded. */
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
  /** The hearing whose heading the line goes under, when several are loaded and the list is grouped by hearing. */
  from?: HearingTag | null;
}

/** One commitment quoted verbatim, with the body that made it, who asked, and the command that opens the whole answer. */
export interface CommitmentLine {
  /** The Q&A it was said in (`q5`, or `closing`). */
  id: string;
  /** Which hearing, when several are loaded (the lines are grouped under its heading); null or absent otherwise. */
  from?: HearingTag | null;
  /** The answering body as printed. */
  body: string;
  asker: Person;
  /** The clause(s) exactly as published. */
  text: string;
  /** `/q 5`: opens the answer it comes from. */
  command: string;
  /** Where it stands in the follow-up ledger as of today; absent where a reply does not follow commitments up. */
  followUp?: CommitmentFollowUp;
}

/** A commitment's follow-up as the chat shows it: due date, whether overdue, the ledger's status, note and source. */
export interface CommitmentFollowUp {
  /** ISO date (the ledger's correction, else read from the words; a yearly one's next year end); null: no date given. */
  due: string | null;
  recurring: boolean;
  overdue: boolean;
  /** null: the ledger has no entry for it yet (said plainly). */
  status: Status | null;
  note?: string;
  /** The follow-up report the status comes from. */
  source?: string;
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
      /**
       * With several hearings, the other hearings that also answer a question (the newest's answer is shown): one
       * 「另见 2022年「优化营商环境」q3」 each, with the command that opens it. Absent or empty otherwise.
       */
      seeAlso?: Suggestion[];
    }
  | { kind: 'list'; title: string; lines: ListLine[]; note: string | null; suggestions: Suggestion[] }
  /** /promises <body>: that body's commitments, verbatim; `items` is empty (and `note` says so) when it made none. */
  | { kind: 'commitments'; title: string; items: CommitmentLine[]; note: string | null; suggestions: Suggestion[] }
  /** /start, /help: what the bot knows and how to ask. */
  | {
      kind: 'help';
      /** One hearing: its title as printed; several: how many there are. */
      title: string;
      /** One hearing: the sentence saying when and where; several: empty (each hearing has a line in `hearings`). */
      meetingLine: string;
      /** Several hearings: one line each (key, title, date); empty with one. */
      hearings: ListLine[];
      /** Every theme, as the command that opens it and its title. */
      themes: Suggestion[];
      /** Every command of the intent table, with a short label the command ignores. */
      commands: Suggestion[];
      examples: Suggestion[];
      /** What one can say after an answer or a list (谁问的, 还有呢, 不对, 2). */
      followUps: string[];
    }
  /** Nothing in the hearing matches: never an unrelated answer. `query` is the user's text, already cut short. */
  | {
      kind: 'not-found';
      /**
       * 'city': the question names a city no loaded hearing is from (`query`); `scope` lists the cities they are from.
       * 'closing': it asks for the overall response, and the record has none.
       */
      what: 'question' | 'dept' | 'who' | 'topic' | 'q' | 'promises' | 'hearing' | 'city' | 'closing';
      query: string;
      /** What was searched when several hearings are loaded (这2场专题询问); absent with one (这次专题询问). */
      scope?: string;
      suggestions: Suggestion[];
    }
  /**
   * The user picks one: a near miss (经心局 → 市经信局), a name several things share (管委会), with several
   * hearings a number each of them has (`/q 2`: which hearing's?), or, for a question with no confident answer,
   * up to three likely items (「你是不是想问：」, `what: 'question'`, candidates `/q n`).
   */
  | {
      kind: 'did-you-mean';
      what: 'dept' | 'who' | 'topic' | 'promises' | 'q' | 'question';
      /**
       * 'several-hearings' when the query is exact but found in more than one hearing; 'guess' when a question has
       * no confident answer but likely items (the middle answer between an answer and not-found).
       */
      reason: 'near-miss' | 'several-hearings' | 'guess';
      query: string;
      candidates: Suggestion[];
    }
  /** A message with no words to go on (emoji, punctuation, a picture): how to ask, with an example question. */
  | { kind: 'hint'; example: string; suggestions: Suggestion[] }
  /**
   * A follow-up (「谁问的」「还有呢」「不对」「2」) with no answer before it to follow: one line saying so, and a question
   * to start with.
   */
  | { kind: 'nothing-to-follow'; example: string }
  /** 谢谢 · 收到 · 好的: one short line in a private chat; silence in a group. */
  | { kind: 'acknowledgement' }
  /** 你是谁: who the bot is, in three lines: what it answers from, that it quotes, how to ask. */
  | { kind: 'introduction'; title: string; example: string }
  /** Private chats and the console: asked too fast; said once per limited stretch, then silence until it is over. */
  | { kind: 'rate-limited'; retryAfterSeconds: number }
  | { kind: 'unknown-command'; command: string; suggestions: Suggestion[] }
  /** Something broke inside this layer; the details went to the error handler, not to the chat. */
  | { kind: 'error' };

/** The item of an entry, exactly as published; `from` names its hearing when several are loaded. */
export function answerItemOf(entry: Entry, from: HearingTag | null = null): AnswerItem {
  return {
    id: entry.id,
    hearing: entry.hearing,
    ...(from ? { from } : {}),
    theme: entry.kind === 'qa' ? entry.theme.title : null,
    asker: personOf(entry),
    question: entry.kind === 'qa' ? entry.question : null,
    body: bodyOf(entry),
    paragraphs: [...paragraphsOf(entry)],
  };
}

/** An entry offered short under an answer, with the command that opens it in full. */
export function relatedItemOf(entry: Entry, from: HearingTag | null = null): RelatedItem {
  return {
    id: shownId(entry.id, from),
    body: bodyOf(entry),
    asker: personOf(entry),
    short: entry.kind === 'qa' ? shorten(entry.question, SHORT_QUESTION_CHARS) : '总体回应',
    command: commands.q(entry.id, from?.key),
  };
}

/**
 * An entry's id as users see and type it: `q5`, or `智慧交通q5` when several hearings are loaded.
 * @example shownId('q2', { key: '智慧交通', heading: '…' }) // '智慧交通q2'
 */
export function shownId(id: string, from: HearingTag | null | undefined): string {
  return from ? `${from.key}${id}` : id;
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
