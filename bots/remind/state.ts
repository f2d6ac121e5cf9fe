// What the reminder sent today: one small JSON file, so each target gets the due list once a day however often cron runs it.
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import lockfile from 'proper-lockfile';
import { z } from 'zod';
import { IsoDateSchema } from '../../src/hearing/model.js';
import { readJsonFile } from '../../src/json-file.js';
import { withFileLock, writeFileAtomic } from '../../src/locked-file.js';

/** `{"date": "2026-10-01", "sent": ["telegram", "wecom"]}`: the day and the targets that got that day's list. */
const StateSchema = z.object({ date: IsoDateSchema, sent: z.array(z.string()) });
export type RemindState = z.infer<typeof StateSchema>;

/** The targets already sent to on `today`; a file from another day, or none, means none. */
export function sentOn(path: string, today: string): Set<string> {
  if (!existsSync(path)) return new Set();
  const state = readJsonFile(path, StateSchema, { room: 'remind', fix: ` (delete it to start afresh)` });
  return new Set(state.date === today ? state.sent : []);
}

/** Records that `target` got today's list, under the file's lock, keeping what another run recorded meanwhile. */
export function recordSent(path: string, today: string, target: string): void {
  withFileLock(path, 'remind', () => {
    const sent = [...sentOn(path, today), target];
    writeFileAtomic(path, `${JSON.stringify({ date: today, sent: [...new Set(sent)] })}\n`, 'remind');
  });
}

/**
 * Holds `<state file>.run.lock` for one whole run (kept fresh while sends take their time); null when another run
 * holds it. Resolves to the release.
 */
export async function holdRun(path: string): Promise<(() => Promise<void>) | null> {
  mkdirSync(dirname(path), { recursive: true });
  try {
    // Its own name, not `path`: proper-lockfile tracks locks by that name, and recordSent locks `path` inside the run.
    const run = `${path}.run`;
    return await lockfile.lock(run, { realpath: false, lockfilePath: `${run}.lock`, onCompromised: () => {} });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOCKED') return null;
    throw error;
  }
}
