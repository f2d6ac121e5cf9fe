// What an import reads from a record: the preview model (the pairs, the closing, what could not be placed), before it is written.
import type { Person } from '../hearing/model.js';

/** The shapes hearings are published in (issue #22's table); mixed script and punctuation are read in every one. */
export const SHAPES = ['labelled', 'name-colon', 'bare-name', 'qa-blocks', 'news-feature'] as const;
export type Shape = (typeof SHAPES)[number];

/** One question and the answer one body gave to it; a question answered by two bodies is two pairs. */
export interface ImportedPair {
  /** 1-based, in order of appearance. */
  n: number;
  /** The theme or sub-heading it was asked under; null when the record has none. */
  theme: string | null;
  asker: Person;
  /** The answering body, as the bodies table prints it (市发改委). */
  body: string;
  /** The person who answered for the body as printed (市发改委主任王五); null when only the body is named. */
  answerer: string | null;
  /** The question's paragraphs, verbatim. */
  question: string[];
  /** The answer's paragraphs, verbatim. */
  answer: string[];
  /** 1-based line of the question in the text read. */
  line: number;
}

/** The overall response that closes a hearing. */
export interface ImportedClosing {
  speaker: Person;
  paragraphs: string[];
  line: number;
}

/** A paragraph the import could not place, with its line in the text read. */
export interface Unplaced {
  line: number;
  text: string;
}

/** The whole reading of one record: what the preview shows and what `--write` stores. */
export interface Reading {
  shape: Shape;
  title: string;
  /** The city whose People's Congress held the hearing (武汉市); null when the text does not say. */
  city: string | null;
  /** YYYY-MM-DD; null when the text gives no year (then `--date` is needed to write it). */
  date: string | null;
  /** The paragraphs between the title and the first theme or question, verbatim. */
  intro: string[];
  items: ImportedPair[];
  closing: ImportedClosing | null;
  unplaced: Unplaced[];
  /** Traditional characters were read (names are written in Simplified, words verbatim). */
  traditional: boolean;
}

/** One paragraph of the text read: as printed, its reading copy (see fold.ts) and its line. */
export interface Paragraph {
  line: number;
  text: string;
  reading: string;
}

/**
 * The next pair of a reading: `question` (now answered) with `answer` from `answerer`, numbered after `items`.
 * @example result.items.push(answeredPair(result.items, theme, question, { body: '市发改委', answerer: null }, [words]))
 */
export function answeredPair(
  items: readonly ImportedPair[],
  theme: string | null,
  question: { asker: Person; text: string[]; line: number; answered: boolean },
  answerer: { body: string; answerer: string | null },
  answer: string[],
): ImportedPair {
  question.answered = true;
  return {
    n: items.length + 1,
    theme,
    asker: question.asker,
    body: answerer.body,
    answerer: answerer.answerer,
    question: question.text,
    answer,
    line: question.line,
  };
}
