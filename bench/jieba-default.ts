// Benchmark child: the baseline MiniSearch over nodejieba with its full default dictionary (needs its own process).
import { readFileSync } from 'node:fs';
import nodejieba from 'nodejieba';
import { INDEX_DIR } from '../src/paths.js';
import { entriesOf } from '../src/search/documents.js';
import { artefactPaths, HearingsFileSchema } from '../src/search/index-files.js';
import { baselineSearch } from './baselines.js';

const hearings = HearingsFileSchema.parse(JSON.parse(readFileSync(artefactPaths(INDEX_DIR).hearings, 'utf8')));
const started = performance.now();
nodejieba.load();
nodejieba.cut('x', true);
const loadMs = performance.now() - started;
const search = baselineSearch(entriesOf(hearings), (text) =>
  nodejieba.cut(text, true).filter((t) => /[\p{L}\p{N}]/u.test(t)),
);
const queries: string[] = JSON.parse(readFileSync(0, 'utf8'));
process.stdout.write(JSON.stringify({ loadMs, rssMb: process.memoryUsage().rss / 1e6, results: queries.map(search) }));
