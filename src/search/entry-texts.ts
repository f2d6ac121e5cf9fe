// index/texts.bin: each entry's question and answer as the engine reads them (normalised), decoded one entry at a time when first needed.
import { RUN_INDEX } from '../errors.js';
import { type IndexFileView, viewOf } from './index-files.js';

/**
 * texts.bin is little-endian 32-bit words, then bytes: the format, the number n of texts, n + 1 offsets (in bytes from
 * the first text), then the texts as UTF-8, one after another in the order of the index's `refs`.
 */
export const TEXTS_FORMAT = 1;
export const TEXTS_HEADER_WORDS = 2;

/** The entries' normalised texts, by position in the index's `refs`. */
export interface EntryTexts {
  readonly length: number;
  /** The i-th entry's text (decoded when first asked for, then kept). */
  at(i: number): string;
  /** Every text, in order: read in one piece, not entry by entry. */
  all(): string[];
}

/**
 * The texts of texts.bin. Reading and decoding 20,000 entries' texts at every start took a tenth of a second at a
 * thousand hearings, though a question reads the texts of a few hundred: only the offsets are read at start, each
 * text when first asked for (then kept). Throws, naming the file, when it does not hold `count` texts.
 * @example entryTexts(readFileSync('index/texts.bin'), refs.length).at(0) // '如何在数字经济基础设施建设中提质增效…'
 */
export function entryTexts(source: Uint8Array | IndexFileView, count: number): EntryTexts {
  const file = source instanceof Uint8Array ? viewOf(source) : source;
  const header = TEXTS_HEADER_WORDS + count + 1;
  const mismatch = () => new Error(`engine texts.bin: does not match search.json (another build's file?)${RUN_INDEX}`);
  if (file.size < header * 4) throw mismatch();
  const head = file.read(0, header * 4);
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const word = (i: number) => view.getUint32(i * 4, true);
  if (word(0) !== TEXTS_FORMAT || word(1) !== count || word(TEXTS_HEADER_WORDS + count) !== file.size - header * 4)
    throw mismatch();
  const offsets = new Uint32Array(count + 1);
  for (let i = 0; i <= count; i++) offsets[i] = header * 4 + word(TEXTS_HEADER_WORDS + i);
  const decoded: (string | undefined)[] = new Array(count);
  return {
    length: count,
    at(i) {
      let text = decoded[i];
      if (text === undefined) {
        text = UTF8.decode(file.read(offsets[i]!, offsets[i + 1]! - offsets[i]!));
        decoded[i] = text;
      }
      return text;
    },
    all() {
      const start = offsets[0]!;
      const bytes = file.read(start, offsets[count]! - start);
      return Array.from({ length: count }, (_, i) => {
        decoded[i] ??= UTF8.decode(bytes.subarray(offsets[i]! - start, offsets[i + 1]! - start));
        return decoded[i];
      });
    },
  };
}

const UTF8 = new TextDecoder('utf-8');
