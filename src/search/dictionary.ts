// Build-time dictionary trimming: keeps only the jieba words that can occur in our text, so loading takes milliseconds.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** jieba's full dictionary, as shipped with nodejieba (5 MB, ~350k words: ~2.7 s and ~300 MB to load). */
export const FULL_DICTIONARY = join(jiebaDictionaryDir(), 'jieba.dict.utf8');

/**
 * Keeps the dictionary lines whose word is a substring of `text`. jieba only ever considers dictionary
 * words that occur in the sentence it segments, so the indexed text segments exactly as with the full
 * dictionary, provided the total frequency and the smallest frequency stay the same: two placeholder
 * entries (private-use characters that never occur in text) carry the mass of the words left out.
 * @example trimDictionary(readFileSync(FULL_DICTIONARY, 'utf8'), corpusText)
 */
export function trimDictionary(dictionary: string, text: string): string {
  const lines = dictionary.split('\n').filter((line) => line.trim() !== '');
  const entries = lines.map((line) => {
    const [word = '', freq = '0'] = line.split(' ');
    return { line, word, freq: Number(freq) };
  });
  const longest = entries.reduce((max, e) => Math.max(max, [...e.word].length), 0);
  const substrings = substringsOf(text, longest);
  const kept: string[] = [];
  let removedMass = 0;
  let minFreq = Infinity;
  let keptMinFreq = Infinity;
  for (const entry of entries) {
    minFreq = Math.min(minFreq, entry.freq);
    if (substrings.has(entry.word)) {
      kept.push(entry.line);
      keptMinFreq = Math.min(keptMinFreq, entry.freq);
    } else {
      removedMass += entry.freq;
    }
  }
  if (keptMinFreq > minFreq) {
    kept.push(`${PLACEHOLDER}\uE001 ${minFreq} x`);
    removedMass -= minFreq;
  }
  kept.push(`${PLACEHOLDER}\uE002 ${removedMass} x`);
  return kept.join('\n') + '\n';
}

/** jieba's IDF table (inverse document frequency over a general corpus): how much a word usually says. */
export const GENERAL_IDF = join(jiebaDictionaryDir(), 'idf.utf8');

/**
 * The everyday words of general Chinese (IDF below `maxIdf`) with their IDF. A question word the hearing
 * does not contain weighs less when it is everyday (改革, 情况) than when it names a topic (疫情, 机票).
 */
export function everydayWords(idfTable: string, maxIdf: number): Record<string, number> {
  const words: [string, number][] = [];
  for (const line of idfTable.split('\n')) {
    const [word, idf] = line.split(' ');
    const value = Number(idf);
    if (word && Number.isFinite(value) && value < maxIdf) words.push([word, Math.round(value * 100) / 100]);
  }
  words.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(words);
}

function substringsOf(text: string, maxLength: number): Set<string> {
  const chars = [...text];
  const set = new Set<string>();
  for (let i = 0; i < chars.length; i++) {
    let s = '';
    for (let j = i; j < Math.min(chars.length, i + maxLength); j++) {
      s += chars[j];
      set.add(s);
    }
  }
  return set;
}

const PLACEHOLDER = '\uE000';

function jiebaDictionaryDir(): string {
  return join(dirname(createRequire(import.meta.url).resolve('nodejieba/package.json')), 'submodules', 'cppjieba', 'dict');
}
