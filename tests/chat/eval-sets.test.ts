// The development sets by kind (../shared/eval/chat2.tsv, dialogues-dev.tsv; tests/fixtures/everyday.tsv), played through the real
// conversation and held to the levels issue 19 asks for (see `npx tsx bench/kinds.ts` for the full report).
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { byGroup, DIALOGUE_TABLE, EVERYDAY_TABLE, KIND_TABLE } from '../../bench/kinds.js';
import { playDialogueTable, playKindTable, readDialogueTable, readKindTable } from '../../bench/labelled.js';
import { loadCommitments } from '../../src/commitments/load.js';
import { sharedEngine } from '../search/helpers.js';

/** CI keeps a copy of shared/ beside the clone; without it these numbers cannot be checked, and that is a failure. */
function required(file: string): string {
  if (!existsSync(file))
    throw new Error(`${file} is missing: the shared evaluation sets must sit beside the project (../shared/eval/)`);
  return file;
}

const engine = sharedEngine();
const commitments = loadCommitments();

describe('chat2.tsv by kind', async () => {
  const results = await playKindTable(readKindTable(required(KIND_TABLE), 'chat2.tsv'), engine, commitments);
  const groups = byGroup(results);
  const all = groups.find((g) => g.group === 'all')!;

  // Issue 19 asks 95% and 1%.
  it('answers at least 95% of all messages right, with at most 1% wrong first answers', () => {
    expect(all.right / all.total).toBeGreaterThanOrEqual(0.95);
    expect(all.wrong / all.total).toBeLessThanOrEqual(0.01);
  });

  // Issue 19 asks 90% in every kind; all but paraphrases in everyday words (91% today) are held to 95%.
  it.each(groups.filter((g) => g.group !== 'all').map((g) => [g.group, g] as const))(
    '%s: at least 95% right (paraphrase: 90%)',
    (group, g) => {
      const floor = group === 'paraphrase' ? 0.9 : 0.95;
      const failures = results.filter((r) => r.group === group && !r.ok).map((r) => `${r.at} ${r.text} → ${r.got}`);
      expect(g.right / g.total, failures.join('\n')).toBeGreaterThanOrEqual(floor);
    },
  );
});

describe('dialogues-dev.tsv', async () => {
  const turns = await playDialogueTable(
    readDialogueTable(required(DIALOGUE_TABLE), 'dialogues-dev.tsv'),
    engine,
    commitments,
  );

  it('gets at least 98% of turns right, with at most 1% of turns a wrong answer', () => {
    const failures = turns.filter((t) => !t.ok).map((t) => `${t.at} ${t.text} → ${t.got}`);
    expect(turns.filter((t) => t.ok).length / turns.length, failures.join('\n')).toBeGreaterThanOrEqual(0.98);
    expect(turns.filter((t) => t.wrong).length / turns.length).toBeLessThanOrEqual(0.01);
  });
});

// Written blind from the transcript by someone who saw neither the glossary's everyday wording nor these sets
// (tests/fixtures/everyday.tsv): the honest measure of everyday wording. Held against getting worse.
describe('everyday.tsv (written blind)', async () => {
  const results = await playKindTable(readKindTable(EVERYDAY_TABLE, 'everyday.tsv'), engine, commitments);
  const groups = byGroup(results);
  const of = (group: string) => groups.find((g) => g.group === group)!;

  it('answers at least 70% of the everyday messages right, at most 8% with a wrong first answer', () => {
    expect(of('everyday').right / of('everyday').total).toBeGreaterThanOrEqual(0.7);
    expect(of('everyday').wrong / of('everyday').total).toBeLessThanOrEqual(0.08);
  });

  it('answers no everyday message the hearing does not cover', () => {
    expect(results.filter((r) => r.group === 'everyday_none' && r.wrong).map((r) => `${r.at} ${r.text}`)).toEqual([]);
  });
});
