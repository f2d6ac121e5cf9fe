// index/ is generated: it must match its inputs (stale → fail) and rebuild to the same bytes.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { JIEBA_INPUTS } from '../../src/index-build/dictionary.js';
import { hashInputs } from '../../src/index-build/inputs.js';
import { DATA_DIR, INDEX_DIR } from '../../src/paths.js';
import { artefactPaths, ManifestSchema } from '../../src/search/index-files.js';
import { buildIndex } from '../index-and-import.js';

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
    buildIndex(out);
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
});
