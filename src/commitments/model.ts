// Commitments as data: zod schemas for what a body promised in its answer, the cue that made it one, and the index file.
import { z } from 'zod';
import { IsoDateSchema, PersonSchema } from '../hearing/model.js';

/** What kind of concrete cue a clause carries: a number, a time frame, or a verb that commits the speaker. */
export const CueKindSchema = z.enum(['quantity', 'time', 'verb']);
export type CueKind = z.infer<typeof CueKindSchema>;

/** One reason a clause counts as a commitment: its kind and the exact text matched, e.g. `{kind: 'quantity', text: '2家'}`. */
export const CueSchema = z.object({
  kind: CueKindSchema,
  text: z.string().min(1),
});
export type Cue = z.infer<typeof CueSchema>;

/**
 * When a commitment falls due, as read from its time words, and how it was read, so staff can see why.
 * @example { "date": "2026-09-13", "recurring": false, "cue": "三年", "reading": "三年: the hearing's date 2023-09-13 + 3 years" }
 */
export const DueSchema = z.object({
  /** The (first) due date; null when the text gives none (下一步, 逐步, no time frame). */
  date: IsoDateSchema.nullable(),
  /** Due again at each year's end after the first (每年). */
  recurring: z.boolean(),
  /** The time words the date was read from; null when there are none. */
  cue: z.string().min(1).nullable(),
  /** How the date was read, in a sentence. */
  reading: z.string().min(1),
});
export type Due = z.infer<typeof DueSchema>;

/** A commitment's id in the ledger: its entry and a hash of its hearing, entry and clause, so rebuilds keep it. */
export const CommitmentKeySchema = z
  .string()
  .regex(/^(q\d+|closing)-[0-9a-f]{6}(-\d+)?$/, 'expected an id such as q5-1a2b3c');

/** One commitment: a verbatim clause of an answer with where it comes from and the cues that make it one. */
export const CommitmentSchema = z.object({
  /** Its id in the ledger (`q5-1a2b3c`), the same across rebuilds while the clause is the same. */
  key: CommitmentKeySchema,
  /** The hearing id (its file name without `.txt`). */
  hearing: z.string().min(1),
  /** The entry it was said in: `q1`..`qN`, or `closing`. */
  id: z.string().regex(/^(q\d+|closing)$/),
  /** The answering body as printed (市政府 for the closing response). */
  body: z.string().min(1),
  /** Who asked the question; for the closing response its speaker, as in the search contract. */
  asker: PersonSchema,
  /** 0-based paragraph of the answer the text is in. */
  paragraph: z.number().int().nonnegative(),
  /** Offset of the text within that paragraph, so `paragraph.slice(start, start + text.length) === text`. */
  start: z.number().int().nonnegative(),
  /** The clause(s), verbatim: never paraphrased, never cut mid-clause. */
  text: z.string().min(1),
  /** Every cue found, in reading order. */
  cues: z.array(CueSchema).min(1),
  /** The quantity cues' texts (2家, 1-2个, 全覆盖, 5151…), in reading order; empty when none. */
  quantities: z.array(z.string()),
  /** The time-frame cues' texts (每年, 从今年开始, 三年, 下一步…), in reading order; empty when none. */
  timeFrames: z.array(z.string()),
  /** When it falls due as its time frames say, with the hearing's date as the anchor (the ledger may correct it). */
  dueFromText: DueSchema,
});
export type Commitment = z.infer<typeof CommitmentSchema>;

/** index/commitments.json: every commitment of every hearing, in transcript order. */
export const CommitmentsFileSchema = z.array(CommitmentSchema);
