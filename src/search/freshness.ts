// Is index/ built from the data/ it sits beside? Checked at every start so an edited transcript is never quoted stale.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { hearingDataPath } from '../hearing/hearing-data.js';
import { pinsPath } from '../hearing/pins.js';
import { BUILDER_VERSION, type FileTimes, readFileTimes, readManifest, sha256, writeFileTimes } from './index-files.js';

/** What to do about a stale index: refuse (the default) or rebuild it first. */
export interface FreshnessOptions {
  indexDir: string;
  dataDir: string;
  /** Rebuild a stale index (`npm run index`, in a child process) instead of refusing. Default: `HEARING_REBUILD_INDEX`. */
  rebuild?: boolean;
}

/** What {@link readManifest} found: the manifest, or why there is none to read. */
type ManifestRead = ReturnType<typeof readManifest>;

/**
 * Throws `engine: index/ is stale: data/glossary.json changed since npm run index (run npm run index …)` when the
 * index was built from other data than `dataDir` holds, or by another version of the index code; with `rebuild`,
 * rebuilds it and checks again. Returns the manifest it found fresh, for the index reader. Costs well under a
 * millisecond: only data/ (tens of KB) is hashed, not jieba's dictionaries, which the index does not read at start.
 * @example ensureFreshIndex({ indexDir: INDEX_DIR, dataDir: DATA_DIR, rebuild: true })
 */
export function ensureFreshIndex(options: FreshnessOptions): ManifestRead {
  const rebuild = options.rebuild ?? rebuildFromEnv(process.env);
  const read = readManifest(options.indexDir);
  const problem = staleness(options.indexDir, options.dataDir, undefined, read);
  if (problem === null) return read;
  if (!rebuild) {
    throw new Error(
      `engine: ${options.indexDir} is stale: ${problem} (run npm run index; or start with --rebuild, ` +
        'or HEARING_REBUILD_INDEX=1 for the bots, to rebuild it first)',
    );
  }
  process.stderr.write(`engine: ${problem}; rebuilding ${options.indexDir}…\n`);
  runIndexBuild(options.indexDir, options.dataDir);
  const rebuilt = readManifest(options.indexDir);
  const still = staleness(options.indexDir, options.dataDir, undefined, rebuilt);
  if (still !== null) throw new Error(`engine: ${options.indexDir} is still stale after rebuilding: ${still}`);
  return rebuilt;
}

/**
 * Why the index does not match the data, or null when it does: a changed, added or removed data file, or an index
 * written by another version of the index code. A missing or malformed manifest is a broken index. `known`: the
 * hashes of files whose size and time have not changed (default: those recorded beside the index); `read`: the
 * manifest as the caller has just read it (the engine then reads the index with it).
 */
export function staleness(
  indexDir: string,
  dataDir: string,
  known: KnownHashes = readKnownHashes(indexDir),
  read: ManifestRead = readManifest(indexDir),
): string | null {
  if ('problem' in read) return read.problem;
  const { manifest } = read;
  if (manifest.builder !== BUILDER_VERSION)
    return `it was written by index code version ${manifest.builder}, this is version ${BUILDER_VERSION}`;
  let current: Record<string, string>;
  try {
    current = hashDataFiles(dataDir, known);
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
  // The home city (cities.json) is the city of every hearing whose data file names none.
  const cities = existsSync(join(dataDir, 'cities.json')) ? [join(dataDir, 'cities.json')] : [];
  return [...transcripts, ...hearingData, join(dataDir, 'glossary.json'), ...pins, ...cities];
}

/** How the manifest names a data file: `data/hearings/x.txt`, whatever folder the data lives in. */
export function dataFileName(dataDir: string, file: string): string {
  return `data${file.slice(dataDir.length).replaceAll('\\', '/')}`;
}

/**
 * sha256 of each data input, by its manifest name: what the engine compares at start. A file whose size and
 * modification time are those `known` recorded (see {@link recordKnownHashes}) is not read again: a thousand
 * hearings are two thousand files and tens of megabytes, which would take a third of a second at every start.
 */
export function hashDataFiles(dataDir: string, known: KnownHashes = {}): Record<string, string> {
  return Object.fromEntries(Object.entries(dataFileHashes(dataDir, known)).map(([name, [, , hash]]) => [name, hash]));
}

/**
 * Each data input's size, modification time and sha256, the time read before the content (a file changed while it
 * is read then has a newer time than the one recorded, and is read again next time).
 */
export function dataFileHashes(dataDir: string, known: KnownHashes = {}): KnownHashes {
  return Object.fromEntries(
    dataInputFiles(dataDir).map((file) => {
      const name = dataFileName(dataDir, file);
      const stat = statSync(file);
      const was = known[name];
      const hash = was && was[0] === stat.size && was[1] === stat.mtimeMs ? was[2] : sha256(readFileSync(file));
      return [name, [stat.size, stat.mtimeMs, hash]];
    }),
  );
}

/** Each data file's size, modification time (ms) and sha256 when it was last hashed. */
export type KnownHashes = FileTimes;

/**
 * Where the known hashes of an index's data live: beside the index (with the build's cache), never inside it, so
 * the index's bytes stay the same for the same data.
 */
export const knownHashesPath = (indexDir: string): string => join(`${indexDir}.cache`, 'data-hashes.json');

/** The known hashes recorded beside the index; none when the file is missing or damaged (every file is then read). */
export function readKnownHashes(indexDir: string): KnownHashes {
  return readFileTimes(knownHashesPath(indexDir));
}

/**
 * Records the hashes a build read its data with, for {@link hashDataFiles}; a failure to write only costs the next
 * start time. A file modified in the last {@link RACY_MS} is left out: file times are only as fine as the kernel's
 * clock tick, so a second edit of the same size within it would keep the recorded time.
 */
export function recordKnownHashes(indexDir: string, hashes: KnownHashes): void {
  const settled = Date.now() - RACY_MS;
  writeFileTimes(
    knownHashesPath(indexDir),
    Object.fromEntries(Object.entries(hashes).filter(([, [, mtime]]) => mtime < settled)),
  );
}

const RACY_MS = 2000;
