// Transcript parser: turns a published 专题询问 transcript (plain text, one paragraph a line) into a Hearing.
import {
  type Closing,
  type Hearing,
  type HearingData,
  HearingSchema,
  IsoDateSchema,
  type Person,
  type QaItem,
  type Theme,
} from './model.js';

/** A transcript that cannot be read as a hearing; says which file and line, and why. */
export class TranscriptError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly reason: string,
  ) {
    super(`transcript ${file}:${line}: ${reason}`);
    this.name = 'TranscriptError';
  }
}

/**
 * Parses one transcript.
 * @param text the file's text, exactly as published
 * @param file the file name, used for the hearing id (without `.txt`) and in errors
 * @param data what the hearing's data file adds (see {@link HearingDataSchema}), e.g. the year the meeting line omits
 * @example parseTranscript(readFileSync(path, 'utf8'), 'digital-economy-2023-09-13.txt').items.length // 18
 */
export function parseTranscript(text: string, file: string, data: HearingData = {}): Hearing {
  const hearingId = file.replace(/^.*[\\/]/, '').replace(/\.txt$/i, '');
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const fail = (line: number, reason: string): never => {
    throw new TranscriptError(file, line, reason);
  };

  let title = '';
  const intro: string[] = [];
  const introLines: number[] = [];
  const themes: Theme[] = [];
  const items: QaItem[] = [];
  let closing: Closing | null = null;
  // The question being answered; kept after its first answer because one question may get answers from several bodies.
  let question: { asker: Person; text: string; line: number; answered: boolean } | null = null;
  let answer: QaItem | null = null;

  const requireAnswered = (line: number) => {
    if (question && !question.answered)
      fail(question.line, `question by ${question.asker.name} has no answer before line ${line}`);
  };

  lines.forEach((raw, i) => {
    const lineNo = i + 1;
    const line = raw.trim();
    if (line === '' || DEBRIS.test(line)) return;
    if (!title) {
      title = line
        .replace(/^[—-]+/, '')
        .replace(/[—-]+$/, '')
        .trim();
      if (!title) fail(lineNo, 'the first line should be the title');
      return;
    }
    if (closing) {
      closing.paragraphs.push(line);
      return;
    }
    const asked = QUESTION.exec(line);
    const answered = ANSWER.exec(line);
    const responded = CLOSING.exec(line);
    if (isThemeLine(line)) {
      requireAnswered(lineNo);
      themes.push({ index: themes.length + 1, title: line.replace(/[—-]+$/, '').trim() });
      question = null;
      answer = null;
    } else if (asked) {
      requireAnswered(lineNo);
      if (themes.length === 0) fail(lineNo, 'a question comes before the first theme line (a line ending in 「——」)');
      question = { asker: splitPerson(asked[1]!), text: asked[2]!.trim(), line: lineNo, answered: false };
      if (!question.text) fail(lineNo, `question by ${question.asker.name} is empty`);
      answer = null;
    } else if (answered) {
      if (!question) fail(lineNo, `answer by ${answered[1]} has no question before it`);
      const q = question!;
      q.answered = true;
      answer = {
        kind: 'qa',
        hearing: hearingId,
        id: `q${items.length + 1}`,
        theme: themes[themes.length - 1]!,
        asker: q.asker,
        question: q.text,
        body: answered[1]!.trim(),
        answer: answered[2]!.trim() ? [answered[2]!.trim()] : [],
        line: q.line,
      };
      items.push(answer);
    } else if (responded) {
      requireAnswered(lineNo);
      const text = responded[2]!.trim();
      closing = {
        kind: 'closing',
        hearing: hearingId,
        id: 'closing',
        speaker: splitPerson(responded[1]!),
        paragraphs: text ? [text] : [],
        line: lineNo,
      };
    } else if (answer) {
      answer.answer.push(line);
    } else if (question) {
      // A question printed over more than one paragraph.
      question.text += `\n${line}`;
    } else if (themes.length === 0) {
      intro.push(line);
      introLines.push(lineNo);
    } else {
      fail(lineNo, 'text after a theme line that is neither a question nor an answer');
    }
  });

  if (!title) fail(1, 'the file is empty');
  requireAnswered(lines.length);
  for (const item of items)
    if (item.answer.length === 0) fail(item.line, `the answer by ${item.body} to ${item.asker.name} is empty`);
  if (items.length === 0) fail(lines.length, 'no question and answer found (lines like 「…提问:」 and 「…应询回答:」)');
  const finalClosing = closing as Closing | null;
  if (finalClosing && finalClosing.paragraphs.length === 0) fail(finalClosing.line, 'the overall response is empty');

  const meeting = findMeetingLine(intro, introLines);
  return HearingSchema.parse({
    id: hearingId,
    title,
    meetingLine: meeting.text,
    date: hearingDate(meeting, data, `${hearingId}.json`, fail),
    city: data.city ?? null,
    intro,
    themes,
    items,
    closing: finalClosing,
  });
}

