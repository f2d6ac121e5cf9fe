// A file on disk → the text of the record it holds: plain text (UTF-8, GBK/GB18030), a saved web page or a .docx.
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { messageOf } from '../errors.js';
import { checkSize, decodeText } from './decode.js';
import { docxText } from './docx.js';
import { ImportError } from './errors.js';
import { articleText } from './html.js';

/** What the file was, and the record's text, one paragraph a line. */
export interface SourceText {
  file: string;
  kind: 'text' | 'html' | 'docx';
  encoding: string;
  text: string;
}

/**
 * Reads one file for the import; size is checked before reading, so a huge file costs nothing.
 * @example (await readSource('saved-page.html')).kind // 'html'
 */
export async function readSource(path: string): Promise<SourceText> {
  const file = basename(path);
  let bytes: Buffer;
  try {
    checkSize(statSync(path).size, file);
    bytes = readFileSync(path);
  } catch (error) {
    if (error instanceof ImportError) throw error;
    throw new ImportError([`${file}: cannot read it: ${messageOf(error)}`]);
  }
  return sourceOf(bytes, file);
}

/** The same, from bytes already read. */
export async function sourceOf(bytes: Buffer, file: string): Promise<SourceText> {
  checkSize(bytes.length, file);
  if (bytes.subarray(0, 4).equals(ZIP)) {
    if (!/\.docx$/i.test(file) && !bytes.includes('word/document.xml'))
      throw new ImportError([`${file}: is a zip archive, not a Word document (.docx)`]);
    return withText({ file, kind: 'docx', encoding: 'docx', text: await docxText(bytes, file) });
  }
  if (bytes.subarray(0, 4).equals(OLE))
    throw new ImportError([`${file}: is an old Word document (.doc): open it in Word or WPS and save it as .docx`]);
  const decoded = decodeText(bytes, file);
  if (/\.html?$/i.test(file) || /^\s*(?:<!doctype html|<html|<head|<body)/i.test(decoded.text))
    return withText({ file, kind: 'html', encoding: decoded.encoding, text: articleText(decoded.text) });
  return { file, kind: 'text', encoding: decoded.encoding, text: decoded.text };
}

function withText(source: SourceText): SourceText {
  if (source.text.trim() === '') throw new ImportError([`${source.file}: holds no text`]);
  return source;
}

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);
