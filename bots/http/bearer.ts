// The optional API token: `Authorization: Bearer <token>`, compared in constant time.
import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * True when the header carries the expected token. Both sides are hashed first, so the comparison takes the same
 * time whatever the length or content of what was sent.
 * @example bearerMatches(req.headers.authorization, config.apiToken)
 */
export function bearerMatches(header: string | undefined, token: string): boolean {
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header ?? '');
  const sent = match?.[1] ?? '';
  // Comparing digests even when nothing was sent keeps the time of a refusal independent of the header.
  return timingSafeEqual(digest(sent), digest(token)) && match !== null;
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}
