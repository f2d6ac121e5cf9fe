// Reads index/commitments.json (written by `npm run index`) through the index reader.
import { INDEX_DIR } from '../paths.js';
import { indexReader } from '../search/index-files.js';
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
  return indexReader(options.indexDir ?? INDEX_DIR).json('commitments', CommitmentsFileSchema, 'commitments');
}
