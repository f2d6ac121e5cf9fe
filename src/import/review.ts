// The reading as a table staff can correct in a spreadsheet (TSV, UTF-8 with BOM), and that table read back.
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import { messageOf } from '../errors.js';
import { ImportError } from './errors.js';
import { type ImportedPair, type Reading, SHAPES } from './model.js';

/**
 * One row per fact: title, city, date, shape, source; each intro paragraph; each pair; the closing; each unplaced
 * paragraph. Staff correct a body, move an unplaced paragraph into a pair, or delete a row, then import it back.
 * @example reviewTable(reading, 'hearing.html').split('\n')[0] // '\uFEFFpart\tn\tline\ttheme\t…'
 */
export function reviewTable(reading: Reading, source: string): string {
  const row = (part: string, fields: Partial<Record<(typeof COLUMNS)[number], string | number | null>>) => ({
    part,
    ...fields,
  });
  const rows = [
    row('title', { text: reading.title }),
    row('city', { text: reading.city ?? '' }),
    row('date', { text: reading.date ?? '' }),
    row('shape', { text: reading.shape }),
    row('source', { text: source }),
    ...reading.intro.map((text) => row('intro', { text })),
    ...reading.items.map((item) =>
      row('pair', {
        n: item.n,
        line: item.line,
        theme: item.theme ?? '',
        asker: item.asker.name,
        'asker title': item.asker.title,
        body: item.body,
        answerer: item.answerer ?? '',
        text: item.question.join('\n'),
        answer: item.answer.join('\n'),
      }),
    ),
    ...(reading.closing
      ? [
          row('closing', {
            line: reading.closing.line,
            asker: reading.closing.speaker.name,
            'asker title': reading.closing.speaker.title,
            text: reading.closing.paragraphs.join('\n'),
          }),
        ]
      : []),
    ...reading.unplaced.map((u) => row('unplaced', { line: u.line, text: u.text })),
  ];
  return `\uFEFF${stringify(rows, { delimiter: '\t', header: true, columns: ['part', ...COLUMNS] })}`;
}

/**
 * Reads a review table back into a reading (and the source it names). Every bad row is one line of the error.
 * @example readReviewTable(reviewTable(reading, 'a.html')).reading.items.length === reading.items.length // true
 */
export function readReviewTable(tsv: string, file = 'the review table'): { reading: Reading; source: string } {
  let records: unknown[];
  try {
    records = parse(tsv, {
      delimiter: '\t',
      columns: true,
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
    });
  } catch (error) {
    throw new ImportError([`${file}: cannot read it as a tab-separated table: ${messageOf(error)}`]);
  }
  const problems: string[] = [];
  const reading: Reading = {
    shape: 'labelled',
    title: '',
    city: null,
    date: null,
    intro: [],
    items: [],
    closing: null,
    unplaced: [],
    traditional: false,
  };
  let source = file;
  for (const [i, record] of records.entries()) {
    const parsed = RowSchema.safeParse(record);
    const at = `${file}: row ${i + 2}`;
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      problems.push(`${at}: ${issue.path.join('.') || 'row'}: ${issue.message}`);
      continue;
    }
    const row = parsed.data;
    const paragraphs = row.text
      .split('\n')
      .map((p) => p.trim())
      .filter(Boolean);
    if (row.part === 'title') reading.title = row.text;
    else if (row.part === 'city') reading.city = row.text || null;
    else if (row.part === 'date') {
      if (row.text && !/^\d{4}-\d{2}-\d{2}$/.test(row.text)) problems.push(`${at}: the date should be YYYY-MM-DD`);
      reading.date = row.text || null;
    } else if (row.part === 'shape') {
      const shape = z.enum(SHAPES).safeParse(row.text);
      if (shape.success) reading.shape = shape.data;
      else problems.push(`${at}: the shape should be one of ${SHAPES.join(', ')}`);
    } else if (row.part === 'source') source = row.text;
    else if (row.part === 'intro') reading.intro.push(...paragraphs);
    else if (row.part === 'unplaced') reading.unplaced.push({ line: row.line ?? 0, text: row.text });
    else if (row.part === 'closing')
      reading.closing = { speaker: { name: row.asker, title: row['asker title'] }, paragraphs, line: row.line ?? 0 };
    else {
      const answer = row.answer
        .split('\n')
        .map((p) => p.trim())
        .filter(Boolean);
      if (!row.asker || !row.body || paragraphs.length === 0 || answer.length === 0) {
        problems.push(`${at}: a pair needs an asker, a body, a question and an answer`);
        continue;
      }
      const pair: ImportedPair = {
        n: reading.items.length + 1,
        theme: row.theme || null,
        asker: { name: row.asker, title: row['asker title'] },
        body: row.body,
        answerer: row.answerer || null,
        question: paragraphs,
        answer,
        line: row.line ?? 0,
      };
      reading.items.push(pair);
    }
  }
  if (!reading.title) problems.push(`${file}: no title row`);
  if (reading.items.length === 0 && problems.length === 0) problems.push(`${file}: no pair rows`);
  if (problems.length > 0) throw new ImportError(problems);
  return { reading, source };
}

const COLUMNS = ['n', 'line', 'theme', 'asker', 'asker title', 'body', 'answerer', 'text', 'answer'] as const;
const cell = z
  .string()
  .default('')
  .transform((s) => s.trim());
const RowSchema = z.object({
  part: z.enum(['title', 'city', 'date', 'shape', 'source', 'intro', 'pair', 'closing', 'unplaced']),
  line: z
    .string()
    .default('')
    .transform((s) => (s.trim() ? Number(s) : null))
    .refine((n) => n === null || (Number.isInteger(n) && n > 0), 'a line number'),
  theme: cell,
  asker: cell,
  'asker title': cell,
  body: cell,
  answerer: cell,
  text: cell,
  answer: cell,
});
