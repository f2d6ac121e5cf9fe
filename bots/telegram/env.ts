// Telegram configuration from the environment, validated with zod, and the secrets the logs must never show.
import { z } from 'zod';
import { type Env, envHost, envPort, parseEnv } from '../door/env.js';
import type { Secret } from '../door/log.js';

/** What `npm run telegram` needs to start, read once from the environment. */
export interface TelegramConfig {
  token: string;
  /** A self-hosted Bot API server (or a test stand-in), without a trailing slash; undefined = the official one. */
  apiRoot: string | undefined;
  /** Set when the bot should receive updates on a webhook instead of long polling. */
  webhook: WebhookConfig | undefined;
}

export interface WebhookConfig {
  /** The public HTTPS address Telegram posts to; its path is the path the local server answers on. */
  url: string;
  /** The local port the webhook server listens on. Default 8080. */
  port: number;
  /** The local address it listens on. Default: all interfaces (behind a reverse proxy, use 127.0.0.1). */
  host: string | undefined;
  /** Telegram sends it in `X-Telegram-Bot-Api-Secret-Token`; other posts are refused. */
  secret: string;
}

/**
 * Reads and checks the Telegram variables. Empty strings count as unset.
 * @example parseTelegramEnv({ TELEGRAM_BOT_TOKEN: '123456:AA…' }).apiRoot // undefined
 * @throws DoorConfigError naming every bad variable (never echoing the token or the secret)
 */
export function parseTelegramEnv(env: Env): TelegramConfig {
  const e = parseEnv('telegram', EnvSchema, env, {
    secrets: ['TELEGRAM_BOT_TOKEN', 'TELEGRAM_WEBHOOK_SECRET'],
    docs: 'README.md, "Telegram bot"',
  });
  return {
    token: e.TELEGRAM_BOT_TOKEN,
    apiRoot: e.TELEGRAM_API_ROOT?.replace(/\/+$/, ''),
    webhook: e.TELEGRAM_WEBHOOK_URL
      ? {
          url: e.TELEGRAM_WEBHOOK_URL,
          port: e.TELEGRAM_WEBHOOK_PORT ?? DEFAULT_WEBHOOK_PORT,
          host: e.TELEGRAM_WEBHOOK_HOST,
          secret: e.TELEGRAM_WEBHOOK_SECRET!,
        }
      : undefined,
  };
}

/**
 * What the logs must never show: the token (also its secret half alone, in case something prints it) and the
 * webhook secret.
 */
export function telegramSecrets(config: TelegramConfig): Secret[] {
  return [
    { name: 'token', value: config.token },
    { name: 'token', value: config.token.slice(config.token.indexOf(':') + 1) },
    { name: 'webhook-secret', value: config.webhook?.secret },
  ];
}

export const DEFAULT_WEBHOOK_PORT = 8080;

/** BotFather's format: the bot's numeric id, a colon, then 35 or more URL-safe characters. */
const TOKEN = /^[0-9]{1,20}:[A-Za-z0-9_-]{35,}$/;
/** Telegram's rule for secret_token. */
const SECRET = /^[A-Za-z0-9_-]{1,256}$/;

const EnvSchema = z
  .object({
    // zod messages here must not quote the value: it is the token.
    TELEGRAM_BOT_TOKEN: z
      .string({
        required_error: 'missing; set it to the token BotFather gave you (digits:35+ letters, digits, _ or -)',
      })
      .regex(TOKEN, 'malformed; expected <digits>:<35 or more letters, digits, _ or -> as BotFather gives it'),
    TELEGRAM_API_ROOT: z.string().url('must be a URL such as http://127.0.0.1:8081').optional(),
    TELEGRAM_WEBHOOK_URL: z.string().url('must be the public URL Telegram posts updates to').optional(),
    TELEGRAM_WEBHOOK_PORT: envPort().optional(),
    TELEGRAM_WEBHOOK_SECRET: z.string().regex(SECRET, 'must be 1–256 letters, digits, _ or -').optional(),
    TELEGRAM_WEBHOOK_HOST: envHost().optional(),
  })
  .superRefine((e, ctx) => {
    if (e.TELEGRAM_WEBHOOK_URL && !e.TELEGRAM_WEBHOOK_SECRET) {
      // Without it anyone who finds the URL can post fake updates.
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['TELEGRAM_WEBHOOK_SECRET'],
        message: 'required when TELEGRAM_WEBHOOK_URL is set',
      });
    }
    if (
      !e.TELEGRAM_WEBHOOK_URL &&
      (e.TELEGRAM_WEBHOOK_PORT !== undefined || e.TELEGRAM_WEBHOOK_SECRET || e.TELEGRAM_WEBHOOK_HOST)
    ) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['TELEGRAM_WEBHOOK_URL'],
        message: 'missing; TELEGRAM_WEBHOOK_PORT/HOST/SECRET only apply in webhook mode',
      });
    }
  });