/** Splits 「市人大常委会副主任龙良文」 or 「谭刚毅委员」 into name and printed title. */
export function splitPerson(text: string): Person {
  const s = text.trim();
  // An asker the record leaves unnamed (一位委员, 另一位代表) is known only by those words.
  if (/^另?一位/.test(s)) return { name: s, title: '' };
  const suffix = /^(.+?)(委员|代表)$/.exec(s);
  if (suffix && suffix[1]!.length <= 4) return { name: suffix[1]!, title: suffix[2]! };
  const prefix = TITLE_PREFIX.exec(s);
  if (prefix) return { name: prefix[2]!, title: prefix[1]! };
  return { name: s, title: '' };
}

function isThemeLine(line: string): boolean {
  return /[—-]{2}$/.test(line) && line.length <= 40 && !/[,，。?？!！:：;；]/.test(line);
}

/** The first intro sentence with a date in it, and the line it is on (0 when there is none). */
function findMeetingLine(intro: string[], lines: number[]): { text: string; line: number } {
  for (const [i, paragraph] of intro.entries()) {
    const sentence = /[^。]*\d+月\d+日[^。]*。?/.exec(paragraph);
    if (sentence) return { text: sentence[0].trim(), line: lines[i]! };
  }
  return { text: '', line: 0 };
}

/**
 * The hearing's day: a meeting line that prints its year (2023年9月13日) is enough; one that does not (9月13日, as
 * published) takes the year from the data file, whose month and day must then agree with it, so a copied data file
 * cannot silently date the wrong hearing.
 */
function hearingDate(
  meeting: { text: string; line: number },
  data: HearingData,
  dataFile: string,
  fail: (line: number, reason: string) => never,
): string | null {
  const printed = /(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日/.exec(meeting.text);
  const line = meeting.line || 1;
  const fromLine = printed?.[1] ? isoDate(printed[1], printed[2]!, printed[3]!) : null;
  if (fromLine && !IsoDateSchema.safeParse(fromLine).success)
    fail(line, `the meeting line's date 「${printed![0]}」 is not a day of the calendar`);
  if (!data.date) return fromLine;
  if (printed) {
    const [year, month, day] = data.date.split('-');
    const agrees = Number(month) === Number(printed[2]) && Number(day) === Number(printed[3]);
    if (!agrees || (printed[1] !== undefined && printed[1] !== year))
      fail(line, `the meeting line says 「${printed[0]}」 but ${dataFile} says ${data.date}; correct ${dataFile}`);
  }
  return data.date;
}

function isoDate(year: string, month: string, day: string): string {
  return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}

const QUESTION = /^(.{2,40}?)提问[:：](.*)$/;
const ANSWER = /^(.{2,40}?)应询回答[:：](.*)$/;
const CLOSING = /^(.{2,40}?)总体回应[:：](.*)$/;
const TITLE_PREFIX = /^(.*(?:主任委员|主任|市长|秘书长|书记|局长|主席|委员长|委员|代表))(.{2,4})$/;
// Lines a web page adds around the text; they are not part of the hearing (the import skips them too).
export const DEBRIS =
  /^(返回顶部|回到顶部|打印本页|关闭窗口|【打印】|【关闭】|【打印本页】|【关闭窗口】|分享到[:：]?.*|责任编辑[:：].*|来源[:：].*)$/;
