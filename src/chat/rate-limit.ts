// Rate limiting shared by both bots: a token bucket per user and one per chat, on an injected clock.

/** A bucket holds up to `capacity` tokens and gets one back every `refillMs` milliseconds. */
export interface BucketOptions {
  capacity: number;
  refillMs: number;
}

export interface RateLimitOptions {
  /** Per user, across chats. Default: 5 at once, then one every 10 s (a person asks a few questions, then reads). */
  user?: BucketOptions;
  /** Per chat. Default: 20 at once, then one every 3 s, i.e. at most 20 a minute: Telegram's own limit for a group. */
  chat?: BucketOptions;
  /** Milliseconds since some fixed point. Default `Date.now`; tests pass a fake clock. */
  now?: () => number;
  /** Buckets kept before full (idle) ones are forgotten. Default 10 000. */
  maxTracked?: number;
}

export interface RateLimiter {
  /**
   * Takes `cost` tokens from both the user's and the chat's bucket if both have them; false (and nothing taken)
   * otherwise, in which case the bot stays silent.
   */
  take(who: { userId: string; chatId: string }, cost?: number): boolean;
}

export const DEFAULT_RATE_LIMITS: Readonly<Required<Pick<RateLimitOptions, 'user' | 'chat' | 'maxTracked'>>> = {
  user: { capacity: 5, refillMs: 10_000 },
  chat: { capacity: 20, refillMs: 3_000 },
  maxTracked: 10_000,
};

/**
 * @example
 * const limiter = createRateLimiter({ user: { capacity: 3, refillMs: 20_000 } });
 * if (!limiter.take({ userId, chatId })) return; // flooding: stay silent
 */
export function createRateLimiter(options: RateLimitOptions = {}): RateLimiter {
  const user = checked('user', options.user ?? DEFAULT_RATE_LIMITS.user);
  const chat = checked('chat', options.chat ?? DEFAULT_RATE_LIMITS.chat);
  const now = options.now ?? Date.now;
  const maxTracked = options.maxTracked ?? DEFAULT_RATE_LIMITS.maxTracked;
  const buckets = new Map<string, Bucket>();

  const level = (key: string, spec: BucketOptions, t: number): Bucket => {
    const bucket = buckets.get(key) ?? { tokens: spec.capacity, at: t, spec };
    // A clock that goes backwards (fake clocks, NTP) must not mint tokens.
    const elapsed = Math.max(0, t - bucket.at);
    return {
      tokens: Math.min(spec.capacity, bucket.tokens + elapsed / spec.refillMs),
      at: Math.max(t, bucket.at),
      spec,
    };
  };

  const forgetIdle = (t: number) => {
    for (const [key, bucket] of buckets)
      if (level(key, bucket.spec, t).tokens >= bucket.spec.capacity) buckets.delete(key);
  };

  return {
    take({ userId, chatId }, cost = 1) {
      const t = now();
      const userKey = `user:${userId}`;
      const chatKey = `chat:${chatId}`;
      const u = level(userKey, user, t);
      const c = level(chatKey, chat, t);
      buckets.set(userKey, u);
      buckets.set(chatKey, c);
      if (u.tokens < cost || c.tokens < cost) return false;
      u.tokens -= cost;
      c.tokens -= cost;
      if (buckets.size > maxTracked) forgetIdle(t);
      return true;
    },
  };
}

interface Bucket {
  tokens: number;
  at: number;
  spec: BucketOptions;
}

function checked(name: string, spec: BucketOptions): BucketOptions {
  if (!(spec.capacity >= 1) || !(spec.refillMs > 0)) {
    throw new RangeError(
      `rate-limit: ${name} bucket needs capacity >= 1 and refillMs > 0, got ${JSON.stringify(spec)}`,
    );
  }
  return spec;
}
