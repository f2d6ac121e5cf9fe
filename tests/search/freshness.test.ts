// An index older than data/ is refused at start with what changed and "run npm run index", or rebuilt when asked.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATA_DIR, INDEX_DIR, PROJECT_ROOT } from '../../src/paths.js';
import { loadEngine } from '../../src/search/engine.js';
import { rebuildFromEnv, staleness } from '../../src/search/freshness.js';
import { artefactPaths } from '../../src/search/index-files.js';
import { projectCopies } from './helpers.js';

const { copy } = projectCopies('freshness-');

const TRANSCRIPT = 'digital-economy-2023-09-13.txt';
// A phrase of q7's answer as published, and an edit of it a person might make without rebuilding.
const PUBLISHED = '全市综合金融服务智慧大脑';
const EDITED = '全省综合金融服务智慧大脑';
const editTranscript = (data: string) => {
  const file = join(data, 'hearings', TRANSCRIPT);
  const text = readFileSync(file, 'utf8');
  expect(text).toContain(PUBLISHED);
  writeFileSync(file, text.replace(PUBLISHED, EDITED));
};

describe('staleness', () => {
  it('finds the committed index fresh', () => {
    expect(staleness(INDEX_DIR, DATA_DIR)).toBeNull();
  });

  it.each([
    ['an edited transcript', (data: string) => editTranscript(data), `data/hearings/${TRANSCRIPT} changed`],
    [
      'an edited glossary',
      (data: string) => writeFileSync(join(data, 'glossary.json'), `${readFileSync(join(data, 'glossary.json'))} `),
      'data/glossary.json changed',
    ],
    [
      'a transcript added',
      (data: string) =>
        cpSync(
          join(PROJECT_ROOT, 'tests', 'fixtures', 'hearings', 'smart-water-2024-05-08.txt'),
          join(data, 'hearings', 'w.TXT'),
        ),
      'data/hearings/w.TXT added',
    ],
    [
      'a transcript removed',
      (data: string) => rmSync(join(data, 'hearings', TRANSCRIPT)),
      // its data file beside it stops being an input too
      `data/hearings/${TRANSCRIPT}, data/hearings/${TRANSCRIPT.replace('.txt', '.json')} removed`,
    ],
  ])('refuses %s, naming the file and saying what to run', (_, edit, what) => {
    const { data, index } = copy();
    edit(data);
    expect(() => loadEngine({ indexDir: index, dataDir: data, rebuild: false })).toThrow(
      `engine: ${index} is stale: ${what}`,
    );
    expect(() => loadEngine({ indexDir: index, dataDir: data, rebuild: false })).toThrow(
      /since npm run index built it \(run npm run index; or start with --rebuild, or HEARING_REBUILD_INDEX=1/,
    );
  });

  it('refuses an index written by an older version of the index code, or without a manifest', () => {
    const { data, index } = copy();
    const manifest = artefactPaths(index).manifest;
    writeFileSync(manifest, readFileSync(manifest, 'utf8').replace(/"builder": \d+/, '"builder": 1'));
    expect(staleness(index, data)).toMatch(/written by index code version 1, this is version \d+/);
    rmSync(manifest);
    expect(staleness(index, data)).toMatch(/cannot load .*manifest\.json: ENOENT/);
  });
});

describe('rebuilding when asked', () => {
  it('rebuilds a stale index before loading it, so the edited text is what gets quoted', () => {
    const { data, index } = copy();
    editTranscript(data);
    expect(readFileSync(artefactPaths(index).hearings, 'utf8')).not.toContain(EDITED);
    const engine = loadEngine({ indexDir: index, dataDir: data, rebuild: true });
    expect(staleness(index, data)).toBeNull();
    const q7 = engine.entries.find((e) => e.id === 'q7')!;
    expect(JSON.stringify(q7)).toContain(EDITED);
  }, 60_000);

  it.each([
    [{}, false],
    [{ HEARING_REBUILD_INDEX: '1' }, true],
    [{ HEARING_REBUILD_INDEX: 'yes' }, true],
    [{ HEARING_REBUILD_INDEX: 'TRUE' }, true],
    [{ HEARING_REBUILD_INDEX: '0' }, false],
    [{ HEARING_REBUILD_INDEX: '' }, false],
  ])('HEARING_REBUILD_INDEX in %j → %s', (env, rebuild) => {
    expect(rebuildFromEnv(env)).toBe(rebuild);
  });
});

describe('the command line', () => {
  // A copy of the project (sources, data, index) so the CLI's own index/ can go stale.
  const project = () => {
    const { root, data } = copy();
    cpSync(join(PROJECT_ROOT, 'src'), join(root, 'src'), { recursive: true });
    cpSync(join(PROJECT_ROOT, 'package.json'), join(root, 'package.json'));
    symlinkSync(join(PROJECT_ROOT, 'node_modules'), join(root, 'node_modules'));
    mkdirSync(join(root, 'var'));
    return { root, data };
  };
  const cli = (root: string, args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src', 'cli.ts'), ...args], {
      cwd: PROJECT_ROOT,
      encoding: 'utf8',
      env: { ...process.env, HEARING_REBUILD_INDEX: '', HEARING_MISSES_FILE: 'off', HEARING_LOG_FILE: 'off' },
    });

  it('refuses a stale index with one line, and --rebuild rebuilds it, keeping stdout for the answer', () => {
    const { root, data } = project();
    editTranscript(data);
    const refused = cli(root, ['search', '--json', '汉融通']);
    expect(refused.status).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toMatch(
      new RegExp(
        `^cli: search: engine: .*index is stale: data/hearings/${TRANSCRIPT} changed .*run npm run index.*\\n$`,
      ),
    );

    const rebuilt = cli(root, ['--rebuild', 'search', '--json', '汉融通']);
    expect(rebuilt.stderr).toContain(
      `engine: data/hearings/${TRANSCRIPT} changed since npm run index built it; rebuilding`,
    );
    expect(rebuilt.status).toBe(0);
    expect(JSON.parse(rebuilt.stdout).results[0].id).toBe('q7');
    expect(readFileSync(join(root, 'index', 'hearings.json'), 'utf8')).toContain(EDITED);
    expect(cli(root, ['search', '--json', '汉融通']).status).toBe(0);
  }, 90_000);
});
