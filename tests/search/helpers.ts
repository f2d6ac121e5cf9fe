// Shared test helpers for retrieval: the engine (loaded once per test file) and the query tables under tests/fixtures.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { type QueryCase, readQueryTable } from '../../bench/query-table.js';
import { DATA_DIR, INDEX_DIR, PROJECT_ROOT } from '../../src/paths.js';
import { loadEngine, type SearchEngine } from '../../src/search/engine.js';

export type { QueryCase };

let engine: SearchEngine | undefined;
export const sharedEngine = (): SearchEngine => (engine ??= loadEngine());

/** Reads a table under tests/fixtures (see bench/query-table.ts for the format). */
export function readFixtureTable(name: string): QueryCase[] {
  return readQueryTable(join(PROJECT_ROOT, 'tests', 'fixtures', name));
}

/**
 * A temporary folder (removed after the file's tests) and a function that copies data/ and the index built from it
 * into a new subfolder of it, to edit or damage without touching the working tree.
 */
export function projectCopies(prefix: string): {
  temp: string;
  copy: () => { root: string; data: string; index: string };
} {
  const temp = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(temp, { recursive: true, force: true }));
  let copies = 0;
  const copy = () => {
    const root = join(temp, `c${copies++}`);
    cpSync(DATA_DIR, join(root, 'data'), { recursive: true });
    cpSync(INDEX_DIR, join(root, 'index'), { recursive: true });
    return { root, data: join(root, 'data'), index: join(root, 'index') };
  };
  return { temp, copy };
}
