// A reading → the canonical transcript this project reads (title, intro, 「…——」 themes, 「…提问:」, 「…应询回答:」,
// 「…总体回应:」) and its data file; checked by reading it back with the project's own parser.

import { messageOf } from '../errors.js';
import type { Hearing, HearingData, Person } from '../hearing/model.js';
import { parseTranscript } from '../hearing/parse.js';
import { ImportError } from './errors.js';
import { subjectOf } from './meta.js';
import type { Reading } from './model.js';

/** What `--write` stores: the transcript's text and its data file. */
export interface CanonicalHearing {
  text: string;
  data: HearingData;
}

/**
 * The canonical transcript. A record that already is one (the project's parser reads it to the same pairs) is kept
 * byte for byte, debris lines and all; any other is written from the reading. Names (asker, body) are written as read
 * (Simplified); the words of questions and answers verbatim.
 * @param source the text the reading came from
 * @example canonicalHearing(reading, text, { file: 'x.txt', date: '2024-06-05' }).text.split('\n')[0] // the title
 */
export function canonicalHearing(
  reading: Reading,
  source: string,
  options: { file: string; name: string; date: string | null },
): CanonicalHearing {
  const date = options.date ?? reading.date;
  if (!date) throw new ImportError([`${options.file}: the text gives no date with its year: give --date YYYY-MM-DD`]);
  const data: HearingData = {
    subject: subjectOf(reading.title).slice(0, 40),
    date,
    ...(reading.city ? { city: reading.city } : {}),
    source: options.file,
    shape: reading.shape,
  };
  const answerers = Object.fromEntries(
    reading.items.filter((item) => item.answerer).map((item) => [`q${item.n}`, item.answerer!]),
  );
  if (Object.keys(answerers).length > 0) data.answerers = answerers;
  const transcript = `${options.name}.txt`;
  const text =
    reading.shape === 'labelled' && readsAs(source, transcript, data, reading) ? source : renderTranscript(reading);
  const problem = mismatch(text, transcript, data, reading);
  if (problem)
    throw new ImportError([`${options.file}: the canonical transcript would not read back the same: ${problem}`]);
  return { text, data };
}

/** The canonical text written from the reading. */
export function renderTranscript(reading: Reading): string {
  const lines = [reading.title, ...reading.intro];
  let theme: string | null | undefined;
  let lastQuestion: string | null = null;
  for (const item of reading.items) {
    const itemTheme = item.theme ?? subjectOf(reading.title);
    if (itemTheme !== theme) {
      lines.push(`${(theme = itemTheme)}——`);
      lastQuestion = null;
    }
    const question = `${personLabel(item.asker)}提问:${item.question.join('\n')}`;
    // A question answered by two bodies is printed once, followed by both answers.
    if (question !== lastQuestion) lines.push(question);
    lastQuestion = question;
    lines.push(`${item.body}应询回答:${item.answer.join('\n')}`);
  }
  if (reading.closing) lines.push(`${personLabel(reading.closing.speaker)}总体回应:`, ...reading.closing.paragraphs);
  return `${lines.join('\n')}\n`;
}

/** How the transcript parser expects a person: 「张三委员」 or 「市人大常委会副主任李四」. */
function personLabel(person: Person): string {
  return person.title === '委员' || person.title === '代表'
    ? `${person.name}${person.title}`
    : `${person.title}${person.name}`;
}

function readsAs(text: string, file: string, data: HearingData, reading: Reading): boolean {
  return mismatch(text, file, data, reading) === null;
}

/** What differs between the reading and the transcript parser's reading of `text`; null when nothing does. */
function mismatch(text: string, file: string, data: HearingData, reading: Reading): string | null {
  let hearing: Hearing;
  try {
    hearing = parseTranscript(text, file, data);
  } catch (error) {
    return messageOf(error);
  }
  if (hearing.items.length !== reading.items.length)
    return `${hearing.items.length} pairs instead of ${reading.items.length}`;
  for (const [i, item] of reading.items.entries()) {
    const parsed = hearing.items[i]!;
    const same =
      parsed.asker.name === item.asker.name &&
      parsed.asker.title === item.asker.title &&
      parsed.body === item.body &&
      parsed.question === item.question.join('\n') &&
      parsed.answer.join('\n') === item.answer.join('\n');
    if (!same) return `pair ${item.n} (line ${item.line}) reads as ${parsed.asker.name} → ${parsed.body}`;
  }
  if (Boolean(hearing.closing) !== Boolean(reading.closing)) return 'the closing response';
  return null;
}
