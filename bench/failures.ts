// Diagnostic (`npx tsx bench/failures.ts <table.tsv>…`): each line of a query table the engine does not answer right, with how it read it.
import { loadEngine } from '../src/search/engine.js';
import { readQueryTable } from './query-table.js';

const engine = loadEngine();
for (const file of process.argv.slice(2)) {
  const counts = { top1: 0, guessed: 0, inScope: 0, wrong: 0, oos: 0, oosAnswered: 0, oosGuessed: 0 };
  for (const c of readQueryTable(file)) {
    const { answers, guesses } = engine.consult(c.query);
    const ids = (hits: typeof answers) => hits.map((h) => `${h.entry.id}(${h.coverage})`).join(' ');
    const reading = engine.read(c.query);
    const read = [
      ...reading.references.map((r) => `@${r.text}=${r.people.map((p) => p.name).join('/')}`),
      ...reading.corrections.map((k) => `~${k.from}>${k.to}`),
      ...[...reading.bodies].map((b) => `#${b}`),
      ...reading.groups.map((g) => `${g.word}:${g.weight.toFixed(1)}${g.terms.length ? '' : '?'}`),
    ].join(' ');
    const line = `${c.query}  want ${c.accepted}  → [${ids(answers)}] guesses [${ids(guesses)}]  ${read}`;
    if (c.accepted[0] === 'none') {
      counts.oos++;
      if (answers.length) counts.oosAnswered++;
      else if (guesses.length) counts.oosGuessed++;
      if (answers.length || guesses.length) console.log(`OOS    ${line}`);
      continue;
    }
    counts.inScope++;
    const first = answers[0]?.entry.id;
    if (first && c.accepted.includes(first)) counts.top1++;
    else if (first) {
      counts.wrong++;
      console.log(`WRONG  ${line}`);
    } else if (guesses.slice(0, 3).some((h) => c.accepted.includes(h.entry.id))) {
      counts.guessed++;
      console.log(`GUESS  ${line}`);
    } else console.log(`MISS   ${line}`);
  }
  console.log(file, JSON.stringify(counts));
}
