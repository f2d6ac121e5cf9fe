// Long polling that confirms only what was handled: chats side by side, and a stop that finishes the updates in hand,
// tells Telegram exactly which are done, and leaves the rest for the next start.
import { type Bot, GrammyError } from 'grammy';
import type { Update } from 'grammy/types';
import { type DoorLog, describeError, withoutRepeats } from '../door/log.js';
import type { UpdateGate } from './gate.js';

/** Updates the bot asks Telegram for; edits, reactions and member changes need no answer. */
export const ALLOWED_UPDATES = ['message', 'callback_query', 'inline_query'] as const;

export interface PollingOptions {
  /** Aborting it stops polling: see `pollUntilStopped`. */
  signal: AbortSignal;
  /** The gate installed on the bot (createTelegramBot's `gate`). */
  gate: UpdateGate;
  log: DoorLog;
  /** Told once polling has begun. */
  onStart?: () => void;
  /** How long the updates in hand may take after the signal before the confirmation goes anyway. Default 1500 ms. */
  drainMs?: number;
  /** Updates handled at once at most; more wait. Default 100. */
  concurrency?: number;
}

/**
 * Polls until `signal` aborts. Telegram counts every update below the `offset` of a getUpdates call as confirmed, so
 * the offset only ever moves past updates that were handled: while some are still running, later calls ask again
 * from the first unfinished one and skip those already in hand. grammY's runner instead confirms what it has fetched,
 * and its stop() confirms nothing, so a restart would answer the last batch again.
 *
 * On the signal: updates that have begun finish, and so do earlier ones of their chats still waiting their turn (so
 * the handled ones form an unbroken run); later ones are turned away. After at most `drainMs` one getUpdates confirms
 * that run, and the next start gets the rest.
 */
export async function pollUntilStopped(bot: Bot, options: PollingOptions): Promise<void> {
  const { signal, gate, log } = options;
  const concurrency = options.concurrency ?? 100;
  const running = new Map<number, Promise<void>>();
  const finished = new Set<number>(); // handled ids not yet below `offset`
  const left = new Set<number>(); // turned away at the stop: Telegram must deliver them again
  let highestSeen = 0;
  let offset = 0;
  let settle: () => void = () => {};
  const logFailure = withoutRepeats((line) => log.error(line), Date.now);

  const advance = () => {
    const open = [...running.keys(), ...left];
    offset = open.length > 0 ? Math.min(...open) : highestSeen + 1;
    for (const id of finished) if (id < offset) finished.delete(id);
  };
  const begin = (update: Update) => {
    const id = update.update_id;
    highestSeen = Math.max(highestSeen, id);
    const handling = bot
      .handleUpdate(update)
      .catch((error) => log.error(`update ${id} failed: ${describeError(error)}`))
      .finally(() => {
        running.delete(id);
        (gate.turnedAway(id) ? left : finished).add(id);
        advance();
        settle();
      });
    running.set(id, handling);
  };
  const someSettle = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      settle = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  if (signal.aborted) return;
  signal.addEventListener('abort', () => settle(), { once: true });
  await bot.api.deleteWebhook({ drop_pending_updates: false }, grammySignal(signal));
  options.onStart?.();
  for (let failures = 0; !signal.aborted; ) {
    if (running.size >= concurrency) {
      await someSettle(REASK_MS);
      continue;
    }
    let updates: Update[];
    try {
      // While updates are in hand Telegram keeps returning them at once: ask without waiting, and not too often.
      const timeout = running.size > 0 ? 0 : LONG_POLL_SECONDS;
      const request = { offset, limit: 100, timeout, allowed_updates: ALLOWED_UPDATES };
      updates = await bot.api.getUpdates(request, grammySignal(signal));
      failures = 0;
    } catch (error) {
      if (signal.aborted) break;
      if (error instanceof GrammyError && (error.error_code === 401 || error.error_code === 409)) throw fatal(error);
      const waitMs = Math.min(RETRY_MAX_MS, RETRY_FIRST_MS * 2 ** failures++);
      logFailure(`getUpdates failed, trying again in ${waitMs / 1000} s: ${describeError(error)}`);
      await someSettle(waitMs);
      continue;
    }
    for (const update of updates) {
      const id = update.update_id;
      if (id >= offset && !running.has(id) && !finished.has(id)) begin(update);
    }
    // Most updates are done in a moment: wait for that before asking again, so the next call can wait for new ones.
    if (running.size > 0) await someSettle(REASK_MS);
  }

  const line = gate.highestBegun();
  gate.close((id) => id <= line);
  await Promise.race([Promise.allSettled([...running.values()]), delay(options.drainMs ?? DRAIN_MS)]);
  advance();
  const unfinished = running.size;
  // Even when the last long poll carried this offset: it may have been cut off before Telegram saw it.
  if (highestSeen > 0) {
    try {
      await bot.api.getUpdates({ offset, limit: 1, timeout: 0 }, grammySignal(AbortSignal.timeout(CONFIRM_MS)));
    } catch (error) {
      log.error(`could not confirm the handled updates; a restart may answer some again: ${describeError(error)}`);
    }
  }
  log.info(
    `polling stopped: handled and confirmed up to update #${offset - 1}; ` +
      `${left.size + unfinished} left for Telegram to deliver again` +
      (unfinished > 0 ? ` (${unfinished} did not finish within ${(options.drainMs ?? DRAIN_MS) / 1000} s)` : ''),
  );
}

/** grammY types its signals with the abort-controller polyfill's; Node's own are the same thing at run time. */
export function grammySignal(signal: AbortSignal): Parameters<Bot['init']>[0] {
  return signal as unknown as Parameters<Bot['init']>[0];
}

function fatal(error: GrammyError): Error {
  const why =
    error.error_code === 401
      ? 'Telegram refused the token (401); check TELEGRAM_BOT_TOKEN with @BotFather'
      : 'another process is polling this bot, or a webhook is set (409); stop the other one first';
  return new Error(`${why}: ${error.description}`);
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const LONG_POLL_SECONDS = 30;
/** While updates are in hand, ask again for new ones this often (or when one finishes). */
const REASK_MS = 250;
const DRAIN_MS = 1500;
/** The confirmation after a stop must fit in the 2 s a stop may take. */
const CONFIRM_MS = 400;
const RETRY_FIRST_MS = 1000;
const RETRY_MAX_MS = 30_000;
