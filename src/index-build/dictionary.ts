import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** jieba's full dictionary, as shipped with nodejieba (5 MB, ~350k words: ~2.7 s and ~300 MB to load). */
export const FULL_DICTIONARY = join(jiebaDictionaryDir(), 'jieba.dict.utf8');

/**
 * jieba's dictionary parsed once per build: its lines, each line's word and frequency (parallel lists: 350,000 lines
 * as objects cost a second of allocation and collection), and its words for looking text up.
 */
export interface JiebaDictionary {
  lines: readonly string[];
  words: readonly string[];
  freqs: Float64Array;
  /** Every word, for lookups. */
  wordSet: ReadonlySet<string>;
  /** The longest word (in UTF-16 units) starting with each first unit: a run from a character goes no further. */
  longestFrom: ReadonlyMap<number, number>;
}

export function parseDictionary(dictionary: string): JiebaDictionary {
  const lines = dictionary.split('\n').filter((line) => line.trim() !== '');
  const words: string[] = [];
  const freqs = new Float64Array(lines.length);
  const longestFrom = new Map<number, number>();
  lines.forEach((line, i) => {
    const space = line.indexOf(' ');
    const word = space < 0 ? line : line.slice(0, space);
    const end = line.indexOf(' ', space + 1);
    words.push(word);
    freqs[i] = space < 0 ? 0 : Number(line.slice(space + 1, end < 0 ? undefined : end));
    const first = word.charCodeAt(0);
    if (word.length > (longestFrom.get(first) ?? 0)) longestFrom.set(first, word.length);
  });
  return { lines, words, freqs, wordSet: new Set(words), longestFrom };
}

/**
 * Keeps the dictionary lines whose word is in `found` (the dictionary words of the text, see {@link dictionaryWordsIn}).
 * jieba only considers dictionary words that occur in the sentence it segments, so the text segments exactly as with
 * the full dictionary, provided the total and the smallest frequency stay the same: placeholder entries (private-use
 * characters that never occur in text) carry the mass of the words left out. Every dictionary line costs start-up
 * time (~5 µs), hence nothing more.
 * @example trimDictionary(dictionary, dictionaryWordsIn(dictionary, [corpusText]))
 */
export function trimDictionary(dictionary: JiebaDictionary, found: ReadonlySet<string>): string {
  const kept: string[] = [];
  let removedMass = 0;
  let minFreq = Infinity;
  let keptMinFreq = Infinity;
  dictionary.words.forEach((word, i) => {
    const freq = dictionary.freqs[i]!;
    minFreq = Math.min(minFreq, freq);
    if (found.has(word)) {
      kept.push(dictionary.lines[i]!);
      keptMinFreq = Math.min(keptMinFreq, freq);
    } else {
      removedMass += freq;
    }
  });
  if (keptMinFreq > minFreq) {
    kept.push(`${PLACEHOLDER}\uE001 ${minFreq} x`);
    removedMass -= minFreq;
  }
  kept.push(`${PLACEHOLDER}\uE002 ${removedMass} x`);
  return `${kept.join('\n')}\n`;
}

/**
 * Everyday words that are a word of the text plus one character (养老金 is 养老 + 金), sorted; `found` as for
 * {@link trimDictionary}. The trimmed dictionary cuts them into the text's word and a lone character, which would make
 * a question about 养老金 look like one about the hearing's 养老; the analyser joins such pairs back (see analyse.ts).
 */
export function wordsOneCharacterLonger(dictionary: JiebaDictionary, found: ReadonlySet<string>): string[] {
  const inText = new Set(dictionary.words.filter((word) => found.has(word) && [...word].length > 1));
  return dictionary.words
    .filter((word, i) => dictionary.freqs[i]! >= EVERYDAY_MIN_FREQUENCY && !found.has(word))
    .filter((word) => {
      const chars = [...word];
      return chars.length > 2 && (inText.has(chars.slice(1).join('')) || inText.has(chars.slice(0, -1).join('')));
    })
    .sort();
}

/** Words rarer than this are rarely typed: left out of wordsOneCharacterLonger. */
const EVERYDAY_MIN_FREQUENCY = 20;

/** jieba's HMM model for words no dictionary has (520 KB: its per-character table is most of the load time). */
export const FULL_HMM_MODEL = join(jiebaDictionaryDir(), 'hmm_model.utf8');

/**
 * Keeps the HMM's emission probabilities for the characters of the text and the `common` most frequent characters
 * of jieba's dictionary, and drops the rest (rare characters, which only ever occur in questions the hearing
 * cannot answer). The text therefore segments exactly as with the full model.
 */
export function trimHmmModel(
  model: string,
  dictionary: JiebaDictionary,
  characters: Iterable<string>,
  common: number,
): string {
  const weight = new Map<string, number>();
  dictionary.words.forEach((word, i) => {
    for (const ch of word) weight.set(ch, (weight.get(ch) ?? 0) + dictionary.freqs[i]!);
  });
  const ranked = [...weight].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1)).slice(0, common);
  const keep = new Set([...ranked.map(([ch]) => ch), ...characters]);
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
 * The dictionary's words that occur in each text. Short texts are looked up substring by substring; long ones are
 * walked once, extending a run from each character only while it is the start of some dictionary word, so the cost
 * follows the text's length, not its length times the longest word (a thousand hearings are 13 million characters:
 * their every substring would not fit in memory). Both give the same words.
 */
export function dictionaryWordsIn(dictionary: JiebaDictionary, texts: readonly string[]): Set<string>[] {
  const length = texts.reduce((n, t) => n + t.length, 0);
  if (length <= SHORT_TEXTS) {
    return texts.map((text) => {
      const found = new Set<string>();
      for (let i = 0; i < text.length; i++) {
        const end = Math.min(text.length, i + (dictionary.longestFrom.get(text.charCodeAt(i)) ?? 0));
        for (let j = i + 1; j <= end; j++) {
          const s = text.slice(i, j);
          if (dictionary.wordSet.has(s)) found.add(s);
        }
      }
      return found;
    });
  }
  const starts = wordStarts(dictionary);
  return texts.map((text) => {
    const found = new Set<string>();
    const chars = [...text];
    for (let i = 0; i < chars.length; i++) {
      let s = '';
      for (let j = i; j < chars.length; j++) {
        s += chars[j];
        if (dictionary.wordSet.has(s)) found.add(s);
        if (!starts.has(s)) break;
      }
    }
    return found;
  });
}

/** Below this many characters in all, texts are looked up substring by substring (no table of word starts to make). */
const SHORT_TEXTS = 100_000;

const startsOf = new WeakMap<JiebaDictionary, Set<string>>();
/** Every proper prefix of a dictionary word (made once per dictionary: ~1 s for jieba's). */
function wordStarts(dictionary: JiebaDictionary): Set<string> {
  let starts = startsOf.get(dictionary);
  if (!starts) {
    starts = new Set<string>();
    for (const word of dictionary.wordSet) {
      const chars = [...word];
      for (let n = 1; n < chars.length; n++) starts.add(chars.slice(0, n).join(''));
    }
    startsOf.set(dictionary, starts);
  }
  return starts;
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
