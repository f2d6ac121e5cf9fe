// Misheard words: a run of the question that sounds like a word of the hearing but differs in one character (汉溶通 → 汉融通).

/**
 * What the engine needs to find homophones without loading pinyin-pro (~130 ms, ~20 MB) at run time, in a form it
 * can use without building anything: a character's usual reading is one string index away. Written by the index
 * build (index-build/pinyin-table.ts).
 */
export interface HomophoneTable {
  /** Every toneless syllable, sorted. */
  syllables: string[];
  /**
   * One character per CJK Unified Ideograph (U+4E00 onwards): `SYLLABLE_BASE` plus the index of its usual reading
   * in `syllables`, or `-` when it has none.
   */
  usual: string;
  /** Characters that also have other readings (的 is usually de, rarely di) → those readings, coded as in `usual`. */
  other: Record<string, string>;
  /** The hearing's words of two Chinese characters or more, sorted. */
  words: string[];
  /** How each word of `words` is read in context (长江 is chang jiang), coded as in `usual`. */
  spoken: string[];
}

/** One replacement made in a question. */
export interface Correction {
  /** As typed (经心局). */
  from: string;
  /** The hearing's word it sounds like (经信局). */
  to: string;
}

export interface HomophoneGuards {
  /** Whether the hearing's text holds this as written: such a run is no mistake, and it gives a short word context. */
  inHearing(text: string): boolean;
  /** Whether this is a word of everyday Chinese: 房价 stays 房价 even if the hearing had 放假. */
  everyday(word: string): boolean;
}

/**
 * Builds the corrector from the table written at index time (see index-build/pinyin-table.ts). Only a run that sounds exactly
 * like a word of the hearing (tones aside) and differs from it in one character (two in words of six or more) is
 * replaced. A two-character word needs the characters next to it to stand so in the hearing too (算例平台 →
 * 算力平台), since short homophones are common; a longer run must not be an everyday word. So 农村电网 never
 * becomes 农村电商 (it does not sound alike) and 房价 never 放假 (放假 is no word of the hearing).
 * @example createHomophones(table, guards)('汉溶通是啥') // { text: '汉融通是啥', corrections: [{ from: '汉溶通', to: '汉融通' }] }
 */
export function createHomophones(
  table: HomophoneTable,
  guards: HomophoneGuards,
): (text: string) => { text: string; corrections: Correction[] } {
  const usualReading = (ch: string): number => {
    const code = ch.codePointAt(0)!;
    return code < FIRST_CHARACTER || code > LAST_CHARACTER
      ? -1
      : table.usual.charCodeAt(code - FIRST_CHARACTER) - SYLLABLE_BASE;
  };
  const reads = (ch: string, syllable: number): boolean =>
    usualReading(ch) === syllable ||
    (table.other[ch]?.includes(String.fromCharCode(SYLLABLE_BASE + syllable)) ?? false);
  // The hearing's words by their first syllable. Built on the first question with a word the hearing does not know.
  let byFirstSyllable: Map<number, SpokenWord[]> | undefined;
  const load = () => {
    const map = new Map<number, SpokenWord[]>();
    table.words.forEach((word, i) => {
      const spoken = table.spoken[i]!;
      const syllables = Array.from({ length: spoken.length }, (_, k) => spoken.charCodeAt(k) - SYLLABLE_BASE);
      const list = map.get(syllables[0]!) ?? [];
      list.push({ chars: [...word], syllables });
      map.set(syllables[0]!, list);
    });
    return map;
  };

  return (text) => {
    if (!HAN.test(text)) return { text, corrections: [] };
    byFirstSyllable ??= load();
    const chars = [...text];
    const found: { at: number; word: string[] }[] = [];
    for (let at = 0; at + 1 < chars.length; at++) {
      const first = chars[at]!;
      const starting = [
        usualReading(first),
        ...[...(table.other[first] ?? '')].map((c) => c.charCodeAt(0) - SYLLABLE_BASE),
      ];
      for (const syllable of starting) {
        for (const word of byFirstSyllable.get(syllable) ?? []) {
          const end = at + word.chars.length;
          if (end > chars.length) continue;
          let alike = true;
          for (let i = 1; alike && i < word.chars.length; i++) alike = reads(chars[at + i]!, word.syllables[i]!);
          if (alike && acceptable(word, chars, at, end)) found.push({ at, word: word.chars });
        }
      }
    }
    if (found.length === 0) return { text, corrections: [] };
    // Longest first, then leftmost; overlapping runs give way.
    found.sort((a, b) => b.word.length - a.word.length || a.at - b.at);
    const taken = new Array<boolean>(chars.length).fill(false);
    const corrections: Correction[] = [];
    for (const { at, word } of found) {
      if (taken.slice(at, at + word.length).some(Boolean)) continue;
      taken.fill(true, at, at + word.length);
      corrections.push({ from: chars.slice(at, at + word.length).join(''), to: word.join('') });
      chars.splice(at, word.length, ...word);
    }
    return { text: chars.join(''), corrections };
  };

  /** `chars[at..end)` sounds like `word`; is it a mistake for it? */
  function acceptable(word: SpokenWord, chars: readonly string[], at: number, end: number): boolean {
    let differing = 0;
    for (let i = 0; i < word.chars.length; i++) {
      if (chars[at + i] === word.chars[i]) continue;
      // A character typed in place of another is heard by its usual reading: 的 (de) never stands for 低 (di).
      if (usualReading(chars[at + i]!) !== word.syllables[i]) return false;
      differing++;
    }
    if (differing === 0 || differing > (word.chars.length >= 6 ? 2 : 1)) return false;
    const run = chars.slice(at, end).join('');
    if (guards.inHearing(run)) return false;
    if (word.chars.length > 2) return !guards.everyday(run);
    const spelled = word.chars.join('');
    const before = chars.slice(Math.max(0, at - 2), at).join('');
    const after = chars.slice(end, end + 2).join('');
    return (
      (HAN_PAIR.test(before) && guards.inHearing(before + spelled)) ||
      (HAN_PAIR.test(after) && guards.inHearing(spelled + after))
    );
  }
}

