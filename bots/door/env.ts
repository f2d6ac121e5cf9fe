// Door configuration from the environment: one zod schema per door, blank values unset, every problem named at once.
import { z } from 'zod';

/** The environment as `process.env` gives it. */
export type Env = Record<string, string | undefined>;

/** A door cannot start with this configuration; the message names each variable (or field) and how to fix it. */
export class DoorConfigError extends Error {
  override name = 'DoorConfigError';
  constructor(
    readonly door: string,
    readonly problems: readonly string[],
    heading = 'check the environment',
  ) {
    super(`${door}: cannot start, ${heading}:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  }
}

export interface ParseEnvOptions {
  /** Variables whose values must never appear in a message (tokens, secrets). */
  secrets?: readonly string[];
  /** Where the operator reads about these variables, e.g. `README.md, "Telegram bot"`. */
  docs?: string;
}

/**
 * Checks the environment against a door's schema. Values are trimmed and blank ones count as unset; a problem names
 * the variable, says what is expected and, unless the variable is secret, shows the value it got. Give defaults
 * after parsing (`?? 8080`): a zod `.default()` would be parsed as a string by the helpers below.
 * @example
 * const schema = z.object({ HEARING_HTTP_PORT: envPort().optional() });
 * const port = parseEnv('http', schema, process.env).HEARING_HTTP_PORT ?? 8080;
 * @throws DoorConfigError listing every problem
 */
export function parseEnv<S extends z.ZodTypeAny>(
  door: string,
  schema: S,
  env: Env,
  options: ParseEnvOptions = {},
): z.output<S> {
  const given = Object.fromEntries(
    Object.entries(env)
      .filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1].trim() !== '')
      .map(([name, value]) => [name, value.trim()]),
  );
  const parsed = schema.safeParse(given);
  if (parsed.success) return parsed.data;
  const secrets = new Set(options.secrets ?? []);
  const problems = parsed.error.issues.map((issue) => {
    const name = String(issue.path[0] ?? 'environment');
    const value = given[name];
    const shown = value === undefined || secrets.has(name) ? '' : ` (got ${show(value)})`;
    return `${name}: ${issue.message}${shown}`;
  });
  const heading = options.docs ? `check the environment (see ${options.docs})` : 'check the environment';
  throw new DoorConfigError(door, problems, heading);
}

/** A TCP port, 1–65535. */
export const envPort = () =>
  z
    .string()
    .regex(/^\d+$/, 'must be a port number')
    .transform(Number)
    .pipe(z.number().int().min(1, 'must be a port from 1 to 65535').max(65535, 'must be a port from 1 to 65535'));

/** A host name or IP address to listen on, such as 127.0.0.1. */
export const envHost = () => z.string().regex(/^[\w.:-]+$/, 'must be a host name or IP address such as 127.0.0.1');

/** true/false, also 1/0, yes/no, on/off. */
export const envFlag = () =>
  z
    .string()
    .transform((value) => value.toLowerCase())
    .refine((value) => TRUE.has(value) || FALSE.has(value), 'must be true or false')
    .transform((value) => TRUE.has(value));

/** A whole number, checked further by `then` (e.g. the field's own schema with its range and messages). */
export const envWholeNumber = (then: z.ZodType<number> = z.number()) =>
  z.string().regex(/^\d+$/, 'must be a whole number').transform(Number).pipe(then);

/**
 * An id or secret copied from a platform's console: a space or quote in it is a copying slip.
 * @example envCopied('Bot ID', 'missing; copy the Bot ID from the robot’s page')
 */
export const envCopied = (what: string, missing: string) =>
  z
    .string({ required_error: missing })
    .regex(/^[^\s"'`]+$/, `malformed; the ${what} has a space or quote in it, copy it again`);

/**
 * A URL with one of `schemes`, e.g. a private deployment's or a test stand-in's address.
 * @example envUrl(['ws', 'wss'], 'must be a ws:// or wss:// URL such as wss://openws.work.weixin.qq.com')
 */
export const envUrl = (schemes: readonly string[], invalid: string) =>
  z
    .string()
    .url(invalid)
    .refine(
      (url) => schemes.some((scheme) => url.toLowerCase().startsWith(`${scheme}://`)),
      `must start with ${schemes.map((scheme) => `${scheme}://`).join(' or ')}`,
    );

/** A list separated by commas (ASCII or Chinese) or new lines; empty entries dropped. */
export const envList = () =>
  z.string().transform((value) =>
    value
      .split(/[,，\n]/)
      .map((entry) => entry.trim())
      .filter((entry) => entry !== ''),
  );

const TRUE = new Set(['true', '1', 'yes', 'on']);
const FALSE = new Set(['false', '0', 'no', 'off']);

function show(value: string): string {
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}
