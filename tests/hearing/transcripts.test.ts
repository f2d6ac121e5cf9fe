// Transcript files as people drop them into data/hearings/: other encodings, copies and *.TXT are named, never guessed.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseTranscript } from '../../src/hearing/parse.js';
import { checkDistinctHearings, readTranscripts } from '../../src/hearing/transcripts.js';
import { DATA_DIR, PROJECT_ROOT } from '../../src/paths.js';
import { transcriptFiles } from '../../src/search/freshness.js';
import { runIndexBuild } from '../index-and-import.js';

const temp = mkdtempSync(join(tmpdir(), 'transcripts-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const SOURCE = join(DATA_DIR, 'hearings', 'digital-economy-2023-09-13.txt');
const text = readFileSync(SOURCE, 'utf8');
let folders = 0;
/** A data folder holding the given transcripts (name → bytes) and the project's glossary. */
const dataWith = (files: Record<string, Buffer | string>): string => {
  const data = join(temp, `data-${folders++}`);
  mkdirSync(join(data, 'hearings'), { recursive: true });
  copyFileSync(join(DATA_DIR, 'glossary.json'), join(data, 'glossary.json'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(data, 'hearings', name), content);
  return data;
};
const read = (files: Record<string, Buffer | string>) => () => readTranscripts(transcriptFiles(dataWith(files)));

/** GBK bytes of the transcript's first lines: 数字经济 is CA FD D7 D6 BE AD BC C3. */
const gbk = Buffer.from([0xca, 0xfd, 0xd7, 0xd6, 0xbe, 0xad, 0xbc, 0xc3, 0x0a]);
const utf16be = (s: string) => Buffer.from(s, 'utf16le').swap16();

describe('encodings', () => {
  it('reads UTF-8, with or without a byte-order mark', () => {
    expect(read({ 'a.txt': text })()[0]!.text).toBe(text);
    expect(read({ 'a.txt': `\uFEFF${text}` })()).toHaveLength(1);
  });

  it.each([
    [
      'UTF-16LE with a byte-order mark',
      Buffer.from(`\uFEFF${text}`, 'utf16le'),
      /little-endian, with a byte-order mark/,
    ],
    ['UTF-16BE with a byte-order mark', utf16be(`\uFEFF${text}`), /big-endian, with a byte-order mark/],
    ['UTF-16LE without a byte-order mark', Buffer.from(text, 'utf16le'), /NUL bytes, as UTF-16LE without/],
    ['UTF-16BE without a byte-order mark', utf16be(text), /NUL bytes, as UTF-16BE without/],
    [
      'GBK',
      Buffer.concat([Buffer.from('标题\n'), gbk]),
      /not valid UTF-8 \(first bad byte on line 2\), and reads as GBK/,
    ],
    ['Latin-1', Buffer.from('caf\xe9\n', 'latin1'), /not valid UTF-8 \(first bad byte on line 1\)/],
  ])('refuses %s, naming the file and the fix', (_, bytes, message) => {
    expect(read({ 'hearing.txt': bytes })).toThrow(message);
    expect(read({ 'hearing.txt': bytes })).toThrow(/^transcript .*hearings\/hearing\.txt: .*iconv -f \S+ -t UTF-8/);
  });
});

describe('file names', () => {
  it('takes *.TXT and *.Txt as well as *.txt', () => {
    const data = dataWith({ 'a.TXT': text, 'b.Txt': '', 'c.txt': '', 'notes.md': '' });
    expect(transcriptFiles(data).map((f) => f.slice(data.length))).toEqual([
      '/hearings/a.TXT',
      '/hearings/b.Txt',
      '/hearings/c.txt',
    ]);
  });

  it('refuses two files whose names differ only in case (their hearing ids would collide)', () => {
    expect(read({ 'x.txt': text, 'x.TXT': `${text}\n补充` })).toThrow(
      /x\.txt: has the same name as .*x\.TXT but for case/,
    );
  });
});

describe('duplicates', () => {
  it('refuses the same text under two names, naming both', () => {
    expect(read({ 'a.txt': text, 'b.txt': text })).toThrow(
      /transcript .*hearings\/b\.txt: holds the same text as .*hearings\/a\.txt, so every answer would be listed twice/,
    );
  });

  it('counts a re-save with other line endings and a byte-order mark as the same text', () => {
    expect(read({ 'a.txt': text, 'b.txt': `\uFEFF${text.replaceAll('\n', '\r\n')}  \n` })).toThrow(/same text as/);
  });

  it('refuses the same hearing (title and meeting date) saved with a different footer', () => {
    const copy = `${text}\n责任编辑：张三\n附：会议图片`;
    const parsed = [
      { file: 'a.txt', hearing: parseTranscript(text, 'a.txt') },
      { file: 'b.txt', hearing: parseTranscript(copy, 'b.txt') },
    ];
    expect(() => checkDistinctHearings(parsed)).toThrow(
      /transcript b\.txt: is the same hearing as a\.txt \(title 「.*加快发展数字经济.*」, meeting 9月13日 市十五届人大常委会第十二次会议\)/,
    );
  });

  it('lets different hearings through', () => {
    const water = readFileSync(
      join(PROJECT_ROOT, 'tests', 'fixtures', 'hearings', 'smart-water-2024-05-08.txt'),
      'utf8',
    );
    const parsed = [
      { file: 'a.txt', hearing: parseTranscript(text, 'a.txt') },
      { file: 'b.txt', hearing: parseTranscript(water, 'b.txt') },
    ];
    expect(() => checkDistinctHearings(parsed)).not.toThrow();
  });
});

describe('npm run index on such a folder', () => {
  // Before: the copy doubled every answer (36 items) and a UTF-16 file said "no question and answer found".
  const build = (data: string) => runIndexBuild(join(data, 'index'), data);

  it('refuses a copy of the transcript under another name', () => {
    const result = build(dataWith({ 'a.txt': text, 'copy of a.txt': text }));
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/copy of a\.txt: holds the same text as .*a\.txt/);
  }, 30_000);

  it('refuses a UTF-16 transcript as not UTF-8', () => {
    const result = build(dataWith({ 'a.txt': Buffer.from(`\uFEFF${text}`, 'utf16le') }));
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/a\.txt: is UTF-16 .*not UTF-8/);
    expect(result.stderr).not.toMatch(/no question and answer/);
  }, 30_000);
});
