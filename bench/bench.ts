// `npm run bench`: retrieval quality on the query tables against three baselines, speed and memory, commitment extraction; writes bench/results.md.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import MiniSearch from 'minisearch';
import { loadCommitments } from '../src/commitments/load.js';
import { PROJECT_ROOT } from '../src/paths.js';
import { loadEngine } from '../src/search/engine.js';
import { SHARED_EVAL_DIR } from './answer-sets.js';
import { baselineSearch, charBigrams } from './baselines.js';
import { extractionReport, readLabelled, scoreExtraction } from './commitments.js';
import { readDialogues } from './dialogue-table.js';
import { DIALOGUES_FILE, report as followUpReport, playAll, score } from './followups.js';
import { importAccuracyReport } from './import-accuracy.js';
import { kindsReport } from './kinds.js';
import { loggingCost } from './logging.js';
import { type QueryCase, readQueryTable } from './query-table.js';

/** The shared evaluation copy when it is there (the team's machine), else the copy under tests/fixtures. */
const table = (name: string, fixture = name): [string, string] => {
  const shared = join(SHARED_EVAL_DIR, name);
  return existsSync(shared)
    ? [`../shared/eval/${name}`, shared]
    : [`tests/fixtures/${fixture}`, join(PROJECT_ROOT, 'tests', 'fixtures', fixture)];
};
const TABLES: [string, string][] = [
  table('dev.tsv'),
  table('chat.tsv'),
  ['tests/fixtures/heldout.tsv', join(PROJECT_ROOT, 'tests', 'fixtures', 'heldout.tsv')],
];

/** What a retriever returned for one question: the answers it would show, then the guesses it would offer. */
interface Returned {
  answers: string[];
  guesses: string[];
}

interface Quality {
  inScope: number;
  /** The first answer is an accepted id. */
  top1: number;
  /** An accepted id is the first answer or, with no answer, among the first three guesses. */
  answerOrGuess: number;
  /** In scope, but the first answer is not an accepted id. */
  wrong: number;
  oos: number;
  oosAnswered: number;
  oosGuessed: number;
}

function quality(cases: QueryCase[], results: Returned[]): Quality {
  const q: Quality = { inScope: 0, top1: 0, answerOrGuess: 0, wrong: 0, oos: 0, oosAnswered: 0, oosGuessed: 0 };
  cases.forEach((c, i) => {
    const { answers, guesses } = results[i]!;
    if (c.accepted[0] === 'none') {
      q.oos++;
      if (answers.length > 0) q.oosAnswered++;
      else if (guesses.length > 0) q.oosGuessed++;
      return;
    }
    q.inScope++;
    const first = answers[0];
    if (first !== undefined && c.accepted.includes(first)) q.top1++;
    if (first !== undefined && !c.accepted.includes(first)) q.wrong++;
    const offered = first !== undefined ? [first] : guesses.slice(0, 3);
    if (offered.some((id) => c.accepted.includes(id))) q.answerOrGuess++;
  });
  return q;
}

const pct = (n: number, d: number) => `${((100 * n) / d).toFixed(1)}%`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

function timeProcess(command: string, args: string[], runs = 5): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const run = spawnSync(command, args, { cwd: PROJECT_ROOT, encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`bench: ${command} ${args.join(' ')} failed: ${run.stderr}`);
    times.push(performance.now() - started);
  }
  return median(times);
}

