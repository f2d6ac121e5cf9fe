// Follow-up accuracy: plays tests/fixtures/dialogues.tsv through the real conversation and engine, per category.
// Run: npx tsx bench/followups.ts [dialogues.tsv]   (prints a Markdown table and the turns that went wrong)
import { join } from 'node:path';
import { createConversation } from '../src/chat/conversation.js';
import { loadCommitments } from '../src/commitments/load.js';
import { PROJECT_ROOT } from '../src/paths.js';
import { loadEngine, type SearchEngine } from '../src/search/engine.js';
import { type Dialogue, playDialogue, readDialogues, type TurnResult } from './dialogue-table.js';

/** Accuracy of the turns after the first (the follow-ups), of the first turns, and of whole dialogues. */
export interface FollowUpScore {
  category: string;
  dialogues: number;
  followUps: { right: number; total: number };
  setups: { right: number; total: number };
  wholeDialogues: number;
}

/** Plays every dialogue with the project's commitments and engine (or the one given); returns each turn's result. */
export async function playAll(
  dialogues: readonly Dialogue[],
  engine: SearchEngine = loadEngine(),
): Promise<TurnResult[]> {
  const commitments = loadCommitments();
  const facts = { entries: engine.entries, commitments };
  const results: TurnResult[] = [];
  for (const dialogue of dialogues)
    results.push(...(await playDialogue(dialogue, (now) => createConversation({ engine, commitments, now }), facts)));
  return results;
}

/** Scores per category, then `all`. */
export function score(results: readonly TurnResult[]): FollowUpScore[] {
  const categories = [...new Set(results.map((r) => r.category)), 'all'];
  return categories.map((category) => {
    const mine = results.filter((r) => category === 'all' || r.category === category);
    const names = [...new Set(mine.map((r) => r.dialogue))];
    const count = (rs: readonly TurnResult[]) => ({ right: rs.filter((r) => r.ok).length, total: rs.length });
    return {
      category,
      dialogues: names.length,
      followUps: count(mine.filter((r) => !r.setup)),
      setups: count(mine.filter((r) => r.setup)),
      wholeDialogues: names.filter((n) => mine.every((r) => r.dialogue !== n || r.ok)).length,
    };
  });
}

/** The report: a Markdown table, then each turn that went wrong with what it got. */
export function report(scores: readonly FollowUpScore[], results: readonly TurnResult[]): string {
  const pct = ({ right, total }: { right: number; total: number }) =>
    total === 0 ? '–' : `${((100 * right) / total).toFixed(1)}% (${right}/${total})`;
  const lines = [
    '| category | dialogues | follow-up turns right | first turns right | whole dialogues right |',
    '|---|---:|---:|---:|---:|',
    ...scores.map(
      (s) =>
        `| ${s.category} | ${s.dialogues} | ${pct(s.followUps)} | ${pct(s.setups)} | ` +
        `${pct({ right: s.wholeDialogues, total: s.dialogues })} |`,
    ),
  ];
  const wrong = results.filter((r) => !r.ok);
  if (wrong.length > 0) {
    lines.push('', 'Wrong turns:');
    for (const r of wrong)
      lines.push(
        `- ${r.turn.at} ${r.dialogue} 「${r.turn.text}」 expected ${JSON.stringify(r.turn.expect)}, got ${r.got}`,
      );
  }
  return lines.join('\n');
}

export const DIALOGUES_FILE = join(PROJECT_ROOT, 'tests', 'fixtures', 'dialogues.tsv');

if (process.argv[1] && /followups\.[jt]s$/.test(process.argv[1])) {
  const results = await playAll(readDialogues(process.argv[2] ?? DIALOGUES_FILE));
  process.stdout.write(`## Follow-ups (tests/fixtures/dialogues.tsv)\n\n${report(score(results), results)}\n`);
}
