// Days and date ranges of staff's logs: days are China Standard Time (UTC+8), as the hearing's staff count them.
import { z } from 'zod';

/** A range of days, both ends included; an end left out is open. */
export interface Period {
  since?: string;
  until?: string;
}

/**
 * The day (YYYY-MM-DD, UTC+8) of a log line's ISO time: a question at 07:00 in Wuhan is that day's, not the day before.
 * @example dayOf('2024-05-01T23:30:00.000Z') // '2024-05-02'
 */
export function dayOf(time: string): string {
  const ms = Date.parse(time);
  if (Number.isNaN(ms)) return time.slice(0, 10);
  return new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** Whether a line's time falls within the period. */
export function within(period: Period, time: string): boolean {
  const day = dayOf(time);
  return (period.since === undefined || day >= period.since) && (period.until === undefined || day <= period.until);
}

/**
 * A `--since`/`--until` value: a date YYYY-MM-DD (or YYYY/MM/DD); anything else is an error naming the option.
 * @example parseDay('--since', '2024-5-1') // '2024-05-01'
 */
export function parseDay(option: string, value: string): string {
  const parsed = DaySchema.safeParse(value.trim());
  if (!parsed.success) throw new Error(`${option} takes a date such as 2024-05-01, not ${JSON.stringify(value)}`);
  return parsed.data;
}

const CHINA_OFFSET_MS = 8 * 3600 * 1000;
const DaySchema = z
  .string()
  .regex(/^\d{4}[-/]\d{1,2}[-/]\d{1,2}$/)
  .transform((v) => {
    const [y, m, d] = v.split(/[-/]/).map(Number) as [number, number, number];
    return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  })
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v));
