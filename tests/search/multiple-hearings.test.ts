// More transcripts of the same format in data/hearings/ are indexed too, each item carrying its hearing.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DATA_DIR, PROJECT_ROOT } from '../../src/paths.js';
import { HearingsFileSchema } from '../../src/search/index-files.js';
import { buildIndex } from '../index-and-import.js';

const temp = mkdtempSync(join(tmpdir(), 'two-hearings-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));
const data = join(temp, 'data');
const index = join(temp, 'index');
mkdirSync(join(data, 'hearings'), { recursive: true });
copyFileSync(join(DATA_DIR, 'glossary.json'), join(data, 'glossary.json'));
copyFileSync(
  join(DATA_DIR, 'hearings', 'digital-economy-2023-09-13.txt'),
  join(data, 'hearings', 'digital-economy-2023-09-13.txt'),
);
copyFileSync(
  join(PROJECT_ROOT, 'tests', 'fixtures', 'hearings', 'smart-water-2024-05-08.txt'),
  join(data, 'hearings', 'smart-water-2024-05-08.txt'),
);

const tsx = (args: string[]) =>
  execFileSync(process.execPath, ['--import', 'tsx', ...args], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
    stdio: ['pipe', 'pipe', 'pipe'],
  });

describe('an index of two hearings', () => {
  it('holds both, items carrying their hearing, in file-name order', () => {
    buildIndex(index, data);
    const hearings = HearingsFileSchema.parse(JSON.parse(readFileSync(join(index, 'hearings.json'), 'utf8')));
    expect(hearings.map((h) => [h.id, h.items.length])).toEqual([
      ['digital-economy-2023-09-13', 18],
      ['smart-water-2024-05-08', 3],
    ]);
    const water = hearings[1]!;
    expect(water.items.map((i) => [i.id, i.hearing, i.asker.name, i.body])).toEqual([
      ['q1', 'smart-water-2024-05-08', '张文明', '市水务局'],
      ['q2', 'smart-water-2024-05-08', '赵华', '市水务局'],
      ['q3', 'smart-water-2024-05-08', '赵华', '市城管执法委'],
    ]);
    expect(water.items[0]!.answer).toEqual([
      '建设管网漏损监测平台，今年完成300公里老旧管网改造。',
      '第二段：推广智能水表。',
    ]);
    expect(water.closing?.speaker).toEqual({ name: '李明', title: '市政府副市长' });
  }, 60_000);

  it('answers questions about either hearing', () => {
    const script = `
      const { loadEngine } = await import(${JSON.stringify(join(PROJECT_ROOT, 'src', 'search', 'engine.ts'))});
      const engine = loadEngine({ indexDir: ${JSON.stringify(index)}, dataDir: ${JSON.stringify(data)} });
      const ask = (q) => engine.search(q).map((h) => h.entry.hearing + '#' + h.entry.id);
      console.log(JSON.stringify([ask('管网漏损'), ask('汉融通'), ask('内涝预警')]));
    `;
    const [leaks, hanrongtong, flooding] = JSON.parse(
      tsx(['--input-type=module', '-e', script]).trim().split('\n').pop()!,
    );
    expect(leaks[0]).toBe('smart-water-2024-05-08#q1');
    expect(hanrongtong).toEqual(['digital-economy-2023-09-13#q7']);
    expect(flooding[0]).toBe('smart-water-2024-05-08#q2');
  }, 60_000);
});
