// Diagnostic: every line of a query table the engine gets wrong or leaves silent, with what it returned instead.

import { loadEngine } from '../src/search/engine.js';
import { readQueryTable } from './query-table.js';

const engine = loadEngine();
for (const file of process.argv.slice(2)) {
  const cases = readQueryTable(file);
  let top1 = 0,
    inScope = 0,
    wrong = 0,
    oos = 0,
    oosAnswered = 0;
  for (const c of cases) {
    const ids = engine.search(c.query).map((h) => h.entry.id);
    if (c.accepted[0] === 'none') {
      oos++;
      if (ids.length) {
        oosAnswered++;
        console.log(`OOS  ${c.query}  → ${ids.join(',')}`);
      }
      continue;
    }
    inScope++;
    if (c.accepted.includes(ids[0]!)) top1++;
    else if (ids.length) {
      wrong++;
      console.log(`WRONG ${c.query}  want ${c.accepted} → ${ids.join(',')}`);
    } else
      console.log(
        `SILENT ${c.query}  want ${c.accepted}  words ${engine
          .explain(c.query)
          .groups.map((g) => `${g.word}:${g.weight.toFixed(1)}${g.terms.length ? '' : '?'}`)
          .join(' ')}`,
      );
  }
  console.log(`${file}: top1 ${top1}/${inScope}, wrong ${wrong}, oos answered ${oosAnswered}/${oos}`);
}
