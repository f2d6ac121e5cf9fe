// Import accuracy on the import fixtures (tests/import/fixtures) and the project's own transcript: pairs, askers and
// bodies read right. Part of `npm run bench`; `npx tsx bench/import-accuracy.ts` prints the section alone.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseTranscript } from '../src/hearing/parse.js';
import { ImportError } from '../src/import/errors.js';
import { recognise } from '../src/import/recognise.js';
import { DATA_DIR } from '../src/paths.js';
import { BODIES, CASES, type ExpectedPair, fixture } from '../tests/import/expected.js';

/** How many of a record's expected pairs were read right, by what a person checks. */
export interface ImportScore {
  file: string;
  expected: number;
  /** Pairs read in all: more than expected means pairs made up from other paragraphs. */
  read: number;
  /** The n-th pair read has the expected question and answer. */
  pairs: number;
  /** ... and the expected asker (name and title). */
  askers: number;
  /** ... and the expected body and answering person. */
  bodies: number;
}

/** Scores every fixture, and the project's transcript (expected: what the transcript parser reads from it). */
export function importScores(): ImportScore[] {
  const scores = CASES.map((c) => score(c.file, readFileSync(fixture(c.file), 'utf8'), c.pairs));
  const own = 'digital-economy-2023-09-13.txt';
  const text = readFileSync(join(DATA_DIR, 'hearings', own), 'utf8');
  const parsed = parseTranscript(text, own, { date: '2023-09-13' }).items.map(
    (i): ExpectedPair => [i.asker.name, i.asker.title, i.body, null, i.question, i.answer.join('')],
  );
  return [...scores, score(own, text, parsed)];
}

function score(file: string, text: string, expected: readonly ExpectedPair[]): ImportScore {
  let items: ReturnType<typeof recognise>['items'] = [];
  try {
    items = recognise(text, BODIES, file).items;
  } catch (error) {
    if (!(error instanceof ImportError)) throw error;
  }
  const result: ImportScore = { file, expected: expected.length, read: items.length, pairs: 0, askers: 0, bodies: 0 };
  for (const [i, [asker, title, body, answerer, question, answer]] of expected.entries()) {
    const item = items[i];
    if (!item?.question.join('').includes(question) || !item.answer.join('').includes(answer)) continue;
    result.pairs++;
    if (item.asker.name === asker && item.asker.title === title) result.askers++;
    if (item.body === body && item.answerer === answerer) result.bodies++;
  }
  return result;
}

/** The bench section: one row per record and a total. */
export function importAccuracyReport(scores = importScores()): string {
  const sum = (key: keyof Omit<ImportScore, 'file'>) => scores.reduce((n, s) => n + s[key], 0);
  const row = (name: string, s: Omit<ImportScore, 'file'>) =>
    `| ${name} | ${s.pairs}/${s.expected} | ${s.askers}/${s.expected} | ${s.bodies}/${s.expected} | ${s.read - s.pairs} |`;
  return [
    '| record | pairs right | askers right | bodies right | pairs read wrongly or extra |',
    '|---|---|---|---|---|',
    ...scores.map((s) => row(s.file, s)),
    row('**all**', {
      expected: sum('expected'),
      read: sum('read'),
      pairs: sum('pairs'),
      askers: sum('askers'),
      bodies: sum('bodies'),
    }),
  ].join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) console.log(importAccuracyReport());
