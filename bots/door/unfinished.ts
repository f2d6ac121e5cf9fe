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

/**
 * A bounded memory, so a door that runs for months does not grow: the oldest debt is forgotten first.
 * @example const unfinished = createUnfinishedReplies(); const rest = await unfinished.owed(message.id);
 */
export function createUnfinishedReplies(capacity = 1000): UnfinishedReplies {
  const owed = new Map<string, string[]>();
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
      owed.set(id, [...parts]);
      if (owed.size > capacity) owed.delete(owed.keys().next().value as string);
    },
    async owed(id) {
      await answering.get(id)?.catch(() => {});
      const parts = owed.get(id);
      owed.delete(id);
      return parts;
    },
  };
}
