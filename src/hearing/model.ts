// The hearing as data: zod schemas (validated at the file edges) and the types the rest of the code trusts.
import { z } from 'zod';

/** A member or deputy who asked, or the official who gave the overall response, as printed. */
export const PersonSchema = z.object({
  name: z.string().min(1),
  /** The title exactly as printed: 市人大常委会副主任, 委员, 代表, 市政府副市长…; empty when none is printed. */
  title: z.string(),
});
export type Person = z.infer<typeof PersonSchema>;

/** One of the themes (sections) the questions are grouped under, numbered from 1 in order. */
export const ThemeSchema = z.object({
  index: z.number().int().positive(),
  title: z.string().min(1),
});
export type Theme = z.infer<typeof ThemeSchema>;

/** One question and the answer one body gave to it. */
export const QaItemSchema = z.object({
  kind: z.literal('qa'),
  /** The hearing this item belongs to (its file name without `.txt`). */
  hearing: z.string().min(1),
  /** `q1`..`qN` in order of appearance within the hearing. */
  id: z.string().regex(/^q\d+$/),
  theme: ThemeSchema,
  asker: PersonSchema,
  question: z.string().min(1),
  /** The answering body as printed, e.g. 市经信局, 经开区管委会. */
  body: z.string().min(1),
  /** The answer's paragraphs, verbatim. */
  answer: z.array(z.string().min(1)).min(1),
  /** 1-based line of the question in the transcript, for people checking the source. */
  line: z.number().int().positive(),
});
export type QaItem = z.infer<typeof QaItemSchema>;

/** The overall response that closes the hearing (副市长汪元程's in the digital-economy hearing). */
export const ClosingSchema = z.object({
  kind: z.literal('closing'),
  hearing: z.string().min(1),
  id: z.literal('closing'),
  speaker: PersonSchema,
  paragraphs: z.array(z.string().min(1)).min(1),
  line: z.number().int().positive(),
});
export type Closing = z.infer<typeof ClosingSchema>;

/** A calendar day as ISO 8601 `YYYY-MM-DD` that exists (no 2023-02-30). */
export const IsoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
  .refine((date) => {
    const [year, month, day] = date.split('-').map(Number) as [number, number, number];
    const utc = new Date(Date.UTC(year, month - 1, day));
    return utc.getUTCFullYear() === year && utc.getUTCMonth() === month - 1 && utc.getUTCDate() === day;
  }, 'no such day');

/**
 * What people write beside a transcript, in `data/hearings/<transcript name>.json`: facts the transcript leaves out.
 * @example {"date": "2023-09-13"} // the meeting line says only 「9月13日」
 */
/** Keys people can type: a few Chinese characters, letters or digits. */
const HEARING_KEY = /^[\p{Script=Han}A-Za-z0-9]{1,8}$/u;

/**
 * `data/hearings/<name>.json` beside `<name>.txt`: what people add that the transcript leaves out. Every field is
 * optional; without the file the chat derives key, subject and examples from the transcript.
 * @example
 * { "key": "数字经济", "subject": "加快发展数字经济", "date": "2023-09-13",
 *   "examples": { "questions": ["经开区汽车怎么说"], "dept": "市经信局" } }
 */
export const HearingDataSchema = z
  .object({
    $comment: z.string().optional(),
    /** Qualifies ids and commands when several hearings are loaded (数字经济q5, `/topic 数字经济 2`). */
    key: z
      .string()
      .regex(HEARING_KEY, 'a short key of 1–8 Chinese characters, letters or digits, e.g. "数字经济"')
      .refine(
        (key) => !/^q?\d+$/i.test(key) && key.toLowerCase() !== 'closing',
        'must not look like a question (5, q5)',
      )
      .optional(),
    /** What the hearing was about, for headings: 「加快发展数字经济」专题询问. Default: the title's quoted words. */
    subject: z.string().trim().min(1).max(40).optional(),
    /** The day of the hearing; its month and day must agree with the transcript's meeting line. */
    date: IsoDateSchema.optional(),
    /** What help, menus and suggestions offer as examples; each must name something in this hearing. */
    examples: z
      .object({
        /** Questions as people type them (经开区汽车怎么说); the first is the one offered most. */
        questions: z.array(z.string().trim().min(1).max(40)).min(1).optional(),
        /** A body for `/dept` (a name people type: 市经信局, 经信局). */
        dept: z.string().trim().min(1).max(30).optional(),
        /** An asker for `/who`. */
        who: z.string().trim().min(1).max(30).optional(),
        /** A theme number for `/topic`. */
        topic: z
          .string()
          .regex(/^\d{1,2}$/, 'a theme number such as "2"')
          .optional(),
        /** A question number for `/q`. */
        q: z
          .string()
          .regex(/^\d{1,3}$/, 'a question number such as "5"')
          .optional(),
        /** A body for `/promises`. */
        promises: z.string().trim().min(1).max(30).optional(),
      })
      .strict()
      .optional(),
    /** Written by `cli import`: the city whose People's Congress held the hearing (武汉市). */
    city: z.string().trim().min(1).max(20).optional(),
    /** Written by `cli import`: the file the transcript was imported from, for people checking the source. */
    source: z.string().trim().min(1).optional(),
    /** Written by `cli import`: the shape the published record had (labelled, news-feature…). */
    shape: z.string().trim().min(1).optional(),
    /** Written by `cli import`: the person who answered for the body, when one is printed (q3 → 市发改委主任王五). */
    answerers: z.record(z.string().regex(/^q\d+$/), z.string().trim().min(1)).optional(),
  })
  .strict();