// Quality: this engine and the baselines over the same entries, on each table. A baseline has no confidence tiers:
// everything it returns counts as an answer, so its top-3 stands in the answer-or-guess column.
const engine = loadEngine();
const tables = TABLES.map(([name, file]) => ({ name, cases: readQueryTable(file) }));
const allQueries = tables.flatMap((t) => t.cases.map((c) => c.query));
const jieba = JSON.parse(
  execFileSync(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'bench', 'jieba-default.ts')], {
    cwd: PROJECT_ROOT,
    input: JSON.stringify(allQueries),
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  }),
) as { loadMs: number; rssMb: number; results: string[][] };
const asAnswers = (search: (query: string) => string[]) => (query: string) => ({
  answers: search(query),
  guesses: [],
});
const retrievers: [string, (query: string) => Returned][] = [
  [
    'this engine (answers, then guesses)',
    (q) => {
      const { answers, guesses } = engine.consult(q);
      return { answers: answers.map((h) => h.entry.id), guesses: guesses.map((h) => h.entry.id) };
    },
  ],
  [
    'MiniSearch, default tokenizer',
    asAnswers(baselineSearch(engine.entries, MiniSearch.getDefault('tokenize') as (t: string) => string[])),
  ],
  ['MiniSearch, character bigrams', asAnswers(baselineSearch(engine.entries, charBigrams))],
];
let offset = 0;
const qualityTables = tables.map(({ name, cases }) => {
  const rows: [string, Quality][] = retrievers.map(([label, search]) => [
    label,
    quality(
      cases,
      cases.map((c) => search(c.query)),
    ),
  ]);
  rows.push([
    'MiniSearch, nodejieba default dictionary',
    quality(
      cases,
      jieba.results.slice(offset, offset + cases.length).map((answers) => ({ answers, guesses: [] })),
    ),
  ]);
  offset += cases.length;
  const q = rows[0]![1];
  return [
    `${name}: ${cases.length} questions, ${q.inScope} in scope, ${q.oos} out of scope.`,
    '',
    '| retriever | top-1 | answer or first 3 guesses | wrong first answer | out of scope: answered / guessed |',
    '|---|---|---|---|---|',
    ...rows.map(
      ([label, r]) =>
        `| ${label} | ${pct(r.top1, r.inScope)} (${r.top1}/${r.inScope}) | ` +
        `${pct(r.answerOrGuess, r.inScope)} (${r.answerOrGuess}/${r.inScope}) | ${pct(r.wrong, r.inScope)} (${r.wrong}) | ` +
        `${r.oosAnswered} / ${r.oosGuessed} of ${r.oos} |`,
    ),
    '',
  ];
});

// Speed: query latency in this process on every table's questions and on long noise; start and memory in fresh processes.
// The engine answers for hours in a bot, so it is measured warm: the JIT compiles during untimed rounds first. Each
// question is then timed in every round; besides the percentiles of all timings, the percentiles of each question's
// median over the rounds are reported, which a busy shared machine disturbs less.
const WARM_UP_ROUNDS = 10;
const latency = (queries: string[], rounds: number): { all: number[]; medians: number[] } => {
  for (let round = 0; round < WARM_UP_ROUNDS; round++) for (const q of queries) engine.consult(q);
  const times = queries.map((): number[] => []);
  for (let round = 0; round < rounds; round++) {
    queries.forEach((q, i) => {
      const started = performance.now();
      engine.consult(q);
      times[i]!.push(performance.now() - started);
    });
  }
  return { all: times.flat(), medians: times.map(median) };
};
const noise = Array.from({ length: 40 }, (_, i) => noiseMessage(30_000, i + 1));
const real = latency(allQueries, 20);
const noisy = latency(noise, 50);
const probes = Array.from(
  { length: 5 },
  () =>
    JSON.parse(
      execFileSync(process.execPath, [join(PROJECT_ROOT, 'bench', 'probe.mjs')], {
        cwd: PROJECT_ROOT,
        encoding: 'utf8',
      }),
    ) as { startMs: number; importMs: number; peakRssMb: number },
);
const cli = join(PROJECT_ROOT, 'dist', 'src', 'cli.js');
const searchProcessMs = timeProcess(process.execPath, [cli, 'search', '--json', '经开区汽车怎么说']);
const npmSearchMs = timeProcess('npm', ['run', '-s', 'cli', '--', 'search', '--json', '经开区汽车怎么说']);
const npmAskMs = timeProcess('npm', ['run', '-s', 'cli', '--', 'ask', '经开区汽车怎么说']);
const jiebaCutMs = timeProcess(process.execPath, ['-e', "require('nodejieba').cut('x')"]);
const logging = await loggingCost(engine);
const p = (xs: number[]) => `${percentile(xs, 50).toFixed(3)} ms / ${percentile(xs, 99).toFixed(3)} ms`;

