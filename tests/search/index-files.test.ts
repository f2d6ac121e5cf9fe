// The index reader: every file of index/ is checked against the sha256 the manifest recorded when npm run index wrote it.
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
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
  recordWrittenFiles,
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

describe('index files the build recorded (size and time beside the index)', () => {
  /** A copy with the record `npm run index` leaves in `index.cache/`, as if the build had just swapped it in. */
  const recorded = () => {
    const { data, index } = copy();
    const manifest = ManifestSchema.parse(JSON.parse(readFileSync(artefactPaths(index).manifest, 'utf8')));
    recordWrittenFiles(index, manifest.files);
    return { data, index };
  };

  it('loads an untouched index as it was written', () => {
    const { data, index } = recorded();
    expect(existsSync(join(`${index}.cache`, 'index-files.json'))).toBe(true);
    const engine = loadEngine({ indexDir: index, dataDir: data, rebuild: false });
    expect(engine.search('汉融通').map((h) => h.entry.id)).toEqual(['q7']);
  });

  it('reads a binary file part by part where it lies, as the bytes the build wrote, with or without the record', () => {
    for (const { index } of [recorded(), copy()]) {
      const whole = readFileSync(artefactPaths(index).postings);
      const view = indexReader(index).view('postings', 'engine');
      expect(view.size).toBe(whole.length);
      expect(Buffer.from(view.read(16, 4000)).equals(whole.subarray(16, 4016))).toBe(true);
      expect(Buffer.from(view.read(whole.length - 8, 8)).equals(whole.subarray(-8))).toBe(true);
    }
  });

  it('still refuses a file changed afterwards, even to the same size', () => {
    const { data, index } = recorded();
    const file = artefactPaths(index).hearings;
    const text = readFileSync(file, 'utf8');
    // One answer's character swapped for another of the same length: same size, a later time, another hash.
    writeFileSync(file, text.replace('汉融通', '汉融达'));
    expect(statSync(file).size).toBe(Buffer.byteLength(text));
    expect(errorOf(() => loadEngine({ indexDir: index, dataDir: data, rebuild: false }))).toMatch(
      /^engine .*hearings\.json: .*sha256.*\(run npm run index\)$/,
    );
  });

  it('still refuses a changed texts.bin, which the engine reads as bytes', () => {
    const { index } = recorded();
    const file = artefactPaths(index).texts;
    const bytes = readFileSync(file);
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 1) ^ 1, bytes.length - 1);
    writeFileSync(file, bytes);
    // Read as the engine reads it (one process loads one jieba dictionary, so not through a second engine).
    expect(errorOf(() => indexReader(index).bytes('texts', 'engine'))).toMatch(
      /^engine .*texts\.bin: .*sha256.*\(run npm run index\)$/,
    );
  });
});
