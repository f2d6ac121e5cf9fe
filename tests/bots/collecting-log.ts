// A DoorLog for tests: every line kept with its level, debug lines included, nothing printed.
import { format } from 'node:util';
import type { DoorLog } from '../../bots/door/log.js';

export interface LogLine {
  level: 'info' | 'error' | 'debug';
  line: string;
}

/** @example const { log, logs } = collectingLog(); logs.some((l) => l.level === 'error') */
export function collectingLog(): { log: DoorLog; logs: LogLine[] } {
  const logs: LogLine[] = [];
  const log: DoorLog = {
    info: (line) => logs.push({ level: 'info', line }),
    error: (line) => logs.push({ level: 'error', line }),
    debug: (formatter, ...args) => logs.push({ level: 'debug', line: format(formatter, ...args) }),
    redact: (text) => text,
  };
  return { log, logs };
}
