// Is index/ built from the data/ it sits beside? Checked at every start so an edited transcript is never quoted stale.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { artefactPaths, BUILDER_VERSION, hashDataFiles, type Manifest, ManifestSchema } from './artefacts.js';

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
  const manifestFile = artefactPaths(indexDir).manifest;
  let manifest: Manifest;
  try {
    manifest = ManifestSchema.parse(JSON.parse(readFileSync(manifestFile, 'utf8')));
  } catch (error) {
    const reason = error instanceof z.ZodError ? 'not a manifest of this version' : (error as Error).message;
    return `cannot load ${manifestFile}: ${reason.split('\n')[0]}`;
  }
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
  const script = fileURLToPath(new URL(`../build-index.${fromSources ? 'ts' : 'js'}`, import.meta.url));
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
