// Why a door could not reach its platform, in one line an operator can act on: DNS, refused, timeout, credentials.
import { describeError } from './log.js';

/**
 * The platform turned the door's credentials down (HTTP 401/403, an authentication error frame): waiting will not
 * help, the variables named in the message must change.
 */
export class RejectedCredentials extends Error {
  override name = 'RejectedCredentials';
}

/**
 * One line naming why the platform could not be reached, starting with the kind of cause: `DNS:`, `refused:`,
 * `timeout:`, `rejected credentials:`, or the error itself when it is none of these.
 * @example reachCause(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }))
 * // 'refused: connect ECONNREFUSED 127.0.0.1:9 (nothing listens there, or a firewall says no)'
 */
export function reachCause(error: unknown): string {
  if (error instanceof RejectedCredentials) return `rejected credentials: ${error.message}`;
  const text = describeError(error);
  const codes = codesOf(error).join(' ');
  const all = `${codes} ${text}`;
  if (/ENOTFOUND|EAI_AGAIN|EAI_NONAME/.test(all)) return `DNS: ${text} (the host name does not resolve: no network?)`;
  if (/ECONNREFUSED/.test(all)) return `refused: ${text} (nothing listens there, or a firewall says no)`;
  if (/ETIMEDOUT|UND_ERR_CONNECT_TIMEOUT|ESOCKETTIMEDOUT|timed? ?out/i.test(all)) return `timeout: ${text}`;
  return text;
}

/** The error codes along an error's `cause` chain (fetch hides the socket's code one level down). */
function codesOf(error: unknown): string[] {
  const codes: string[] = [];
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const { code, cause, message } = e as { code?: unknown; cause?: unknown; message?: unknown };
    if (typeof code === 'string') codes.push(code);
    if (typeof message === 'string' && depth > 0) codes.push(message);
    e = cause;
  }
  return codes;
}
