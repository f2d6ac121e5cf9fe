// Telegram configuration from the environment, validated with zod; and the redactor that keeps the token out of logs.
import { z } from 'zod';

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

/** The environment is wrong; the message says which variable and why, and never contains the token. */
export class TelegramConfigError extends Error {
  override name = 'TelegramConfigError';
}

/**
 * Reads and checks the Telegram variables. Empty strings count as unset.
 * @example parseTelegramEnv({ TELEGRAM_BOT_TOKEN: '123456:AA…' }).apiRoot // undefined
 * @throws TelegramConfigError naming every bad variable (never echoing the token)
 */
export function parseTelegramEnv(env: Record<string, string | undefined>): TelegramConfig {
  const blankless = Object.fromEntries(
    Object.entries(env)
      .filter(([, v]) => v !== undefined && v.trim() !== '')
      .map(([k, v]) => [k, v!.trim()]),
  );
  const parsed = EnvSchema.safeParse(blankless);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.') || 'environment'}: ${issue.message}`);
    throw new TelegramConfigError(`telegram: cannot start, check the environment:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
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
 * Replaces the token (and its secret half, in case something prints it alone) with `<token>`.
 * @example redactor('123:abc')('GET /bot123:abc/getMe') // 'GET /bot<token>/getMe'
 */
export function redactor(token: string): (text: string) => string {
  const secret = token.slice(token.indexOf(':') + 1);
  const needles = [token, encodeURIComponent(token), secret].filter((s) => s.length >= 8);
  return (text) => needles.reduce((out, needle) => out.split(needle).join('<token>'), String(text));
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
    TELEGRAM_WEBHOOK_PORT: z.coerce
      .number({ invalid_type_error: 'must be a port number' })
      .int('must be a whole number')
      .min(1)
      .max(65535)
      .optional(),
    TELEGRAM_WEBHOOK_SECRET: z.string().regex(SECRET, 'must be 1–256 letters, digits, _ or -').optional(),
    TELEGRAM_WEBHOOK_HOST: z
      .string()
      .regex(/^[\w.:-]+$/, 'must be a host name or IP address such as 127.0.0.1')
      .optional(),
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
