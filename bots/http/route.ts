// The shape of a route: a handler per method that reads the request and resolves to what to send back.
import type { IncomingMessage } from 'node:http';

/** A response as data: the server writes it (and adds CORS and security headers). */
export interface Answer {
  status: number;
  /** Content-Type. */
  type: string;
  body: string;
  headers?: Readonly<Record<string, string>>;
}

/** Handles one method of one path; throws HttpError to refuse. */
export type Handler = (req: IncomingMessage, url: URL) => Promise<Answer>;

/** A path's handlers by HTTP method. */
export type Route = Partial<Record<'GET' | 'POST', Handler>>;

export const JSON_TYPE = 'application/json; charset=utf-8';
export const TEXT_TYPE = 'text/plain; charset=utf-8';
export const XML_TYPE = 'application/xml; charset=utf-8';

/** @example json(200, { status: 'ok' }) */
export function json(status: number, value: unknown): Answer {
  return { status, type: JSON_TYPE, body: JSON.stringify(value) };
}

/** @example text(200, 'success') */
export function text(status: number, body: string): Answer {
  return { status, type: TEXT_TYPE, body };
}
