// Replying through a robot message's sessionWebhook: Markdown posted before the webhook expires, one retry for 5xx.
import { messageOf } from '../../src/errors.js';

/** Where and until when one conversation can be answered; both come with every robot message. */
export interface SessionWebhook {
  url: string;
  /** Milliseconds since the epoch (`sessionWebhookExpiredTime`). */
  expiresAt: number;
}

/** One Markdown message as DingTalk's robot takes it: the title shows in notifications and the chat list. */
export interface MarkdownMessage {
  title: string;
  text: string;
}

export interface PostOptions {
  /** Default `Date.now`. */
  now?: () => number;
  /** Default the global fetch. */
  fetch?: typeof fetch;
  /** Give up on one attempt after this long. Default 10 s. */
  timeoutMs?: number;
  /** Pause before the one retry of a 5xx, a 429 or a network failure. Default 1 s. */
  retryDelayMs?: number;
}

/** A reply that did not reach the chat, with why; `status` is the HTTP status when there was one. */
export class SessionWebhookError extends Error {
  override name = 'SessionWebhookError';
  constructor(
    message: string,
    readonly status: number | undefined,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

/**
 * Posts one Markdown message to a session webhook. Refuses an expired webhook without calling it (DingTalk
 * hands out a new one with the next message). A 5xx, a 429 or a network failure is tried once more; a 4xx or an
 * `errcode` in DingTalk's answer is not, since repeating it would fail the same way.
 * @throws SessionWebhookError saying what DingTalk answered; the webhook's session token is never in it
 * @example await postMarkdown({ url: msg.sessionWebhook, expiresAt: msg.sessionWebhookExpiredTime }, { title, text })
 */
export async function postMarkdown(
  hook: SessionWebhook,
  message: MarkdownMessage,
  options: PostOptions = {},
): Promise<void> {
  const now = options.now ?? Date.now;
  const retryDelayMs = options.retryDelayMs ?? DEFAULT_RETRY_DELAY_MS;
  try {
    await attempt(hook, message, options, now);
  } catch (error) {
    if (!(error instanceof SessionWebhookError) || !error.retryable) throw error;
    await new Promise((resolve) => setTimeout(resolve, retryDelayMs));
    await attempt(hook, message, options, now);
  }
}

/** The webhook's address without its query (which holds the session token): safe to log. */
export function describeWebhook(url: string): string {
  try {
    const { origin, pathname } = new URL(url);
    return `${origin}${pathname}`;
  } catch {
    return '(not a URL)';
  }
}

async function attempt(
  hook: SessionWebhook,
  message: MarkdownMessage,
  options: PostOptions,
  now: () => number,
): Promise<void> {
  const where = describeWebhook(hook.url);
  if (now() >= hook.expiresAt - EXPIRY_MARGIN_MS)
    throw new SessionWebhookError(
      `session webhook expired at ${new Date(hook.expiresAt).toISOString()}; the next message brings a fresh one`,
      undefined,
      false,
    );
  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(hook.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ msgtype: 'markdown', markdown: message }),
      signal: AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    });
  } catch (error) {
    const reason = error instanceof Error && error.name === 'TimeoutError' ? 'timed out' : messageOf(error);
    throw new SessionWebhookError(`session webhook ${where} unreachable: ${reason}`, undefined, true);
  }
  const text = await response.text().catch(() => '');
  if (!response.ok)
    throw new SessionWebhookError(
      `session webhook ${where} answered HTTP ${response.status}${text ? `: ${text.slice(0, 200)}` : ''}`,
      response.status,
      response.status >= 500 || response.status === 429,
    );
  const body = parseJson(text) as { errcode?: unknown; errmsg?: unknown } | undefined;
  if (body && body.errcode !== undefined && body.errcode !== 0)
    throw new SessionWebhookError(
      `session webhook ${where} refused the reply: errcode ${String(body.errcode)} ${String(body.errmsg ?? '')}`.trim(),
      response.status,
      false,
    );
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_RETRY_DELAY_MS = 1000;
/** A webhook about to expire may expire in flight: treat the last seconds as gone. */
const EXPIRY_MARGIN_MS = 5000;
