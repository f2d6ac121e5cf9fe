// Pins in search: a pinned question gets its answer first as a confident answer, and the index notices every pins edit.
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pinsPath } from '../../src/hearing/pins.js';
import { INDEX_DIR } from '../../src/paths.js';
import { loadEngine, type SearchEngine } from '../../src/search/engine.js';
import { staleness } from '../../src/search/freshness.js';
import { artefactPaths, indexFileName, ManifestSchema, sha256 } from '../../src/search/index-files.js';
import { questionKey, readPinIndex } from '../../src/search/pins.js';
import { runIndexBuild } from '../index-and-import.js';
import { projectCopies } from './helpers.js';

const { copy } = projectCopies('search-pins-');
const writeJson = (file: string, value: unknown) => writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);

// One copy for the engine tests: the segmenter loads once per process, so every engine here reads this index.
const shared = copy();
/** An engine whose index pins these questions (index/pins.json written as npm run index would, data/ untouched). */
const engineWith = (pins: Record<string, string>): SearchEngine => {
  const file = artefactPaths(shared.index).pins;
  writeJson(file, pins);
  // npm run index records the hash of every file it writes; the engine refuses one that does not match.
  const manifestFile = artefactPaths(shared.index).manifest;
  const manifest = ManifestSchema.parse(JSON.parse(readFileSync(manifestFile, 'utf8')));
  manifest.files[indexFileName(shared.index, file)] = sha256(readFileSync(file));
  writeJson(manifestFile, manifest);
  return loadEngine({ indexDir: shared.index, dataDir: shared.data, rebuild: false });
};
const ids = (engine: SearchEngine, query: string, limit?: number) =>
  engine.search(query, { limit }).map((hit) => hit.entry.id);
const REF = (id: string) => `digital-economy-2023-09-13#${id}`;
// Nothing in the hearing answers it: staff pinned it to 市政务服务大数据局's answer on 群众的获得感.
const ELDERLY = '老年人不会用APP怎么办';

describe('the project', () => {
  it('ships an index with no pins, so the eval tables and the benchmark measure the search alone', () => {
    expect(readPinIndex(INDEX_DIR)).toEqual({});
  });
});

describe('questionKey', () => {
  const normalise = loadEngine({ indexDir: shared.index, dataDir: shared.data }).analyser.normalise;
  it.each([
    ['老年人不會用ＡＰＰ怎麼辦？', 'app'],
    ['老年人 不会用 app, 怎么办!!', 'app'],
    ['老年人不会用\u200bAPP怎么办', 'app'],
  ])('%s reads as the pinned question', (variant) => {
    expect(questionKey(normalise, variant)).toBe(questionKey(normalise, ELDERLY));
    expect(questionKey(normalise, variant)).toBe('老年人不会用app怎么办');
  });

  it('a word more or less is another question', () => {
    expect(questionKey(normalise, '老年人不会用APP')).not.toBe(questionKey(normalise, ELDERLY));
  });
});

describe('engine.search with pins', () => {
  it('a pinned question gets its answer first, scored above the rest, once, whatever else matches', () => {
    const before = engineWith({});
    const unpinned = before.search('经开区汽车怎么说');
    expect(unpinned.map((h) => h.entry.id)[0]).toBe('q5');
    expect(before.search(ELDERLY)).toEqual([]);

    const engine = engineWith({
      [questionKey(before.analyser.normalise, '经开区汽车怎么说')]: REF('q18'),
      老年人不会用app怎么办: REF('q13'),
    });
    expect(engine.pins.size).toBe(2);
    const hits = engine.search('经开区汽车怎么说');
    expect(hits[0]).toMatchObject({ entry: { id: 'q18' }, coverage: 1 });
    expect(hits[0]!.score).toBeGreaterThan(Math.max(...unpinned.map((h) => h.score)));
    expect(hits.map((h) => h.entry.id)).toEqual(
      ['q18', ...unpinned.map((h) => h.entry.id).filter((id) => id !== 'q18')].slice(0, 5),
    );
    expect(ids(engine, ELDERLY)).toEqual(['q13']);
  });

  it('matches the Traditional, full-width and punctuated forms, and keeps to the limit', () => {
    const engine = engineWith({ 老年人不会用app怎么办: REF('q13'), 经开区汽车怎么说: REF('q18') });
    for (const [variant, id] of [
      ['老年人不會用ＡＰＰ怎麼辦？', 'q13'],
      [' 老年人不会用app，怎么办 ', 'q13'],
      ['經開區汽車怎麼說', 'q18'],
    ] as const)
      expect(ids(engine, variant)[0], variant).toBe(id);
    expect(ids(engine, '经开区汽车怎么说', 1)).toEqual(['q18']);
    expect(ids(engine, '经开区汽车怎么说', 0)).toEqual([]);
  });

  it('leaves every other question as it was', () => {
    const questions = ['汉融通', '数据安全', '经信局', '老年人不会用APP', '今天天气怎么样', '经开区汽车'];
    const before = questions.map((q) => engineWith({}).search(q));
    const engine = engineWith({ 老年人不会用app怎么办: REF('q13'), 经开区汽车怎么说: REF('q18') });
    expect(questions.map((q) => engine.search(q))).toEqual(before);
  });

  it('refuses an index that pins an entry the hearings do not have', () => {
    expect(() => engineWith({ 老年人不会用app怎么办: REF('q99') })).toThrow(
      'engine: index/pins.json pins digital-economy-2023-09-13#q99, which the hearings do not have (run npm run index)',
    );
    rmSync(artefactPaths(shared.index).pins);
    expect(() => loadEngine({ indexDir: shared.index, dataDir: shared.data })).toThrow(
      /^engine .*pins\.json: .*\(run npm run index\)$/,
    );
  });
});

