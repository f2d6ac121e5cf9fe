// Bytes of a text file → its text: UTF-8 (with or without BOM) or GBK/GB18030; refuses binary, empty and unreadable bytes.
import iconv from 'iconv-lite';
import { ImportError } from './errors.js';

/** The largest file the import reads: a published hearing is a few hundred kilobytes, a saved page a few megabytes. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

/** A decoded text and the encoding it was read in. */
export interface DecodedText {
  text: string;
  encoding: 'UTF-8' | 'GB18030';
}

/**
 * Decodes a text file's bytes. UTF-8 is tried first (it is strict: GBK bytes are almost never valid UTF-8), then
 * GB18030, which covers GBK and GB2312.
 * @example decodeText(iconv.encode('张三委员问:', 'gbk'), 'a.txt').encoding // 'GB18030'
 */
export function decodeText(bytes: Uint8Array, file: string): DecodedText {
  checkSize(bytes.length, file);
  if (looksBinary(bytes)) throw new ImportError([`${file}: is a binary file, not text, a web page or a .docx`]);
  try {
    const text = UTF8.decode(bytes).replace(/^\uFEFF/, '');
    return { text: nonEmpty(text, file), encoding: 'UTF-8' };
  } catch (error) {
    if (error instanceof ImportError) throw error;
  }
  const text = iconv.decode(Buffer.from(bytes), 'gb18030');
  const bad = text.indexOf('\uFFFD');
  if (bad >= 0) {
    const line = text.slice(0, bad).split('\n').length;
    throw new ImportError([
      `${file}: the encoding cannot be read (neither UTF-8 nor GBK/GB18030; first unreadable byte on line ${line}): ` +
        'save it as UTF-8 and import it again',
    ]);
  }
  return { text: nonEmpty(text, file), encoding: 'GB18030' };
}

/** Refuses a file that is empty or larger than {@link MAX_IMPORT_BYTES}, before anything else reads it. */
export function checkSize(size: number, file: string): void {
  if (size === 0) throw new ImportError([`${file}: the file is empty`]);
  if (size > MAX_IMPORT_BYTES)
    throw new ImportError([
      `${file}: the file is ${(size / 1024 / 1024).toFixed(1)} MB; the import reads files up to 20 MB ` +
        '(save only the article, not the whole site)',
    ]);
}

function nonEmpty(text: string, file: string): string {
  if (text.trim() === '') throw new ImportError([`${file}: the file holds no text (only spaces and line breaks)`]);
  return text;
}

/** Text never holds NUL, and only a few control characters (tab, line breaks, form feed). */
function looksBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 8192);
  let control = 0;
  for (const byte of sample) {
    if (byte === 0) return true;
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c) control++;
  }
  return control > sample.length / 20;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });
