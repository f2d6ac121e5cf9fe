// CSV export of commitments for staff spreadsheets: UTF-8 with BOM and RFC 4180 quoting, so Excel and WPS open it as written.
import type { Commitment } from './model.js';

/** The columns, in order; the header row uses these names. */
export const CSV_COLUMNS = ['hearing', 'id', 'body', 'asker', 'cues', 'quantity', 'time_frame', 'text'] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

/** Joins the several quantities, time frames or cues of one commitment in one cell. */
export const CELL_SEPARATOR = '; ';

/** One commitment as a row: the asker by name, as in the search contract; cues as `kind:text`. */
export function commitmentRow(c: Commitment): Record<CsvColumn, string> {
  return {
    hearing: c.hearing,
    id: c.id,
    body: c.body,
    asker: c.asker.name,
    cues: c.cues.map((cue) => `${cue.kind}:${cue.text}`).join(CELL_SEPARATOR),
    quantity: c.quantities.join(CELL_SEPARATOR),
    time_frame: c.timeFrames.join(CELL_SEPARATOR),
    text: c.text,
  };
}

/**
 * The whole CSV file: a BOM (without it Excel reads UTF-8 as the local code page), a header row, one row per commitment.
 * @example commitmentsCsv(loadCommitments()).startsWith('\uFEFFhearing,id,body,') // true
 */
export function commitmentsCsv(commitments: readonly Commitment[]): string {
  const rows = commitments.map(commitmentRow).map((row) => CSV_COLUMNS.map((column) => row[column]));
  return toCsv([[...CSV_COLUMNS], ...rows]);
}

/** RFC 4180: CRLF between records (and after the last), a field quoted when it holds a quote, comma, CR or LF, quotes doubled. */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return BOM + rows.map((row) => `${row.map(field).join(',')}\r\n`).join('');
}

const BOM = '\uFEFF';

function field(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}
