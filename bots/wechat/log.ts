// What the WeChat bot tells its operator: one line per event on stderr, secrets blanked, debug lines on demand.

export interface WechatLogger {
  info(line: string): void;
  error(line: string): void;
  /** Per-message decisions (ignored, silent, sent); off unless asked for. */
  debug(line: string): void;
}

export interface ConsoleLoggerOptions {
  /** Print debug lines too (`DEBUG=wechat`). Default false. */
  debug?: boolean;
  /** Strings that must never be printed (the service token); each is replaced by ***. */
  secrets?: ReadonlyArray<string | undefined>;
  write?: (text: string) => void;
  now?: () => Date;
}

/** @example const logger = consoleLogger({ debug: /\bwechat\b/.test(process.env.DEBUG ?? ''), secrets: [token] }) */
export function consoleLogger(options: ConsoleLoggerOptions = {}): WechatLogger {
  const write = options.write ?? ((text: string) => process.stderr.write(text));
  const now = options.now ?? (() => new Date());
  const secrets = (options.secrets ?? []).filter((s): s is string => typeof s === 'string' && s.length > 0);
  const line = (level: string, text: string) => {
    const safe = secrets.reduce((out, secret) => out.split(secret).join('***'), text);
    write(`${now().toISOString()} ${level} ${safe}\n`);
  };
  return {
    info: (text) => line('info ', text),
    error: (text) => line('error', text),
    debug: options.debug ? (text) => line('debug', text) : () => {},
  };
}

/**
 * Wraps a log function so that a line identical to the previous one, within `windowMs`, is counted instead of
 * printed: a puppet that cannot reach WeChat reports the same error several times a second.
 * @example const logError = withoutRepeats((line) => logger.error(line), Date.now);
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
