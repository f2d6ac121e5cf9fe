// The callback signatures (SHA1 of the sorted token, timestamp, nonce and, in safe mode, the ciphertext) and the
// freshness rule that refuses replays.
import { timingSafeEqual } from 'node:crypto';
import { getSignature } from '@wecom/crypto';

/** Requests whose timestamp is further than this from our clock are refused (WeChat's own replay window). */
export const MAX_CLOCK_SKEW_SECONDS = 5 * 60;

/**
 * The signature WeChat sends: SHA1 over the sorted strings. Without `encrypted` it is the 公众号's plain `signature`
 * (the empty string sorts first and adds nothing); with it, `msg_signature` of safe mode and WeCom.
 * @example callbackSignature('QDG6eK', '1409659813', '1372623149', encrypt) // '477715d1…'
 */
export function callbackSignature(token: string, timestamp: string, nonce: string, encrypted = ''): string {
  return getSignature(token, timestamp, nonce, encrypted);
}

/**
 * Compares a received signature with the expected one in constant time.
 * @example signatureMatches(query.signature, callbackSignature(token, ts, nonce))
 */
export function signatureMatches(received: string | undefined, expected: string): boolean {
  const a = Buffer.from(String(received ?? '').toLowerCase());
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Whether a callback's `timestamp` (seconds) is within the replay window of `nowMs`.
 * @example isFresh('1409659813', Date.now()) // false: that was 2014
 */
export function isFresh(timestamp: string | undefined, nowMs: number): boolean {
  if (!timestamp || !/^\d{1,12}$/.test(timestamp)) return false;
  return Math.abs(nowMs / 1000 - Number(timestamp)) <= MAX_CLOCK_SKEW_SECONDS;
}
