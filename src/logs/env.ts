// Where staff's logs go and how much they keep, from the environment (checked with zod); `off` switches a log off.
import { join } from 'node:path';
import { z } from 'zod';
import { PROJECT_ROOT } from '../paths.js';

export const DEFAULT_MISSES_FILE = join(PROJECT_ROOT, 'var', 'misses.jsonl');
export const DEFAULT_ANSWER_LOG_FILE = join(PROJECT_ROOT, 'var', 'answers.jsonl');
/** About 20,000 lines of a typical length (~200 bytes as JSON) per file. */
export const DEFAULT_MISSES_MAX_BYTES = 4 * 1024 * 1024;
export const DEFAULT_MISSES_KEEP = 9;

/**
 * The misses file from the environment: `HEARING_MISSES_FILE` unset → the default under var/; empty or `off` → off.
 * @example missesPathFromEnv({ HEARING_MISSES_FILE: 'off' }) // null
 */
export function missesPathFromEnv(env: Record<string, string | undefined>): string | null {
  return pathFrom(PathEnvSchema.parse(env).HEARING_MISSES_FILE, DEFAULT_MISSES_FILE);
}

/**
 * The answer log from the environment: `HEARING_LOG_FILE` unset → var/answers.jsonl; empty or `off` → off.
 * @example answerLogPathFromEnv({ HEARING_LOG_FILE: '/srv/log/answers.jsonl' }) // '/srv/log/answers.jsonl'
 */
export function answerLogPathFromEnv(env: Record<string, string | undefined>): string | null {
  return pathFrom(PathEnvSchema.parse(env).HEARING_LOG_FILE, DEFAULT_ANSWER_LOG_FILE);
}

/**
 * How much a log keeps: `HEARING_MISSES_MAX_BYTES` per file (bytes, or with K, M or G: `8M`) and
 * `HEARING_MISSES_KEEP` rotated files (both logs share them); unset means the defaults. Throws on a bad value.
 * @example retentionFromEnv({ HEARING_MISSES_MAX_BYTES: '8M', HEARING_MISSES_KEEP: '20' }) // { maxBytes: 8388608, keep: 20 }
 */
export function retentionFromEnv(env: Record<string, string | undefined>): { maxBytes: number; keep: number } {
  const parsed = RetentionEnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`logs: ${issue.path.join('.')}: ${issue.message}`);
  }
  return {
    maxBytes: parsed.data.HEARING_MISSES_MAX_BYTES ?? DEFAULT_MISSES_MAX_BYTES,
    keep: parsed.data.HEARING_MISSES_KEEP ?? DEFAULT_MISSES_KEEP,
  };
}

/** Unset → the default; blank or an off word → null (off); anything else is the path. */
function pathFrom(value: string | undefined, fallback: string): string | null {
  if (value === undefined) return fallback;
  const trimmed = value.trim();
  return trimmed === '' || OFF_VALUES.has(trimmed.toLowerCase()) ? null : trimmed;
}

const PathEnvSchema = z.object({ HEARING_MISSES_FILE: z.string().optional(), HEARING_LOG_FILE: z.string().optional() });
const OFF_VALUES = new Set(['off', 'false', '0', 'no', 'none']);
const UNITS: Record<string, number> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };
const blankIsUnset = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const RetentionEnvSchema = z.object({
  HEARING_MISSES_MAX_BYTES: z.preprocess(
    blankIsUnset,
    z
      .string()
      .regex(/^\s*\d+\s*[kmg]?i?b?\s*$/i, 'expected bytes per file, e.g. 4194304 or 4M')
      .transform((v) => {
        const [, digits, unit] = /(\d+)\s*([kmg]?)/i.exec(v)!;
        return Number(digits) * UNITS[unit!.toLowerCase()]!;
      })
      .pipe(z.number().int().min(4096, 'expected at least 4096 bytes (4K) per file'))
      .optional(),
  ),
  HEARING_MISSES_KEEP: z.preprocess(
    blankIsUnset,
    z.coerce.number().int('expected a whole number of rotated files').min(1).max(1000).optional(),
  ),
});
