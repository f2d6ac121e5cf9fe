// What the conversation hands staff's logs: the interfaces only (src/logs/ implements them), so chat never imports logs.
import type { ChatKind } from './message.js';

/** How the bot did: found nothing (`none`), showed only a guess (`guess`), or its answer was marked wrong (`disliked`). */
export type MissTier = 'none' | 'guess' | 'disliked';

/** One question the bot missed, as the conversation reports it: the wording, never who asked. */
export interface MissRecord {
  chat: ChatKind;
  text: string;
  /** Default: the log's clock. */
  time?: Date;
  /** Default: `none`. */
  tier?: MissTier;
  /** The answer shown (`q5`, `closing`), for `guess` and `disliked`. */
  answer?: string;
}

/** Where misses go; record() returns at once and never throws, whatever the disk does. */
export interface MissesLog {
  record(miss: MissRecord): void;
  /** Resolves when everything recorded so far is written (or has failed and been reported). */
  flush(): Promise<void>;
}

/** A log that records nothing. */
export const NO_MISSES_LOG: MissesLog = { record: () => {}, flush: async () => {} };
