// `list`: every question of the hearing(s), as a table for people or as JSON (--json) for tools.
// The JSON's top-level `date` is the first hearing's day (YYYY-MM-DD, or null when its year is unknown), as `closing`
// is the first hearing's closing response.
import type { SearchEngine } from '../search/engine.js';
import { type Command, UsageError } from './io.js';

export const list: Command = async (args, io) => {
  const json = args.includes('--json');
  if (args.some((a) => a !== '--json')) throw new UsageError('usage: list [--json]');
  const engine = io.engine();
  const items = engine.hearings.flatMap((h) => h.items);
  if (json) {
    io.stdout.write(`${JSON.stringify(listJson(engine))}\n`);
    return 0;
  }
  for (const i of items) io.stdout.write(`${i.id}\t${i.asker.name}${i.asker.title}\t${i.body}\t${i.question}\n`);
  return 0;
};

/** The contract's object of `list --json` (also `GET /api/list`): every item of the hearing(s), the date, the closing. */
export function listJson(engine: SearchEngine) {
  const closing = engine.hearings.find((h) => h.closing)?.closing;
  return {
    date: engine.hearings[0]?.date ?? null,
    items: engine.hearings
      .flatMap((h) => h.items)
      .map((i) => ({
        id: i.id,
        theme: i.theme.title,
        asker: i.asker.name,
        role: i.asker.title,
        department: i.body,
        question: i.question,
      })),
    closing: closing
      ? {
          id: closing.id,
          speaker: closing.speaker.name,
          role: closing.speaker.title,
          text: closing.paragraphs.join('\n'),
        }
      : null,
  };
}
