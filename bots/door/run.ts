// Running a door: environment checked with zod → engine and misses log → serve until a signal → a clean stop.
import { pathToFileURL } from 'node:url';
import { format } from 'node:util';
import createDebug from 'debug';
import type { AnswerLog, MissesLog } from '../../src/chat/staff-logs.js';
import { createAnswerLog } from '../../src/logs/answers.js';
import { answerLogPathFromEnv, missesPathFromEnv, retentionFromEnv } from '../../src/logs/env.js';
import { createMissesLog } from '../../src/logs/misses.js';
import { loadEngine, type SearchEngine } from '../../src/search/engine.js';
import { rebuildFromEnv } from '../../src/search/freshness.js';
import { reachCause } from './cause.js';
import { DoorConfigError, type Env } from './env.js';
import { createDoorLog, type DoorLog, describeError, type Secret } from './log.js';

/**
 * A platform's door, as `runDoor` starts it: a name, its configuration, and how it serves.
 * @example export const main = (options?: RunOptions) => runDoor(telegramDoor, options);
 */
export interface Door<Config> {
  /** Lower case: the npm script, the first word of each log line and the debug namespace `hearing:<name>`. */
  name: string;
  /** Where the operator reads about its variables, named in configuration errors: `README.md, "Telegram bot"`. */
  docs: string;
  /** The configuration from the environment (see `parseEnv`); throws DoorConfigError naming every problem. */
  configure(env: Env): Config;
  /** Values never to print, replaced in every line of every log. */
  secrets?(config: Config): Secret[];
  /**
   * Connects to the platform and answers until `context.signal` aborts, then stops within the stop budget and
   * resolves. Calls `context.ready()` once it answers. A rejection before the signal is fatal (exit code 1).
   */
  serve(context: DoorContext<Config>): Promise<void>;
}

/** What `runDoor` hands a door's `serve`. */
export interface DoorContext<Config> {
  config: Config;
  env: Env;
  log: DoorLog;
  /** Aborted on the first SIGINT or SIGTERM (or, with `--check`, right after `ready`). */
  signal: AbortSignal;
  /**
   * `--check`: call `ready()` only once the platform has answered with these credentials, reject at the first failure
   * to reach it (no retries; `reachCause` names it), and write no session state.
   */
  check: boolean;
  /** Says the door answers now: one `ready: …` line. With `--check` the door is then told to stop. */
  ready(what: string): void;
  /** Loaded once per process and shared. */
  engine: SearchEngine;
  misses: MissesLog;
  /** Every reply, for staff's statistics (HEARING_LOG_FILE). */
  answers: AnswerLog;
}

export interface RunOptions {
  env?: Env;
  /**
   * Command-line arguments after the script; `--check` stops right after the ready line, and fails after
   * `--check-timeout=SECONDS` (or `HEARING_CHECK_TIMEOUT`, default 15) without one. Default: process.argv.
   */
  argv?: readonly string[];
  /** Resolves when the door should stop. Default: the first SIGINT or SIGTERM (a second one exits at once). */
  until?: Promise<unknown>;
  /** Gets each log line, already redacted. Default: stderr. */
  write?: (line: string) => void;
  /** How long a stop may take before `runDoor` gives up on it. Default 2000 ms. */
  stopWithinMs?: number;
  /** Default `loadEngine()`, rebuilding a stale index when `HEARING_REBUILD_INDEX` says so. */
  engine?: () => SearchEngine;
}

/**
 * Runs a door until told to stop; resolves to the exit code: 0 after a clean stop (or a passed `--check`), 1 when it
 * could not start or serve, 2 when the configuration or the command line is wrong. Never calls process.exit.
 */
export async function runDoor<Config>(door: Door<Config>, options: RunOptions = {}): Promise<number> {
  const env = options.env ?? process.env;
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const argv = options.argv ?? process.argv.slice(2);
  const unknown = argv.filter((arg) => arg !== '--check' && !arg.startsWith('--check-timeout='));
  if (unknown.length > 0) {
    write(
      `${door.name}: unknown argument ${unknown.join(' ')}; the only ones are --check (start, say ready, stop) and --check-timeout=SECONDS`,
    );
    return 2;
  }
  const check = argv.includes('--check');
  const checkTimeout = checkSeconds(argv, env);
  if (typeof checkTimeout === 'string') {
    write(`${door.name}: ${checkTimeout}`);
    return 2;
  }

  let config: Config;
  try {
    config = door.configure(env);
  } catch (error) {
    if (!(error instanceof DoorConfigError)) throw error;
    write(error.message);
    return 2;
  }
  const log = createDoorLog(door.name, { secrets: door.secrets?.(config) ?? [], write });
  const restore = routeLibraryDebug(log);
  const onRejection = rejectionLogger(log);
  process.on('unhandledRejection', onRejection);
  const stop = new AbortController();
  void (options.until ?? signalled()).then(() => stop.abort());
  let misses: MissesLog | undefined;
  let answers: AnswerLog | undefined;
  let isReady = false;
  try {
    const path = missesPathFromEnv(env);
    const answerPath = answerLogPathFromEnv(env);
    const retention = path === null && answerPath === null ? {} : retentionFromEnv(env);
    misses = createMissesLog({ path, ...retention, onError: (e) => log.error(e.message) });
    answers = createAnswerLog({
      path: answerPath,
      door: door.name,
      ...retention,
      onError: (e) => log.error(e.message),
    });
    const engine = options.engine ? options.engine() : loadEngine({ rebuild: rebuildFromEnv(env) });
    let readied: () => void = () => {};
    const readyNow = new Promise<'ready'>((resolve) => (readied = () => resolve('ready')));
    const ready = (what: string) => {
      isReady = true;
      log.info(`ready: ${what}`);
      readied();
      if (check) {
        log.info('check passed: configuration, index and the platform answering these credentials; stopping (--check)');
        stop.abort();
      }
    };
    const serving = door.serve({ config, env, log, signal: stop.signal, check, ready, engine, misses, answers });
    if (check) {
      const failure = await checkOutcome(serving, readyNow, checkTimeout);
      if (failure !== undefined) {
        log.error(`check failed: ${failure}`);
        stop.abort();
        await Promise.race([serving.catch(() => {}), overdue(stop.signal, options)]);
        return 1;
      }
    }
    const outcome = await Promise.race([serving.then(() => 'stopped' as const), overdue(stop.signal, options)]);
    if (outcome === 'overdue') {
      log.error(`did not stop within ${(options.stopWithinMs ?? STOP_WITHIN_MS) / 1000} s; leaving anyway`);
      return 1;
    }
    log.info('stopped');
    return 0;
  } catch (error) {
    if (stop.signal.aborted) return 0;
    log.error(`${isReady ? 'stopped' : 'cannot start'}: ${describeError(error)}`);
    return 1;
  } finally {
    stop.abort();
    await misses?.flush();
    await answers?.flush();
    process.off('unhandledRejection', onRejection);
    restore();
  }
}

