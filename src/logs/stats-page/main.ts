// `npm run stats-page`: writes dist/stats.html from the answer and misses logs and the built index.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { followUps, todayOf } from '../../commitments/follow-up.js';
import { ledgerPath, readLedger } from '../../commitments/ledger.js';
import { loadCommitments } from '../../commitments/load.js';
import { messageOf } from '../../errors.js';
import { PROJECT_ROOT } from '../../paths.js';
import { loadEngine } from '../../search/engine.js';
import { readAnswers } from '../answers.js';
import { answerLogPathFromEnv, missesPathFromEnv } from '../env.js';
import { itemFacts } from '../items.js';
import { readMisses } from '../misses.js';
import { type Period, parseDay, within } from '../period.js';
import { answerStats } from '../stats.js';
import { missTopics, topicWords } from '../topics.js';
import { statsPageData } from './model.js';
import { statsPageHtml } from './page.js';

const USAGE = 'usage: npm run stats-page -- [--out DIR] [--since YYYY-MM-DD] [--until YYYY-MM-DD]';

/**
 * Writes `<out>/stats.html` and resolves to its path.
 * @example await writeStatsPage({ outDir: 'dist', env: process.env })
 */
export async function writeStatsPage(options: {
  outDir: string;
  env: Record<string, string | undefined>;
  period?: Period;
  now?: Date;
}): Promise<{ path: string; bytes: number }> {
  const period = options.period ?? {};
  const engine = loadEngine();
  const answersPath = answerLogPathFromEnv(options.env);
  const missesPath = missesPathFromEnv(options.env);
  const answers = answersPath === null ? [] : await readAnswers(answersPath);
  const misses = (missesPath === null ? [] : await readMisses(missesPath)).filter((m) => within(period, m.time));
  const facts = itemFacts(engine);
  const title = engine.hearings.length === 1 ? engine.hearings[0]!.title : `${engine.hearings.length}场专题询问`;
  const data = statsPageData({
    title,
    stats: answerStats(answers, facts, period),
    facts,
    topics: missTopics(misses, topicWords(engine)),
    misses: misses.length,
    now: options.now ?? new Date(),
    followUps: followUps(loadCommitments(), readLedger(ledgerPath(options.env)), todayOf(options.env, options.now)),
  });
  const html = await statsPageHtml(data);
  mkdirSync(options.outDir, { recursive: true });
  const path = join(options.outDir, 'stats.html');
  writeFileSync(path, html);
  return { path, bytes: Buffer.byteLength(html) };
}

async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: { out: { type: 'string' }, since: { type: 'string' }, until: { type: 'string' } },
    strict: true,
  });
  const period: Period = {};
  if (values.since) period.since = parseDay('--since', values.since);
  if (values.until) period.until = parseDay('--until', values.until);
  const written = await writeStatsPage({ outDir: values.out ?? join(PROJECT_ROOT, 'dist'), env: process.env, period });
  console.log(`wrote ${written.path} (${(written.bytes / 1024).toFixed(1)} KiB)`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).catch((error) => {
    console.error(`${messageOf(error)}\n${USAGE}`);
    process.exitCode = 1;
  });
}
