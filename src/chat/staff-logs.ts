// What the conversation hands staff's logs: the interfaces only (src/logs/ implements them), so chat never imports logs.
import type { ChatKind } from './message.js';
import type { Reply } from './reply.js';

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

/** One reply as the conversation reports it to the answer log: what was asked and what was shown, never who asked. */
export interface ReplyRecord {
  chat: ChatKind;
  /** The message as written (the log keeps 200 characters of it). */
  text: string;
  reply: Reply;
  /** Default: the log's clock. */
  time?: Date;
  /** How it followed up the reply before (`pick`, `about`, `more`, `commitments`, `dislike`, `elliptical`). */
  followUp?: string;
  /** The item marked wrong (「不对」, 👎), as shown: `q5`. */
  disliked?: string;
  /** The item thanked for (「谢谢」「有用」, 👍 right after it), as shown: `q5`. */
  liked?: string;
}

/** Where every reply goes for staff's statistics; record() returns at once and never throws. */
export interface AnswerLog {
  record(reply: ReplyRecord): void;
  /** Resolves when everything recorded so far is written (or has failed and been reported). */
  flush(): Promise<void>;
}

/** A log that records nothing. */
export const NO_ANSWER_LOG: AnswerLog = { record: () => {}, flush: async () => {} };
