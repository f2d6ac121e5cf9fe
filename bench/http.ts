// `npm run bench:http`: a bounded loopback load test of GET /api/search, against one `npm run http` process (state in
// memory) and against two processes sharing one redis-server (requests alternate, as behind a load balancer).
// Prints requests per second and latency percentiles as a Markdown table; nothing leaves 127.0.0.1.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../src/paths.js';
import { type DoorProcess, spawnDoor, startRedis } from '../tests/bots/http/helpers.js';
import { readQueryTable } from './query-table.js';

const SCRIPT = join(PROJECT_ROOT, 'dist', 'bots', 'http.js');
/** Requests per scenario, workers sending them, and a time budget that ends a scenario early on a slow machine. */
const REQUESTS = Number(process.env.BENCH_HTTP_REQUESTS ?? 4000);
const CONCURRENCY = Number(process.env.BENCH_HTTP_CONCURRENCY ?? 16);
const BUDGET_MS = 60_000;
const WARMUP = 200;
/** The limiter stays on (its store is part of the cost) but never refuses. */
const RATE = '100000000';

interface Result {
  scenario: string;
  requests: number;
  failures: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
  max: number;
}

const queries = readQueryTable(join(PROJECT_ROOT, 'tests', 'fixtures', 'dev.tsv')).map((c) => c.query);

async function load(scenario: string, doors: readonly string[], requests: number): Promise<Result> {
  const latencies: number[] = [];
  let failures = 0;
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    for (let i = next++; i < requests && performance.now() - started < BUDGET_MS; i = next++) {
      const door = doors[i % doors.length]!;
      const q = queries[i % queries.length]!;
      const t = performance.now();
      try {
        const response = await fetch(`${door}/api/search?q=${encodeURIComponent(q)}`);
        const body = (await response.json()) as { results?: unknown };
        if (response.status !== 200 || !Array.isArray(body.results)) failures++;
      } catch {
        failures++;
      }
      latencies.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0;
  return {
    scenario,
    requests: latencies.length,
    failures,
    seconds,
    perSecond: latencies.length / seconds,
    p50: at(0.5),
    p99: at(0.99),
    max: latencies[latencies.length - 1] ?? 0,
  };
}

async function scenario(name: string, doors: readonly DoorProcess[]): Promise<Result> {
  const urls = doors.map((d) => d.url);
  await load('warm-up', urls, WARMUP);
  return load(name, urls, REQUESTS);
}

async function main(): Promise<void> {
  if (!existsSync(SCRIPT)) throw new Error(`${SCRIPT} is missing: run npm run build (npm run bench:http does)`);
  const env = { HEARING_API_RATE_PER_MIN: RATE };
  const results: Result[] = [];
  const one = await spawnDoor(SCRIPT, env);
  try {
    results.push(await scenario('one process, state in memory', [one]));
  } finally {
    await one.stop();
  }
  const redis = await startRedis();
  const doors: DoorProcess[] = [];
  try {
    doors.push(...(await Promise.all([1, 2].map(() => spawnDoor(SCRIPT, { ...env, HEARING_REDIS_URL: redis.url })))));
    results.push(await scenario('two processes, one Redis (alternating)', doors));
  } finally {
    await Promise.all(doors.map((d) => d.stop()));
    await redis.stop();
  }
  const ms = (n: number) => `${n.toFixed(1)} ms`;
  console.log(
    `GET /api/search on 127.0.0.1, ${queries.length} questions from tests/fixtures/dev.tsv in turn, ` +
      `${CONCURRENCY} concurrent keep-alive clients in one Node process, per-address limit on (never reached).\n`,
  );
  console.log('| scenario | requests | failed | requests/s | p50 | p99 | max |');
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  for (const r of results) {
    console.log(
      `| ${r.scenario} | ${r.requests} | ${r.failures} | ${r.perSecond.toFixed(0)} | ${ms(r.p50)} | ${ms(r.p99)} | ${ms(r.max)} |`,
    );
  }
  if (results.some((r) => r.failures > 0)) process.exitCode = 1;
}

await main();
