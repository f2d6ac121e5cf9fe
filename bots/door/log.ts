// One logger for every door: `<time> <door>: …` lines on stderr, secrets replaced, per-message detail on DEBUG.
import { format } from 'node:util';
import createDebug from 'debug';
import { messageOf } from '../../src/errors.js';

/** A value that must never be printed, and the name printed in its place (`<token>`). */
export interface Secret {
  name: string;
  value: string | undefined;
}

/** What a door tells its operator. Every line passes through the same redaction. */
export interface DoorLog {
  /** Start, ready, login, stop: one line each. */
  info(text: string): void;
  /** Something failed; the door carries on unless the line says otherwise. */
  error(text: string): void;
  /** Per-message decisions, printf-style; shown with `DEBUG=hearing:<door>`. */
  debug(formatter: string, ...args: unknown[]): void;
  /** The redaction every line gets, for text handed to other loggers. */
  redact(text: string): string;
}

export interface DoorLogOptions {
  secrets?: readonly Secret[];
  /** Gets each finished line, without its newline. Default: stderr. */
  write?: (line: string) => void;
  now?: () => Date;
  /** Show debug lines whatever `DEBUG` says (true) or never (false). Default: `DEBUG` decides. */
  debug?: boolean;
}

/**
 * @example
 * const log = createDoorLog('telegram', { secrets: [{ name: 'token', value: token }] });
 * log.info('ready'); // 2025-05-01T08:00:00.000Z telegram: ready
 * log.debug('silent on message %d (%s)', 12, 'etiquette'); // with DEBUG=hearing:telegram
 */
export function createDoorLog(door: string, options: DoorLogOptions = {}): DoorLog {
  const write = options.write ?? stderrLine;
  const now = options.now ?? (() => new Date());
  const redact = redactor(options.secrets ?? []);
  const line = (text: string) => write(redact(`${now().toISOString()} ${door}: ${text}`));
  const debug = createDebug(`hearing:${door}`);
  debug.log = (...args: unknown[]) => write(redact(format(...args)));
  if (options.debug !== undefined) debug.enabled = options.debug;
  return {
    info: line,
    error: (text) => line(`error: ${text}`),
    debug: (formatter, ...args) => debug(formatter, ...args),
    redact,
  };
}

/**
 * Replaces each secret (and its URL-encoded form, as it appears in request URLs) with `<name>`. Values shorter than
 * eight characters are left alone: replacing them would garble ordinary text, and a secret that short is no secret.
 * @example redactor([{ name: 'token', value: '123:abcdefgh' }])('GET /bot123:abcdefgh/me') // 'GET /bot<token>/me'
 */
export function redactor(secrets: readonly Secret[]): (text: string) => string {
  const needles: Array<[string, string]> = [];
  for (const { name, value } of secrets) {
    if (value === undefined || value.length < MIN_SECRET_CHARS) continue;
    for (const form of new Set([value, encodeURIComponent(value)])) needles.push([form, `<${name}>`]);
  }
  // Longest first, so a token is replaced whole before a part of it could be.
  needles.sort((a, b) => b[0].length - a[0].length);
  return (text) => needles.reduce((out, [needle, mark]) => out.split(needle).join(mark), String(text));
}

/**
 * `messageOf(error)` with its cause: HTTP clients wrap the network error, whose message says what actually failed (and
 * may hold the URL with a token: log it through the door's redaction).
 * @example describeError(new Error('fetch failed', { cause: new Error('ECONNRESET') })) // 'fetch failed (ECONNRESET)'
 */
export function describeError(error: unknown): string {
  const cause = error instanceof Error ? (error.cause ?? (error as { error?: unknown }).error) : undefined;
  const message = messageOf(error);
  return cause === undefined || cause === null ? message : `${message} (${messageOf(cause)})`;
}

/**
 * Wraps a log function so that a line identical to the previous one, within `windowMs`, is counted instead of
 * printed: a platform that cannot be reached reports the same error several times a second.
 * @example const logError = withoutRepeats((line) => log.error(line), Date.now);
 */
export function withoutRepeats(
  log: (line: string) => void,
  now: () => number,
  windowMs = 60_000,
): (line: string) => void {
  let last: string | undefined;
  let since = 0;
  let repeats = 0;
  return (line) => {
    const t = now();
    if (line === last && t - since < windowMs) {
      repeats++;
      return;
    }
    if (repeats > 0) log(`${last} (repeated ${repeats} more time${repeats === 1 ? '' : 's'})`);
    last = line;
    since = t;
    repeats = 0;
    log(line);
  };
}

function stderrLine(line: string): void {
  process.stderr.write(`${line}\n`);
}

const MIN_SECRET_CHARS = 8;
