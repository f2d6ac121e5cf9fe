// Shared by the commitment tests: the hearing parsed straight from the transcript, and the CLI run in-process.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { runCli } from '../../src/cli.js';
import { readHearingData } from '../../src/hearing/hearing-data.js';
import { parseTranscript } from '../../src/hearing/parse.js';
import { DATA_DIR } from '../../src/paths.js';

export const TRANSCRIPT = 'digital-economy-2023-09-13.txt';
const path = join(DATA_DIR, 'hearings', TRANSCRIPT);
/** Parsed with its data file, as the index build does: the date there anchors the due dates. */
export const hearing = parseTranscript(readFileSync(path, 'utf8'), TRANSCRIPT, readHearingData(path));

/** Runs `npm run -s cli -- <args>` in-process; the engine is never needed by `promises`, so asking for it fails the test. */
export async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const chunks = { stdout: [] as Buffer[], stderr: [] as Buffer[] };
  stdout.on('data', (c: Buffer) => chunks.stdout.push(c));
  stderr.on('data', (c: Buffer) => chunks.stderr.push(c));
  const code = await runCli(args, {
    stdin: new PassThrough(),
    stdout,
    stderr,
    engine: () => {
      throw new Error('promises must not load the search engine');
    },
  });
  return {
    code,
    stdout: Buffer.concat(chunks.stdout).toString('utf8'),
    stderr: Buffer.concat(chunks.stderr).toString('utf8'),
  };
}

/**
 * An RFC 4180 reader written independently of src/commitments/csv.ts, so a round trip checks the writer against the RFC
 * rather than against itself. Expects CRLF record ends; a quote inside a quoted field is doubled.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') {
      if (cell !== '') throw new Error(`csv: quote inside an unquoted field at ${i}`);
      quoted = true;
    } else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else if (ch === '\n' || ch === '\r') throw new Error(`csv: bare line break outside quotes at ${i}`);
    else cell += ch;
  }
  if (quoted) throw new Error('csv: unterminated quoted field');
  if (cell !== '' || row.length) throw new Error('csv: last record has no CRLF');
  return rows;
}
