// Reaching WeChat without hammering it: a puppet that fails before login is stopped, then started again after
// 1 s, 2 s, 4 s … at most a minute apart; one line names the cause, the retries are quiet.
import type { Wechaty } from 'wechaty';
import { type DoorLog, describeError } from '../door/log.js';

/** Why the puppet could not reach WeChat, and whether waiting may help. */
export interface Cause {
  kind: 'network' | 'refused' | 'puppet';
  /** One line for the operator, naming what failed. */
  text: string;
}

export interface PatienceOptions {
  log: DoorLog;
  /** Aborting it stops the bot and ends `connectPatiently`. */
  signal: AbortSignal;
  /** Told after each successful start of the puppet (the first one is the door's ready line). */
  onStarted?: () => void;
  /** First pause after a failure, in ms; it doubles with each failure in a row. Default 1000. */
  firstDelayMs?: number;
  /** Longest pause, in ms. Default 60 000. */
  maxDelayMs?: number;
  /** `--check`: the first failure rejects, naming its cause, instead of waiting and trying again. */
  once?: boolean;
}

/** The part of Wechaty this needs; tests may pass less than a whole bot. */
export type Startable = Pick<Wechaty, 'start' | 'stop' | 'on' | 'isLoggedIn'>;

/**
 * Starts the bot and keeps it trying until `signal` aborts. A puppet such as wechat4u retries a failed login host at
 * once, without end (19,000 times a minute without a network, at full CPU, never saying why); here any error before
 * login stops the puppet, and it starts again after a pause that doubles up to `maxDelayMs`. A scan or a login resets
 * the pause. A puppet that cannot start for another reason (not installed, bad token) is not retried: that rejects.
 */
export async function connectPatiently(bot: Startable, options: PatienceOptions): Promise<void> {
  const { log, signal } = options;
  const firstDelayMs = options.firstDelayMs ?? FIRST_DELAY_MS;
  const maxDelayMs = options.maxDelayMs ?? MAX_DELAY_MS;
  let failures = 0;
  let lastCause: string | undefined;
  let failed: (cause: Cause) => void = () => {};
  let waiting = false; // only an attempt that is running can fail; errors while stopping it are its echo
  bot.on('error', (error) => {
    if (waiting && !bot.isLoggedIn) failed(causeOf(error));
  });
  const reached = () => {
    if (failures > 0) log.info(`reached WeChat again after ${failures} failed attempt${failures === 1 ? '' : 's'}`);
    failures = 0;
    lastCause = undefined;
  };
  bot.on('scan', reached).on('login', reached);

  const aborted = new Promise<undefined>((resolve) => signal.addEventListener('abort', () => resolve(undefined)));
  try {
    while (!signal.aborted) {
      const failure = new Promise<Cause>((resolve) => (failed = resolve));
      waiting = true;
      try {
        // A puppet service that cannot be reached may keep start() waiting: a signal must not wait for it.
        if ((await Promise.race([bot.start().then(() => true), aborted])) === undefined) break;
        options.onStarted?.();
      } catch (error) {
        const cause = causeOf(error);
        if (cause.kind === 'puppet') throw new Error(`the puppet could not start: ${cause.text}`);
        failed(cause);
      }
      const cause = await Promise.race([failure, aborted]);
      waiting = false;
      if (!cause) break;
      if (options.once) throw new Error(`cannot reach WeChat: ${cause.text}`);
      const pauseMs = Math.min(maxDelayMs, firstDelayMs * 2 ** failures++);
      if (cause.text !== lastCause)
        log.error(
          `cannot reach WeChat: ${cause.text}. Trying again in ${pauseMs / 1000} s, then less often ` +
            `(at least every ${maxDelayMs / 1000} s), quietly until something changes`,
        );
      else log.debug('still cannot reach WeChat (%s); next try in %d s', cause.text, pauseMs / 1000);
      lastCause = cause.text;
      await bot.stop().catch((error) => log.debug('stopping the puppet after a failure: %s', describeError(error)));
      await Promise.race([delay(pauseMs), aborted]);
    }
  } finally {
    waiting = false;
    await bot.stop().catch((error) => log.error(`stop: ${describeError(error)}`));
  }
}

/**
 * Names the cause of a puppet error: no network (DNS, refused or reset connections, time-outs), the login host
 * refusing (an HTTP error status), or something else in the puppet.
 * @example causeOf(new Error('getaddrinfo ENOTFOUND login.wx.qq.com')).kind // 'network'
 */
export function causeOf(error: unknown): Cause {
  const text = describeError(error);
  const status = /status code (\d{3})|\bHTTP (\d{3})\b/i.exec(text);
  if (status)
    return { kind: 'refused', text: `the WeChat login host refused (HTTP ${status[1] ?? status[2]}): ${text}` };
  if (NETWORK.test(text)) return { kind: 'network', text: `no network, or WeChat cannot be reached: ${text}` };
  return { kind: 'puppet', text };
}

const NETWORK = new RegExp(
  [
    ...['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ECONNABORTED', 'ENETUNREACH'],
    ...['EHOSTUNREACH', 'EPIPE', 'socket hang up', 'timeout', 'network'],
  ].join('|'),
  'i',
);
const FIRST_DELAY_MS = 1000;
const MAX_DELAY_MS = 60_000;

const delay = (ms: number) => new Promise<undefined>((resolve) => setTimeout(resolve, ms));
