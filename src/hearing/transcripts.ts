// Reads the transcripts of data/hearings/ for the index build: refuses other encodings than UTF-8 and duplicate hearings.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { messageOf } from '../errors.js';
import type { Hearing } from './model.js';

/** One transcript file as read from disk. */
export interface TranscriptText {
  /** The path it was read from. */
  file: string;
  /** Its text, exactly as published (a UTF-8 byte-order mark is left for the parser). */
  text: string;
}

/** A transcript file that cannot be indexed as it is; says which file and how to fix it. */
export class TranscriptFileError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`transcript ${file}: ${reason}`);
    this.name = 'TranscriptFileError';
  }
}

/**
 * Reads transcript files and refuses what would index wrongly: a file that is not UTF-8 (UTF-16 with or without a
 * byte-order mark, GBK, anything else) and a file with the same text, or the same file name but for case, as another.
 * @example readTranscripts(transcriptFiles(DATA_DIR)).length // 1
 */
export function readTranscripts(files: readonly string[]): TranscriptText[] {
  const byContent = new Map<string, string>();
  const byId = new Map<string, string>();
  return files.map((file) => {
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch (error) {
      throw new TranscriptFileError(file, `cannot read it: ${messageOf(error)}`);
    }
    const text = decodeUtf8(file, bytes);
    const id = hearingIdOf(file);
    const sameName = byId.get(id.toLowerCase());
    if (sameName)
      throw new TranscriptFileError(file, `has the same name as ${sameName} but for case: keep one of them`);
    byId.set(id.toLowerCase(), file);
    const digest = createHash('sha256').update(comparableText(text)).digest('hex');
    const sameText = byContent.get(digest);
    if (sameText) {
      throw new TranscriptFileError(
        file,
        `holds the same text as ${sameText}, so every answer would be listed twice: delete one of them`,
      );
    }
    byContent.set(digest, file);
    return { file, text };
  });
}

/**
 * Refuses two parsed transcripts of one hearing: the same title and the same meeting date (a copy saved with other
 * line breaks, or a second download with a different footer).
 * @param parsed each transcript's file and the hearing parsed from it, in file order
 */
export function checkDistinctHearings(parsed: ReadonlyArray<{ file: string; hearing: Hearing }>): void {
  const seen = new Map<string, string>();
  for (const { file, hearing } of parsed) {
    const date = meetingDateOf(hearing);
    const key = `${hearing.title}\0${date}`;
    const first = seen.get(key);
    if (first) {
      throw new TranscriptFileError(
        file,
        `is the same hearing as ${first} (title 「${hearing.title}」, meeting ${date || 'date not printed'}), ` +
          'so every answer would be listed twice: delete one of them',
      );
    }
    seen.set(key, file);
  }
}

/** The hearing id the parser derives from a file name: the name without `.txt` (any case). */
function hearingIdOf(file: string): string {
  return basename(file).replace(/\.txt$/i, '');
}

/** The text with what a re-save changes (byte-order mark, line endings, trailing spaces) taken out. */
function comparableText(text: string): string {
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .join('\n');
}

/**
 * The meeting's date and session as printed (「9月13日」, 「市十五届人大常委会第十二次会议」), or the whole meeting line;
 * a `date` field on the hearing, when the model has one, comes first.
 */
function meetingDateOf(hearing: Hearing): string {
  const declared = (hearing as { date?: unknown }).date;
  if (typeof declared === 'string' && declared) return declared;
  const line = hearing.meetingLine;
  const day = /(\d{4}年)?\d{1,2}月\d{1,2}日/.exec(line)?.[0];
  const session = /[^，,。]*届[^，,。]*次会议/.exec(line)?.[0];
  return day || session ? [day, session].filter(Boolean).join(' ') : line;
}

/** The text of a UTF-8 file; any other encoding is refused with what it looks like and the command that converts it. */
function decodeUtf8(file: string, bytes: Buffer): string {
  const convert = (from: string) =>
    `convert it with \`iconv -f ${from} -t UTF-8 "${file}" > converted.txt\` and replace the file with the result`;
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    throw new TranscriptFileError(
      file,
      `is UTF-16 (little-endian, with a byte-order mark), not UTF-8: ${convert('UTF-16')}`,
    );
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    throw new TranscriptFileError(
      file,
      `is UTF-16 (big-endian, with a byte-order mark), not UTF-8: ${convert('UTF-16')}`,
    );
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    // Text never holds NUL; UTF-16 does, once for every ASCII character (digits, colons, line breaks).
    const order = nul % 2 === 1 ? 'LE' : 'BE';
    throw new TranscriptFileError(
      file,
      `holds NUL bytes, as UTF-16${order} without a byte-order mark does; not UTF-8: ${convert(`UTF-16${order}`)}`,
    );
  }
  try {
    return UTF8.decode(bytes);
  } catch {
    const line = lineOfFirstInvalidByte(bytes);
    let looksGbk = false;
    try {
      looksGbk = /[\u4e00-\u9fff]/.test(GB18030.decode(bytes));
    } catch {
      looksGbk = false;
    }
    const guess = looksGbk ? ', and reads as GBK (GB18030)' : '';
    throw new TranscriptFileError(
      file,
      `is not valid UTF-8 (first bad byte on line ${line})${guess}: ${convert(looksGbk ? 'GB18030' : '<ENCODING>')}`,
    );
  }
}

/** 1-based line of the first byte sequence that is not UTF-8. */
function lineOfFirstInvalidByte(bytes: Buffer): number {
  let line = 1;
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      try {
        UTF8.decode(bytes.subarray(start, i));
      } catch {
        return line;
      }
      line++;
      start = i + 1;
    }
  }
  return line;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });
const GB18030 = new TextDecoder('gb18030', { fatal: true });
