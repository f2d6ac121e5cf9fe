// How the callbacks refuse a request: one log line saying why (never the body, only its size), and the HttpError.
import { EnvelopeError } from './envelope.js';
import { HttpError } from './http-error.js';
import { XmlError } from './wechat-xml.js';

/** The lines a callback writes: refusals to the operator, per-message outcomes on demand. */
export interface CallbackLog {
  info(line: string): void;
  debug(line: string): void;
}

/**
 * Logs a refusal and returns the error to throw.
 * @example throw callbackRefusal(log, 'mp', 403, 'signature does not match');
 */
export function callbackRefusal(log: CallbackLog, door: string, status: number, reason: string): HttpError {
  log.info(`${door}: refused (${status}): ${reason}`);
  return new HttpError(status, reason);
}

/** A body that is not a platform message: 400, and nothing of it logged but its size. */
export function unparseable(log: CallbackLog, door: string, bytes: number): HttpError {
  return callbackRefusal(log, door, 400, `not a WeChat XML message (${bytes} bytes)`);
}

/**
 * Runs the reading of a body, turning XML and envelope failures into refusals.
 * @example const fields = readingBody(log, 'wecom', size, () => parseWechatXml(body));
 */
export function readingBody<T>(log: CallbackLog, door: string, bytes: number, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof XmlError) throw unparseable(log, door, bytes);
    if (error instanceof EnvelopeError) throw callbackRefusal(log, door, 403, error.message);
    throw error;
  }
}
