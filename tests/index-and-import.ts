// Shared by tests that make their own data folder: `npm run index` and `cli import --write` as staff run them, each in
// a process of its own (the index build loads nodejieba with the dictionaries it writes; one set per process).
import { execFileSync, type SpawnSyncReturns, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../src/paths.js';

/** The index build's entry point, run with tsx as `npm run index` does. */
export const INDEX_BUILD = join(PROJECT_ROOT, 'src', 'index-build', 'main.ts');

/** Runs the index build into `indexDir` from `dataDir` (default: the project's data); returns how it ended. */
export function runIndexBuild(indexDir: string, dataDir?: string, env?: NodeJS.ProcessEnv): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, ['--import', 'tsx', INDEX_BUILD, indexDir, ...(dataDir ? [dataDir] : [])], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
    env: env ?? process.env,
  });
}

/** Builds the index and throws with what the build printed when it fails. */
export function buildIndex(indexDir: string, dataDir?: string): string {
  const result = runIndexBuild(indexDir, dataDir);
  if (result.status !== 0) throw new Error(`index build failed (${result.status}): ${result.stderr}`);
  return result.stdout;
}

/** `npm run -s cli -- import RECORD --write` into `dataDir`, with the compiled CLI (tests run after `npm run build`). */
export function importRecord(record: string, dataDir: string): void {
  execFileSync(process.execPath, [join(PROJECT_ROOT, 'dist', 'src', 'cli.js'), 'import', record, '--write'], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, HEARING_IMPORT_DATA_DIR: dataDir },
    stdio: 'pipe',
  });
}
