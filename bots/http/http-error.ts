// A request the door refuses with headers the client needs (Retry-After, WWW-Authenticate, Allow): the door room's
// HttpProblem plus those headers.
import { HttpProblem } from '../door/http.js';

/**
 * Thrown by a route or a check; the server turns it (and any HttpProblem) into a response: JSON on `/api/*`, plain
 * text elsewhere.
 * @example throw new HttpError(429, 'too many requests; try again in 12 s', { 'Retry-After': '12' });
 */
export class HttpError extends HttpProblem {
  override name = 'HttpError';
  constructor(
    status: number,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(status, message);
  }
}
