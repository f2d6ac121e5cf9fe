// Due dates read from a commitment's time words, anchored on the hearing's date, with how each was read so staff can check it.
import type { Due } from './model.js';

/**
 * The due date a commitment's time frames give, relative to the hearing's date (ISO, or null when unknown).
 * - 年底前, 年底, 年末, 年内, 今年, 从今年开始 → the hearing year's end
 * - 明年, 从明年开始, 今明两年 → the next year's end
 * - 三年, 3年内, 两年以内 (in 用三年时间 too) → the hearing date plus that many years
 * - 到2025年, 2025年底 → that year's end
 * - 每年 (with 从今年开始 or 从明年开始 for the first) → each year's end, from the first
 * - 下一步, 近期, 每季度, 每月, 每周, or no time frame → undated
 * The first time frame that gives a date wins, in reading order, except that 每年 makes any of them recurring.
 * @example readDue(['三年'], '2023-09-13') // {date: '2026-09-13', recurring: false, cue: '三年', reading: '…'}
 */
export function readDue(timeFrames: readonly string[], hearingDate: string | null): Due {
  const yearly = timeFrames.find((t) => t === '每年');
  const year = hearingDate === null ? null : Number(hearingDate.slice(0, 4));
  if (yearly !== undefined) {
    const start = timeFrames.find((t) => /^从?(今|明)年(开始|起)?$/.test(t));
    const offset = start?.includes('明') ? 1 : 0;
    const cue = start ? `${start}${yearly}` : yearly;
    if (year === null) return undated(cue, NO_DATE);
    const first = year + offset;
    return {
      date: yearEnd(first),
      recurring: true,
      cue,
      reading: `${cue}: every year's end, the first ${first}-12-31 (${offset ? 'the year after ' : ''}the hearing's year)`,
    };
  }
  for (const cue of timeFrames) {
    const due = dueOf(cue, hearingDate, year);
    if (due) return due;
  }
  const open = timeFrames.find((t) => UNDATED.test(t));
  if (open !== undefined) return undated(open, `${open}: no date given`);
  return undated(null, 'no time frame in the clause');
}

/**
 * Adds whole years to an ISO date; 29 February becomes 28 February in a year without it.
 * @example addYears('2023-09-13', 3) // '2026-09-13'
 */
export function addYears(iso: string, years: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const target = y + years;
  const lastDay = new Date(Date.UTC(target, m, 0)).getUTCDate();
  return `${target}-${pad(m)}-${pad(Math.min(d, lastDay))}`;
}

/**
 * A number of years written in digits or Chinese numerals up to 99: 3, 三, 两, 十, 十二, 二十.
 * @example yearsOf('两') // 2
 */
export function yearsOf(text: string): number | null {
  if (/^\d+$/.test(text)) return Number(text);
  const digit = (c: string | undefined) => (c === undefined ? null : (CN_DIGIT[c] ?? null));
  const [a, b, c] = [...text];
  if (text.length === 1) return a === '十' ? 10 : digit(a);
  if (text.length === 2 && a === '十') return digit(b) === null ? null : 10 + digit(b)!;
  if (text.length === 2 && b === '十') return digit(a) === null ? null : digit(a)! * 10;
  if (text.length === 3 && b === '十' && digit(a) !== null && digit(c) !== null) return digit(a)! * 10 + digit(c)!;
  return null;
}

function dueOf(cue: string, hearingDate: string | null, year: number | null): Due | null {
  const absolute = ABSOLUTE_YEAR.exec(cue);
  if (absolute) {
    const y = Number(absolute[1]);
    return { date: yearEnd(y), recurring: false, cue, reading: `${cue}: the end of ${y}` };
  }
  if (THIS_YEAR.test(cue)) {
    if (year === null) return undated(cue, NO_DATE);
    return { date: yearEnd(year), recurring: false, cue, reading: `${cue}: the end of the hearing's year ${year}` };
  }
  if (NEXT_YEAR.test(cue)) {
    if (year === null) return undated(cue, NO_DATE);
    return {
      date: yearEnd(year + 1),
      recurring: false,
      cue,
      reading: `${cue}: the end of the year after the hearing's`,
    };
  }
  const span = YEAR_SPAN.exec(cue);
  const years = span ? yearsOf(span[1]!) : null;
  if (years !== null && years > 0) {
    if (hearingDate === null) return undated(cue, NO_DATE);
    return {
      date: addYears(hearingDate, years),
      recurring: false,
      cue,
      reading: `${cue}: the hearing's date ${hearingDate} + ${years} year${years === 1 ? '' : 's'}`,
    };
  }
  return null;
}

function undated(cue: string | null, reading: string): Due {
  return { date: null, recurring: false, cue, reading };
}

const yearEnd = (year: number) => `${year}-12-31`;
const pad = (n: number) => String(n).padStart(2, '0');

const NO_DATE = 'the hearing has no date: add "date" to its data file (data/hearings/<name>.json)';
const ABSOLUTE_YEAR = /^(?:到|至|于)?(20\d\d)年(?:底|前|内)?$/;
const THIS_YEAR = /^(?:从?今年(?:开始|起)?|年内|年底前?|年末)$/;
const NEXT_YEAR = /^(?:从?明年(?:开始|起)?|今明两年)$/;
const YEAR_SPAN = /^([\d一二两三四五六七八九十]{1,3})年(?:内|以内)?$/;
const UNDATED = /^(?:下一步|近期|逐步|每(?:季度|月|周))$/;
const CN_DIGIT: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
