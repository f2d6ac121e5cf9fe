// A body a transcript prints that the glossary lacks (a record imported from another city) is named as people say it.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATA_DIR, PROJECT_ROOT } from '../../src/paths.js';
import { loadEngine, type SearchEngine } from '../../src/search/engine.js';
import { buildIndex, importRecord } from '../index-and-import.js';

const temp = mkdtempSync(join(tmpdir(), 'imported-bodies-'));
const data = join(temp, 'data');
let engine: SearchEngine;

beforeAll(() => {
  mkdirSync(join(data, 'hearings'), { recursive: true });
  for (const file of ['glossary.json', 'asking.json', 'cities.json'])
    copyFileSync(join(DATA_DIR, file), join(data, file));
  const record = join(PROJECT_ROOT, 'tests', 'import', 'fixtures', 'name-colon-hangzhou.txt');
  importRecord(record, data);
  const index = join(temp, 'index');
  buildIndex(index, data);
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
