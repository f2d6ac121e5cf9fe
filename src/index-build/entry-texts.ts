// Index time: each entry's normalised text as texts.bin (see search/entry-texts.ts).
import { TEXTS_FORMAT, TEXTS_HEADER_WORDS } from '../search/entry-texts.js';

/**
 * The texts, in the order of the index's `refs`, as the bytes of texts.bin.
 * @example encodeEntryTexts(['数字经济']).byteLength // 28: four words (format, count, two offsets), twelve bytes of text
 */
export function encodeEntryTexts(texts: readonly string[]): Uint8Array {
  const encoded = texts.map((t) => Buffer.from(t, 'utf8'));
  const header = Buffer.alloc((TEXTS_HEADER_WORDS + texts.length + 1) * 4);
  header.writeUInt32LE(TEXTS_FORMAT, 0);
  header.writeUInt32LE(texts.length, 4);
  let at = 0;
  encoded.forEach((bytes, i) => {
    header.writeUInt32LE(at, (TEXTS_HEADER_WORDS + i) * 4);
    at += bytes.byteLength;
  });
  header.writeUInt32LE(at, (TEXTS_HEADER_WORDS + texts.length) * 4);
  return Buffer.concat([header, ...encoded]);
}
