// HTTP for doors that receive requests (a Telegram webhook, platform callbacks, the JSON API): bounded bodies, safe
// paths, constant-time secrets, and one failed request that ends that request only.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { z } from 'zod';
import { describeError } from './log.js';

/** A request that cannot be served: its status and a short reason for the client (never a stack or a secret). */
export class HttpProblem extends Error {
  override name = 'HttpProblem';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The decoded path of the request target, or undefined when the target is malformed (`http://[x/hook`, `%zz`):
 * answer 400 then, never throw from a request handler.
 * @example requestPath({ url: '/tg/hook?x=1' }) // '/tg/hook'
 */
export function requestPath(req: Pick<IncomingMessage, 'url'>): string | undefined {
  try {
    const { pathname } = new URL(req.url ?? '/', 'http://door.invalid');
    return decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
}

/**
 * The request body, at most `maxBytes`. A larger body, stated by Content-Length or found while streaming, is refused
 * with 413 and never held in memory: the rest streams by unread, so the answer still reaches the client. An aborted
 * upload is a 400.
 */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const stated = Number(req.headers['content-length']);
  if (Number.isFinite(stated) && stated > maxBytes) return Promise.reject(tooLarge(maxBytes));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    const fail = (problem: HttpProblem) => {
      failed = true;
      chunks.length = 0;
      reject(problem);
    };
    req.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > maxBytes) fail(tooLarge(maxBytes));
      else chunks.push(chunk);
    });
    req.on('end', () => failed || resolve(Buffer.concat(chunks)));
    req.on(
      'error',
      (error) => failed || fail(new HttpProblem(400, `the body could not be read: ${describeError(error)}`)),
    );
  });
}

/**
 * The body as JSON checked by `schema`: 413 when too large, 400 when empty, malformed or of the wrong shape.
 * @example const update = await readJson(req, z.object({ update_id: z.number() }).passthrough(), 256 * 1024);
 */
export async function readJson<S extends z.ZodTypeAny>(
  req: IncomingMessage,
  schema: S,
  maxBytes: number,
): Promise<z.output<S>> {
  const text = (await readBody(req, maxBytes)).toString('utf8');
  if (text.trim() === '') throw new HttpProblem(400, 'the request body is empty; expected JSON');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new HttpProblem(400, 'the request body is not valid JSON');
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new HttpProblem(400, `unexpected JSON: ${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

/**
 * Compares a presented secret with the expected one in constant time (both hashed first, so the length leaks nothing).
 * @example sameSecret(req.headers['x-telegram-bot-api-secret-token'], secret)
 */
export function sameSecret(given: string | readonly string[] | undefined, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** Ends the response with a status and an optional body (objects as JSON, strings as plain text). */
export function respond(
  res: ServerResponse,
  status: number,
  body?: string | object,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent) return void res.end();
  const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
  const type = typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8';
  const length = { 'content-length': String(Buffer.byteLength(text)) };
  res.writeHead(status, { ...(body === undefined ? {} : { 'content-type': type }), ...length, ...headers });
  res.end(text);
}

/**
 * Wraps a request handler so that whatever it throws ends that request only: an HttpProblem with its status, anything
 * else with 500 and one line in the log.
 */
export function guarded(
  handler: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
  logError: (line: string) => void,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    handler(req, res).catch((error: unknown) => {
      if (error instanceof HttpProblem) return respond(res, error.status, { error: error.message });
      logError(`${req.method} request failed: ${describeError(error)}`);
      respond(res, 500, { error: 'internal error' });
    });
  };
}

/** Listens on `port` (0: any free one) and `host` (undefined: all interfaces); resolves to the address bound. */
export async function listen(server: Server, port: number, host: string | undefined): Promise<AddressInfo> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject).listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return server.address() as AddressInfo;
}

/** Stops accepting connections, drops idle keep-alive ones, and resolves once `graceMs` later every one is closed. */
export async function closeServer(server: Server, graceMs = 0): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  if (graceMs > 0) await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, graceMs).unref())]);
  server.closeAllConnections();
  await closed;
}

/** Limits for a server facing the internet: a slow client cannot hold a connection for minutes. */
export const SERVER_TIMEOUTS = { headersTimeout: 10_000, requestTimeout: 15_000, keepAliveTimeout: 5_000 } as const;

function tooLarge(maxBytes: number): HttpProblem {
  return new HttpProblem(413, `the request body is larger than ${maxBytes} bytes`);
}
