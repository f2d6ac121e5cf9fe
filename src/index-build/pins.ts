// The pins of data/pins.json as index/pins.json stores them: each question's key → the entry pinned to it.
import type { Hearing } from '../hearing/model.js';
import { entryName, type Pin, pinnedEntries } from '../hearing/pins.js';
import { refOf } from '../search/documents.js';
import { type PinIndex, questionKey } from '../search/pins.js';

/**
 * The pins as the index stores them; throws, naming the file and both entries, when two pins are one question after
 * normalisation, and (see {@link pinnedEntries}) when a pin's answer is not in the hearings.
 * @example pinIndexOf('data/pins.json', [{ question: '经信句有啥措施', answer: 'q3' }], hearings, normalise)
 * // { '经信句有啥措施': 'digital-economy-2023-09-13#q3' }
 */
export function pinIndexOf(
  path: string,
  pins: readonly Pin[],
  hearings: readonly Hearing[],
  normalise: (text: string) => string,
): PinIndex {
  const byKey = new Map<string, { index: number; ref: string }>();
  for (const { index, entry, pin } of pinnedEntries(path, pins, hearings)) {
    const key = questionKey(normalise, pin.question);
    const other = byKey.get(key);
    if (other)
      throw new Error(
        `pins ${path}: ${entryName(pins, index)} is the same question as ${entryName(pins, other.index)} once ` +
          'Traditional characters, width, case and punctuation are set aside: keep one of them',
      );
    byKey.set(key, { index, ref: refOf(entry) });
  }
  return Object.fromEntries([...byKey].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => [k, v.ref]));
}
