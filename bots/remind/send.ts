// Sending one text to one staff target by its platform's documented API: Telegram sendMessage, WeCom and DingTalk robot webhooks.
import { createHmac } from 'node:crypto';
import type { Target } from './env.js';

/** The longest text each platform takes in one message: Telegram 4096 characters, a WeCom robot 2048 bytes of UTF-8. */
export const MESSAGE_BYTES: Record<Target['kind'], number> = {
  // 4096 characters of Chinese are 12 KB; the byte budget keeps every platform's count simple and safely under.
  telegram: 4096,
  wecom: 2048,
  dingtalk: 4096,
};

export interface SendOptions {
  fetch?: typeof fetch;
  /** Milliseconds since the epoch, for DingTalk's signature; tests fix it. */
  now?: () => number;
  timeoutMs?: number;
}

/**
 * Sends `text` to the target; resolves when the platform says it took it, throws a short reason otherwise (the HTTP
 * status, or the platform's error code and message). Reasons never hold the URL, the token or the secret.
 * @example await sendTo({ kind: 'wecom', webhook }, '督办提醒…')
 */
export async function sendTo(target: Target, text: string, options: SendOptions = {}): Promise<void> {
  const { url, body } = request(target, text, options.now ?? Date.now);
  const doFetch = options.fetch ?? fetch;
  let response: Response;
  try {
    response = await doFetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json; charset=utf-8' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(options.timeoutMs ?? TIMEOUT_MS),
    });
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
    throw new Error(`cannot reach it (${error instanceof Error ? error.name : 'error'}${cause})`);
  }
  const answer = (await response.json().catch(() => null)) as Record<string, unknown> | null;
  if (target.kind === 'telegram') {
    if (response.ok && answer?.ok === true) return;
    throw new Error(
      `Telegram answered ${response.status}${answer?.description ? `: ${String(answer.description)}` : ''}`,
    );
  }
  if (response.ok && answer?.errcode === 0) return;
  const platform = target.kind === 'wecom' ? 'WeCom' : 'DingTalk';
  const code = answer && 'errcode' in answer ? ` errcode ${String(answer.errcode)} ${String(answer.errmsg ?? '')}` : '';
  throw new Error(`${platform} answered ${response.status}${code}`.trim());
}

/** The URL and JSON body of each platform's documented call. */
function request(target: Target, text: string, now: () => number): { url: string; body: unknown } {
  if (target.kind === 'telegram')
    return {
      url: `${target.apiRoot}/bot${target.token}/sendMessage`,
      body: { chat_id: target.chatId, text, link_preview_options: { is_disabled: true } },
    };
  // 群机器人: {"msgtype": "text", "text": {"content": …}}, the same shape on both platforms.
  const body = { msgtype: 'text', text: { content: text } };
  if (target.kind === 'wecom') return { url: target.webhook, body };
  return { url: target.secret ? signedDingtalkUrl(target.webhook, target.secret, now()) : target.webhook, body };
}

/**
 * DingTalk's 加签: `sign = base64(HmacSHA256(key = secret, timestamp + "\n" + secret))`, URL-encoded, added to the
 * webhook with the timestamp in milliseconds; DingTalk refuses a timestamp more than an hour from its clock.
 * @example signedDingtalkUrl('https://oapi.dingtalk.com/robot/send?access_token=t', 'SEC…', 1700000000000)
 */
export function signedDingtalkUrl(webhook: string, secret: string, timestamp: number): string {
  const sign = createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64');
  const url = new URL(webhook);
  url.searchParams.set('timestamp', String(timestamp));
  url.searchParams.set('sign', sign);
  return url.toString();
}

const TIMEOUT_MS = 15_000;
