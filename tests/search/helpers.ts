// Shared test helpers for retrieval: the engine (loaded once per test file) and the query tables under tests/fixtures.
import { join } from 'node:path';
import { type QueryCase, readQueryTable } from '../../bench/query-table.js';
import { PROJECT_ROOT } from '../../src/paths.js';
import { loadEngine, type SearchEngine } from '../../src/search/engine.js';

export type { QueryCase };

let engine: SearchEngine | undefined;
export const sharedEngine = (): SearchEngine => (engine ??= loadEngine());

/** Reads a table under tests/fixtures (see bench/query-table.ts for the format). */
export function readFixtureTable(name: string): QueryCase[] {
  return readQueryTable(join(PROJECT_ROOT, 'tests', 'fixtures', name));
}
