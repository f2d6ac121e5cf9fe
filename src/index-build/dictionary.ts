import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** jieba's full dictionary, as shipped with nodejieba (5 MB, ~350k words: ~2.7 s and ~300 MB to load). */
export const FULL_DICTIONARY = join(jiebaDictionaryDir(), 'jieba.dict.utf8');

/**
 * Keeps the dictionary lines whose word is a substring of `text`. jieba only considers dictionary words that occur
 * in the sentence it segments, so `text` segments exactly as with the full dictionary, provided the total and the
 * smallest frequency stay the same: placeholder entries (private-use characters that never occur in text) carry
 * the mass of the words left out. Every dictionary line costs start-up time (~5 µs), hence nothing more.
 * @example trimDictionary(readFileSync(FULL_DICTIONARY, 'utf8'), corpusText)
 */
export function trimDictionary(dictionary: string, text: string): string {
  const entries = dictionaryEntries(dictionary);
  const substrings = wordsInText(entries, text);
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
  return `${kept.join('\n')}\n`;
}

/**
 * Everyday words that are a word of `text` plus one character (养老金 is 养老 + 金), sorted. The trimmed dictionary
 * cuts them into the text's word and a lone character, which would make a question about 养老金 look like one about
 * the hearing's 养老; the analyser joins such pairs back (see analyse.ts).
 */
export function wordsOneCharacterLonger(dictionary: string, text: string): string[] {
  const entries = dictionaryEntries(dictionary);
  const substrings = wordsInText(entries, text);
  const inText = new Set(entries.filter((e) => substrings.has(e.word) && [...e.word].length > 1).map((e) => e.word));
  return entries
    .filter((e) => e.freq >= EVERYDAY_MIN_FREQUENCY && !substrings.has(e.word))
    .map((e) => e.word)
    .filter((word) => {
      const chars = [...word];
      return chars.length > 2 && (inText.has(chars.slice(1).join('')) || inText.has(chars.slice(0, -1).join('')));
    })
    .sort();
}

/** Words rarer than this are rarely typed: left out of wordsOneCharacterLonger. */
const EVERYDAY_MIN_FREQUENCY = 20;

function dictionaryEntries(dictionary: string): { line: string; word: string; freq: number }[] {
  return dictionary
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const [word = '', freq = '0'] = line.split(' ');
      return { line, word, freq: Number(freq) };
    });
}

/** jieba's HMM model for words no dictionary has (520 KB: its per-character table is most of the load time). */
export const FULL_HMM_MODEL = join(jiebaDictionaryDir(), 'hmm_model.utf8');

/**
 * Keeps the HMM's emission probabilities for the characters of `text` and the `common` most frequent characters
 * of jieba's dictionary, and drops the rest (rare characters, which only ever occur in questions the hearing
 * cannot answer). `text` therefore segments exactly as with the full model.
 */
export function trimHmmModel(model: string, dictionary: string, text: string, common: number): string {
  const weight = new Map<string, number>();
  for (const line of dictionary.split('\n')) {
    const [word = '', freq = '0'] = line.split(' ');
    for (const ch of word) weight.set(ch, (weight.get(ch) ?? 0) + Number(freq));
  }
  const ranked = [...weight].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1)).slice(0, common);
  const keep = new Set([...ranked.map(([ch]) => ch), ...text]);
  return model
    .split('\n')
    .map((line) => {
      // Emission lines are `char:logprob,char:logprob,…`; the start and transition lines have no colon.
      if (line.startsWith('#') || !line.includes(':')) return line;
      return line
        .split(',')
        .filter((pair) => keep.has(pair.slice(0, pair.lastIndexOf(':'))))
        .join(',');
    })
    .join('\n');
}

/** jieba's IDF table (inverse document frequency over a general corpus): how much a word usually says. */
export const GENERAL_IDF = join(jiebaDictionaryDir(), 'idf.utf8');

/**
 * The everyday words of general Chinese (IDF below `maxIdf`) with their IDF. A question word the hearing
 * does not contain weighs less when it is everyday (改革, 情况) than when it names a topic (疫情, 机票).
 */
export function everydayWords(idfTable: string, maxIdf: number): [string[], number[]] {
  const words: [string, number][] = [];
  for (const line of idfTable.split('\n')) {
    const [word, idf] = line.split(' ');
    const value = Number(idf);
    if (word && Number.isFinite(value) && value < maxIdf) words.push([word, Math.round(value * 100) / 100]);
  }
  words.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return [words.map(([w]) => w), words.map(([, idf]) => idf)];
}

/**
 * The dictionary's words that occur in the text. Walks the text once, extending a run from each character only while
 * it is the start of some dictionary word, so the cost follows the text's length, not its length times the longest
 * word (a thousand hearings are 13 million characters: their every substring would not fit in memory).
 */
function wordsInText(entries: readonly { word: string }[], text: string): Set<string> {
  const words = new Set(entries.map((e) => e.word));
  const starts = new Set<string>();
  for (const word of words) {
    const chars = [...word];
    for (let n = 1; n < chars.length; n++) starts.add(chars.slice(0, n).join(''));
  }
  const chars = [...text];
  const found = new Set<string>();
  for (let i = 0; i < chars.length; i++) {
    let s = '';
    for (let j = i; j < chars.length; j++) {
      s += chars[j];
      if (words.has(s)) found.add(s);
      if (!starts.has(s)) break;
    }
  }
  return found;
}

const PLACEHOLDER = '\uE000';

/** Every jieba file an index build reads: part of the index's input hash. */
export const JIEBA_INPUTS = [FULL_DICTIONARY, FULL_HMM_MODEL, GENERAL_IDF] as const;

function jiebaDictionaryDir(): string {
  return join(
    dirname(createRequire(import.meta.url).resolve('nodejieba/package.json')),
    'submodules',
    'cppjieba',
    'dict',
  );
}
