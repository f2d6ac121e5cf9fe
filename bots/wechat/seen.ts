// Message ids already handled: puppets redeliver messages after a reconnect, and one question must get one answer.

export interface SeenIds {
  /** True the first time an id is offered, false for every repeat among the last `capacity` ids. */
  first(id: string): boolean;
}

/**
 * A bounded memory of recent ids (oldest forgotten first), so a long-running bot does not grow without end.
 * @example const seen = createSeenIds(); if (!seen.first(message.id)) return;
 */
export function createSeenIds(capacity = 5000): SeenIds {
  if (!(capacity >= 1)) throw new RangeError(`seen: capacity must be at least 1, got ${capacity}`);
  const ids = new Set<string>();
  return {
    first(id) {
      if (ids.has(id)) return false;
      ids.add(id);
      // A Set iterates in insertion order: the first key is the oldest.
      if (ids.size > capacity) ids.delete(ids.values().next().value as string);
      return true;
    },
  };
}
