// Pacing what a door sends: at most N messages a minute per chat (the platform's limit), waiting, never dropping.

export interface Pacer {
  /** Resolves when one more message may go to `chatId` (at once, or when the oldest of the last N is a minute old). */
  wait(chatId: string): Promise<void>;
}

export interface PacerOptions {
  /** Messages per chat in any 60 seconds: DingTalk allows a group robot 20, WeCom a conversation 30. */
  perMinute: number;
  /** Milliseconds since some fixed point. Default `Date.now`. */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * A sliding window per chat. The conversation's rate limits count answers; a long answer is several messages, so a
 * busy group could still pass the platform's limit (DingTalk then silences the robot for ten minutes): this holds the
 * next message back instead. Use it inside the outbox's `say`, so one chat's messages keep their order.
 * @example
 * const pacer = createPacer({ perMinute: 20 });
 * outbox.send(chatId, parts, async (part) => { await pacer.wait(chatId); await post(part); });
 */
export function createPacer(options: PacerOptions): Pacer {
  const { perMinute } = options;
  if (!(Number.isInteger(perMinute) && perMinute >= 1))
    throw new RangeError(`pace: perMinute must be a whole number of at least 1, got ${perMinute}`);
  const now = options.now ?? Date.now;
  // A wait never holds a stopping process open.
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref()));
  const sent = new Map<string, number[]>();

  return {
    async wait(chatId) {
      for (;;) {
        const t = now();
        const recent = (sent.get(chatId) ?? []).filter((at) => t - at < WINDOW_MS);
        if (recent.length < perMinute) {
          recent.push(t);
          sent.set(chatId, recent);
          forgetIdle(sent, t);
          return;
        }
        sent.set(chatId, recent);
        await sleep(recent[0]! + WINDOW_MS - t);
      }
    },
  };
}

/** Chats that sent nothing for a minute are forgotten, so the map does not grow with every chat ever seen. */
function forgetIdle(sent: Map<string, number[]>, t: number): void {
  if (sent.size < FORGET_ABOVE) return;
  for (const [chatId, times] of sent) if (times.every((at) => t - at >= WINDOW_MS)) sent.delete(chatId);
}

const WINDOW_MS = 60_000;
const FORGET_ABOVE = 1000;
