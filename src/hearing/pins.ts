// Staff pins, data/pins.json: a question as people typed it → the answer it must get; read, checked and written here.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { messageOf } from '../errors.js';
import { writeFileAtomic } from '../locked-file.js';
import type { Entry, Hearing } from './model.js';

/** The longest question a pin may hold: the misses log keeps 200 characters, and the engine reads no more. */
export const MAX_PIN_QUESTION_CHARS = 200;

/**
 * One pin: the question exactly as typed (matched after the search engine's normalisation: Traditional, width, case,
 * spaces and punctuation do not count) and the id of its answer.
 * @example { "question": "经信句有啥措施", "answer": "q3" }
 */
export const PinSchema = z
  .object({
    question: z
      .string()
      .refine((q) => q.trim() !== '', 'is empty: write the question as people type it')
      .refine((q) => [...q].length <= MAX_PIN_QUESTION_CHARS, `is longer than ${MAX_PIN_QUESTION_CHARS} characters`)
      .refine((q) => /[\p{L}\p{N}]/u.test(q), 'holds no word, only punctuation or symbols'),
    /** A question number as the chat shows it (`q5`) or `closing` for the overall response. */
    answer: z.string().regex(/^(?:q[1-9]\d*|closing)$/, 'expected a question id such as "q5", or "closing"'),
    /** The hearing's id (its transcript's file name without .txt); needed only when data/ holds several hearings. */
    hearing: z.string().min(1).optional(),
  })
  .strict();
export type Pin = z.infer<typeof PinSchema>;

/** The whole file: a list of pins, `[]` for none (the project ships so). */
export const PinsFileSchema = z.array(PinSchema);

/** Where a data folder keeps its pins. */
export function pinsPath(dataDir: string): string {
  return join(dataDir, 'pins.json');
}

/**
 * Reads and validates a pins file; no file means no pins. Errors name the file, the entry (numbered from 1, with its
 * question) and the field.
 * @example readPins(pinsPath(DATA_DIR)) // []
 */
export function readPins(path: string): Pin[] {
  if (!existsSync(path)) return [];
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`pins ${path}: cannot read it as JSON (${messageOf(error).split('\n')[0]}); expected ${EXAMPLE}`);
  }
  const parsed = PinsFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const [index, field] = issue.path;
    if (typeof index !== 'number') throw new Error(`pins ${path}: expected a list of pins, e.g. ${EXAMPLE}`);
    const where = field === undefined ? '' : `${field}: `;
    throw new Error(`pins ${path}: ${entryName(raw, index)}: ${where}${issue.message}`);
  }
  return parsed.data;
}

/**
 * Writes the pins, replacing the file in one rename so a reader (or a crash) never sees half of it. Call it inside
 * `withFileLock(path, 'pins', …)` around the read it changes, so two staff pinning at once both keep their pin.
 * @example writePins(pinsPath(DATA_DIR), [...readPins(path), { question: '经信句有啥措施', answer: 'q3' }])
 */
export function writePins(path: string, pins: readonly Pin[]): void {
  const checked = PinsFileSchema.safeParse(pins);
  if (!checked.success)
    throw new Error(`pins ${path}: cannot write it: ${checked.error.issues.map((i) => i.message).join('; ')}`);
  writeFileAtomic(path, `${JSON.stringify(checked.data, null, 2)}\n`, 'pins');
}

/**
 * The entry a pin answers with; throws, naming the pin and what the hearings do have, when its id is not there, its
 * hearing is unknown, or it leaves out the hearing where several have that id.
 * @example pinnedEntry({ question: '经信句有啥措施', answer: 'q3' }, hearings).body // '市经信局'
 */
export function pinnedEntry(pin: Pin, hearings: readonly Hearing[]): Entry {
  const ids = hearings.map((h) => h.id).join(', ');
  const scope = pin.hearing === undefined ? hearings : hearings.filter((h) => h.id === pin.hearing);
  if (scope.length === 0) throw new Error(`no hearing ${JSON.stringify(pin.hearing)}; data/hearings/ holds ${ids}`);
  const found = scope.flatMap((h) => entriesOf(h).filter((e) => e.id === pin.answer));
  if (found.length === 1) return found[0]!;
  if (found.length > 1)
    throw new Error(
      `${pin.answer} is in ${found.length} hearings (${found.map((e) => e.hearing).join(', ')}): name one with "hearing"`,
    );
  const where = scope.length === 1 ? `hearing ${scope[0]!.id} has` : 'the hearings have';
  const has = scope.map((h) => `q1–q${h.items.length}${h.closing ? ' and closing' : ''}`).join('; ');
  throw new Error(`no question ${pin.answer}: ${where} ${has}`);
}

/**
 * Every pin with its entry, in file order; throws on the first pin whose answer is not in the hearings, naming the
 * file and the entry.
 */
export function pinnedEntries(path: string, pins: readonly Pin[], hearings: readonly Hearing[]): PinnedEntry[] {
  return pins.map((pin, index) => {
    try {
      return { pin, index, entry: pinnedEntry(pin, hearings) };
    } catch (error) {
      throw new Error(`pins ${path}: ${entryName(pins, index)}: ${messageOf(error)}`);
    }
  });
}

/** A pin, its place in the file (from 0) and the entry it answers with. */
export interface PinnedEntry {
  pin: Pin;
  index: number;
  entry: Entry;
}

/**
 * How errors name a pin: `entry 3 (「经信句有啥措施」)`, numbered from 1 as a person counts them in the file.
 * @example entryName(pins, 2) // 'entry 3 (「经信句有啥措施」)'
 */
export function entryName(pins: unknown, index: number): string {
  const question = Array.isArray(pins) ? (pins[index] as { question?: unknown } | undefined)?.question : undefined;
  return typeof question === 'string' && question.trim()
    ? `entry ${index + 1} (「${shorten(question)}」)`
    : `entry ${index + 1}`;
}

function entriesOf(hearing: Hearing): Entry[] {
  return [...hearing.items, ...(hearing.closing ? [hearing.closing] : [])];
}

const shorten = (text: string) => {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  return chars.length > 40 ? `${chars.slice(0, 40).join('')}…` : chars.join('');
};

const EXAMPLE = '[{"question": "经信句有啥措施", "answer": "q3"}]';