export type HearingData = z.infer<typeof HearingDataSchema>;

export const HearingSchema = z.object({
  id: z.string().min(1),
  title: z.string().min(1),
  /** The sentence that says when and where, e.g. 「9月13日,市十五届人大常委会第十二次会议举行…专题询问。」 */
  meetingLine: z.string(),
  /**
   * The day of the hearing, `YYYY-MM-DD`: the year from the meeting line when it prints one, else from the hearing's
   * data file; null when neither gives it.
   */
  date: IsoDateSchema.nullable(),
  /**
   * The city whose People's Congress held it (南京市), as its data file names it; null when the file names none. The
   * index fills that in with the home city of data/cities.json, so an engine's hearings always have one.
   */
  city: z.string().min(1).nullable(),
  intro: z.array(z.string()),
  themes: z.array(ThemeSchema).min(1),
  items: z.array(QaItemSchema).min(1),
  closing: ClosingSchema.nullable(),
});
export type Hearing = z.infer<typeof HearingSchema>;

/**
 * A date the way Chinese readers write it, with its year: 2023-09-13 → 2023年9月13日.
 * @example chineseDate(hearing.date) // '2023年9月13日'
 */
export function chineseDate(isoDate: string): string {
  const [year, month, day] = isoDate.split('-').map(Number);
  return `${year}年${month}月${day}日`;
}

/** Anything that can be shown as an answer: a Q&A item or the closing response. */
export type Entry = QaItem | Closing;

/** The body an entry speaks for: the answering body, or 市政府 for the closing response. */
export function bodyOf(entry: Entry): string {
  return entry.kind === 'closing' ? CLOSING_BODY : entry.body;
}
export const CLOSING_BODY = '市政府';

/** Who is named with the entry: the asker of a question, or the speaker of the closing response. */
export function personOf(entry: Entry): Person {
  return entry.kind === 'closing' ? entry.speaker : entry.asker;
}

/** The answer's paragraphs, verbatim. */
export function paragraphsOf(entry: Entry): string[] {
  return entry.kind === 'closing' ? entry.paragraphs : entry.answer;
}

/**
 * The meeting line with the hearing's date written out with its year in place of the month and day it prints
 * (「9月13日,市十五届…」 → 「2023年9月13日,市十五届…」); the line as printed when the year is unknown.
 */
export interface MeetingLine {
  before: string;
  /** The date as shown (2023年9月13日) and as ISO 8601; null when the hearing has no known date. */
  date: { text: string; iso: string } | null;
  after: string;
}

/** Puts the year into the meeting line's date, or the dated day before a line that has no date of that day. */
export function meetingLine(hearing: Hearing): MeetingLine {
  const line = hearing.meetingLine;
  if (!hearing.date) return { before: line, date: null, after: '' };
  const date = { text: chineseDate(hearing.date), iso: hearing.date };
  const [, month, day] = hearing.date.split('-').map(Number);
  const printed = new RegExp(`(?:\\d{4}年)?0?${month}月0?${day}日`).exec(line);
  if (!printed) return { before: '', date, after: line ? `　${line}` : '' };
  return { before: line.slice(0, printed.index), date, after: line.slice(printed.index + printed[0].length) };
}

/** The meeting line with its year: 「2023年9月13日,市十五届…」. */
export function meetingLineWithYear(hearing: Hearing): string {
  const { before, date, after } = meetingLine(hearing);
  return `${before}${date?.text ?? ''}${after}`;
}
