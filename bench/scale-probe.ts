// One archive's engine, measured in a fresh process (`tsx bench/scale-probe.ts <root> <questions.json>`): load time, RSS after load, consult latencies; prints JSON.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [root = '', questionsFile = ''] = process.argv.slice(2);
const questions = JSON.parse(readFileSync(questionsFile, 'utf8')) as string[];
// The compiled engine of the archive's own copy of dist/, so its PROJECT_ROOT is the archive.
const { loadEngine } = (await import(pathToFileURL(join(root, 'dist', 'src', 'search', 'engine.js')).href)) as {
  loadEngine: () => { entries: readonly unknown[]; consult: (q: string) => unknown };
};
const started = performance.now();
const engine = loadEngine();
const loadMs = performance.now() - started;
global.gc?.();
const rssMb = process.memoryUsage().rss / 2 ** 20;
// Warm up once over every question (the first call of each code path compiles it), then time three rounds.
for (const q of questions) engine.consult(q);
const latencies: number[] = [];
for (let round = 0; round < 3; round++) {
  for (const q of questions) {
    const t = performance.now();
    engine.consult(q);
    latencies.push(performance.now() - t);
  }
}
latencies.sort((a, b) => a - b);
const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0;
console.log(
  JSON.stringify({
    entries: engine.entries.length,
    loadMs,
    rssMb,
    p50: at(0.5),
    p99: at(0.99),
    max: latencies[latencies.length - 1] ?? 0,
    consults: latencies.length,
  }),
);
