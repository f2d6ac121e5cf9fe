// `npm run index`: rebuilds index/ from data/ (transcripts and glossary).
import { DATA_DIR, INDEX_DIR } from './search/artefacts.js';
import { buildIndex } from './search/build.js';

const indexDir = process.argv[2] ?? INDEX_DIR;
try {
  const report = buildIndex(DATA_DIR, indexDir);
  for (const warning of report.warnings) console.warn(warning);
  console.log(`index: ${report.hearings} hearing(s), ${report.entries} entries written to ${indexDir}`);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
