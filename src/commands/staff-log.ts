// What `stats` and `export` share: the answer log from the environment and their --since/--until options.
import { parseArgs } from 'node:util';
import { answerLogPathFromEnv } from '../logs/env.js';
import { type Period, parseDay } from '../logs/period.js';
import { UsageError } from './io.js';

/**
 * The options of a staff command, checked: unknown ones, a missing value or a date that is not one are usage errors.
 * @example staffArgs(['--since', '2024-05-01', '--json'], { json: 'boolean' }, USAGE)
 */
export function staffArgs<const O extends Record<string, 'boolean' | 'string'>>(
  args: string[],
  extra: O,
  usage: string,
): { period: Period; values: { [K in keyof O]?: O[K] extends 'boolean' ? boolean : string } } {
  const options: Record<string, { type: 'boolean' | 'string' }> = {
    since: { type: 'string' },
    until: { type: 'string' },
  };
  for (const [name, type] of Object.entries(extra)) options[name] = { type };
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({ args, options, strict: true, allowPositionals: false }));
  } catch {
    throw new UsageError(usage);
  }
  try {
    const period: Period = {};
    if (typeof values.since === 'string') period.since = parseDay('--since', values.since);
    if (typeof values.until === 'string') period.until = parseDay('--until', values.until);
    return { period, values: values as never };
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${usage}`);
  }
}

/** The answer log's path, or null after saying on stderr that it is switched off. */
export function answerLogPath(stderr: NodeJS.WritableStream, command: string): string | null {
  const path = answerLogPathFromEnv(process.env);
  if (path === null) stderr.write(`${command}: the answer log is switched off (HEARING_LOG_FILE is empty or "off")\n`);
  return path;
}
