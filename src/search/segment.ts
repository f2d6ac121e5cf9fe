// Word segmentation with nodejieba (HMM on), loaded once per process from the dictionaries in index/.
import nodejieba from 'nodejieba';
import { checkJiebaFiles, type SegmenterFiles } from './jieba-files.js';

export type { SegmenterFiles };

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
 * a second, different set is refused rather than silently changing how everything else segments. Their lines are
 * checked first (nodejieba aborts the process on a malformed one) unless `checked`: the files are those the index build
 * wrote and checked.
 */
export function loadSegmenter(files: SegmenterFiles, options: { checked?: boolean } = {}): Segmenter {
  const key = JSON.stringify(files);
  if (loadedFrom !== undefined && loadedFrom !== key) {
    throw new Error(
      `segmenter: nodejieba is already loaded with ${loadedFrom}; cannot switch to ${key} in one process`,
    );
  }
  if (loadedFrom === undefined) {
    if (!options.checked) checkJiebaFiles(files);
    nodejieba.load(files);
    loadedFrom = key;
  }
  return {
    cut: (text) => (text ? nodejieba.cut(text, true) : []),
    cutForSearch: (text) => (text ? nodejieba.cutForSearch(text, true) : []),
    cutAll: (text) => (text ? nodejieba.cutAll(text) : []),
  };
}
