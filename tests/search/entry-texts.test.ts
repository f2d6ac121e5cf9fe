// texts.bin: each entry's normalised text, decoded one entry at a time, as the build wrote it; another build's file is refused.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { encodeEntryTexts } from '../../src/index-build/entry-texts.js';
import { INDEX_DIR } from '../../src/paths.js';
import { entriesOf, entryText } from '../../src/search/documents.js';
import { entryTexts } from '../../src/search/entry-texts.js';
import { artefactPaths } from '../../src/search/index-files.js';
import { sharedEngine } from './helpers.js';

describe('texts.bin', () => {
  it('holds each entry of the hearing as the engine reads it, in order', () => {
    const engine = sharedEngine();
    const entries = entriesOf(engine.hearings);
    const texts = entryTexts(readFileSync(artefactPaths(INDEX_DIR).texts), entries.length);
    expect(texts.length).toBe(entries.length);
    entries.forEach((entry, i) => expect(texts.at(i)).toBe(entryText(entry, engine.analyser.normalise)));
  });

  it('gives back any text as written, emoji and empty ones included, whichever is read first', () => {
    const written = ['汉融通平台', '', '😀 数字经济 AI', '第二行\n换行'];
    const texts = entryTexts(encodeEntryTexts(written), written.length);
    expect([3, 0, 2, 1, 3].map((i) => texts.at(i))).toEqual([
      written[3],
      written[0],
      written[2],
      written[1],
      written[3],
    ]);
    // Whole, after some were read one by one, and on a fresh file.
    expect(texts.all()).toEqual(written);
    expect(entryTexts(encodeEntryTexts(written), written.length).all()).toEqual(written);
  });

  it('refuses a file of another number of texts, or cut short, naming it and the fix', () => {
    const bytes = encodeEntryTexts(['一', '二']);
    expect(() => entryTexts(bytes, 3)).toThrow(/texts\.bin: does not match search\.json.*npm run index/);
    expect(() => entryTexts(bytes.subarray(0, bytes.length - 1), 2)).toThrow(/texts\.bin: does not match/);
    expect(() => entryTexts(new Uint8Array(0), 0)).toThrow(/texts\.bin: does not match/);
  });
});
