import { readJsonFile } from '../json-file.js';
import { INDEX_DIR } from '../paths.js';
import { artefactPaths } from '../search/artefacts.js';
import { type Commitment, CommitmentsFileSchema } from './model.js';

export interface LoadCommitmentsOptions {
  /** The built index folder; defaults to the project's index/. */
  indexDir?: string;
}

/**
 * Loads every commitment of every hearing, in transcript order; throws naming the file when it is missing or malformed.
 * @example loadCommitments().filter((c) => c.body === '经开区管委会').length // 5
 */
export function loadCommitments(options: LoadCommitmentsOptions = {}): Commitment[] {
  const file = artefactPaths(options.indexDir ?? INDEX_DIR).commitments;
  return readJsonFile(file, CommitmentsFileSchema, { room: 'commitments', fix: ' (run npm run index)' });
}
