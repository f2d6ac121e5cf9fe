// A request the door refuses: the status, a message that tells the caller how to fix it, and any headers it needs.

/**
 * Thrown by a route or a check; the server turns it into a response (JSON on `/api/*`, plain text elsewhere).
 * @example throw new HttpError(400, 'missing q: call /api/search?q=<question>');
 */
export class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}
