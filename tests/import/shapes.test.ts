// Each shape of issue #22's table, read from records written for these tests: every pair, asker, body and answerer.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTranscript } from '../../src/hearing/parse.js';
import { recognise } from '../../src/import/recognise.js';
import { BODIES, CASES, fixture } from './expected.js';
import { hearingsIn, runImport, tempDir } from './helpers.js';

describe.each(CASES)('$file ($traps)', (c) => {
  const reading = recognise(readFileSync(fixture(c.file), 'utf8'), BODIES, c.file);

  it(`reads the shape ${c.shape}, the city and the date`, () => {
    expect([reading.shape, reading.city, reading.date]).toEqual([c.shape, c.city, c.date]);
  });

  it('reads every pair: asker, body, answering person, question and answer', () => {
    const got = reading.items.map((item) => [item.asker.name, item.asker.title, item.body, item.answerer]);
    expect(got).toEqual(c.pairs.map(([name, title, body, answerer]) => [name, title, body, answerer]));
    for (const [i, [, , , , question, answer]] of c.pairs.entries()) {
      expect(reading.items[i]!.question.join('')).toContain(question);
      expect(reading.items[i]!.answer.join('')).toContain(answer);
    }
  });

  it('keeps the closing response and lists what it could not place', () => {
    expect(reading.closing?.speaker.name ?? null).toBe(c.closing ?? null);
    expect(reading.unplaced.map((u) => u.line)).toEqual(c.unplaced ?? []);
  });

  it('--write stores a transcript the project reads back to the same pairs, and a data file', async () => {
    const dataDir = tempDir();
    const run = await runImport([fixture(c.file), '--write', ...(c.writeDate ? ['--date', c.writeDate] : [])], dataDir);
    expect(run.stderr).toContain('npm run index');
    expect(run.code).toBe(0);
    const name = hearingsIn(dataDir).find((f) => f.endsWith('.txt'))!;
    const data = JSON.parse(readFileSync(join(dataDir, 'hearings', name.replace(/\.txt$/, '.json')), 'utf8'));
    expect(data).toMatchObject({ date: c.date ?? c.writeDate, city: c.city, source: c.file, shape: c.shape });
    const hearing = parseTranscript(readFileSync(join(dataDir, 'hearings', name), 'utf8'), name, data);
    expect(hearing.items.map((i) => [i.asker.name, i.asker.title, i.body])).toEqual(
      c.pairs.map(([asker, title, body]) => [asker, title, body]),
    );
    expect(hearing.items.map((i) => data.answerers?.[i.id] ?? null)).toEqual(c.pairs.map((p) => p[3]));
    expect(hearing.closing?.speaker.name ?? null).toBe(c.closing ?? null);
  });
});

describe('the preview', () => {
  it('--json prints exactly the contract fields', async () => {
    const run = await runImport([fixture('news-changsha.txt'), '--json'], tempDir());
    const preview = JSON.parse(run.stdout);
    expect(Object.keys(preview)).toEqual(['shape', 'title', 'city', 'date', 'items', 'closing', 'unplaced']);
    expect(Object.keys(preview.items[0])).toEqual(['n', 'asker', 'body', 'answerer', 'question', 'answer']);
    expect(preview.items[3]).toMatchObject({ n: 4, asker: { name: '另一位代表' }, body: '市发改委' });
    expect(preview.unplaced[0]).toEqual({
      line: 13,
      text: '另一位委员就数据共享提问:“部门之间的数据什么时候能够真正打通?”',
    });
  });

  it('prints each pair with the asker kind, body and person, and every unplaced paragraph with its line', async () => {
    const dataDir = tempDir();
    const run = await runImport([fixture('news-changsha.txt')], dataDir);
    expect(run.stdout).toContain('shape: news-feature');
    expect(run.stdout).toContain('1. 张三 (市人大常委会委员, 委员) → 市市场监管局 — 市市场监管局局长王五');
    expect(run.stdout).toContain('2. 一位委员 → 市地方金融局');
    expect(run.stdout).toContain('line 15: 会场气氛热烈,掌声不断。');
    expect(run.stderr).toContain('nothing written');
    expect(hearingsIn(dataDir)).toEqual([]);
  });

  it('asks for --date when the text prints no year, and checks it against the month and day', async () => {
    const dataDir = tempDir();
    const transcript = join(import.meta.dirname, '../../data/hearings/digital-economy-2023-09-13.txt');
    const preview = await runImport([transcript], dataDir);
    expect(preview.stdout).toContain('give --date YYYY-MM-DD');
    const unwritten = await runImport([transcript, '--write'], dataDir);
    expect([unwritten.code, unwritten.stderr.trim().split('\n')]).toEqual([
      1,
      ['import: digital-economy-2023-09-13.txt: the text gives no date with its year: give --date YYYY-MM-DD'],
    ]);
    const wrong = await runImport([transcript, '--date', '2023-09-14', '--write'], dataDir);
    expect(wrong.stderr).toContain('the text says 9月13日 but --date says 2023-09-14');
    expect(hearingsIn(dataDir)).toEqual([]);
  });
});
