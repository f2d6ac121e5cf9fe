// Checks the five files nodejieba reads, so a damaged index is an ordinary error naming the file instead of a native abort.
import { readFileSync } from 'node:fs';
import { RUN_INDEX } from '../errors.js';

/** Where the segmenter's dictionaries live; `index/jieba/` after `npm run index`. */
export interface SegmenterFiles {
  dict: string;
  hmmDict: string;
  userDict: string;
  idfDict: string;
  stopWordDict: string;
}

/**
 * Throws an Error naming the file (and line) when nodejieba would abort the process on it, or silently load something
 * else than `npm run index` wrote. nodejieba (cppjieba) stops with a C++ FATAL or a failed assert, which no `try` can
 * catch, on: a missing file, an empty dictionary, a dictionary line without three columns or with a frequency of 0,
 * an empty or all-zero IDF table, an empty stop-word list, and an HMM model missing any of its nine tables.
 * Every file the build writes ends with a newline, so one that does not was cut short (a full disk, a killed copy).
 * @example checkJiebaFiles(artefactPaths(INDEX_DIR).jieba) // throws `segmenter: …/dict.utf8: the file is empty (run npm run index)`
 */
export function checkJiebaFiles(files: SegmenterFiles): void {
  // cppjieba splits the user-dictionary path on | and ; (to allow several files), so such a folder cannot be opened.
  if (/[|;]/.test(files.userDict)) {
    throw new Error(
      `segmenter: ${files.userDict}: nodejieba cannot open a path holding | or ; (move the project to another folder)`,
    );
  }
  const dict = linesOf(files.dict, { empty: false });
  checkLines(files.dict, dict, DICTIONARY_LINE, 'word frequency tag');
  checkPositive(files.dict, dict, 'a frequency of 0 (jieba needs every word to weigh something)');
  checkLines(files.userDict, linesOf(files.userDict, { empty: true }), USER_DICTIONARY_LINE, 'word [frequency] [tag]');
  const idf = linesOf(files.idfDict, { empty: false });
  checkLines(files.idfDict, idf, IDF_LINE, 'word idf');
  if (!idf.some((line) => Number(line.split(' ')[1]) > 0)) fail(files.idfDict, 'no IDF above 0');
  checkLines(files.stopWordDict, linesOf(files.stopWordDict, { empty: false }), STOP_WORD_LINE, 'one word');
  checkHmmModel(files.hmmDict, linesOf(files.hmmDict, { empty: false }));
}

/** The file's lines without the final newline; throws when it cannot be read, is not UTF-8, is empty or cut short. */
function linesOf(file: string, allow: { empty: boolean }): string[] {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    return fail(file, `cannot read it: ${(error as Error).message}`);
  }
  if (bytes.length === 0) {
    if (allow.empty) return [];
    return fail(file, 'the file is empty');
  }
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    return fail(file, 'not valid UTF-8');
  }
  if (!text.endsWith('\n')) return fail(file, 'the last line has no newline: the file was cut short');
  return text.slice(0, -1).split('\n');
}

function checkLines(file: string, lines: readonly string[], valid: RegExp, expected: string): void {
  lines.forEach((line, i) => {
    if (!valid.test(line)) fail(file, `malformed line ${JSON.stringify(line.slice(0, 40))}, expected "${expected}"`, i);
  });
}

function checkPositive(file: string, lines: readonly string[], why: string): void {
  lines.forEach((line, i) => {
    if (!(Number(line.split(' ')[1]) > 0)) fail(file, why, i);
  });
}

/**
 * jieba's HMM model: comment lines (#…) and nine tables, one a line: the start probabilities of the four states
 * (B E M S), the 4×4 transition matrix, then each state's emission probabilities as `字:logprob,字:logprob…`.
 */
function checkHmmModel(file: string, lines: readonly string[]): void {
  const tables = lines.flatMap((line, i) => {
    const trimmed = line.trim();
    return trimmed === '' || trimmed.startsWith('#') ? [] : [{ line: trimmed, i }];
  });
  if (tables.length !== HMM_TABLES) fail(file, `${tables.length} of the ${HMM_TABLES} tables of a jieba HMM model`);
  tables.forEach(({ line, i }, table) => {
    if (table < 1 + HMM_STATES) {
      const values = line.split(' ');
      if (values.length !== HMM_STATES || !values.every(isNumber))
        fail(file, `expected ${HMM_STATES} numbers separated by single spaces`, i);
    } else if (!EMISSION_TABLE.test(line)) {
      fail(file, 'malformed emission table, expected "字:logprob,字:logprob…"', i);
    }
  });
}

const isNumber = (s: string) => s.trim() !== '' && Number.isFinite(Number(s));

function fail(file: string, reason: string, lineIndex?: number): never {
  const where = lineIndex === undefined ? file : `${file}:${lineIndex + 1}`;
  throw new Error(`segmenter: ${where}: ${reason}${RUN_INDEX}`);
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });
const DICTIONARY_LINE = /^\S+ \d+(\.\d+)? \S+$/;
const USER_DICTIONARY_LINE = /^\S+( \d+)?( \S+)?$/;
const IDF_LINE = /^\S+ \d+(\.\d+)?$/;
const STOP_WORD_LINE = /^\S+$/;
/** One code point (not , or :), a colon and a number, comma-separated; a regular expression is ~20× faster than splitting. */
const EMISSION_TABLE = /^(?:[^,:]:-?\d+(?:\.\d+)?(?:e[+-]?\d+)?,)*[^,:]:-?\d+(?:\.\d+)?(?:e[+-]?\d+)?$/u;
const HMM_STATES = 4;
/** Start probabilities, four transition rows, four emission tables. */
const HMM_TABLES = 1 + HMM_STATES + HMM_STATES;
