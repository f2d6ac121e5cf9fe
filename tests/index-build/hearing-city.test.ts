// A hearing's city is settled once, when the index is built: its data file's, else the home city of cities.json.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKnowledge } from '../../src/chat/knowledge.js';
import { DATA_DIR, PROJECT_ROOT } from '../../src/paths.js';
import { loadEngine, type SearchEngine } from '../../src/search/engine.js';
import { buildIndex, importRecord } from '../index-and-import.js';

const temp = mkdtempSync(join(tmpdir(), 'hearing-city-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** A data folder with one record that names no city in its text, imported as staff do, then indexed. */
function indexed(name: string, city: string | undefined, home = '武汉市'): { index: string; data: string } {
  const data = join(temp, name, 'data');
  mkdirSync(join(data, 'hearings'), { recursive: true });
  for (const file of ['glossary.json', 'asking.json']) copyFileSync(join(DATA_DIR, file), join(data, file));
  const cities = JSON.parse(readFileSync(join(DATA_DIR, 'cities.json'), 'utf8'));
  writeFileSync(join(data, 'cities.json'), JSON.stringify({ ...cities, home }));
  const text = readFileSync(join(PROJECT_ROOT, 'tests', 'import', 'fixtures', 'name-colon-hangzhou.txt'), 'utf8');
  const record = join(temp, name, 'urban-renewal.txt');
  writeFileSync(record, text.replaceAll('杭州市人大常委会', '市人大常委会').replace(/^市人大常委会/, ''));
  importRecord(record, data);
  if (city) {
    // As staff name it in the hearing's data file.
    const labels = join(data, 'hearings', 'urban-renewal-2023-11-20.json');
    writeFileSync(labels, JSON.stringify({ ...JSON.parse(readFileSync(labels, 'utf8')), city }));
  }
  const index = join(temp, name, 'index');
  buildIndex(index, data);
  return { index, data };
}

let named: SearchEngine;
let unnamedIndex: string;
beforeAll(() => {
  // 景德镇 is in no places table: only the data file says where the hearing was held.
  const { index, data } = indexed('named', '景德镇市');
  named = loadEngine({ indexDir: index, dataDir: data });
  // nodejieba holds one dictionary per process: the other index is read as the file the engine loads.
  unnamedIndex = indexed('unnamed', undefined, '十堰市').index;
}, 120_000);

describe("a hearing's city", () => {
  it("is the data file's, for the engine and for the chat alike", () => {
    expect(named.hearings.map((h) => h.city)).toEqual(['景德镇市']);
    expect(createKnowledge({ engine: named }).catalogue.hearings.map((h) => h.city)).toEqual(['景德镇市']);
  });

  it('is the home city of cities.json when the data file names none', () => {
    const hearings: { city: string }[] = JSON.parse(readFileSync(join(unnamedIndex, 'hearings.json'), 'utf8'));
    expect(hearings.map((h) => h.city)).toEqual(['十堰市']);
  });

  it.each(['景德镇的停车难', '景德镇市改造资金从哪来'])(
    'says nothing in a question: %s is answered as its topic alone',
    (message) => {
      const topic = message.replace(/^景德镇市?的?/, '');
      const alone = named.consult(topic).answers[0]?.entry.id;
      expect(alone).toBeDefined();
      expect(named.consult(message).answers[0]?.entry.id).toBe(alone);
    },
  );
});
