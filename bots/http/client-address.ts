// Who is asking, for the per-address limit: the socket's peer, or behind trusted proxies the address they saw.
import type { IncomingMessage } from 'node:http';

/**
 * The client's address. With `trustedHops` proxies in front, the entry that many places from the right of
 * `X-Forwarded-For` (each proxy appends the peer it saw; entries further left were written by the client and could be
 * anything). Without trusted proxies the header is ignored.
 * @example clientAddress(req, 1) // '203.0.113.7' behind one nginx
 */
export function clientAddress(req: IncomingMessage, trustedHops: number): string {
  const peer = plain(req.socket.remoteAddress ?? 'unknown');
  if (trustedHops <= 0) return peer;
  const header = req.headers['x-forwarded-for'];
  const forwarded = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
  const seen = forwarded[forwarded.length - trustedHops];
  return seen ? plain(seen) : peer;
}

/** `::ffff:127.0.0.1` is 127.0.0.1: one client must not count as two. */
function plain(address: string): string {
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address;
}