describe('data/pins.json is an input of the index', () => {
  it.each([
    [
      'an edited pins file',
      (data: string) => writeJson(pinsPath(data), [{ question: ELDERLY, answer: 'q13' }]),
      'changed',
    ],
    ['a removed pins file', (data: string) => rmSync(pinsPath(data)), 'removed'],
  ])('the start-up check notices %s', (_, edit, what) => {
    const { data, index } = copy();
    expect(staleness(index, data)).toBeNull();
    edit(data);
    expect(staleness(index, data)).toBe(`data/pins.json ${what} since npm run index built it`);
    expect(() => loadEngine({ indexDir: index, dataDir: data, rebuild: false })).toThrow('is stale: data/pins.json');
  });

  it('a pins file where there was none is noticed too', () => {
    const { data, index } = copy();
    rmSync(pinsPath(data));
    const manifest = JSON.parse(readFileSync(artefactPaths(index).manifest, 'utf8'));
    delete manifest.data['data/pins.json'];
    writeJson(artefactPaths(index).manifest, manifest);
    expect(staleness(index, data)).toBeNull();
    writeJson(pinsPath(data), []);
    expect(staleness(index, data)).toBe('data/pins.json added since npm run index built it');
  });

  it.each([
    [
      'an answer the hearing does not have',
      [{ question: ELDERLY, answer: 'q19' }],
      '(「老年人不会用APP怎么办」): no question q19: hearing digital-economy-2023-09-13 has q1–q18 and closing',
    ],
    [
      'one question pinned twice',
      [
        { question: ELDERLY, answer: 'q13' },
        { question: '老年人不會用APP怎麼辦', answer: 'q4' },
      ],
      'entry 2 (「老年人不會用APP怎麼辦」) is the same question as entry 1 (「老年人不会用APP怎么办」)',
    ],
    [
      'a malformed file',
      '[{"question": "老年人不会用APP怎么办", "answer": "第13题"}]',
      'entry 1 (「老年人不会用APP怎么办」): answer:',
    ],
  ])(
    'npm run index refuses %s, naming the file and the entry, and changes nothing',
    (_, pins, message) => {
      const { root, data, index } = copy();
      const before = snapshot(index);
      writeFileSync(pinsPath(data), typeof pins === 'string' ? pins : JSON.stringify(pins));
      const result = runIndexBuild(index, data);
      expect(result.status).toBe(1);
      expect(result.stderr).toContain(`pins ${pinsPath(data)}: `);
      expect(result.stderr).toContain(message);
      expect(result.stderr).toContain(`index: nothing was changed in ${index}`);
      expect(snapshot(index)).toEqual(before);
      expect(readdirSync(root).sort()).toEqual(['data', 'index']);
    },
    30_000,
  );
});

function snapshot(dir: string): Record<string, string> {
  const files = (d: string): string[] =>
    readdirSync(d, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? files(join(d, e.name)) : [join(d, e.name)],
    );
  return Object.fromEntries(files(dir).map((f) => [relative(dir, f), readFileSync(f, 'base64')]));
}
