// chat2.tsv and everyday.tsv by kind, dialogues-dev.tsv by dialogue kind: `npx tsx bench/kinds.ts [--failures]`.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadCommitments } from '../src/commitments/load.js';
import { PROJECT_ROOT } from '../src/paths.js';
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
/** Everyday wording written blind from the transcript (in the repository, so it is scored on every machine). */
export const EVERYDAY_TABLE = join(PROJECT_ROOT, 'tests', 'fixtures', 'everyday.tsv');

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

/** The Markdown report of the sets (the shared ones only when they are on this machine). */
export async function kindsReport(engine: SearchEngine = loadEngine()): Promise<string> {
  const commitments = loadCommitments();
  const out: string[] = [];
  if (existsSync(KIND_TABLE)) {
    const chat2 = await playKindTable(readKindTable(KIND_TABLE, '../shared/eval/chat2.tsv'), engine, commitments);
    out.push(...kindSection('People, order, sets, the closing, dialect (../shared/eval/chat2.tsv)', chat2));
  }
  if (existsSync(DIALOGUE_TABLE)) {
    const turns = await playDialogueTable(
      readDialogueTable(DIALOGUE_TABLE, '../shared/eval/dialogues-dev.tsv'),
      engine,
      commitments,
    );
    out.push('## Follow-up dialogues (../shared/eval/dialogues-dev.tsv)', '');
    out.push('| dialogue kind | turns right | wrong answers |', '|---|---:|---:|');
    for (const g of byGroup(turns, (r) => r.group.replace(/-\d+$/, '')))
      out.push(`| ${g.group} | ${pct(g.right, g.total)} | ${pct(g.wrong, g.total)} |`);
    out.push('');
  }
  const everyday = await playKindTable(
    readKindTable(EVERYDAY_TABLE, 'tests/fixtures/everyday.tsv'),
    engine,
    commitments,
  );
  out.push(...kindSection('Everyday wording (tests/fixtures/everyday.tsv, written blind)', everyday));
  return `${out.join('\n').trimEnd()}\n`;
}

/** One kind table's section: right and wrong first answers per kind, then all. */
function kindSection(title: string, results: readonly Judged[]): string[] {
  const out = [`## ${title}`, '', '| kind | right | wrong first answer |', '|---|---:|---:|'];
  for (const g of byGroup(results)) out.push(`| ${g.group} | ${pct(g.right, g.total)} | ${pct(g.wrong, g.total)} |`);
  return [...out, ''];
}

async function main() {
  const engine = loadEngine();
  process.stdout.write(await kindsReport(engine));
  if (!process.argv.includes('--failures')) return;
  const commitments = loadCommitments();
  const all = [
    ...(existsSync(KIND_TABLE) ? await playKindTable(readKindTable(KIND_TABLE, 'chat2'), engine, commitments) : []),
    ...(existsSync(DIALOGUE_TABLE)
      ? await playDialogueTable(readDialogueTable(DIALOGUE_TABLE, 'dialogues-dev'), engine, commitments)
      : []),
    ...(await playKindTable(readKindTable(EVERYDAY_TABLE, 'everyday'), engine, commitments)),
  ];
  for (const r of all.filter((x) => !x.ok))
    process.stdout.write(
      `${r.wrong ? 'WRONG' : 'miss '}\t${r.at}\t${r.group}\t${r.text}\t${JSON.stringify(r.label)}\tgot ${r.got}\n`,
    );
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