// Each dialogue is played through the real conversation, turn by turn, with the engine loaded above.
const followUps = await playAll(readDialogues(DIALOGUES_FILE), engine);
// chat2.tsv and the blind everyday.tsv by kind, and the follow-up dialogues (dialogues-dev.tsv).
const kinds = await kindsReport(engine);

const report = [
  `Measured ${new Date().toISOString().slice(0, 10)}, Node ${process.version}.`,
  '',
  ...qualityTables.flat(),
  '| speed and memory | value |',
  '|---|---|',
  `| engine start, load to ready (median of 5 fresh processes) | ${median(probes.map((p) => p.startMs)).toFixed(1)} ms |`,
  `| module import before that | ${median(probes.map((p) => p.importMs)).toFixed(1)} ms |`,
  `| peak RSS of a one-query process | ${median(probes.map((p) => p.peakRssMb)).toFixed(1)} MB |`,
  `| consult() p50 / p99 on the tables' questions, warm (${real.all.length} timings) | ${p(real.all)} |`,
  `| the same, each question's median of 20 runs (${real.medians.length} questions) | ${p(real.medians)} |`,
  `| consult() p50 / p99 on 30 KB noise, warm (${noisy.all.length} timings) | ${p(noisy.all)} |`,
  `| the same, each message's median of 50 runs (${noisy.medians.length} messages) | ${p(noisy.medians)} |`,
  `| whole process: node dist/src/cli.js search --json (median of 5) | ${searchProcessMs.toFixed(0)} ms |`,
  `| whole process: npm run -s cli -- search --json (median of 5) | ${npmSearchMs.toFixed(0)} ms |`,
  `| whole process: npm run -s cli -- ask (median of 5) | ${npmAskMs.toFixed(0)} ms |`,
  `| answer log: record() per reply, one line appended to a file (median of 20 × 500) | ${(logging.recordUs / 1000).toFixed(3)} ms |`,
  `| for comparison: node -e "require('nodejieba').cut('x')" (median of 5) | ${jiebaCutMs.toFixed(0)} ms |`,
  `| for comparison: nodejieba default dictionary load in the baseline child | ${jieba.loadMs.toFixed(0)} ms, ${jieba.rssMb.toFixed(0)} MB RSS |`,
  '',
  '## Follow-ups (tests/fixtures/dialogues.tsv)',
  '',
  followUpReport(score(followUps), followUps),
  '',
  kinds,
  '## Commitments extracted (against the hand-labelled table)',
  '',
  extractionReport(scoreExtraction(loadCommitments(), readLabelled())),
  '## Import accuracy (tests/import/fixtures, and the project transcript read back)',
  '',
  importAccuracyReport(),
].join('\n');

console.log(report);
const resultsFile = join(PROJECT_ROOT, 'bench', 'results.md');
writeFileSync(resultsFile, `# npm run bench\n\n${report}\n`);
// Aligned as the formatter wants it, so `npm test` (biome ci) passes after a bench run.
spawnSync(join(PROJECT_ROOT, 'node_modules', '.bin', 'biome'), ['format', '--write', resultsFile], { stdio: 'ignore' });

/** A reproducible message of `length` characters mixing CJK, Latin, digits, punctuation and emoji. */
function noiseMessage(length: number, seed: number): string {
  let state = seed;
  const next = () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state;
  };
  const ranges: [number, number][] = [
    [0x4e00, 0x9fff],
    [0x4e00, 0x9fff],
    [0x61, 0x7a],
    [0x30, 0x39],
    [0x3000, 0x303f],
    [0x1f300, 0x1faff],
  ];
  let text = '';
  while (text.length < length) {
    const [from, to] = ranges[next() % ranges.length]!;
    text += String.fromCodePoint(from + (next() % (to - from + 1)));
  }
  return text;
}
