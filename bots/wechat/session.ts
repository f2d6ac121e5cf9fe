// The login session file: a damaged one (empty, left by a failed first start) is set aside and a fresh login starts.
import { mkdir, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { describeError } from '../door/log.js';

/** Wechaty's memory card name (its file adds `.memory-card.json`) and that file, in `dir`. */
export function sessionPaths(dir: string): { name: string; file: string } {
  const name = join(dir, SESSION_NAME);
  return { name, file: `${name}.memory-card.json` };
}

/**
 * Makes sure Wechaty can read the session: the folder exists, and a file that is not a JSON object (empty, cut off,
 * garbled) is renamed to `<file>.damaged-<time>` so the start goes on with a fresh login instead of a parse error.
 * Resolves to the new name of a file set aside, or undefined when there was nothing to set aside.
 * @example const setAside = await setAsideDamagedSession(sessionPaths('var').file);
 */
export async function setAsideDamagedSession(
  file: string,
  now: () => Date = () => new Date(),
): Promise<string | undefined> {
  await mkdir(join(file, '..'), { recursive: true });
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`wechat: cannot read the session file ${file}: ${describeError(error)}`);
  }
  if (readable(text)) return undefined;
  const aside = `${file}.damaged-${now().toISOString().replace(/[:.]/g, '-')}`;
  await rename(file, aside);
  return aside;
}

function readable(text: string): boolean {
  try {
    return SessionSchema.safeParse(JSON.parse(text)).success;
  } catch {
    return false;
  }
}

/** A memory card is one JSON object of slots. */
const SessionSchema = z.record(z.unknown());
const SESSION_NAME = 'wechat-session';
