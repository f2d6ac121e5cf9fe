// The files `npm run index` writes into index/ and the engine reads back: paths, shapes and the input hash.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { hearingDataPath } from '../hearing/hearing-data.js';
import { HearingSchema } from '../hearing/model.js';
import { pinsPath } from '../hearing/pins.js';

/** Where each artefact lives inside an index folder. */
export function artefactPaths(indexDir: string) {
  return {
    hearings: join(indexDir, 'hearings.json'),
    search: join(indexDir, 'search.json'),
    manifest: join(indexDir, 'manifest.json'),
    commitments: join(indexDir, 'commitments.json'),
    pins: join(indexDir, 'pins.json'),
    jieba: {
      dict: join(indexDir, 'jieba', 'dict.utf8'),
      hmmDict: join(indexDir, 'jieba', 'hmm.utf8'),
      userDict: join(indexDir, 'jieba', 'user.utf8'),
      idfDict: join(indexDir, 'jieba', 'idf.utf8'),
      stopWordDict: join(indexDir, 'jieba', 'stop.utf8'),
    },
  };
}

export const HearingsFileSchema = z.array(HearingSchema).min(1);

// The two term tables hold thousands of entries; checking each one costs more start-up time than the whole
// search, and index/ is generated and hash-checked, so they are checked for shape only.
const termTable = z.custom<Record<string, number>>(
  (v) => typeof v === 'object' && v !== null && !Array.isArray(v),
  'expected an object of term → number',
);
const stringList = z.custom<string[]>(
  (v) => Array.isArray(v) && v.every((s) => typeof s === 'string'),
  'expected a list of strings',
);
/** Words and their IDF as two parallel lists: parses in half the time of an object with thousands of keys. */
const idfTable = z.tuple([
  stringList,
  z.custom<number[]>((v) => Array.isArray(v) && v.every((n) => typeof n === 'number'), 'expected a list of numbers'),
]);

export const SearchFileSchema = z.object({
  /** MiniSearch's own serialisation (MiniSearch.toJSON). */
  miniSearch: z.unknown(),
  /** term → number of entries that contain it, for weighting and for telling known words from unknown ones. */
  documentFrequency: termTable,
  /** The glossary's chat words, normalised (see analyse.ts Lexicon). */
  lexicon: z.object({
    stopWords: stringList,
    fillerPhrases: stringList,
    longerWords: stringList,
    chat: z.object({
      greetings: stringList,
      addressees: stringList,
      courtesies: stringList,
      introductions: stringList,
      corrections: stringList,
      retractions: stringList,
      surnames: stringList,
      questionCues: stringList,
    }),
  }),
  /** Normalised word people type → the index terms that stand for it (glossary synonyms, analysed). */
  synonyms: z.record(z.string(), z.array(z.string())),
  /** Normalised body name or alias → the body's printed name. */
  bodyNames: z.record(z.string(), z.string()),
  /** Everyday words of general Chinese → their IDF (see dictionary.ts everydayWords). */
  everydayIdf: idfTable,
  /** Characters that are Traditional-only: their presence switches on Traditional → Simplified conversion. */
  traditional: z.string(),
  /** Pronunciations for misheard words (see pinyin-table.ts): syllable → characters, pinyin → hearing words. */
  homophones: z.object({
    syllables: stringList,
    usual: z.string(),
    other: z.custom<Record<string, string>>(
      (v) => typeof v === 'object' && v !== null && !Array.isArray(v),
      'expected an object of character → readings',
    ),
    words: stringList,
    spoken: stringList,
  }),
  /** MiniSearch document id (0-based) → entry ref `hearing#id`. */
  refs: stringList,
});
export type SearchFile = z.infer<typeof SearchFileSchema>;

export const ManifestSchema = z.object({
  builder: z.number().int(),
  /** sha256 over every input (transcripts, glossary, jieba's dictionaries, the index code's version). */
  inputHash: z.string(),
  inputs: z.array(z.string()),
  /** sha256 of each file of data/ the index was built from (`data/glossary.json` → hex), checked at every start. */
  data: z.record(z.string(), z.string()),
});
export type Manifest = z.infer<typeof ManifestSchema>;

/** Bump when the index code changes what it writes, so committed artefacts count as stale. */
export const BUILDER_VERSION = 7;

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
    dataInputFiles(dataDir).map((file) => [
      dataFileName(dataDir, file),
      createHash('sha256').update(readFileSync(file)).digest('hex'),
    ]),
  );
}

/** Hashes the inputs of an index build; the same data always gives the same hash. */
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
