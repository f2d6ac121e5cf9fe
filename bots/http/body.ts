// Reading a request body under a size limit, and the content-type check of JSON routes.
import type { IncomingMessage } from 'node:http';
import { HttpError } from './http-error.js';

/** No message WeChat, WeCom or a JSON client sends legitimately comes near this. */
export const MAX_BODY_BYTES = 16 * 1024;

/**
 * The whole body, or HttpError 413 as soon as it passes `limit` bytes (the rest is not read into memory).
 * @example const body = await readBody(req);
 */
export async function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw tooLarge(limit);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}

/**
 * Parses a JSON body after checking its content type; 415 for another type, 400 for text that is not JSON.
 * @example const input = await readJson(req); // unknown, validate it with zod
 */
export async function readJson(req: IncomingMessage): Promise<unknown> {
  const type = String(req.headers['content-type'] ?? '')
    .split(';')[0]!
    .trim()
    .toLowerCase();
  if (type !== 'application/json') {
    throw new HttpError(415, `send the body as JSON with Content-Type: application/json (got ${type || 'none'})`);
  }
  const body = await readBody(req);
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new HttpError(400, 'the body is not valid JSON; send e.g. {"text": "经开区汽车怎么说"}');
  }
}

function tooLarge(limit: number): HttpError {
  return new HttpError(413, `the body is larger than ${limit / 1024} KB; send a shorter question`, {
    Connection: 'close',
  });
}
