// The index reader: every file of index/ is checked against the sha256 the manifest recorded when npm run index wrote it.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCommitments } from '../../src/commitments/load.js';
import { messageOf } from '../../src/errors.js';
import { INDEX_DIR } from '../../src/paths.js';
import { loadEngine } from '../../src/search/engine.js';
import {
  artefactPaths,
  HearingsFileSchema,
  indexFileNames,
  indexReader,
  ManifestSchema,
} from '../../src/search/index-files.js';
import { projectCopies } from './helpers.js';

const { temp, copy } = projectCopies('index-files-');
const errorOf = (load: () => unknown): string => {
  try {
    load();
  } catch (error) {
    return messageOf(error);
  }
  return 'no error';
};

describe('the manifest', () => {
  it('records a sha256 for every file of index/', () => {
    const manifest = ManifestSchema.parse(JSON.parse(readFileSync(artefactPaths(INDEX_DIR).manifest, 'utf8')));
    expect(Object.keys(manifest.files).sort()).toEqual(indexFileNames(INDEX_DIR).sort());
    for (const hash of Object.values(manifest.files)) expect(hash).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('a malformed index file', () => {
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

describe('a file of index/ changed after npm run index', () => {
  it('an emptied jieba/user.utf8 is refused in one line naming the file and the fix', () => {
    const { data, index } = copy();
    writeFileSync(artefactPaths(index).jieba.userDict, '');
    const message = errorOf(() => loadEngine({ indexDir: index, dataDir: data, rebuild: false }));
    expect(message).toMatch(/^segmenter .*jieba\/user\.utf8: .*sha256.*\(run npm run index\)$/);
    expect(message).not.toContain('\n');
  });

  it('hearings.json rewritten (still valid) is refused, naming it', () => {
    const { data, index } = copy();
    const file = artefactPaths(index).hearings;
    writeFileSync(file, JSON.stringify(JSON.parse(readFileSync(file, 'utf8'))));
    expect(errorOf(() => loadEngine({ indexDir: index, dataDir: data, rebuild: false }))).toMatch(
      /^engine .*hearings\.json: .*sha256.*\(run npm run index\)$/,
    );
  });

  it('commitments.json with one commitment dropped is refused by the commitments loader too', () => {
    const { index } = copy();
    const file = artefactPaths(index).commitments;
    writeFileSync(file, `${JSON.stringify(JSON.parse(readFileSync(file, 'utf8')).slice(1), null, 1)}\n`);
    expect(errorOf(() => loadCommitments({ indexDir: index }))).toMatch(
      /^commitments .*commitments\.json: .*sha256.*\(run npm run index\)$/,
    );
  });

  it('an untouched copy reads as it was written', () => {
    const { index } = copy();
    expect(indexReader(index).json('hearings', HearingsFileSchema, 'engine')).toEqual(
      indexReader(INDEX_DIR).json('hearings', HearingsFileSchema, 'engine'),
    );
    expect(loadCommitments({ indexDir: index })).toEqual(loadCommitments());
  });
});
