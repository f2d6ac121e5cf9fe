// The size limit of every body the HTTP door reads, and the JSON routes' content-type check (the reading itself is
// the door room's readBody and readJson).
import type { IncomingMessage } from 'node:http';
import type { z } from 'zod';
import { readJson } from '../door/http.js';
import { HttpError } from './http-error.js';

/** No message WeChat, WeCom or a JSON client sends legitimately comes near this. */
export const MAX_BODY_BYTES = 16 * 1024;

/**
 * A JSON body checked by `schema`, after its content type: 415 for another type, then readJson's 413 and 400s.
 * @example const { text } = await readJsonBody(req, AskBodySchema);
 */
export async function readJsonBody<S extends z.ZodTypeAny>(req: IncomingMessage, schema: S): Promise<z.output<S>> {
  const type = String(req.headers['content-type'] ?? '')
    .split(';')[0]!
    .trim()
    .toLowerCase();
  if (type !== 'application/json') {
    throw new HttpError(415, `send the body as JSON with Content-Type: application/json (got ${type || 'none'})`);
  }
  return readJson(req, schema, MAX_BODY_BYTES);
}
