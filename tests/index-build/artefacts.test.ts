// index/ is generated: it must match its inputs (stale → fail), rebuild to the same bytes, and fail loudly when broken.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { JIEBA_INPUTS } from '../../src/index-build/dictionary.js';
import { hashInputs } from '../../src/index-build/inputs.js';
import { DATA_DIR, INDEX_DIR, PROJECT_ROOT } from '../../src/paths.js';
import { loadEngine } from '../../src/search/engine.js';
import { artefactPaths, ManifestSchema } from '../../src/search/index-files.js';

const temp = mkdtempSync(join(tmpdir(), 'hearing-index-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)],
  );

describe('index/', () => {
  it('was built from the current data (run `npm run index` after editing data/)', () => {
    const manifest = ManifestSchema.parse(JSON.parse(readFileSync(artefactPaths(INDEX_DIR).manifest, 'utf8')));
    expect(manifest.inputHash, 'index/ is stale: run npm run index').toBe(hashInputs(DATA_DIR, JIEBA_INPUTS).hash);
  });

  it('rebuilds to exactly the committed bytes', () => {
    const out = join(temp, 'rebuilt');
    execFileSync(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'src', 'index-build', 'main.ts'), out], {
      cwd: PROJECT_ROOT,
      stdio: 'pipe',
    });
    const committed = filesUnder(INDEX_DIR)
      .map((f) => relative(INDEX_DIR, f))
      .sort();
    expect(
      filesUnder(out)
        .map((f) => relative(out, f))
        .sort(),
    ).toEqual(committed);
    for (const file of committed) {
      expect(
        readFileSync(join(out, file)).equals(readFileSync(join(INDEX_DIR, file))),
        `${file} differs: run npm run index`,
      ).toBe(true);
    }
  }, 60_000);

  it('refuses a malformed artefact with the file name and what to do', () => {
    const broken = join(temp, 'broken');
    mkdirSync(broken, { recursive: true });
    copyFileSync(artefactPaths(INDEX_DIR).hearings, join(broken, 'hearings.json'));
    copyFileSync(artefactPaths(INDEX_DIR).manifest, join(broken, 'manifest.json'));
    writeFileSync(join(broken, 'search.json'), '{"miniSearch": 1');
    expect(() => loadEngine({ indexDir: broken })).toThrow(
      /engine .*broken\/search\.json: cannot read it as JSON .*\(run npm run index\)/,
    );
    writeFileSync(join(broken, 'hearings.json'), '[]');
    expect(() => loadEngine({ indexDir: broken })).toThrow(/hearings\.json/);
  });
});

describe('broken jieba files', () => {
  // nodejieba would abort the process on these, so each runs in a child process that must exit with a clear error.
  const tryLoad = (indexDir: string) => {
    const script = `
      const { loadSegmenter } = await import(${JSON.stringify(join(PROJECT_ROOT, 'src', 'search', 'segment.ts'))});
      const { artefactPaths } = await import(${JSON.stringify(join(PROJECT_ROOT, 'src', 'search', 'index-files.ts'))});
      try { loadSegmenter(artefactPaths(${JSON.stringify(indexDir)}).jieba); console.log('loaded'); }
      catch (error) { console.log(error.message); }
    `;
    return execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: PROJECT_ROOT,
      encoding: 'utf8',
    })
      .trim()
      .split('\n')
      .pop();
  };
  const copyJieba = (name: string) => {
    const dir = join(temp, name);
    mkdirSync(join(dir, 'jieba'), { recursive: true });
    for (const file of ['dict.utf8', 'hmm.utf8', 'user.utf8', 'idf.utf8', 'stop.utf8'])
      copyFileSync(join(INDEX_DIR, 'jieba', file), join(dir, 'jieba', file));
    return dir;
  };

  it('names a missing file instead of aborting', () => {
    const dir = copyJieba('missing');
    rmSync(join(dir, 'jieba', 'hmm.utf8'));
    expect(tryLoad(dir)).toMatch(/segmenter: .*hmm\.utf8: cannot read it: .*\(run npm run index\)/);
  }, 30_000);

  it('names the malformed line instead of aborting', () => {
    const dir = copyJieba('malformed');
    writeFileSync(join(dir, 'jieba', 'dict.utf8'), '数字 5000 n\n\n经济 8000 n\n');
    expect(tryLoad(dir)).toMatch(/segmenter: .*dict\.utf8:2: malformed line ""/);
  }, 30_000);
});
