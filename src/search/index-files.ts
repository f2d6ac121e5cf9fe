// The one reader of index/: where each file `npm run index` writes lives, its shape, and loading it checked against the manifest.
import { createHash } from 'node:crypto';
import {
  closeSync,
  fstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { z } from 'zod';
import { messageOf, RUN_INDEX } from '../errors.js';
import { HearingSchema } from '../hearing/model.js';
import { parseJson } from '../json-file.js';
import type { SegmenterFiles } from './segment.js';

/** Where each artefact lives inside an index folder. */
export function artefactPaths(indexDir: string) {
  return {
    hearings: join(indexDir, 'hearings.json'),
    search: join(indexDir, 'search.json'),
    manifest: join(indexDir, 'manifest.json'),
    commitments: join(indexDir, 'commitments.json'),
    pins: join(indexDir, 'pins.json'),
    postings: join(indexDir, 'postings.bin'),
    texts: join(indexDir, 'texts.bin'),
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
  /** The terms of postings.bin and the fields' average lengths (see postings.ts). */
  postings: z.object({ terms: stringList, averageFieldLength: z.array(z.number()) }),
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
  /** Everyday words of general Chinese → their IDF (see index-build/dictionary.ts everydayWords). */
  everydayIdf: idfTable,
  /** Characters that are Traditional-only: their presence switches on Traditional → Simplified conversion. */
  traditional: z.string(),
  /** Pronunciations for misheard words (see index-build/pinyin-table.ts): syllable → characters, pinyin → hearing words. */
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
  /** MiniSearch document id (0-based) → entry ref `hearing#id`; each entry's normalised text is in texts.bin. */
  refs: stringList,
});
export type SearchFile = z.infer<typeof SearchFileSchema>;

/** Everyday words with a general IDF above this are topical: the build keeps the words below it in `everydayIdf`, the
 * engine weighs a word missing from that table as this rare. */
export const EVERYDAY_MAX_IDF = 7.5;

/** Name → hex, checked in one pass: zod's check key by key took tens of milliseconds at a thousand hearings. */
const hashTable = z.custom<Record<string, string>>(
  (v) =>
    typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every((h) => typeof h === 'string'),
  'expected an object of file → sha256',
);

export const ManifestSchema = z.object({
  builder: z.number().int(),
  /** sha256 over every input (transcripts, glossary, jieba's dictionaries, the index code's version). */
  inputHash: z.string(),
  inputs: stringList,
  /** sha256 of each file of data/ the index was built from (`data/glossary.json` → hex), checked at every start. */
  data: hashTable,
  /** sha256 of each file the build wrote into index/ (`jieba/user.utf8` → hex), checked when the file is loaded. */
  files: hashTable,
});
export type Manifest = z.infer<typeof ManifestSchema>;

/** Bump when the index code changes what it writes, so committed artefacts count as stale. */
export const BUILDER_VERSION = 11;

/** Every file of an index folder but the manifest, by the name the manifest gives it (`jieba/user.utf8`). */
export function indexFileNames(indexDir: string): string[] {
  const paths = artefactPaths(indexDir);
  const { manifest: _, jieba, ...json } = paths;
  return [...Object.values(json), ...Object.values(jieba)].map((file) => indexFileName(indexDir, file));
}

/** How the manifest names a file of the index: its path inside the index folder, with forward slashes. */
export function indexFileName(indexDir: string, file: string): string {
  return relative(indexDir, file).replaceAll('\\', '/');
}

/** Decodes as Buffer.toString would (malformed bytes as U+FFFD), in about two thirds of its time for large files. */
const UTF8 = new TextDecoder('utf-8');

/** The sha256 of some bytes, as the manifest records it. */
export const sha256 = (bytes: string | Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** One JSON file of the index, by its key in {@link artefactPaths}. */
export type IndexJsonFile = 'hearings' | 'search' | 'commitments' | 'pins';
/** One binary file of the index, by its key in {@link artefactPaths}. */
export type IndexBinaryFile = 'postings' | 'texts';

/** Reads the files of one index folder, each checked against the hash the manifest recorded for it. */
export interface IndexReader {
  /** The file parsed and checked against `schema`; throws one line naming the file and the fix. */
  json<S extends z.ZodTypeAny>(file: IndexJsonFile, schema: S, room: string): z.output<S>;
  /** The file's bytes, checked against the hash the manifest recorded; throws one line naming the file and the fix. */
  bytes(file: IndexJsonFile | IndexBinaryFile, room: string): Uint8Array;
  /**
   * The file read a part at a time where it lies, when its size and time are those the build recorded (the file the
   * build wrote, kept open: a new index swapped in later does not change what this engine reads); else read whole and
   * checked against its hash as {@link bytes} does. Throws one line naming the file and the fix.
   */
  view(file: IndexBinaryFile, room: string): IndexFileView;
  /**
   * The five files nodejieba loads, each checked against its hash. `asWritten`: all five are the files the build wrote
   * and checked line by line when it loaded them, so loadSegmenter need not check their lines again.
   */
  segmenterFiles(): { files: SegmenterFiles; asWritten: boolean };
}

/** A file of the index as parts of it are asked for. */
export interface IndexFileView {
  readonly size: number;
  /** `length` bytes from `offset`, in a buffer of their own (aligned for 32-bit words). */
  read(offset: number, length: number): Uint8Array;
}

const closedWhenUnused = new FinalizationRegistry<number>((fd) => {
  try {
    closeSync(fd);
  } catch {
    // Already closed: nothing to release.
  }
});

/** Bytes in memory as a view. */
export function viewOf(bytes: Uint8Array): IndexFileView {
  // Uint8Array's slice, which copies (a Buffer's shares its memory, perhaps not aligned for 32-bit words).
  const copy = Uint8Array.prototype.slice;
  return { size: bytes.byteLength, read: (offset, length) => copy.call(bytes, offset, offset + length) };
}

/**
 * The reader of `indexDir`. Without a readable manifest the hashes are not checked (the engine refuses such an index
 * earlier, as stale; a reader of one file reports that file's own problem). `manifest`: the folder's manifest as the
 * caller has just read it (the engine reads it once for freshness and for this), instead of reading it again.
 * A file whose size and modification time are those the build recorded for it (see {@link recordWrittenFiles}) is
 * the file the build wrote and is not hashed again: tens of megabytes at a thousand hearings, a tenth of every start.
 * @example indexReader(INDEX_DIR).json('pins', PinIndexSchema, 'engine') // {} when nothing is pinned
 */
export function indexReader(
  indexDir: string,
  manifest: ReturnType<typeof readManifest> = readManifest(indexDir),
): IndexReader {
  const paths = artefactPaths(indexDir);
  const recorded = 'manifest' in manifest ? manifest.manifest.files : undefined;
  const written = recorded ? readFileTimes(writtenFilesPath(indexDir)) : {};
  /**
   * Whether the bytes just read are what the build wrote: the recorded size and time (read after the bytes, so a
   * file changed while it was read shows a newer time), or else the sha256. Undefined: no hash to check against.
   */
  const asWritten = (file: string, bytes: Uint8Array): boolean | undefined => {
    const name = indexFileName(indexDir, file);
    const expected = recorded?.[name];
    if (expected === undefined) return undefined;
    if (written[name]?.[0] === bytes.byteLength && unchanged(name, statSync(file, { throwIfNoEntry: false })))
      return true;
    return sha256(bytes) === expected;
  };
  /** The file has the size and time the build recorded for the hash the manifest holds. */
  const unchanged = (name: string, stat: { size: number; mtimeMs: number } | undefined) => {
    const was = written[name];
    return (
      was !== undefined &&
      stat !== undefined &&
      was[2] === recorded?.[name] &&
      stat.size === was[0] &&
      stat.mtimeMs === was[1]
    );
  };
  const notAsWritten = (file: string, room: string) =>
    new Error(`${room} ${file}: not the file npm run index wrote (its sha256 differs from the manifest's)${RUN_INDEX}`);
  const checkHash = (file: string, bytes: Uint8Array, room: string) => {
    if (asWritten(file, bytes) === false) throw notAsWritten(file, room);
  };
  return {
    json(file, schema, room) {
      const path = paths[file];
      let bytes: Buffer;
      try {
        bytes = readFileSync(path);
      } catch (error) {
        throw new Error(`${room} ${path}: cannot read it as JSON (${messageOf(error).split('\n')[0]})${RUN_INDEX}`);
      }
      // The file the build wrote (and checked by loading it) is read as it is: checking a thousand hearings' shapes
      // again would take seconds at every start.
      if (asWritten(path, bytes) === true) return JSON.parse(UTF8.decode(bytes));
      // A file that does not parse says so; one that parses but is not what the build wrote, that.
      const parsed = parseJson(path, bytes.toString('utf8'), schema, { room, fix: RUN_INDEX });
      checkHash(path, bytes, room);
      return parsed;
    },
    bytes(file, room) {
      const path = paths[file];
      let bytes: Buffer;
      try {
        bytes = readFileSync(path);
      } catch (error) {
        throw new Error(`${room} ${path}: cannot read it (${messageOf(error).split('\n')[0]})${RUN_INDEX}`);
      }
      checkHash(path, bytes, room);
      return bytes;
    },
    view(file, room) {
      const path = paths[file];
      let fd: number;
      try {
        fd = openSync(path, 'r');
      } catch (error) {
        throw new Error(`${room} ${path}: cannot read it (${messageOf(error).split('\n')[0]})${RUN_INDEX}`);
      }
      const stat = fstatSync(fd);
      if (unchanged(indexFileName(indexDir, path), stat)) {
        const size = stat.size;
        const view: IndexFileView = {
          size,
          read(offset, length) {
            const bytes = new Uint8Array(length);
            if (offset < 0 || offset + length > size || readSync(fd, bytes, 0, length, offset) !== length)
              throw new Error(`${room} ${path}: cut short since it was opened${RUN_INDEX}`);
            return bytes;
          },
        };
        // Open as long as the engine reading it: closed once nothing can read through the view any more.
        closedWhenUnused.register(view, fd);
        return view;
      }
      try {
        const bytes = readFileSync(fd);
        checkHash(path, bytes, room);
        return viewOf(bytes);
      } finally {
        closeSync(fd);
      }
    },
    segmenterFiles() {
      let allAsWritten = true;
      for (const file of Object.values(paths.jieba)) {
        let bytes: Buffer;
        try {
          bytes = readFileSync(file);
        } catch {
          allAsWritten = false;
          continue; // loadSegmenter names a missing file
        }
        const state = asWritten(file, bytes);
        if (state === false) throw notAsWritten(file, 'segmenter');
        allAsWritten &&= state === true;
      }
      return { files: paths.jieba, asWritten: allAsWritten };
    },
  };
}

/** Files' sizes, modification times (ms) and sha256 when they were last hashed, by name: what lets a start trust a
 * file unchanged since then without reading it through the hash (index files here, data files in freshness.ts). */
export type FileTimes = Record<string, [number, number, string]>;

/** The file times recorded at `path`; none when the record is missing or damaged (every file is then hashed). */
export function readFileTimes(path: string): FileTimes {
  try {
    const record = JSON.parse(readFileSync(path, 'utf8')) as unknown;
    if (typeof record !== 'object' || record === null || Array.isArray(record)) return {};
    return Object.fromEntries(
      Object.entries(record).filter(
        (e): e is [string, [number, number, string]] =>
          Array.isArray(e[1]) &&
          typeof e[1][0] === 'number' &&
          typeof e[1][1] === 'number' &&
          typeof e[1][2] === 'string',
      ),
    );
  } catch {
    return {};
  }
}

/** Writes file times atomically; a failure to write only costs the next start the hashing. */
export function writeFileTimes(path: string, record: FileTimes): void {
  const temporary = `${path}.tmp-${process.pid}`;
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(temporary, JSON.stringify(record));
    renameSync(temporary, path);
  } catch {
    rmSync(temporary, { force: true });
  }
}

/**
 * Where the build records the index files it wrote: beside the index (with its cache and the data's hashes), never
 * inside it, so the index's bytes stay the same for the same data.
 */
const writtenFilesPath = (indexDir: string): string => join(`${indexDir}.cache`, 'index-files.json');

/**
 * Records the size and time of each file of a freshly swapped-in index with the hash the manifest gives it, for
 * {@link indexReader}. Unlike data files, none is left out as too recent to trust its time: the build wrote them in
 * a staging folder no other process knew of and loaded them before swapping them in, so any later change to them
 * comes after their time.
 */
export function recordWrittenFiles(indexDir: string, files: Readonly<Record<string, string>>): void {
  const record: FileTimes = {};
  for (const [name, hash] of Object.entries(files)) {
    const stat = statSync(join(indexDir, name), { throwIfNoEntry: false });
    if (stat) record[name] = [stat.size, stat.mtimeMs, hash];
  }
  writeFileTimes(writtenFilesPath(indexDir), record);
}

/**
 * The manifest of an index folder, or why it cannot be read (missing, not JSON, or written by another version).
 * @example readManifest(INDEX_DIR) // { manifest: { builder: 8, … } }
 */
export function readManifest(indexDir: string): { manifest: Manifest } | { problem: string } {
  const file = artefactPaths(indexDir).manifest;
  try {
    return { manifest: ManifestSchema.parse(JSON.parse(readFileSync(file, 'utf8'))) };
  } catch (error) {
    const reason = error instanceof z.ZodError ? 'not a manifest of this version' : messageOf(error);
    return { problem: `cannot load ${file}: ${reason.split('\n')[0]}` };
  }
}

/**
 * The Traditional-only characters the index recorded, read without any check (`cli pin` must work while the index
 * is stale or missing); undefined when there is none to read.
 */
export function indexedTraditional(indexDir: string): string | undefined {
  try {
    const raw = JSON.parse(readFileSync(artefactPaths(indexDir).search, 'utf8')) as { traditional?: unknown };
    return typeof raw.traditional === 'string' ? raw.traditional : undefined;
  } catch {
    return undefined;
  }
}
