// Follow-up dialogues from tests/fixtures/dialogues.tsv, turn by turn, through the real conversation and engine.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDialogues } from '../../bench/dialogue-table.js';
import { playAll } from '../../bench/followups.js';
import { PROJECT_ROOT } from '../../src/paths.js';
import { guessingEngine } from './guessing-engine.js';

const dialogues = readDialogues(join(PROJECT_ROOT, 'tests', 'fixtures', 'dialogues.tsv'));

describe('the dialogue table', () => {
  it('holds at least 40 dialogues of 2–4 turns, covering every kind of follow-up', () => {
    expect(dialogues.length).toBeGreaterThanOrEqual(40);
    for (const d of dialogues) expect(d.turns.length, d.name).toBeGreaterThanOrEqual(2);
    for (const d of dialogues) expect(d.turns.length, d.name).toBeLessThanOrEqual(4);
    expect(new Set(dialogues.map((d) => d.category))).toEqual(
      new Set(['ellipsis', 'pick', 'guess', 'about', 'more', 'commitments', 'dislike', 'fresh', 'group', 'expiry']),
    );
  });
});

// 「你是不是想问」 turns get the likely items the table names, whatever the engine's tuning of the day: these tests are
// about what the chat does with guesses; `npx tsx bench/followups.ts` measures the real engine's.
const guesses = new Map(
  dialogues.flatMap((d) => d.turns.flatMap((t) => (t.expect.kind === 'guess' ? [[t.text, t.expect.ids]] : []))),
) as Map<string, string[]>;
const results = await playAll(dialogues, guessingEngine(guesses));

describe.each(dialogues.map((d) => [d.name, d] as const))('%s', (name, dialogue) => {
  it.each(
    dialogue.turns.map((turn, i) => [i + 1, turn.text, results.find((r) => r.dialogue === name && r.turn === turn)!]),
  )('turn %i 「%s」', (_, __, result) => {
    expect(result.ok, `${result.turn.at}: expected ${JSON.stringify(result.turn.expect)}, got ${result.got}`).toBe(
      true,
    );
  });
});
