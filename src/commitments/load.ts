// Reads index/commitments.json (written by `npm run index`), validated; separate from loadEngine so search start-up never pays for it.

import { readFileSync } from 'node:fs';
import { messageOf } from '../errors.js';
import { artefactPaths, INDEX_DIR } from '../search/artefacts.js';
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
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`commitments: cannot load ${file}: ${messageOf(error).split('\n')[0]} (run npm run index)`);
  }
  const parsed = CommitmentsFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(
      `commitments: ${file}: ${issue.path.join('.') || '(top level)'}: ${issue.message} (run npm run index)`,
    );
  }
  return parsed.data;
}
