// npm run index builds beside index/ and swaps in only a complete index that loads: a failed build changes nothing.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DATA_DIR, INDEX_DIR, PROJECT_ROOT } from '../../src/paths.js';
import { loadEngine } from '../../src/search/engine.js';
import { INDEX_BUILD, runIndexBuild } from '../index-and-import.js';

const temp = mkdtempSync(join(tmpdir(), 'index-build-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

let projects = 0;
/** A data folder and a copy of the committed index built from it, side by side in their own folder. */
const project = () => {
  const root = join(temp, `p${projects++}`);
  mkdirSync(root);
  cpSync(DATA_DIR, join(root, 'data'), { recursive: true });
  cpSync(INDEX_DIR, join(root, 'index'), { recursive: true });
  return { root, data: join(root, 'data'), index: join(root, 'index') };
};
const snapshot = (dir: string): Record<string, string> => {
  const files = (d: string): string[] =>
    readdirSync(d, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? files(join(d, e.name)) : [join(d, e.name)],
    );
  return Object.fromEntries(files(dir).map((f) => [relative(dir, f), readFileSync(f, 'base64')]));
};
const leftovers = (root: string) => readdirSync(root).filter((n) => /^index\.(tmp|old)-|^index\.lock$/.test(n));

describe('a failed build leaves index/ as it was', () => {
  it('a glossary alias with a zero-width space: refused before anything is written, naming file and entry', () => {
    const { root, data, index } = project();
    const before = snapshot(index);
    const glossary = JSON.parse(readFileSync(join(data, 'glossary.json'), 'utf8'));
    glossary.bodies[0].aliases.push('经信\u200b局');
    writeFileSync(join(data, 'glossary.json'), JSON.stringify(glossary, null, 2));

    const result = runIndexBuild(index, data);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`glossary ${data}/glossary.json: bodies.0 (「市经信局」).aliases.`);
    expect(result.stderr).toContain('「经信<U+200B>局」 holds a zero-width space (U+200B): delete it');
    expect(result.stderr).toContain(`index: nothing was changed in ${index}`);
    expect(snapshot(index)).toEqual(before);
    expect(leftovers(root)).toEqual([]);
  }, 30_000);

  it('a full disk while writing hearings.json: the half-written file never reaches index/, which still loads', () => {
    const { root, data, index } = project();
    const before = snapshot(index);
    // The disk fills up halfway through hearings.json, after the jieba files are written.
    const script = `
      const { writeFileSync } = await import('node:fs');
      const { buildIndex } = await import(${JSON.stringify(join(PROJECT_ROOT, 'src', 'index-build', 'build.ts'))});
      const writeFile = (path, text) => {
        if (!path.endsWith('hearings.json')) return writeFileSync(path, text);
        writeFileSync(path, text.slice(0, text.length / 2));
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      };
      try { buildIndex(${JSON.stringify(data)}, ${JSON.stringify(index)}, { writeFile }); console.log('built'); }
      catch (error) { console.log(error.message); }
    `;
    const result = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: PROJECT_ROOT,
      encoding: 'utf8',
    });
    expect(result.stdout.trim()).toMatch(/^index: cannot write .*index\.tmp-\d+\/hearings\.json: ENOSPC/);
    expect(snapshot(index)).toEqual(before);
    expect(leftovers(root)).toEqual([]);
    expect(loadEngine({ indexDir: index, dataDir: data }).search('汉融通')[0]?.entry.id).toBe('q7');
  }, 30_000);
});

describe('data edited while the build runs', () => {
  it('is refused rather than recorded as the data of an index built from the old text', () => {
    const { root, data, index } = project();
    const before = snapshot(index);
    const glossary = join(data, 'glossary.json');
    // Someone saves the glossary just as the first artefact is written, and HEARING_REBUILD_INDEX is set.
    const script = `
      const { appendFileSync, writeFileSync } = await import('node:fs');
      const { buildIndex } = await import(${JSON.stringify(join(PROJECT_ROOT, 'src', 'index-build', 'build.ts'))});
      let edited = false;
      const writeFile = (path, text) => {
        if (!edited) appendFileSync(${JSON.stringify(glossary)}, ' ');
        edited = true;
        writeFileSync(path, text);
      };
      try { buildIndex(${JSON.stringify(data)}, ${JSON.stringify(index)}, { writeFile }); console.log('built'); }
      catch (error) { console.log(error.message); }
    `;
    const result = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: PROJECT_ROOT,
      encoding: 'utf8',
      env: { ...process.env, HEARING_REBUILD_INDEX: '1' },
    });
    expect(result.stdout.trim()).toBe('index: data/glossary.json changed during the build; run it again');
    expect(snapshot(index)).toEqual(before);
    expect(leftovers(root)).toEqual([]);
  }, 30_000);
});

describe('a build that succeeds', () => {
  it('replaces index/ whole and removes what a killed build left behind', () => {
    const { root, data, index } = project();
    // A build killed mid-way (pid 2^22 + 1 is above Linux's pid_max default and so never running).
    mkdirSync(join(root, 'index.tmp-4194305', 'jieba'), { recursive: true });
    writeFileSync(join(root, 'index.tmp-4194305', 'hearings.json'), '[{"id":');
    rmSync(join(index, 'search.json'));

    const result = runIndexBuild(index, data);
    expect(result.stderr.replace(/glossary: .* twice\n/g, '')).toBe('');
    expect(result.status).toBe(0);
    expect(snapshot(index)).toEqual(snapshot(INDEX_DIR));
    expect(leftovers(root)).toEqual([]);
  }, 30_000);

  it('two builds at once both finish and leave one complete index', async () => {
    const { root, data, index } = project();
    const run = () =>
      new Promise<number | null>((resolve) => {
        const child = spawn(process.execPath, ['--import', 'tsx', INDEX_BUILD, index, data], {
          cwd: PROJECT_ROOT,
          stdio: 'ignore',
        });
        child.on('close', resolve);
      });
    expect(await Promise.all([run(), run()])).toEqual([0, 0]);
    expect(snapshot(index)).toEqual(snapshot(INDEX_DIR));
    expect(leftovers(root)).toEqual([]);
    expect(existsSync(join(root, 'index.lock'))).toBe(false);
  }, 60_000);
});
