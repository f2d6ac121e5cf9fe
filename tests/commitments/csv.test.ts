// CSV export: UTF-8 with BOM, RFC 4180 quoting; parsed back by an independent reader it gives the same rows.
import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, commitmentRow, commitmentsCsv, toCsv } from '../../src/commitments/csv.js';
import { extractCommitments } from '../../src/commitments/extract.js';
import type { Commitment } from '../../src/commitments/model.js';
import { hearing, parseCsv } from './helpers.js';

const commitments = extractCommitments([hearing]);

describe('commitmentsCsv', () => {
  const csv = commitmentsCsv(commitments);

  it('starts with a UTF-8 BOM and the header row', () => {
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv.slice(1).split('\r\n')[0]).toBe('hearing,id,body,asker,cues,quantity,time_frame,text');
  });

  it('round-trips: every row reads back as the commitment it was written from', () => {
    const [header, ...rows] = parseCsv(csv.slice(1));
    expect(header).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(commitments.length);
    rows.forEach((row, i) =>
      expect(Object.fromEntries(CSV_COLUMNS.map((col, j) => [col, row[j]]))).toEqual(commitmentRow(commitments[i]!)),
    );
  });

  it('writes a hand-checked row: the q4 list with its commas quoted, quantities in one cell', () => {
    const row = parseCsv(csv.slice(1)).find((r) => r[7]?.startsWith('培育50名'));
    expect(row).toEqual([
      'digital-economy-2023-09-13',
      'q4',
      '市经信局',
      '陈光菊',
      'quantity:50名; quantity:100名; quantity:500家; quantity:10000名',
      '50名; 100名; 500家; 10000名',
      '',
      '培育50名行业数字化转型专家,100名企业一把手,500家企业数字化转型专员,10000名数字技术人才',
    ]);
    expect(csv).toContain(
      ',"培育50名行业数字化转型专家,100名企业一把手,500家企业数字化转型专员,10000名数字技术人才"\r\n',
    );
  });

  it('round-trips quotes, commas, line breaks and curly quotes in Chinese text', () => {
    const tricky: Commitment = {
      ...commitments[0]!,
      asker: { name: '张"三', title: '' },
      text: '打造“一刻钟”便民生活圈,说"好",\n再\r\n换行，全角逗号',
    };
    const [, row] = parseCsv(commitmentsCsv([tricky]).slice(1));
    expect(row![3]).toBe('张"三');
    expect(row![7]).toBe(tricky.text);
  });
});

describe('toCsv', () => {
  it.each([
    [['a', 'b'], 'a,b\r\n'],
    [['有,逗号', '无'], '"有,逗号",无\r\n'],
    [['说"好"'], '"说""好"""\r\n'],
    [['一\n二'], '"一\n二"\r\n'],
    [['', '“中文引号”'], ',“中文引号”\r\n'],
  ])('writes %j as %j after the BOM', (row, line) => {
    expect(toCsv([row])).toBe(`\uFEFF${line}`);
  });
});
