// The follow-up ledger, data/ledger.json: per commitment id, what staff recorded (status, corrected due date, note, source).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { IsoDateSchema } from '../hearing/model.js';
import { readJsonFile } from '../json-file.js';
import { withFileLock, writeFileAtomic } from '../locked-file.js';
import { DATA_DIR } from '../paths.js';
import { CommitmentKeySchema } from './model.js';

/** Where a commitment stands: not begun, under way, delivered, or given up (say why in the note). */
export const StatusSchema = z.enum(['open', 'in-progress', 'done', 'dropped']);
export type Status = z.infer<typeof StatusSchema>;

/** A note holds a sentence or two of a follow-up report, not the report. */
export const MAX_NOTE_CHARS = 2000;

/**
 * What staff recorded about one commitment.
 * @example { "status": "done", "due": "2026-12-31", "note": "芯片已流片", "source": "https://www.whrd.gov.cn/…" }
 */
export const LedgerEntrySchema = z
  .object({
    status: StatusSchema,
    /** A due date staff corrected (the text's reading was wrong, or a later report moved it); replaces the read one. */
    due: IsoDateSchema.optional(),
    note: z.string().trim().min(1).max(MAX_NOTE_CHARS).optional(),
    /** The follow-up report it comes from. */
    source: z
      .string()
      .url()
      .refine((u) => /^https?:\/\//i.test(u), 'expected an http(s) link')
      .optional(),
    /** The day it was last set, written by `promises set`. */
    updated: IsoDateSchema.optional(),
  })
  .strict();
export type LedgerEntry = z.infer<typeof LedgerEntrySchema>;

/** The whole file: commitment id → entry; `{}` for none (the project ships so). */
export const LedgerSchema = z.record(CommitmentKeySchema, LedgerEntrySchema);
export type Ledger = z.infer<typeof LedgerSchema>;

/**
 * The ledger file: `HEARING_LEDGER_FILE` when set (tests point it at a temporary folder), else data/ledger.json.
 * @example ledgerPath({ HEARING_LEDGER_FILE: '/tmp/l.json' }) // '/tmp/l.json'
 */
export function ledgerPath(env: NodeJS.ProcessEnv = process.env): string {
  const chosen = env.HEARING_LEDGER_FILE?.trim();
  return chosen ? chosen : join(DATA_DIR, 'ledger.json');
}

/**
 * Reads and validates the ledger; no file means nothing recorded yet. A malformed file throws one line naming the file,
 * the commitment id and the field: `ledger data/ledger.json: q5-1a2b3c.status: Invalid enum value…`.
 */
export function readLedger(path: string): Ledger {
  if (!existsSync(path)) return {};
  return readJsonFile(path, LedgerSchema, { room: 'ledger', fix: FIX });
}

/**
 * Records one commitment's entry, under the lock every process editing the ledger takes, re-reading the file inside it
 * so an edit made meanwhile by someone else is kept; the file is replaced in one rename.
 * @example setLedgerEntry(ledgerPath(), 'q5-1a2b3c', { status: 'done', note: '已完成' })
 */
export function setLedgerEntry(path: string, key: string, entry: LedgerEntry): Ledger {
  const checked = LedgerEntrySchema.parse(entry);
  return withFileLock(path, 'ledger', () => {
    const ledger = { ...readLedger(path), [key]: checked };
    const sorted = Object.fromEntries(Object.entries(ledger).sort(([a], [b]) => a.localeCompare(b, 'en')));
    writeFileAtomic(path, `${JSON.stringify(sorted, null, 2)}\n`, 'ledger');
    return sorted;
  });
}

const FIX = ' (expected {"q5-1a2b3c": {"status": "open" | "in-progress" | "done" | "dropped", "note": "…"}})';
