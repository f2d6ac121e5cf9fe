// Word segmentation with nodejieba (HMM on), loaded once per process from the dictionaries in index/.
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import nodejieba from 'nodejieba';

/** Where the segmenter's dictionaries live; `index/jieba/` after `npm run index`. */
export interface SegmenterFiles {
  dict: string;
  hmmDict: string;
  userDict: string;
  idfDict: string;
  stopWordDict: string;
}

export interface Segmenter {
  /** Precise mode: the words of the text, in order. */
  cut(text: string): string[];
  /** Search mode: the words plus the shorter dictionary words inside long ones (数字化转型 → 数字, 数字化, 转型, 数字化转型). */
  cutForSearch(text: string): string[];
  /** Every dictionary word that occurs in the text, overlapping ones included. */
  cutAll(text: string): string[];
}

let loadedFrom: string | undefined;

/**
 * Loads nodejieba with the given dictionaries. nodejieba keeps one dictionary per process, so loading
 * a second, different set is refused rather than silently changing how everything else segments.
 */
export function loadSegmenter(files: SegmenterFiles): Segmenter {
  const key = JSON.stringify(files);
  if (loadedFrom !== undefined && loadedFrom !== key) {
    throw new Error(
      `segmenter: nodejieba is already loaded with ${loadedFrom}; cannot switch to ${key} in one process`,
    );
  }
  if (loadedFrom === undefined) {
    checkFiles(files);
    nodejieba.load(files);
    loadedFrom = key;
  }
  return {
    cut: (text) => (text ? nodejieba.cut(text, true) : []),
    cutForSearch: (text) => (text ? nodejieba.cutForSearch(text, true) : []),
    cutAll: (text) => (text ? nodejieba.cutAll(text) : []),
  };
}

/**
 * nodejieba aborts the whole process (a C++ FATAL, not an exception) on a missing file or a malformed line,
 * so the files are checked here first and a broken index becomes an ordinary error naming the file and line.
 */
function checkFiles(files: SegmenterFiles): void {
  const lines = (file: string): string[] => {
    try {
      return readFileSync(file, 'utf8').split('\n');
    } catch (error) {
      throw new Error(`segmenter: cannot read ${file}: ${(error as Error).message} (run npm run index)`);
    }
  };
  const check = (file: string, valid: RegExp) =>
    lines(file).forEach((line, i, all) => {
      if (!valid.test(line) && !(line === '' && i === all.length - 1)) {
        throw new Error(
          `segmenter: ${file}:${i + 1}: malformed line ${JSON.stringify(line.slice(0, 40))} (run npm run index)`,
        );
      }
    });
  check(files.dict, DICTIONARY_LINE);
  check(files.userDict, USER_DICTIONARY_LINE);
  check(files.idfDict, IDF_LINE);
  check(files.stopWordDict, /^\S+$/);
  if (!startsWithHash(files.hmmDict))
    throw new Error(`segmenter: ${files.hmmDict}:1: not a jieba HMM model (run npm run index)`);
}

/** The HMM model is large; its first byte says enough about it. */
function startsWithHash(file: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const first = Buffer.alloc(1);
    return readSync(fd, first, 0, 1, 0) === 1 && first[0] === 0x23;
  } catch (error) {
    throw new Error(`segmenter: cannot read ${file}: ${(error as Error).message} (run npm run index)`);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

const DICTIONARY_LINE = /^\S+ \d+ \S+$/;
const USER_DICTIONARY_LINE = /^\S+( \d+)?( \S+)?$/;
const IDF_LINE = /^\S+ [\d.]+$/;
