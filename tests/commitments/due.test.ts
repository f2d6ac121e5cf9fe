// Due dates read from the time words of a commitment, anchored on the hearing's date; ids that survive a rebuild.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addYears, readDue, yearsOf } from '../../src/commitments/due.js';
import { commitmentPassages, extractCommitments } from '../../src/commitments/extract.js';
import { readHearingData } from '../../src/hearing/hearing-data.js';
import { parseTranscript } from '../../src/hearing/parse.js';
import { DATA_DIR } from '../../src/paths.js';
import { TRANSCRIPT } from './helpers.js';

const HEARING_DATE = '2023-09-13';

/** The due date a sentence's commitment gets, read through the same cue rules as the index build. */
function dueOfSentence(sentence: string, hearingDate: string | null = HEARING_DATE) {
  const [passage] = commitmentPassages(sentence);
  expect(passage, `no commitment found in 「${sentence}」`).toBeDefined();
  const timeFrames = passage!.cues.filter((c) => c.kind === 'time').map((c) => c.text);
  return readDue(timeFrames, hearingDate);
}

describe('due dates from the time phrases, with the hearing date 2023-09-13 as the anchor', () => {
  it.each([
    ['年底前完成全市5G基站建设', '2023-12-31', false, '年底前'],
    ['今年建成3个示范园区', '2023-12-31', false, '今年'],
    ['年内出台10条支持措施', '2023-12-31', false, '年内'],
    ['明年建成2个数据中心', '2024-12-31', false, '明年'],
    ['从明年开始建设5个智慧社区', '2024-12-31', false, '从明年开始'],
    ['3年内培育100家专精特新企业', '2026-09-13', false, '3年内'],
    ['争取用三年时间在总量上实现较大增长', '2026-09-13', false, '三年'],
    ['力争两年以内建成算力中心', '2025-09-13', false, '两年以内'],
    ['到2025年建成10个产业园', '2025-12-31', false, '到2025年'],
    ['2027年底前实现全覆盖', '2027-12-31', false, '2027年底'],
    ['每年至少引进2家头部企业', '2023-12-31', true, '每年'],
    ['从今年开始每年推出一款芯片', '2023-12-31', true, '从今年开始每年'],
    ['从明年开始每年新增5个场景', '2024-12-31', true, '从明年开始每年'],
  ])('「%s」 → %s (recurring %s), read from %s', (sentence, date, recurring, cue) => {
    const due = dueOfSentence(sentence);
    expect(due).toMatchObject({ date, recurring, cue });
    expect(due.reading.startsWith(`${cue}: `)).toBe(true);
  });

  it.each([
    ['下一步,准备出台专项政策', '下一步'],
    ['逐步实现数据全覆盖', '逐步'],
    ['计划建设1平方公里的软件园', null],
  ])('「%s」 is undated (cue %s), and says why', (sentence, cue) => {
    const due = dueOfSentence(sentence);
    expect(due).toMatchObject({ date: null, recurring: false, cue });
    expect(due.reading).toMatch(cue === null ? /no time frame/ : /no date given/);
  });

  it('a hearing without a known date: relative phrases stay undated and say what to add; a year stays a year', () => {
    expect(dueOfSentence('3年内培育100家企业', null)).toMatchObject({ date: null, cue: '3年内' });
    expect(dueOfSentence('3年内培育100家企业', null).reading).toMatch(/add "date" to its data file/);
    expect(dueOfSentence('每年引进2家企业', null).date).toBeNull();
    expect(dueOfSentence('到2025年建成10个产业园', null).date).toBe('2025-12-31');
  });

  it('adds years to a date, 29 February landing on 28 February', () => {
    expect(addYears('2023-09-13', 3)).toBe('2026-09-13');
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
    expect([yearsOf('三'), yearsOf('两'), yearsOf('十'), yearsOf('十二'), yearsOf('二十'), yearsOf('5')]).toEqual([
      3, 2, 10, 12, 20, 5,
    ]);
  });
});

describe('the hearing: its transcript prints only 9月13日, the year comes from its data file', () => {
  const path = join(DATA_DIR, 'hearings', TRANSCRIPT);
  const text = readFileSync(path, 'utf8');
  const dated = extractCommitments([parseTranscript(text, TRANSCRIPT, readHearingData(path))]);
  const yearless = extractCommitments([parseTranscript(text, TRANSCRIPT)]);

  it("经开区's three-year goal falls due on 2026-09-13, its chip every year from 2023", () => {
    const threeYears = dated.find((c) => c.text === '争取用三年时间在总量上实现较大增长')!;
    expect(threeYears.dueFromText).toMatchObject({ date: '2026-09-13', recurring: false, cue: '三年' });
    const chip = dated.find((c) => c.text.startsWith('从今年开始每年'))!;
    expect(chip.dueFromText).toMatchObject({ date: '2023-12-31', recurring: true });
    expect(dated.find((c) => c.text.startsWith('下一步'))!.dueFromText.date).toBeNull();
  });

  it('without the data file nothing relative is dated, and each says the date is missing', () => {
    const relative = yearless.filter((c) => c.timeFrames.length > 0 && c.dueFromText.cue !== '下一步');
    expect(relative.length).toBeGreaterThan(0);
    for (const c of relative)
      expect(c.dueFromText).toMatchObject({ date: null, reading: expect.stringMatching(/no date/) });
  });

  it('ids stay the same when the hearing is rebuilt, and when other commitments come and go', () => {
    expect(extractCommitments([parseTranscript(text, TRANSCRIPT, readHearingData(path))]).map((c) => c.key)).toEqual(
      dated.map((c) => c.key),
    );
    expect(new Set(dated.map((c) => c.key)).size).toBe(dated.length);
    // Take q1 away: every other commitment keeps its id.
    const withoutQ1 = parseTranscript(text, TRANSCRIPT, readHearingData(path));
    withoutQ1.items = withoutQ1.items.filter((i) => i.id !== 'q1');
    const kept = extractCommitments([withoutQ1]);
    for (const c of kept) expect(dated.find((d) => d.text === c.text && d.id === c.id)!.key).toBe(c.key);
    expect(dated.find((c) => c.text === '争取用三年时间在总量上实现较大增长')!.key).toMatch(/^q5-[0-9a-f]{6}$/);
  });
});
