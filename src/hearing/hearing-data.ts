// A hearing's data file, data/hearings/<name>.json beside <name>.txt: what people add that the transcript leaves out.

import { existsSync } from 'node:fs';
import { readJsonFile } from '../json-file.js';
import { type HearingData, HearingDataSchema } from './model.js';

/**
 * The data file that belongs to a transcript: the same name with `.json`.
 * @example hearingDataPath('data/hearings/digital-economy-2023-09-13.txt') // '…/digital-economy-2023-09-13.json'
 */
export function hearingDataPath(transcriptPath: string): string {
  return `${transcriptPath.replace(/\.txt$/i, '')}.json`;
}

/**
 * Reads and validates a transcript's data file; a transcript without one gets `{}`. Errors name the file, the
 * field and how to fix it.
 * @example parseTranscript(readFileSync(path, 'utf8'), basename(path), readHearingData(path)).date // '2023-09-13'
 */
export function readHearingData(transcriptPath: string): HearingData {
  return readHearingDataFile(hearingDataPath(transcriptPath)) ?? {};
}

/**
 * Reads and validates one hearing data file; null when there is none. Errors name the file, the field and how to fix it.
 * @example readHearingDataFile('data/hearings/digital-economy-2023-09-13.json')?.key // '数字经济'
 */
export function readHearingDataFile(path: string): HearingData | null {
  if (!existsSync(path)) return null;
  return readJsonFile(path, HearingDataSchema, {
    room: 'hearing data',
    fix: ' (expected e.g. {"date": "2023-09-13"})',
  });
}
