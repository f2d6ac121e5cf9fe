// `npm run index [-- <index dir> [<data dir>]]`: rebuilds index/ from data/ (transcripts, glossary, pins), swapped in whole.
import { messageOf } from '../errors.js';
import { DATA_DIR, INDEX_DIR } from '../paths.js';
import { buildIndex } from './build.js';

const [indexDir = INDEX_DIR, dataDir = DATA_DIR] = process.argv.slice(2);
try {
  const report = buildIndex(dataDir, indexDir);
  for (const warning of report.warnings) console.warn(warning);
  const pinned = report.pins > 0 ? `, ${report.pins} pinned question(s)` : '';
  console.log(`index: ${report.hearings} hearing(s), ${report.entries} entries${pinned} written to ${indexDir}`);
} catch (error) {
  console.error(`${messageOf(error)}\nindex: nothing was changed in ${indexDir}`);
  process.exit(1);
}