/**
 * Resolves once `signal` has aborted, at once when it already has: a door waits on it with `await stopped(signal)`.
 * (A bare `addEventListener('abort', …)` after the abort would wait for ever: `--check` aborts inside `ready()`.)
 */
export function stopped(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}

/**
 * Resolves on the first SIGINT or SIGTERM; a second one ends the process at once (the operator means it).
 * @example await signalled(); // then stop cleanly
 */
export function signalled(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const first = (signal: NodeJS.Signals) => {
      process.off('SIGINT', first).off('SIGTERM', first);
      process.once('SIGINT', () => process.exit(130)).once('SIGTERM', () => process.exit(143));
      resolve(signal);
    };
    process.on('SIGINT', first).on('SIGTERM', first);
  });
}

/**
 * The bottom line of every door's script: when the module is the program (`node dist/bots/x.js`), run `main` and
 * exit with its code. Exiting explicitly matters: keep-alive sockets and library timers would hold a stopped door open.
 * @example await runAsScript(import.meta.url, main);
 */
export async function runAsScript(moduleUrl: string, main: () => Promise<number>): Promise<void> {
  if (!process.argv[1] || moduleUrl !== pathToFileURL(process.argv[1]).href) return;
  process.exit(await main());
}

/** `--check` without an answer from the platform fails after this long (HEARING_CHECK_TIMEOUT, --check-timeout). */
export const CHECK_TIMEOUT_S = 15;

/** The `--check` deadline in ms, or what is wrong with the one given. */
function checkSeconds(argv: readonly string[], env: Env): number | string {
  const flag = [...argv].reverse().find((arg) => arg.startsWith('--check-timeout='));
  const given = flag?.slice('--check-timeout='.length) ?? env.HEARING_CHECK_TIMEOUT?.trim();
  if (given === undefined || given === '') return CHECK_TIMEOUT_S * 1000;
  const seconds = Number(given);
  if (!/^\d+(\.\d+)?$/.test(given) || !(seconds > 0 && seconds <= 600))
    return `${flag ? '--check-timeout' : 'HEARING_CHECK_TIMEOUT'} must be a number of seconds from 0.1 to 600 (got ${JSON.stringify(given)})`;
  return seconds * 1000;
}

/** Undefined once the door is ready; else why the check failed: its start failed, or nothing answered in time. */
async function checkOutcome(serving: Promise<void>, ready: Promise<'ready'>, ms: number): Promise<string | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`timeout: the platform did not answer within ${ms / 1000} s`), ms);
  });
  try {
    const outcome = await Promise.race([
      ready,
      late,
      serving.then(
        () => 'the door stopped before it was ready',
        (error: unknown) => reachCause(error),
      ),
    ]);
    return outcome === 'ready' ? undefined : outcome;
  } finally {
    clearTimeout(timer);
  }
}

/** A door stops within this after the signal: the operator (and systemd, Docker, Kubernetes) gets what it expects. */
export const STOP_WITHIN_MS = 2000;

/** Resolves 'overdue' once the door has had its stop budget after the signal. */
function overdue(signal: AbortSignal, options: RunOptions): Promise<'overdue'> {
  return new Promise((resolve) => {
    const start = () => setTimeout(() => resolve('overdue'), options.stopWithinMs ?? STOP_WITHIN_MS).unref();
    if (signal.aborted) start();
    else signal.addEventListener('abort', start, { once: true });
  });
}

/** Libraries' own `debug` output (DEBUG=grammy*, …) goes through the door's redaction too. */
function routeLibraryDebug(log: DoorLog): () => void {
  const original = createDebug.log;
  createDebug.log = (...args: unknown[]) => process.stderr.write(`${log.redact(format(...args))}\n`);
  return () => {
    createDebug.log = original;
  };
}

/**
 * A library's forgotten promise must not end a door that serves everyone else (wechaty-puppet-wechat4u, stopped while
 * it retries, leaves one behind each time): each distinct one is logged once, its repeats as debug lines.
 */
function rejectionLogger(log: DoorLog): (reason: unknown) => void {
  const seen = new Set<string>();
  return (reason) => {
    const text = describeError(reason);
    if (seen.has(text)) return log.debug('unhandled rejection again: %s', text);
    seen.add(text);
    log.error(`unhandled rejection in a library (ignored, the door goes on): ${text}`);
  };
}
