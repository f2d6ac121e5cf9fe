// Is index/ built from the data/ it sits beside? Checked at every start so an edited transcript is never quoted stale.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { hearingDataPath } from '../hearing/hearing-data.js';
import { pinsPath } from '../hearing/pins.js';
import { BUILDER_VERSION, readManifest, sha256 } from './index-files.js';

/** What to do about a stale index: refuse (the default) or rebuild it first. */
export interface FreshnessOptions {
  indexDir: string;
  dataDir: string;
  /** Rebuild a stale index (`npm run index`, in a child process) instead of refusing. Default: `HEARING_REBUILD_INDEX`. */
  rebuild?: boolean;
}

/**
 * Throws `engine: index/ is stale: data/glossary.json changed since npm run index (run npm run index …)` when the
 * index was built from other data than `dataDir` holds, or by another version of the index code; with `rebuild`,
 * rebuilds it and checks again. Costs well under a millisecond: only data/ (tens of KB) is hashed, not jieba's
 * dictionaries, which the index does not read at start.
 * @example ensureFreshIndex({ indexDir: INDEX_DIR, dataDir: DATA_DIR, rebuild: true })
 */
export function ensureFreshIndex(options: FreshnessOptions): void {
  const rebuild = options.rebuild ?? rebuildFromEnv(process.env);
  const problem = staleness(options.indexDir, options.dataDir);
  if (problem === null) return;
  if (!rebuild) {
    throw new Error(
      `engine: ${options.indexDir} is stale: ${problem} (run npm run index; or start with --rebuild, ` +
        'or HEARING_REBUILD_INDEX=1 for the bots, to rebuild it first)',
    );
  }
  process.stderr.write(`engine: ${problem}; rebuilding ${options.indexDir}…\n`);
  runIndexBuild(options.indexDir, options.dataDir);
  const still = staleness(options.indexDir, options.dataDir);
  if (still !== null) throw new Error(`engine: ${options.indexDir} is still stale after rebuilding: ${still}`);
}

/**
 * Why the index does not match the data, or null when it does: a changed, added or removed data file, or an index
 * written by another version of the index code. A missing or malformed manifest is a broken index.
 */
export function staleness(indexDir: string, dataDir: string): string | null {
  const read = readManifest(indexDir);
  if ('problem' in read) return read.problem;
  const { manifest } = read;
  if (manifest.builder !== BUILDER_VERSION)
    return `it was written by index code version ${manifest.builder}, this is version ${BUILDER_VERSION}`;
  let current: Record<string, string>;
  try {
    current = hashDataFiles(dataDir);
  } catch (error) {
    return `cannot read the data it was built from: ${(error as Error).message}`;
  }
  const changed = Object.keys(current).filter((f) => f in manifest.data && manifest.data[f] !== current[f]);
  const added = Object.keys(current).filter((f) => !(f in manifest.data));
  const removed = Object.keys(manifest.data).filter((f) => !(f in current));
  const parts = [
    changed.length > 0 ? `${changed.join(', ')} changed` : '',
    added.length > 0 ? `${added.join(', ')} added` : '',
    removed.length > 0 ? `${removed.join(', ')} removed` : '',
  ].filter(Boolean);
  return parts.length > 0 ? `${parts.join('; ')} since npm run index built it` : null;
}

/**
 * Runs the index build in a child process: nodejieba holds one dictionary per process, and the build loads the
 * new one. Its report goes to stderr, so a command's output (search --json) stays clean.
 */
function runIndexBuild(indexDir: string, dataDir: string): void {
  const fromSources = import.meta.url.endsWith('.ts');
  const script = fileURLToPath(new URL(`../index-build/main.${fromSources ? 'ts' : 'js'}`, import.meta.url));
  const child = spawnSync(process.execPath, [...(fromSources ? ['--import', 'tsx'] : []), script, indexDir, dataDir], {
    stdio: ['ignore', 2, 2],
  });
  if (child.error) throw new Error(`engine: cannot run the index build: ${child.error.message}`);
  if (child.status !== 0)
    throw new Error(`engine: rebuilding ${indexDir} failed (exit ${child.status}); see the lines above`);
}

/** `HEARING_REBUILD_INDEX=1` (or true, yes, on): rebuild a stale index at start instead of refusing. */
export function rebuildFromEnv(env: Record<string, string | undefined>): boolean {
  const value = EnvSchema.parse(env).HEARING_REBUILD_INDEX?.trim().toLowerCase();
  return value !== undefined && ON_VALUES.has(value);
}

const EnvSchema = z.object({ HEARING_REBUILD_INDEX: z.string().optional() });
const ON_VALUES = new Set(['1', 'true', 'yes', 'on']);

/** The transcripts in a data folder: every `hearings/*.txt` (any case: `.TXT` too), sorted by name. */
export function transcriptFiles(dataDir: string): string[] {
  const dir = join(dataDir, 'hearings');
  return readdirSync(dir)
    .filter((f) => /\.txt$/i.test(f))
    .sort()
    .map((f) => join(dir, f));
}

/** Every file of a data folder the index is built from; a new kind of input is added here, and is then both hashed
 * into the manifest and checked for changes at start. */
export function dataInputFiles(dataDir: string): string[] {
  const transcripts = transcriptFiles(dataDir);
  const hearingData = transcripts.map(hearingDataPath).filter((file) => existsSync(file));
  const pins = existsSync(pinsPath(dataDir)) ? [pinsPath(dataDir)] : [];
  return [...transcripts, ...hearingData, join(dataDir, 'glossary.json'), ...pins];
}

/** How the manifest names a data file: `data/hearings/x.txt`, whatever folder the data lives in. */
export function dataFileName(dataDir: string, file: string): string {
  return `data${file.slice(dataDir.length).replaceAll('\\', '/')}`;
}

/** sha256 of each data input, by its manifest name: what the engine compares at start (~0.3 ms for data/). */
export function hashDataFiles(dataDir: string): Record<string, string> {
  return Object.fromEntries(
    dataInputFiles(dataDir).map((file) => [dataFileName(dataDir, file), sha256(readFileSync(file))]),
  );
}
