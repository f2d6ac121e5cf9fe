// A body a transcript prints that the glossary lacks (a record imported from another city) is named as people say it.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATA_DIR, PROJECT_ROOT } from '../../src/paths.js';
import { loadEngine, type SearchEngine } from '../../src/search/engine.js';

const temp = mkdtempSync(join(tmpdir(), 'imported-bodies-'));
const data = join(temp, 'data');
let engine: SearchEngine;

beforeAll(() => {
  mkdirSync(join(data, 'hearings'), { recursive: true });
  for (const file of ['glossary.json', 'asking.json', 'cities.json'])
    copyFileSync(join(DATA_DIR, file), join(data, file));
  const record = join(PROJECT_ROOT, 'tests', 'import', 'fixtures', 'name-colon-hangzhou.txt');
  execFileSync(process.execPath, [join(PROJECT_ROOT, 'dist', 'src', 'cli.js'), 'import', record, '--write'], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, HEARING_IMPORT_DATA_DIR: data },
    stdio: 'pipe',
  });
  const index = join(temp, 'index');
  execFileSync(
    process.execPath,
    ['--import', 'tsx', join(PROJECT_ROOT, 'src', 'index-build', 'main.ts'), index, data],
    {
      cwd: PROJECT_ROOT,
      stdio: 'pipe',
    },
  );
  engine = loadEngine({ indexDir: index, dataDir: data });
}, 120_000);
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('bodies the glossary lacks', () => {
  it.each([
    ['市建委怎么说', '市建委'],
    ['建委怎么说', '市建委'],
    ['交通局说了啥', '市交通局'],
  ])('%s names %s', (message, body) => {
    expect([...engine.read(message).bodies]).toEqual([body]);
    expect(engine.search(message)[0]?.entry).toMatchObject({ body });
  });
});
