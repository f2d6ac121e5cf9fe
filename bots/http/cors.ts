// CORS for `/api/*`: off unless origins are configured; only those origins get the headers a browser needs.

/** Methods and headers a browser may use cross-origin. */
export const CORS_METHODS = 'GET, POST, OPTIONS';
export const CORS_HEADERS = 'Authorization, Content-Type';
/** How long a browser may cache a preflight answer, in seconds. */
export const CORS_MAX_AGE = 600;

/**
 * The CORS headers for a request from `origin`: none when CORS is off or the origin is not allowed.
 * @example corsHeaders('https://www.example.org', ['https://www.example.org'], false)
 */
export function corsHeaders(
  origin: string | undefined,
  allowed: readonly string[],
  preflight: boolean,
): Record<string, string> {
  if (allowed.length === 0) return {};
  const any = allowed.includes('*');
  // Responses differ by Origin whenever a list is configured, so caches must key on it.
  const vary: Record<string, string> = any ? {} : { Vary: 'Origin' };
  if (!origin || !(any || allowed.includes(origin))) return vary;
  const headers: Record<string, string> = { ...vary, 'Access-Control-Allow-Origin': any ? '*' : origin };
  if (preflight) {
    headers['Access-Control-Allow-Methods'] = CORS_METHODS;
    headers['Access-Control-Allow-Headers'] = CORS_HEADERS;
    headers['Access-Control-Max-Age'] = String(CORS_MAX_AGE);
  } else {
    headers['Access-Control-Expose-Headers'] = 'Retry-After';
  }
  return headers;
}
