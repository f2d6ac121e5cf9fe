// The webhook server: anything anyone posts ends that request only; Telegram hears back in time, replies follow.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Bot } from 'grammy';
import type { Update } from 'grammy/types';
import { z } from 'zod';
import {
  closeServer,
  guarded,
  listen,
  readJson,
  requestPath,
  respond,
  SERVER_TIMEOUTS,
  sameSecret,
} from '../door/http.js';
import { type DoorLog, describeError } from '../door/log.js';
import { stopped } from '../door/run.js';
import { createSeenIds } from '../door/seen.js';
import type { WebhookConfig } from './env.js';
import type { UpdateGate } from './gate.js';
import { ALLOWED_UPDATES } from './polling.js';

export interface WebhookOptions {
  /** Aborting it stops the server: see `serveWebhook`. */
  signal: AbortSignal;
  gate: UpdateGate;
  log: DoorLog;
  /** Told once the webhook is set and the server listens. */
  onStart?: (where: string) => void;
  /** Telegram is answered after this at the latest, handled or not; the reply follows when it is ready. Default 2 s. */
  answerWithinMs?: number;
  /** How long updates in hand may take after the signal. Default 1500 ms. */
  drainMs?: number;
}

/** An update is a few KB (a 4096-character message and the one it replies to); anything near this is not Telegram. */
export const WEBHOOK_MAX_BODY_BYTES = 256 * 1024;

/**
 * Serves the webhook until `signal` aborts. A request with a malformed target, a wrong secret, a body that is not an
 * update or over the limit gets 400/401/413 and changes nothing else. An update is answered with 200 once handled,
 * or after `answerWithinMs` while its reply is still on its way (a slow send or a 429 never makes Telegram post it
 * again). On the signal the server refuses new posts with 503 (Telegram keeps them for the next start), the updates
 * in hand finish, and updates not begun and not yet answered get 503, so Telegram delivers them again later.
 */
export async function serveWebhook(bot: Bot, webhook: WebhookConfig, options: WebhookOptions): Promise<void> {
  const { signal, gate, log } = options;
  const hookPath = new URL(webhook.url).pathname;
  const answered = new Set<number>(); // updates Telegram has had its 200 for: they must be handled whatever happens
  const running = new Set<Promise<void>>();
  const seen = createSeenIds({ capacity: 10_000 });
  let stopping = false;

  const onUpdate = async (req: IncomingMessage, res: ServerResponse) => {
    const path = requestPath(req);
    if (path === undefined) return respond(res, 400, { error: 'malformed request target' });
    if (path !== hookPath) return respond(res, 404);
    if (req.method !== 'POST') return respond(res, 405, undefined, { allow: 'POST' });
    if (!sameSecret(req.headers['x-telegram-bot-api-secret-token'], webhook.secret)) return respond(res, 401);
    if (stopping) return respond(res, 503, undefined, { 'retry-after': '5' });
    const update = (await readJson(req, UpdateSchema, WEBHOOK_MAX_BODY_BYTES)) as Update;
    const id = update.update_id;
    // Telegram posts an update again when our answer was late or lost: one question, one reply.
    if (!(await seen.first(String(id)))) return respond(res, 200);
    const handling = bot
      .handleUpdate(update)
      .catch((error) => log.error(`update ${id} failed: ${describeError(error)}`));
    running.add(handling);
    void handling.finally(() => running.delete(handling));
    await Promise.race([handling, delay(options.answerWithinMs ?? ANSWER_WITHIN_MS)]);
    if (gate.turnedAway(id)) return respond(res, 503, undefined, { 'retry-after': '5' });
    answered.add(id);
    void handling.finally(() => answered.delete(id));
    respond(res, 200);
  };

  const server = createServer(guarded(onUpdate, log.error));
  Object.assign(server, SERVER_TIMEOUTS);
  const address = await listen(server, webhook.port, webhook.host);
  try {
    await bot.api.setWebhook(webhook.url, { secret_token: webhook.secret, allowed_updates: ALLOWED_UPDATES });
    options.onStart?.(`${webhook.host ?? '*'}:${address.port}${hookPath}`);
    await stopped(signal);
  } finally {
    stopping = true;
    // Each update is answered on its own: one not begun and not yet answered is simply left to Telegram (503).
    gate.close((id) => answered.has(id));
    const inHand = running.size;
    await Promise.race([Promise.allSettled([...running]), delay(options.drainMs ?? DRAIN_MS)]);
    log.info(`webhook stopped: ${inHand} update${inHand === 1 ? '' : 's'} in hand, ${running.size} unfinished`);
    await closeServer(server);
  }
}

/** Just enough to know it is an update; grammY reads the rest. */
const UpdateSchema = z.object({ update_id: z.number().int().nonnegative() }).passthrough();

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const ANSWER_WITHIN_MS = 2000;
const DRAIN_MS = 1500;
