// Cuts folded text into the page's words the way jieba does: the most probable path through the dictionary.

/** The page's dictionary: word → its frequency first, then the bot's answers for it (page-data.ts `words`). */
export type PageDictionary = ReadonlyMap<string, readonly number[]>;

/**
 * The segmenter for a dictionary whose frequencies sum to `total`; `stop` words are never glued to their neighbours.
 * Like jieba, a run of digits or of letters stays one word, and characters left single side by side are read as one
 * word the dictionary lacks (jieba's HMM mostly joins them: 闪退, 红包), which then weighs as a word the hearing does
 * not use. Works on UTF-16 code units, as the dictionary's words are looked up by `slice`.
 * @example createSegmenter(dictionary, total, stop)('软件闪退') // ['软件', '闪退']
 */
export function createSegmenter(
  dictionary: PageDictionary,
  total: number,
  stop: ReadonlySet<string>,
): (text: string) => string[] {
  const logTotal = Math.log(total);
  let longest = 1;
  for (const word of dictionary.keys()) longest = Math.max(longest, word.length);

  return (s) => {
    const n = s.length;
    const best: number[] = [];
    const next: number[] = [];
    best[n] = 0;
    for (let i = n - 1; i >= 0; i--) {
      best[i] = -Infinity;
      for (let j = i + 1; j <= Math.min(n, i + longest); j++) {
        const entry = dictionary.get(s.slice(i, j));
        if (!entry && j > i + 1) continue;
        const p = Math.log(entry ? entry[0]! : 1) - logTotal + best[j]!;
        if (p > best[i]!) {
          best[i] = p;
          next[i] = j;
        }
      }
      const kind = charKind(s[i]!);
      if (kind && !dictionary.has(s.slice(i, next[i]))) {
        let end = i;
        while (end < n && charKind(s[end]!) === kind) end++;
        next[i] = end;
        best[i] = -logTotal + best[end]!;
      }
    }
    const words: string[] = [];
    let single = '';
    for (let at = 0; at < n; at = next[at]!) {
      const word = s.slice(at, next[at]);
      if (word.length === 1 && !charKind(word) && !stop.has(word)) {
        single += word;
        continue;
      }
      if (single) words.push(single);
      single = '';
      words.push(word);
    }
    if (single) words.push(single);
    return words;
  };
}

/** Digits and letters stay in runs; any other character is left to the dictionary. */
function charKind(ch: string): 'digit' | 'letter' | '' {
  return /[0-9]/.test(ch) ? 'digit' : /[a-z]/.test(ch) ? 'letter' : '';
}
