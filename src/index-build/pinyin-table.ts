// Index time only: the pronunciations (pinyin-pro) the engine compares misheard words with; never loaded by the engine.
import { pinyin } from 'pinyin-pro';
import { FIRST_CHARACTER, type HomophoneTable, LAST_CHARACTER, SYLLABLE_BASE } from '../search/homophones.js';

/**
 * Reads every character's syllables and each vocabulary word's pronunciation, in context (长江 is chang jiang).
 * Tones are left out: voice input and pinyin typing both confuse them (经心局 for 经信局).
 */
export function homophoneTable(vocabulary: readonly string[]): HomophoneTable {
  const readings: string[][] = [];
  for (let code = FIRST_CHARACTER; code <= LAST_CHARACTER; code++) {
    const all = pinyin(String.fromCodePoint(code), { multiple: true, type: 'array', toneType: 'none', v: true });
    readings.push([...new Set(all)].filter((s) => SYLLABLE.test(s)));
  }
  const syllables = [...new Set(readings.flat())].sort();
  const index = new Map(syllables.map((s, i) => [s, i]));
  const code = (spoken: readonly string[]) =>
    spoken.map((s) => String.fromCharCode(SYLLABLE_BASE + index.get(s)!)).join('');
  const words: string[] = [];
  const spoken: string[] = [];
  for (const word of [...new Set(vocabulary)].sort()) {
    if (!/^\p{Script=Han}{2,}$/u.test(word)) continue;
    const reading = pinyin(word, { type: 'array', toneType: 'none', v: true });
    if (reading.length !== [...word].length || !reading.every((s) => index.has(s))) continue;
    words.push(word);
    spoken.push(code(reading));
  }
  return {
    syllables,
    usual: readings.map((r) => (r[0] ? code([r[0]]) : '-')).join(''),
    other: Object.fromEntries(
      readings
        .map((r, i): [string, string] => [String.fromCodePoint(FIRST_CHARACTER + i), code(r.slice(1))])
        .filter(([, rest]) => rest !== ''),
    ),
    words,
    spoken,
  };
}

const SYLLABLE = /^[a-z]+$/;
