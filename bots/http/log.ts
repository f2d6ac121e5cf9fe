// What the HTTP door tells its operator: info and errors on stderr, per-request lines under DEBUG=hearing:http,
// every configured secret blanked.
import createDebug from 'debug';

export interface DoorLog {
  info(line: string): void;
  error(line: string): void;
  /** Per-request decisions; printed only with DEBUG=hearing:http. */
  debug(line: string): void;
}

export interface DoorLogOptions {
  /** Strings that must never be printed; each becomes ***. */
  secrets?: readonly string[];
  write?: (line: string) => void;
}

/** @example const log = doorLog({ secrets: secretsOf(config) }); log.info('http: ready'); */
export function doorLog(options: DoorLogOptions = {}): DoorLog {
  const secrets = (options.secrets ?? []).filter((s) => s.length > 0);
  const redact = (text: string) => secrets.reduce((out, secret) => out.split(secret).join('***'), String(text));
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const debug = createDebug('hearing:http');
  debug.log = (...args: unknown[]) => write(redact(args.map(String).join(' ')));
  return {
    info: (line) => write(redact(line)),
    error: (line) => write(redact(`error: ${line}`)),
    debug: (line) => {
      if (debug.enabled) debug(redact(line));
    },
  };
}
