// `npm run bench:scale [-- N…]`: archives of N hearings (the real one and N-1 synthetic, bench/scale-hearings.ts) in temporary folders: index build from scratch and with one hearing added, index size, engine load, RSS, consult and HTTP latency; writes bench/results-scale.md.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DATA_DIR, PROJECT_ROOT } from '../src/paths.js';
import { spawnDoor } from '../tests/bots/http/helpers.js';
import { setMessages } from './answer-sets.js';
import { addSynthetic, syntheticQuestions, writeArchive } from './scale-hearings.js';

const COUNTS = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => Number.isInteger(n) && n > 0);
const counts = COUNTS.length > 0 ? COUNTS : [1, 10, 100];
/** The HTTP door's pace: one request every 5 ms (200 a second), open loop, for this many requests. */
const HTTP_RATE = 200;
const HTTP_REQUESTS = Number(process.env.BENCH_SCALE_HTTP_REQUESTS ?? 2000);

interface Row {
  hearings: number;
  entries: number;
  indexS: number;
  addOneS: number;
  indexMb: number;
  loadMs: number;
  rssMb: number;
  p50: number;
  p99: number;
  max: number;
  httpP50: number;
  httpP99: number;
  httpFailed: number;
}

/** Chat questions: the shared sets' chat messages (about the real hearing) and questions about the synthetic ones. */
const questions = [
  ...setMessages()
    .filter((m) => /^(eval|fixtures)\/chat/.test(m.key))
    .map((m) => m.message),
  ...syntheticQuestions(200),
];

const temp = mkdtempSync(join(tmpdir(), 'hearing-scale-'));
const questionsFile = join(temp, 'questions.json');
writeFileSync(questionsFile, JSON.stringify(questions));

/** A project copy (package.json, dist/, node_modules, data/ of `count` hearings) whose code finds its own data/ and index/. */
function archive(count: number): string {
  const root = join(temp, `n${count}`);
  mkdirSync(root);
  cpSync(join(PROJECT_ROOT, 'package.json'), join(root, 'package.json'));
  cpSync(join(PROJECT_ROOT, 'dist'), join(root, 'dist'), { recursive: true });
  symlinkSync(join(PROJECT_ROOT, 'node_modules'), join(root, 'node_modules'));
  writeArchive(join(root, 'data'), DATA_DIR, count);
  return root;
}

function seconds(run: () => void): number {
  const t = performance.now();
  run();
  return (performance.now() - t) / 1000;
}

const index = (root: string) =>
  execFileSync(process.execPath, [join(root, 'dist', 'src', 'index-build', 'main.js')], { cwd: root, stdio: 'pipe' });

function sizeOf(dir: string): number {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile())
    .reduce((s, d) => s + statSync(join(d.parentPath, d.name)).size, 0);
}

async function http(root: string): Promise<{ p50: number; p99: number; failed: number }> {
  const door = await spawnDoor(join(root, 'dist', 'bots', 'http.js'), { HEARING_API_RATE_PER_MIN: '100000000' });
  try {
    const latencies: number[] = [];
    let failed = 0;
    const one = async (q: string) => {
      const t = performance.now();
      try {
        const response = await fetch(`${door.url}/api/search?q=${encodeURIComponent(q)}`);
        await response.arrayBuffer();
        if (response.status !== 200) failed++;
      } catch {
        failed++;
      }
      latencies.push(performance.now() - t);
    };
    // Warm-up, not counted: every question once, as the consult probe does, so the timed requests measure the door in
    // its steady state, not the first sight of each question's words (terms' postings, texts, misheard-word index).
    for (const q of questions) await one(q);
    latencies.length = 0;
    const started = performance.now();
    const pending: Promise<void>[] = [];
    for (let i = 0; i < HTTP_REQUESTS; i++) {
      // Open loop: each request leaves at its time, whether or not the earlier ones have come back.
      const due = started + (i * 1000) / HTTP_RATE;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      pending.push(one(questions[i % questions.length]!));
    }
    await Promise.all(pending);
    latencies.sort((a, b) => a - b);
    const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0;
    return { p50: at(0.5), p99: at(0.99), failed };
  } finally {
    await door.stop();
  }
}

/** The machine's load average (1 minute) when each archive was measured: a shared machine's numbers need it. */
const loads: number[] = [];
const rows: Row[] = [];
try {
  for (const count of counts) {
    const root = archive(count);
    const indexS = seconds(() => index(root));
    const indexMb = sizeOf(join(root, 'index')) / 2 ** 20;
    const probe = JSON.parse(
      execFileSync(
        process.execPath,
        ['--expose-gc', '--import', 'tsx', join(PROJECT_ROOT, 'bench', 'scale-probe.ts'), root, questionsFile],
        {
          cwd: PROJECT_ROOT,
          encoding: 'utf8',
        },
      ),
    ) as { entries: number; loadMs: number; rssMb: number; p50: number; p99: number; max: number };
    const door = await http(root);
    addSynthetic(join(root, 'data'), count - 1);
    const addOneS = seconds(() => index(root));
    const row: Row = {
      hearings: count,
      ...probe,
      indexS,
      addOneS,
      indexMb,
      httpP50: door.p50,
      httpP99: door.p99,
      httpFailed: door.failed,
    };
    rows.push(row);
    loads.push(loadavg()[0]!);
    console.log(JSON.stringify(row));
    rmSync(root, { recursive: true, force: true });
  }
} finally {
  rmSync(temp, { recursive: true, force: true });
}

const ms = (n: number) => `${n < 1 ? n.toFixed(2) : n.toFixed(1)} ms`;
const table = [
  '# Scale bench (`npm run bench:scale`)',
  '',
  `Archives of the real hearing plus synthetic ones (bench/scale-hearings.ts: ${counts.join(', ')} hearings, then one ` +
    'more added), built with the compiled `npm run index` in a temporary project copy. Consult: ' +
    `${questions.length} chat-style questions (the chat sets' messages and questions about the synthetic subjects), ` +
    `three timed rounds after a warm-up. HTTP: GET /api/search on 127.0.0.1, ${HTTP_REQUESTS} requests at ` +
    `${HTTP_RATE}/s, open loop, after each question once as a warm-up. Machine: ${process.platform} ${process.arch}, Node ${process.version}, shared 2 cores.`,
  '',
  `Load average (1 min, 2 cores) after each archive: ${loads.map((l) => l.toFixed(1)).join(', ')}; above 2 every ` +
    'process waits for a core, which the HTTP door (open loop: requests keep arriving) shows most.',
  '',
  '| hearings | entries | index from scratch | add one hearing | index on disk | engine load | RSS after load | consult p50 | consult p99 | consult max | HTTP p50 | HTTP p99 | HTTP failed |',
  '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ...rows.map(
    (r) =>
      `| ${r.hearings} | ${r.entries} | ${r.indexS.toFixed(1)} s | ${r.addOneS.toFixed(1)} s | ${r.indexMb.toFixed(1)} MB | ` +
      `${r.loadMs.toFixed(0)} ms | ${r.rssMb.toFixed(0)} MB | ${ms(r.p50)} | ${ms(r.p99)} | ${ms(r.max)} | ` +
      `${ms(r.httpP50)} | ${ms(r.httpP99)} | ${r.httpFailed} |`,
  ),
];
writeFileSync(join(PROJECT_ROOT, 'bench', 'results-scale.md'), `${table.join('\n')}\n`);
console.log(table.join('\n'));
