// The answer log as a table for staff: CSV that Excel and WPS open correctly (UTF-8 with BOM, every field quoted).
import { stringify } from 'csv-stringify/sync';
import type { AnswerLine } from './answers.js';
import { dayOf } from './period.js';

/** The columns, in order; `day` is the line's day in UTC+8, `items` the items shown separated by spaces. */
export const EXPORT_COLUMNS = [
  'time',
  'day',
  'door',
  'chat',
  'reply',
  'tier',
  'items',
  'hearing',
  'source',
  'followUp',
  'text',
] as const;

/**
 * One row per reply, a header first. The BOM makes Excel read UTF-8 (without it, Chinese turns to mojibake); quoting
 * every field keeps a question with commas, quotes or line breaks in its cell.
 * @example writeFile('answers.csv', answersCsv(lines))
 */
export function answersCsv(lines: readonly AnswerLine[]): string {
  const rows = lines.map((line) => [
    line.time,
    dayOf(line.time),
    line.door,
    line.chat,
    line.reply,
    line.tier ?? '',
    line.items.join(' '),
    line.hearing ?? '',
    line.source ?? '',
    line.followUp ?? '',
    line.text,
  ]);
  return stringify([[...EXPORT_COLUMNS], ...rows], {
    bom: true,
    quoted: true,
    quoted_empty: true,
    record_delimiter: 'windows',
  });
}

/** One JSON line per reply, as the log holds them (rotated files and torn lines already dealt with). */
export function answersJsonl(lines: readonly AnswerLine[]): string {
  return lines.map((line) => `${JSON.stringify(line)}\n`).join('');
}
