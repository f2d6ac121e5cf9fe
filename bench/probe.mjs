// Benchmark child: one fresh process that loads the compiled engine, answers one query, and reports start time and peak RSS.
const started = performance.now();
const { loadEngine } = await import('../dist/src/search/engine.js');
const imported = performance.now();
const engine = loadEngine();
const ready = performance.now();
engine.consult(process.argv[2] ?? '经开区汽车怎么说');
const answered = performance.now();
process.stdout.write(
  JSON.stringify({
    importMs: imported - started,
    startMs: ready - imported,
    firstQueryMs: answered - ready,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  }),
);
