// The hash over everything an index is built from, recorded in the manifest: the same inputs always give the same hash.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hashDataFiles } from '../search/freshness.js';
import { BUILDER_VERSION } from '../search/index-files.js';

/**
 * Hashes the inputs of an index build (data files, jieba's dictionaries, the index code's version); `data` is
 * {@link hashDataFiles} of `dataDir` when the caller has it already. `dictionaries` is the hash of jieba's files alone.
 */
export function hashInputs(
  dataDir: string,
  dictionaries: readonly (string | URL)[],
  data: Record<string, string> = hashDataFiles(dataDir),
): { hash: string; inputs: string[]; dictionaries: string } {
  const sha = createHash('sha256').update(`builder ${BUILDER_VERSION}\n`);
  for (const [name, hash] of Object.entries(data)) sha.update(name).update('\0').update(hash).update('\0');
  const jieba = createHash('sha256');
  for (const dictionary of dictionaries) jieba.update(readFileSync(dictionary));
  const dictionariesHash = jieba.digest('hex');
  return {
    hash: sha.update(dictionariesHash).digest('hex'),
    inputs: Object.keys(data),
    dictionaries: dictionariesHash,
  };
}
