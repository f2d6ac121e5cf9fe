// Scores chat2.tsv by kind and dialogues-dev.tsv by dialogue kind; `npx tsx bench/kinds.ts [--failures]` prints them.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadCommitments } from '../src/commitments/load.js';
import { loadEngine, type SearchEngine } from '../src/search/engine.js';
import { SHARED_EVAL_DIR } from './answer-sets.js';
import {
  type LabelledLine,
  playDialogueTable,
  playKindTable,
  readDialogueTable,
  readKindTable,
  type Verdict,
} from './labelled.js';

// The same place as the answer fixture's sets (HEARING_EVAL_DIR), so a worktree beside the checkout finds them too.
export const KIND_TABLE = join(SHARED_EVAL_DIR, 'chat2.tsv');
export const DIALOGUE_TABLE = join(SHARED_EVAL_DIR, 'dialogues-dev.tsv');

type Judged = LabelledLine & Verdict;

/** Per group (kind), then `all`: right, wrong answers, total. */
export function byGroup(results: readonly Judged[], groupOf: (r: Judged) => string = (r) => r.group) {
  const groups = [...new Set(results.map(groupOf)), 'all'];
  return groups.map((group) => {
    const mine = results.filter((r) => group === 'all' || groupOf(r) === group);
    return {
      group,
      right: mine.filter((r) => r.ok).length,
      wrong: mine.filter((r) => r.wrong).length,
      total: mine.length,
    };
  });
}

const pct = (n: number, of: number) => `${of ? ((100 * n) / of).toFixed(1) : '0.0'}% (${n}/${of})`;

/** The Markdown report of both sets (empty when the shared sets are not on this machine). */
export async function kindsReport(engine: SearchEngine = loadEngine()): Promise<string> {
  if (!existsSync(KIND_TABLE)) return '';
  const commitments = loadCommitments();
  const chat2 = await playKindTable(readKindTable(KIND_TABLE, '../shared/eval/chat2.tsv'), engine, commitments);
  const out = ['## People, order, sets, the closing, dialect (../shared/eval/chat2.tsv)', ''];
  out.push('| kind | right | wrong first answer |', '|---|---:|---:|');
  for (const g of byGroup(chat2)) out.push(`| ${g.group} | ${pct(g.right, g.total)} | ${pct(g.wrong, g.total)} |`);
  if (existsSync(DIALOGUE_TABLE)) {
    const turns = await playDialogueTable(
      readDialogueTable(DIALOGUE_TABLE, '../shared/eval/dialogues-dev.tsv'),
      engine,
      commitments,
    );
    out.push('', '## Follow-up dialogues (../shared/eval/dialogues-dev.tsv)', '');
    out.push('| dialogue kind | turns right | wrong answers |', '|---|---:|---:|');
    for (const g of byGroup(turns, (r) => r.group.replace(/-\d+$/, '')))
      out.push(`| ${g.group} | ${pct(g.right, g.total)} | ${pct(g.wrong, g.total)} |`);
  }
  return `${out.join('\n')}\n`;
}

async function main() {
  const engine = loadEngine();
  process.stdout.write(await kindsReport(engine));
  if (!process.argv.includes('--failures')) return;
  const commitments = loadCommitments();
  const all = [
    ...(await playKindTable(readKindTable(KIND_TABLE, 'chat2'), engine, commitments)),
    ...(await playDialogueTable(readDialogueTable(DIALOGUE_TABLE, 'dialogues-dev'), engine, commitments)),
  ];
  for (const r of all.filter((x) => !x.ok))
    process.stdout.write(
      `${r.wrong ? 'WRONG' : 'miss '}\t${r.at}\t${r.group}\t${r.text}\t${JSON.stringify(r.label)}\tgot ${r.got}\n`,
    );
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
