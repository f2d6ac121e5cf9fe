// The hash over everything an index is built from, recorded in the manifest: the same inputs always give the same hash.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dataFileName, dataInputFiles } from '../search/freshness.js';
import { BUILDER_VERSION } from '../search/index-files.js';

/** Hashes the inputs of an index build (data files, jieba's dictionaries, the index code's version). */
export function hashInputs(
  dataDir: string,
  dictionaries: readonly (string | URL)[],
): { hash: string; inputs: string[] } {
  const files = dataInputFiles(dataDir);
  const sha = createHash('sha256').update(`builder ${BUILDER_VERSION}\n`);
  for (const file of files) sha.update(file.slice(dataDir.length)).update('\0').update(readFileSync(file)).update('\0');
  for (const dictionary of dictionaries) sha.update(readFileSync(dictionary));
  return { hash: sha.digest('hex'), inputs: files.map((f) => dataFileName(dataDir, f)) };
}
