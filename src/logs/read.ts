// Reading a log back: every file (rotated ones first), one record a line, torn lines skipped without their neighbours.
import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import { logFiles } from './rotation.js';

/**
 * Every record in the log and its rotated files, oldest file first. Lines that are not records are skipped; a line cut
 * short by a full disk or a crash is skipped without the record appended right after it on the same line.
 * @example const misses = await readLog('var/misses.jsonl', MissSchema);
 */
export async function readLog<T extends z.ZodTypeAny>(path: string, schema: T): Promise<z.output<T>[]> {
  const records: z.output<T>[] = [];
  for (const file of await logFiles(path)) {
    const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
      // Rotated away (or deleted beyond keep) between listing and reading.
      if (error.code === 'ENOENT') return '';
      throw new Error(`logs: cannot read ${file}: ${error.message}`);
    });
    for (const line of text.split('\n')) records.push(...parseLine(line, schema));
  }
  return records;
}

/**
 * The records on one line: normally one, but a line cut short (no newline) runs into the next one, which must not be
 * lost with it. Every record starts with `{"time":`, which JSON.stringify can never write inside a string (it escapes
 * the quotes), so the line is cut there and each piece read on its own.
 */
function parseLine<T extends z.ZodTypeAny>(line: string, schema: T): z.output<T>[] {
  if (line.trim() === '') return [];
  return line.split(LINE_START).flatMap((piece) => {
    if (piece.trim() === '') return [];
    try {
      const parsed = schema.safeParse(JSON.parse(LINE_START + piece));
      return parsed.success ? [parsed.data] : [];
    } catch {
      return []; // the torn piece
    }
  });
}

/** Every line of every log starts so (JSON.stringify keeps the key order of the object written). */
export const LINE_START = '{"time":';
