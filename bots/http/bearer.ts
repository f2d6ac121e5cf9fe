// The optional API token: `Authorization: Bearer <token>`, compared in constant time.
import { sameSecret } from '../door/http.js';

/**
 * True when the header carries the expected token (compared as the door room compares every secret: hashed first, so
 * neither the length nor the content of what was sent changes the time taken).
 * @example bearerMatches(req.headers.authorization, config.apiToken)
 */
export function bearerMatches(header: string | undefined, token: string): boolean {
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header ?? '');
  // Comparing even when nothing was sent keeps the time of a refusal independent of the header.
  return sameSecret(match?.[1] ?? '', token) && match !== null;
}
