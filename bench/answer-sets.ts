// The messages of every development set (tests/fixtures and ../shared/eval, or HEARING_EVAL_DIR), keyed by set and line, and what the engine answers them: the fixture the ranking must keep.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../src/paths.js';
import type { SearchEngine } from '../src/search/engine.js';

/** Where the shared development sets live (read only; their sentences are never copied). */
export const SHARED_EVAL_DIR = process.env.HEARING_EVAL_DIR ?? join(PROJECT_ROOT, '..', 'shared', 'eval');

/** Each set, and which tab-separated column holds the message (the dialogues' first column names the dialogue). */
const SETS: ReadonlyArray<{ name: string; file: string; column: number }> = [
  { name: 'fixtures/dev', file: join(PROJECT_ROOT, 'tests', 'fixtures', 'dev.tsv'), column: 0 },
  { name: 'fixtures/chat', file: join(PROJECT_ROOT, 'tests', 'fixtures', 'chat.tsv'), column: 0 },
  { name: 'fixtures/colloquial', file: join(PROJECT_ROOT, 'tests', 'fixtures', 'colloquial.tsv'), column: 0 },
  { name: 'fixtures/heldout', file: join(PROJECT_ROOT, 'tests', 'fixtures', 'heldout.tsv'), column: 0 },
  { name: 'fixtures/dialogues', file: join(PROJECT_ROOT, 'tests', 'fixtures', 'dialogues.tsv'), column: 1 },
  { name: 'eval/dev', file: join(SHARED_EVAL_DIR, 'dev.tsv'), column: 0 },
  { name: 'eval/chat', file: join(SHARED_EVAL_DIR, 'chat.tsv'), column: 0 },
  { name: 'eval/chat2', file: join(SHARED_EVAL_DIR, 'chat2.tsv'), column: 0 },
  { name: 'eval/dialogues-dev', file: join(SHARED_EVAL_DIR, 'dialogues-dev.tsv'), column: 1 },
];

/** One message of a set: `key` is `set:line`, so a fixture records ids, never the sentence. */
export interface SetMessage {
  key: string;
  message: string;
}

/** Every message of every set present on this machine, in file order. */
export function setMessages(): SetMessage[] {
  return SETS.filter((s) => existsSync(s.file)).flatMap((set) =>
    readFileSync(set.file, 'utf8')
      .split('\n')
      .flatMap((line, i) => {
        if (!line.trim() || line.startsWith('#')) return [];
        const message = line.split('\t')[set.column] ?? '';
        return [{ key: `${set.name}:${i + 1}`, message }];
      }),
  );
}

/** What the engine offers for a message, as ids: `a:` answers and `g:` guesses, in order (hearing:id). */
export function answerIds(engine: SearchEngine, message: string): string {
  const { answers, guesses } = engine.consult(message);
  const ids = (hits: typeof answers) => hits.map((h) => `${h.entry.hearing}:${h.entry.id}`).join(',');
  return `a:${ids(answers)} g:${ids(guesses)}`;
}
