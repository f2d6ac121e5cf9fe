// Serving Telegram: the Bot API reached and the menu set, then long polling or the webhook until the door stops.
import type { Api, Bot } from 'grammy';
import type { Conversation } from '../../src/chat/conversation.js';
import { describeError } from '../door/log.js';
import type { DoorContext } from '../door/run.js';
import type { TelegramConfig } from './env.js';
import { createUpdateGate, type UpdateGate } from './gate.js';
import { grammySignal, pollUntilStopped } from './polling.js';
import { serveWebhook } from './webhook.js';

/**
 * Builds the bot for `serveTelegram` (createTelegramBot, passed in so this module need not import the door), with the
 * command menu of the conversation it talks to.
 */
export type BotFactory = (
  context: DoorContext<TelegramConfig>,
  gate: UpdateGate,
) => { bot: Bot; menu: ReturnType<Conversation['menu']> };

/** The door's `serve`: one bot, and one gate shared by the bot and whichever way the updates arrive. */
export async function serveTelegram(context: DoorContext<TelegramConfig>, build: BotFactory): Promise<void> {
  const { config, log, signal, ready } = context;
  const gate = createUpdateGate();
  const { bot, menu } = build(context, gate);
  const where = config.apiRoot ?? 'api.telegram.org';
  const reminder = setInterval(() => log.info(`still waiting for the Bot API at ${where}…`), PATIENCE_MS);
  try {
    await bot.init(grammySignal(signal));
  } finally {
    clearInterval(reminder);
  }
  await registerCommands(bot.api, menu).catch((error) =>
    log.error(`setMyCommands failed, the menu may be stale: ${describeError(error)}`),
  );
  const me = `@${bot.botInfo.username}`;
  const via = config.apiRoot ? ` via ${config.apiRoot}` : '';
  if (config.webhook) {
    const onStart = (at: string) => ready(`${me} answering on a webhook, ${at}`);
    await serveWebhook(bot, config.webhook, { signal, gate, log, onStart });
  } else {
    const onStart = () => ready(`${me} answering by long polling${via}`);
    await pollUntilStopped(bot, { signal, gate, log, onStart });
  }
}

/**
 * The conversation's command menu (`conversation.menu()`: the loaded hearings' counts and examples), with Chinese
 * descriptions, for everyone (default) and for Chinese-language clients.
 */
export async function registerCommands(api: Api, menu: ReturnType<Conversation['menu']>): Promise<void> {
  await api.setMyCommands(menu);
  await api.setMyCommands(menu, { language_code: 'zh' });
}

/** A wrong TELEGRAM_API_ROOT makes grammY retry quietly for ever: say so every so often. */
const PATIENCE_MS = 10_000;
