// Running the bot: long polling or a webhook server until told to stop, and the signals that tell it.
import { createServer } from 'node:http';
import { type Bot, webhookCallback } from 'grammy';
import type { WebhookConfig } from './env.js';
import { describeError } from './handlers.js';

/** Updates the bot asks Telegram for; edits, reactions and member changes need no answer. */
export const ALLOWED_UPDATES = ['message', 'callback_query', 'inline_query'] as const;

/** Long polling until `signal` aborts, then a clean stop. */
export async function pollUntil(
  bot: Bot,
  signal: AbortSignal,
  log: (line: string) => void,
  apiRoot: string | undefined,
): Promise<void> {
  if (signal.aborted) return;
  // stop() also confirms the handled updates to Telegram; the process must not exit before that call returns.
  let stopped: Promise<void> = Promise.resolve();
  signal.addEventListener(
    'abort',
    () => (stopped = bot.stop().catch((error) => log(`telegram: stop: ${describeError(error)}`))),
    { once: true },
  );
  await bot.start({
    allowed_updates: ALLOWED_UPDATES,
    onStart: (me) => log(`telegram: @${me.username} answering by long polling${apiRoot ? ` via ${apiRoot}` : ''}`),
  });
  await stopped;
}

/** A webhook server on the configured port and path, until `signal` aborts; posts without the secret are refused (401). */
export async function serveWebhook(
  bot: Bot,
  webhook: WebhookConfig,
  signal: AbortSignal,
  log: (line: string) => void,
): Promise<void> {
  const path = new URL(webhook.url).pathname;
  const handle = webhookCallback(bot, 'http', { secretToken: webhook.secret });
  const server = createServer((req, res) => {
    if (req.method === 'POST' && new URL(req.url ?? '/', 'http://localhost').pathname === path)
      return void handle(req, res);
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve, reject) =>
    server.once('error', reject).listen(webhook.port, webhook.host, resolve),
  );
  try {
    await bot.api.setWebhook(webhook.url, { secret_token: webhook.secret, allowed_updates: ALLOWED_UPDATES });
    log(`telegram: @${bot.botInfo.username} answering on a webhook, ${webhook.host ?? '*'}:${webhook.port}${path}`);
    if (!signal.aborted) await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

/** Resolves on the first SIGINT or SIGTERM; a second one ends the process at once. */
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

/** A wrong TELEGRAM_API_ROOT makes grammY retry quietly for ever; say so after a while. */
export async function withPatience<T>(work: Promise<T>, remind: () => void): Promise<T> {
  const timer = setInterval(remind, 10_000);
  try {
    return await work;
  } finally {
    clearInterval(timer);
  }
}
