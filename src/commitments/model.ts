// Commitments as data: zod schemas for what a body promised in its answer, the cue that made it one, and the index file.
import { z } from 'zod';
import { PersonSchema } from '../hearing/model.js';

/** What kind of concrete cue a clause carries: a number, a time frame, or a verb that commits the speaker. */
export const CueKindSchema = z.enum(['quantity', 'time', 'verb']);
export type CueKind = z.infer<typeof CueKindSchema>;

/** One reason a clause counts as a commitment: its kind and the exact text matched, e.g. `{kind: 'quantity', text: '2家'}`. */
export const CueSchema = z.object({
  kind: CueKindSchema,
  text: z.string().min(1),
});
export type Cue = z.infer<typeof CueSchema>;

/** One commitment: a verbatim clause of an answer with where it comes from and the cues that make it one. */
export const CommitmentSchema = z.object({
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
});
export type Commitment = z.infer<typeof CommitmentSchema>;

/** index/commitments.json: every commitment of every hearing, in transcript order. */
export const CommitmentsFileSchema = z.array(CommitmentSchema);
