// `npm run bench`: retrieval quality on the development questions against three baselines, and speed and memory; writes bench/results.md.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import MiniSearch from 'minisearch';
import { PROJECT_ROOT } from '../src/search/artefacts.js';
import { loadEngine } from '../src/search/engine.js';
import { baselineSearch, charBigrams } from './baselines.js';
import { type QueryCase, readQueryTable } from './query-table.js';

const SHARED_DEV = join(PROJECT_ROOT, '..', 'shared', 'eval', 'dev.tsv');
const TABLES: [string, string][] = [
  existsSync(SHARED_DEV)
    ? ['../shared/eval/dev.tsv', SHARED_DEV]
    : ['tests/fixtures/dev.tsv', join(PROJECT_ROOT, 'tests', 'fixtures', 'dev.tsv')],
  ['tests/fixtures/heldout.tsv', join(PROJECT_ROOT, 'tests', 'fixtures', 'heldout.tsv')],
];
interface Quality {
  top1: number;
  top3: number;
  inScope: number;
  oosAnswered: number;
  oos: number;
}

function quality(cases: QueryCase[], results: string[][]): Quality {
  const q: Quality = { top1: 0, top3: 0, inScope: 0, oosAnswered: 0, oos: 0 };
  cases.forEach((c, i) => {
    const ids = results[i]!;
    if (c.accepted[0] === 'none') {
      q.oos++;
      if (ids.length > 0) q.oosAnswered++;
      return;
    }
    q.inScope++;
    if (c.accepted.includes(ids[0]!)) q.top1++;
    if (ids.slice(0, 3).some((id) => c.accepted.includes(id))) q.top3++;
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

// Quality: this engine and the baselines over the same entries, on each table.
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
const retrievers: [string, (query: string) => string[]][] = [
  ['this engine (jieba + glossary + confidence)', (q) => engine.search(q).map((h) => h.entry.id)],
  [
    'MiniSearch, default tokenizer',
    baselineSearch(engine.entries, MiniSearch.getDefault('tokenize') as (t: string) => string[]),
  ],
  ['MiniSearch, character bigrams', baselineSearch(engine.entries, charBigrams)],
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
    quality(cases, jieba.results.slice(offset, offset + cases.length)),
  ]);
  offset += cases.length;
  const q = rows[0]![1];
  return [
    `${name}: ${cases.length} questions, ${q.inScope} in scope, ${q.oos} out of scope.`,
    '',
    '| retriever | top-1 | top-3 | out-of-scope answered |',
    '|---|---|---|---|',
    ...rows.map(
      ([label, r]) =>
        `| ${label} | ${pct(r.top1, r.inScope)} (${r.top1}/${r.inScope}) | ${pct(r.top3, r.inScope)} (${r.top3}/${r.inScope}) | ${r.oosAnswered} of ${r.oos} |`,
    ),
    '',
  ];
});
const queries = tables[0]!.cases.map((c) => c.query);

// Speed: query latency in this process, start and memory in fresh processes.
const latencies: number[] = [];
for (let round = 0; round < 50; round++) {
  for (const q of queries) {
    const started = performance.now();
    engine.search(q);
    latencies.push(performance.now() - started);
  }
}
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
const hasAsk = spawnSync(process.execPath, [cli, 'ask', '汉融通'], { cwd: PROJECT_ROOT }).status === 0;
const npmAskMs = hasAsk ? timeProcess('npm', ['run', '-s', 'cli', '--', 'ask', '经开区汽车怎么说']) : NaN;
const jiebaCutMs = timeProcess(process.execPath, ['-e', "require('nodejieba').cut('x')"]);

const table = [
  `Measured ${new Date().toISOString().slice(0, 10)}, Node ${process.version}.`,
  '',
  ...qualityTables.flat(),
  '| speed and memory | value |',
  '|---|---|',
  `| engine start, load to ready (median of 5 fresh processes) | ${median(probes.map((p) => p.startMs)).toFixed(1)} ms |`,
  `| module import before that | ${median(probes.map((p) => p.importMs)).toFixed(1)} ms |`,
  `| peak RSS of a one-query process | ${median(probes.map((p) => p.peakRssMb)).toFixed(1)} MB |`,
  `| query latency p50 / p99 (${latencies.length} queries) | ${percentile(latencies, 50).toFixed(3)} ms / ${percentile(latencies, 99).toFixed(3)} ms |`,
  `| whole process: node dist/src/cli.js search --json (median of 5) | ${searchProcessMs.toFixed(0)} ms |`,
  `| whole process: npm run -s cli -- search --json (median of 5) | ${npmSearchMs.toFixed(0)} ms |`,
  `| whole process: npm run -s cli -- ask (median of 5) | ${Number.isNaN(npmAskMs) ? 'n/a (no ask command yet)' : `${npmAskMs.toFixed(0)} ms`} |`,
  `| for comparison: node -e "require('nodejieba').cut('x')" (median of 5) | ${jiebaCutMs.toFixed(0)} ms |`,
  `| for comparison: nodejieba default dictionary load in the baseline child | ${jieba.loadMs.toFixed(0)} ms, ${jieba.rssMb.toFixed(0)} MB RSS |`,
].join('\n');

console.log(table);
writeFileSync(join(PROJECT_ROOT, 'bench', 'results.md'), `# npm run bench\n\n${table}\n`);
