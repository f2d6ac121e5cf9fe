// Message ids already handled: platforms deliver again after a reconnect or a slow answer; one question, one answer.

/**
 * A memory of handled ids. Asynchronous so that several processes can share one (a Redis `SET key 1 NX EX ttl`
 * answers the same question); the in-memory one below serves a single process.
 */
export interface SeenIds {
  /** Resolves to true the first time `id` is offered (it is then remembered), false for a repeat still remembered. */
  first(id: string): Promise<boolean>;
}

export interface SeenIdsOptions {
  /** Ids kept at most; the oldest is forgotten first. Default 5000. */
  capacity?: number;
  /** Forget an id this long after it was first seen, in ms. Default: only capacity forgets. */
  ttlMs?: number;
  now?: () => number;
}

/**
 * A bounded memory of recent ids, so a long-running door does not grow without end.
 * @example const seen = createSeenIds(); if (!(await seen.first(message.id))) return;
 */
export function createSeenIds(options: SeenIdsOptions = {}): SeenIds {
  const capacity = options.capacity ?? 5000;
  const ttlMs = options.ttlMs ?? Number.POSITIVE_INFINITY;
  const now = options.now ?? Date.now;
  if (!(capacity >= 1)) throw new RangeError(`seen: capacity must be at least 1, got ${capacity}`);
  if (!(ttlMs > 0)) throw new RangeError(`seen: ttlMs must be positive, got ${ttlMs}`);
  // A Map iterates in insertion order: the first key is the oldest.
  const ids = new Map<string, number>();
  return {
    async first(id) {
      const t = now();
      for (const [oldest, at] of ids) {
        if (t - at < ttlMs) break;
        ids.delete(oldest);
      }
      if (ids.has(id)) return false;
      ids.set(id, t);
      if (ids.size > capacity) ids.delete(ids.keys().next().value as string);
      return true;
    },
  };
}