/** The first character the table's `usual` readings cover, and the last (the CJK Unified Ideographs). */
export const FIRST_CHARACTER = 0x4e00;
export const LAST_CHARACTER = 0x9fff;
/** Syllable indices are stored as characters from here on (CJK, so JSON keeps them as they are). */
export const SYLLABLE_BASE = 0x4e00;

/** A word of the hearing with the index of each of its syllables. */
interface SpokenWord {
  chars: string[];
  syllables: number[];
}

const HAN = /\p{Script=Han}/u;
const HAN_PAIR = /^\p{Script=Han}{2}$/u;

/**
 * Every reading of a character (tones aside), as syllable indices: its usual one and any other (none outside the CJK
 * Unified Ideographs). Kept per character once asked, so comparing names by sound allocates nothing per message.
 * @example createReadings(table)('王') // the same index as createReadings(table)('汪')[0]
 */
export function createReadings(table: HomophoneTable): (ch: string) => readonly number[] {
  // At most one array per ideograph: anything else (emoji, Latin, noise) has no reading and shares one empty array.
  const known = new Map<string, readonly number[]>();
  const none: readonly number[] = [];
  return (ch) => {
    const code = ch.codePointAt(0) ?? 0;
    if (code < FIRST_CHARACTER || code > LAST_CHARACTER || ch.length !== 1) return none;
    let readings = known.get(ch);
    if (readings === undefined) {
      const usual = table.usual.charCodeAt(code - FIRST_CHARACTER) - SYLLABLE_BASE;
      const other = [...(table.other[ch] ?? '')].map((c) => c.charCodeAt(0) - SYLLABLE_BASE);
      readings = [...(usual >= 0 ? [usual] : []), ...other];
      known.set(ch, readings);
    }
    return readings;
  };
}

/**
 * Whether two characters may sound alike (tones aside), from the same table: any reading of one is a reading of the
 * other (汪 and 王, 闻 and 文, 钢 and 刚). For names: a person misheard by sound.
 * @example createSoundsAlike(table)('汪', '王') // true
 */
export function createSoundsAlike(table: HomophoneTable): (a: string, b: string) => boolean {
  const readings = createReadings(table);
  return (a, b) => {
    if (a === b) return true;
    const theirs = readings(b);
    return theirs.length > 0 && readings(a).some((r) => theirs.includes(r));
  };
}
