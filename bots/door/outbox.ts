// Sending in order: the parts of a reply go out one after another, and replies to one chat never interleave.
import { describeError } from './log.js';

export interface Outbox {
  /**
   * Sends `parts` to one chat in order, after whatever that chat is already waiting for. Resolves to how many parts
   * went out; a failed part stops the rest of that reply (later parts would make no sense alone) and is reported.
   */
  send(
    chatId: string,
    parts: readonly string[],
    say: (part: string, index: number) => Promise<unknown>,
  ): Promise<number>;
}

export interface OutboxOptions {
  /** Pause between two parts of one reply, in ms. Default 0. */
  delayMs?: number;
  /** Told about a part that could not be sent. */
  onError?: (error: Error) => void;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * One queue per chat, forgotten when idle. Platforms that deliver a chat's messages concurrently (Wechaty events,
 * HTTP callbacks, long connections) need it; Telegram's updates are ordered per chat before they reach the handler.
 * @example await outbox.send(room.id, renderPlain(reply), (part) => room.say(part))
 */
export function createOutbox(options: OutboxOptions = {}): Outbox {
  const delayMs = options.delayMs ?? 0;
  const onError = options.onError ?? (() => {});
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const queues = new Map<string, Promise<unknown>>();

  return {
    send(chatId, parts, say) {
      const sending = (queues.get(chatId) ?? Promise.resolve()).then(async () => {
        for (const [index, part] of parts.entries()) {
          if (index > 0 && delayMs > 0) await sleep(delayMs);
          try {
            await say(part, index);
          } catch (error) {
            onError(
              new Error(`outbox: part ${index + 1} of ${parts.length} to ${chatId} failed: ${describeError(error)}`),
            );
            return index;
          }
        }
        return parts.length;
      });
      queues.set(chatId, sending);
      // Forget an idle chat so the map does not grow with every chat ever seen.
      void sending.then(() => {
        if (queues.get(chatId) === sending) queues.delete(chatId);
      });
      return sending;
    },
  };
}
