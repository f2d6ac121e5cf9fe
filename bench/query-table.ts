// Query tables (dev.tsv format): `query<TAB>accepted ids` a line, `#` comments; `none` means out of scope. Shared by bench and tests.
import { readFileSync } from 'node:fs';

/** One line of a query table: the question and the ids accepted as its first hit (`none`: no hit at all). */
export interface QueryCase {
  query: string;
  accepted: string[];
}

export function readQueryTable(file: string): QueryCase[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() && !line.startsWith('#'))
    .map((line) => {
      const [query = '', ids = ''] = line.split('\t');
      return { query, accepted: ids.split(',').map((s) => s.trim()) };
    });
}
