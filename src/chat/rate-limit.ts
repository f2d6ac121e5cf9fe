// Rate limiting shared by every door: a token bucket per user and one per chat, on an injected clock.

/** A bucket holds up to `capacity` tokens and gets one back every `refillMs` milliseconds. */
export interface BucketOptions {
  capacity: number;
  refillMs: number;
}

export interface RateLimitOptions {
  /** Per user, across chats. Default: 5 at once, then one every 10 s (see {@link DEFAULT_RATE_LIMITS}). */
  user?: BucketOptions;
  /** Per chat. Default: 20 at once, then one every 3 s, i.e. at most 20 a minute: Telegram's own limit for a group. */
  chat?: BucketOptions;
  /** Milliseconds since some fixed point. Default `Date.now`; tests pass a fake clock. */
  now?: () => number;
  /** Buckets kept at most; beyond it the least recently used are forgotten. Default 10 000. */
  maxTracked?: number;
}

/** Who is asking, and where. */
export interface Asker {
  userId: string;
  chatId: string;
}

export interface AdmitOptions {
  /** Tokens to take. Default 1. */
  cost?: number;
  /** Charge only the chat's bucket: a button press uses up the chat's allowance, never the person's questions. */
  chatOnly?: boolean;
  /** The caller would tell the user when to ask again (private chats, the console); groups are never told. */
  notify?: boolean;
}

/**
 * Let through, or not: then when to ask again, and whether to say so. `notice` is true once per limited stretch
 * (the first refusal after the user was last let through, when `notify` was asked for), so a person is told once
 * and a flood is not answered with a flood of notices.
 */
export type Admission = { admitted: true } | { admitted: false; retryAfterMs: number; notice: boolean };

export interface RateLimiter {
  /**
   * Takes `cost` tokens from both the user's and the chat's bucket if both have them; false (and nothing taken)
   * otherwise, in which case the bot stays silent.
   */
  take(who: Asker, cost?: number): boolean;
  /**
   * Like take(), and on a refusal says how long until the user may ask again and whether to tell them.
   * @example const admission = limiter.admit({ userId, chatId }, { notify: chat !== 'group' });
   */
  admit(who: Asker, options?: AdmitOptions): Admission;
  /** How many buckets (users and chats) are held now: never more than `maxTracked`. */
  tracked(): number;
}

/**
 * The defaults, reviewed for private chats: a person reading answers asks every 10–30 s, which one token every 10 s
 * always keeps up with, and 5 at once leave room for quick follow-ups and rephrasing; button presses cost only the
 * chat's bucket. A limited person in a private chat is told once when to ask again (see the conversation).
 */
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
  const buckets = new RecentlyUsed<Bucket>();

  const level = (key: string, spec: BucketOptions, t: number): Bucket => {
    const bucket = buckets.get(key) ?? { tokens: spec.capacity, at: t, spec, told: false };
    // A clock that goes backwards (fake clocks, NTP) must not mint tokens.
    const elapsed = Math.max(0, t - bucket.at);
    return {
      tokens: Math.min(spec.capacity, bucket.tokens + elapsed / spec.refillMs),
      at: Math.max(t, bucket.at),
      spec,
      told: bucket.told,
    };
  };

  const admit = ({ userId, chatId }: Asker, { cost = 1, chatOnly = false, notify = false }: AdmitOptions = {}) => {
    const t = now();
    const userKey = `user:${userId}`;
    const chatKey = `chat:${chatId}`;
    const u = level(userKey, user, t);
    const c = level(chatKey, chat, t);
    buckets.set(userKey, u);
    buckets.set(chatKey, c);
    // A bucket untouched while `maxTracked` others were used has (nearly always) refilled: forgetting it gives
    // nothing away, and each call stays O(1) however many askers there are.
    while (buckets.size > maxTracked) buckets.deleteOldest();
    const charged = chatOnly ? [c] : [u, c];
    const short = charged.filter((b) => b.tokens < cost);
    if (short.length > 0) {
      const retryAfterMs = Math.max(...short.map((b) => Math.ceil((cost - b.tokens) * b.spec.refillMs)));
      const notice = notify && !u.told;
      if (notice) u.told = true;
      return { admitted: false, retryAfterMs, notice } as const;
    }
    for (const b of charged) b.tokens -= cost;
    // Only a question let through ends the user's limited stretch; a button press does not use their allowance.
    if (!chatOnly) u.told = false;
    return { admitted: true } as const;
  };

  return { admit, take: (who, cost) => admit(who, { cost }).admitted, tracked: () => buckets.size };
}

interface Bucket {
  tokens: number;
  at: number;
  spec: BucketOptions;
  /** The user was told when to ask again during the current limited stretch (user buckets only). */
  told: boolean;
}

function checked(name: string, spec: BucketOptions): BucketOptions {
  if (!(spec.capacity >= 1) || !(spec.refillMs > 0)) {
    throw new RangeError(
      `rate-limit: ${name} bucket needs capacity >= 1 and refillMs > 0, got ${JSON.stringify(spec)}`,
    );
  }
  return spec;
}

/**
 * A map that knows which key was used least recently, in O(1): a Map of nodes on a doubly linked list, most recent at
 * the tail. (A plain Map's insertion order would do, but V8 leaves holes at its front when the oldest key is deleted
 * again and again, and finding the first key then scans them.)
 */
class RecentlyUsed<V> {
  readonly #nodes = new Map<string, Node<V>>();
  #oldest: Node<V> | undefined;
  #newest: Node<V> | undefined;

  get size(): number {
    return this.#nodes.size;
  }

  get(key: string): V | undefined {
    return this.#nodes.get(key)?.value;
  }

  /** Stores `value` as the most recently used. */
  set(key: string, value: V): void {
    const node = this.#nodes.get(key);
    if (node) this.#unlink(node);
    const fresh: Node<V> = { key, value, newer: undefined, older: this.#newest };
    if (this.#newest) this.#newest.newer = fresh;
    this.#newest = fresh;
    this.#oldest ??= fresh;
    this.#nodes.set(key, fresh);
  }

  deleteOldest(): void {
    const oldest = this.#oldest;
    if (!oldest) return;
    this.#unlink(oldest);
    this.#nodes.delete(oldest.key);
  }

  #unlink(node: Node<V>): void {
    if (node.older) node.older.newer = node.newer;
    else this.#oldest = node.newer;
    if (node.newer) node.newer.older = node.older;
    else this.#newest = node.older;
  }
}

interface Node<V> {
  key: string;
  value: V;
  older: Node<V> | undefined;
  newer: Node<V> | undefined;
}
