// npm run index with the per-hearing cache: what a build that reuses earlier hearings' artefacts writes is what a build from scratch writes.
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { addSynthetic, syntheticHearing } from '../../bench/scale-hearings.js';
import { DATA_DIR } from '../../src/paths.js';
import type { SearchFile } from '../../src/search/index-files.js';
import { runIndexBuild } from '../index-and-import.js';

const temp = mkdtempSync(join(tmpdir(), 'index-incremental-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** A person's name that is no word of jieba's dictionary but stands inside the real hearing's text. */
const NEW_NAME = '施建';
const root = join(temp, 'archive');
const data = join(root, 'data');
const index = join(root, 'index');
const cache = `${index}.cache`;
mkdirSync(root);
cpSync(DATA_DIR, data, { recursive: true });
for (const n of [0, 1, 2]) addSynthetic(data, n);

/** Runs `npm run index` on the archive's data into `into`; returns what it printed (it fails the test if the build does). */
function build(into: string): string {
  const result = runIndexBuild(into, data);
  expect(result.stderr.replace(/glossary: .*\n/g, '')).toBe('');
  expect(result.status).toBe(0);
  return result.stdout;
}

const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)],
  );
const snapshot = (dir: string): Record<string, string> =>
  Object.fromEntries(files(dir).map((f) => [relative(dir, f), readFileSync(f, 'base64')]));

let scratches = 0;
/** The same data built with no cache at all, in a folder of its own. */
function fromScratch(): Record<string, string> {
  const fresh = join(temp, `scratch-${scratches++}`, 'index');
  build(fresh);
  return snapshot(fresh);
}

/** The cache's entries, each with its modification time. */
const cacheEntries = (): Map<string, number> =>
  new Map(
    readdirSync(cache)
      .filter((name) => /^[0-9a-f]{64}\.json$/.test(name))
      .map((name) => [name, statSync(join(cache, name)).mtimeMs]),
  );
const hearingIds = () =>
  (JSON.parse(readFileSync(join(index, 'hearings.json'), 'utf8')) as { id: string }[]).map((h) => h.id);

describe('a build that reuses the cached hearings', () => {
  it('first build: one cache entry per hearing', () => {
    expect(build(index)).toContain('4 hearing(s)');
    expect(cacheEntries().size).toBe(4);
  }, 60_000);

  it('adding a hearing analyses only that one and writes the same index as a build from scratch', () => {
    const before = cacheEntries();
    // The same people as hearing 1, another year: no new name can change how the earlier hearings are cut.
    const { name, transcript, data: about } = syntheticHearing(1);
    writeFileSync(join(data, 'hearings', `${name}-again.txt`), transcript.replace(/\d+月\d+日/, '1月2日'));
    writeFileSync(join(data, 'hearings', `${name}-again.json`), JSON.stringify({ ...about, date: '2030-01-02' }));
    expect(build(index)).toContain('5 hearing(s)');
    const after = cacheEntries();
    // The four earlier entries are read, not written again; one entry is new.
    for (const [entry, mtime] of before) expect(after.get(entry)).toBe(mtime);
    expect([...after.keys()].filter((entry) => !before.has(entry))).toHaveLength(1);
    expect(snapshot(index)).toEqual(fromScratch());
  }, 90_000);

  it('a hearing with new people: the earlier hearings whose text holds one of the names are cut again, as from scratch', () => {
    // 施建 asks in the new hearing: the name becomes a word of jieba's user dictionary, and the real hearing's 基础设施建设
    // then holds it too (every dictionary word inside a text is indexed), so that hearing must be cut again.
    const { name, transcript, data: about } = syntheticHearing(3);
    const real = readFileSync(join(data, 'hearings', 'digital-economy-2023-09-13.txt'), 'utf8');
    expect(real).toContain(NEW_NAME);
    writeFileSync(
      join(data, 'hearings', `${name}.txt`),
      transcript.replace(/^\S+?(委员|代表)提问:/m, `${NEW_NAME}$1提问:`),
    );
    writeFileSync(join(data, 'hearings', `${name}.json`), JSON.stringify(about));
    expect(build(index)).toContain('6 hearing(s)');
    const search = JSON.parse(readFileSync(join(index, 'search.json'), 'utf8')) as SearchFile;
    // The new hearing's question and the real hearing's entries on 基础设施建设.
    expect(search.documentFrequency[NEW_NAME]).toBeGreaterThan(1);
    expect(snapshot(index)).toEqual(fromScratch());
  }, 90_000);

  it('a changed transcript is analysed again: its new words are found, as from scratch', () => {
    const { name } = syntheticHearing(1);
    const file = join(data, 'hearings', `${name}.txt`);
    writeFileSync(file, readFileSync(file, 'utf8').replace('应询回答:', '应询回答:全面推行量子通信骨干网。'));
    build(index);
    expect(readFileSync(join(index, 'hearings.json'), 'utf8')).toContain('全面推行量子通信骨干网');
    expect(readFileSync(join(index, 'search.json'), 'utf8')).toContain('量子');
    expect(snapshot(index)).toEqual(fromScratch());
  }, 90_000);

  it('a removed hearing leaves the index and the cache, as from scratch', () => {
    const { name } = syntheticHearing(0);
    const gone = hearingIds().find((id) => id === name);
    expect(gone).toBe(name);
    rmSync(join(data, 'hearings', `${name}.txt`));
    rmSync(join(data, 'hearings', `${name}.json`));
    build(index);
    expect(hearingIds()).not.toContain(name);
    expect(cacheEntries().size).toBe(5);
    expect(snapshot(index)).toEqual(fromScratch());
  }, 90_000);

  it('a damaged cache entry is made again, never trusted', () => {
    const [first, second] = [...cacheEntries().keys()];
    // One entry cut short, one with a changed character in its documents (the checksum no longer matches).
    const cut = join(cache, first!);
    writeFileSync(cut, readFileSync(cut).subarray(0, 200));
    const edited = join(cache, second!);
    writeFileSync(edited, readFileSync(edited, 'utf8').replace('"asker":"', '"asker":"zzqx'));
    const damaged = [readFileSync(cut), readFileSync(edited)];
    build(index);
    expect(snapshot(index)).toEqual(fromScratch());
    // Made again, or gone when no hearing of the archive has that key any more: never kept as it was.
    const kept = (path: string, bytes: Buffer) => existsSync(path) && readFileSync(path).equals(bytes);
    expect(kept(cut, damaged[0]!)).toBe(false);
    expect(kept(edited, damaged[1]!)).toBe(false);
    expect(readFileSync(join(index, 'search.json'), 'utf8')).not.toContain('zzqx');
  }, 90_000);
});
