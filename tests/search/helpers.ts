// Shared test helpers for retrieval: the engine (loaded once per test file) and the query tables under tests/fixtures.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/search/artefacts.js';
import { loadEngine, type SearchEngine } from '../../src/search/engine.js';

let engine: SearchEngine | undefined;
export const sharedEngine = (): SearchEngine => (engine ??= loadEngine());

/** One line of a query table: the question and the ids accepted as its first hit (`none`: no hit at all). */
export interface QueryCase {
  query: string;
  accepted: string[];
}

/** Reads a table in the dev.tsv format (`query<TAB>id,id`; `#` comments). */
export function readQueryTable(name: string): QueryCase[] {
  return readFileSync(join(PROJECT_ROOT, 'tests', 'fixtures', name), 'utf8')
    .split('\n')
    .filter((line) => line.trim() && !line.startsWith('#'))
    .map((line) => {
      const [query = '', ids = ''] = line.split('\t');
      return { query, accepted: ids.split(',').map((s) => s.trim()) };
    });
}
