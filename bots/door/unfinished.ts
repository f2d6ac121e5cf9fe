// Replies cut off part-way (a connection dropped mid-reply): the parts not yet sent, owed to the message's redelivery.

/**
 * What a door owes each message it could not finish answering. A platform that lost the connection delivers the
 * message again; the redelivery gets the parts still owed instead of being ignored as a repeat, so a message is
 * neither lost nor answered twice.
 */
export interface UnfinishedReplies {
  /** Runs `answering` for message `id`; a redelivery arriving meanwhile waits for it (see `owed`). */
  track<T>(id: string, answering: Promise<T>): Promise<T>;
  /** Remembers the parts of `id`'s reply that were not sent. */
  keep(id: string, parts: readonly string[]): void;
  /** Once `id` is no longer being answered: the parts still owed (then forgotten), or undefined when none are. */
  owed(id: string): Promise<string[] | undefined>;
}

export interface UnfinishedRepliesOptions {
  /** Replies remembered at most; the oldest is forgotten first. Default 200. */
  capacity?: number;
  /** A debt older than this is forgotten: the platform redelivers within minutes, or not at all. Default 10 min. */
  ttlMs?: number;
  now?: () => number;
}

/**
 * A bounded memory, so a door that runs for months does not grow.
 * @example const unfinished = createUnfinishedReplies(); const rest = await unfinished.owed(message.id);
 */
export function createUnfinishedReplies(options: UnfinishedRepliesOptions = {}): UnfinishedReplies {
  const capacity = options.capacity ?? 200;
  const ttlMs = options.ttlMs ?? 10 * 60_000;
  const now = options.now ?? Date.now;
  const owed = new Map<string, { parts: string[]; at: number }>();
  const answering = new Map<string, Promise<unknown>>();
  return {
    track(id, promise) {
      answering.set(id, promise);
      const forget = () => {
        if (answering.get(id) === promise) answering.delete(id);
      };
      void promise.then(forget, forget);
      return promise;
    },
    keep(id, parts) {
      owed.set(id, { parts: [...parts], at: now() });
      if (owed.size > capacity) owed.delete(owed.keys().next().value as string);
    },
    async owed(id) {
      await answering.get(id)?.catch(() => {});
      const debt = owed.get(id);
      owed.delete(id);
      return debt && now() - debt.at <= ttlMs ? debt.parts : undefined;
    },
  };
}
