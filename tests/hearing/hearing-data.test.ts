// A hearing's data file: found beside its transcript, validated, and optional.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hearingDataPath, readHearingData } from '../../src/hearing/hearing-data.js';
import { chineseDate } from '../../src/hearing/model.js';
import { DATA_DIR } from '../../src/paths.js';

const dir = mkdtempSync(join(tmpdir(), 'hearing-data-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const transcript = join(dir, 'smart-water.txt');

describe('readHearingData', () => {
  it("reads the digital-economy hearing's date", () => {
    expect(readHearingData(join(DATA_DIR, 'hearings', 'digital-economy-2023-09-13.txt')).date).toBe('2023-09-13');
  });

  it('gives nothing for a transcript without a data file', () => {
    expect(hearingDataPath(transcript)).toBe(join(dir, 'smart-water.json'));
    expect(readHearingData(transcript)).toEqual({});
  });

  it.each([
    ['not JSON', '{"date": 2024-05-08}', /smart-water\.json: cannot read it as JSON/],
    ['a date without its year', '{"date": "5月8日"}', /smart-water\.json: date: expected a date as YYYY-MM-DD/],
    ['a day that does not exist', '{"date": "2023-02-29"}', /smart-water\.json: date: no such day/],
    [
      'a misspelt key',
      '{"data": "2024-05-08"}',
      /smart-water\.json: \(top level\): Unrecognized key\(s\) in object: 'data'/,
    ],
  ])('refuses %s, naming the file and the field', (_, content, message) => {
    writeFileSync(join(dir, 'smart-water.json'), content);
    expect(() => readHearingData(transcript)).toThrow(message);
  });
});

describe('chineseDate', () => {
  it.each([
    ['2023-09-13', '2023年9月13日'],
    ['2024-05-08', '2024年5月8日'],
  ])('%s → %s', (iso, chinese) => {
    expect(chineseDate(iso)).toBe(chinese);
  });
});
