// --review writes the reading as a table staff correct in a spreadsheet; --from-review reads the corrected table back.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { fixture, hearingsIn, runImport, tempDir } from './helpers.js';

describe('import --review / --from-review', () => {
  it('writes one row per pair, intro paragraph and unplaced paragraph, and reads it back unchanged', async () => {
    const table = join(tempDir(), 'changsha.tsv');
    const first = await runImport([fixture('news-changsha.txt'), '--json', '--review', table], tempDir());
    const rows: Array<Record<string, string>> = parse(readFileSync(table, 'utf8'), {
      delimiter: '\t',
      columns: true,
      bom: true,
    });
    expect(rows.filter((r) => r.part === 'pair').map((r) => [r.asker, r.body, r.answerer])).toEqual([
      ['张三', '市市场监管局', '市市场监管局局长王五'],
      ['一位委员', '市地方金融局', '市地方金融局局长赵六'],
      ['一位委员', '市财政局', '市财政局副局长钱七'],
      ['另一位代表', '市发改委', '市发展改革委负责人'],
    ]);
    expect(rows.filter((r) => r.part === 'unplaced').map((r) => r.line)).toEqual(['13', '14', '15']);
    const back = await runImport(['--from-review', table, '--json'], tempDir());
    expect(JSON.parse(back.stdout)).toEqual(JSON.parse(first.stdout));
  });

  it('takes the staff corrections: a body renamed and an unplaced paragraph deleted, then --write', async () => {
    const table = join(tempDir(), 'changsha.tsv');
    await runImport([fixture('news-changsha.txt'), '--review', table], tempDir());
    const rows: Array<Record<string, string>> = parse(readFileSync(table, 'utf8'), {
      delimiter: '\t',
      columns: true,
      bom: true,
    });
    const corrected = rows
      .filter((r) => !(r.part === 'unplaced' && r.line === '15'))
      .map((r) => (r.part === 'pair' && r.body === '市市场监管局' ? { ...r, body: '市市场监督管理局' } : r));
    writeFileSync(table, `\uFEFF${stringify(corrected, { delimiter: '\t', header: true })}`);
    const dataDir = tempDir();
    const run = await runImport(['--from-review', table, '--json', '--write'], dataDir);
    expect(run.code).toBe(0);
    const preview = JSON.parse(run.stdout);
    expect(preview.items[0].body).toBe('市市场监督管理局');
    expect(preview.unplaced.map((u: { line: number }) => u.line)).toEqual([13, 14]);
    expect(hearingsIn(dataDir)).toEqual(['news-changsha-2025-03-12.json', 'news-changsha-2025-03-12.txt']);
    const written = readFileSync(join(dataDir, 'hearings', 'news-changsha-2025-03-12.txt'), 'utf8');
    expect(written).toContain('市市场监督管理局应询回答:今年将把企业开办时间压缩到一个工作日以内,全程网上办理。');
  });

  it('refuses a table with a broken row in one line per row, writing nothing', async () => {
    const table = join(tempDir(), 'broken.tsv');
    writeFileSync(
      table,
      'part\tn\tline\ttheme\tasker\tasker title\tbody\tanswerer\ttext\tanswer\ntitle\t\t\t\t\t\t\t\t某市专题询问\t\npair\t1\t3\t\t张三\t委员\t\t\t问题?\t回答。\nspeech\t\t\t\t\t\t\t\t\t\n',
    );
    const dataDir = tempDir();
    const run = await runImport(['--from-review', table, '--write'], dataDir);
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual([
      'import: broken.tsv: row 3: a pair needs an asker, a body, a question and an answer',
      expect.stringMatching(/^import: broken\.tsv: row 4: part: Invalid enum value/),
    ]);
    expect(hearingsIn(dataDir)).toEqual([]);
  });
});
