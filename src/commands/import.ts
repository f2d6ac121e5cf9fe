// `import FILE`: reads a published 专题询问 record in any shape, prints a preview, and with --write stores it in data/hearings/.
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { z } from 'zod';
import { citiesFile, loadCities } from '../hearing/cities.js';
import { loadGlossary } from '../hearing/glossary.js';
import { IsoDateSchema } from '../hearing/model.js';
import type { KnownBodies } from '../import/bodies.js';
import { canonicalHearing } from '../import/canonical.js';
import { ImportError } from '../import/errors.js';
import { printedMonthDay } from '../import/meta.js';
import type { Reading } from '../import/model.js';
import { previewJson, previewText } from '../import/preview.js';
import { recognise } from '../import/recognise.js';
import { readReviewTable, reviewTable } from '../import/review.js';
import { readSource } from '../import/source.js';
import { hearingName, storeHearing } from '../import/store.js';
import { DATA_DIR } from '../paths.js';
import { type Command, UsageError } from './io.js';

/** Where the command reads the bodies table and writes hearings; injected so tests write into a temporary folder. */
export interface ImportSources {
  /** The data folder `--write` writes into (its hearings/ subfolder). */
  dataDir: () => string;
  /** The bodies table (data/glossary.json `bodies`) and the home city (data/cities.json). */
  bodies: () => KnownBodies;
}

const USAGE =
  'usage: import FILE [--json] [--date YYYY-MM-DD] [--write] [--review FILE.tsv] | import --from-review FILE.tsv [--json] [--date D] [--write]';

const Args = z.object({
  file: z.string().min(1).optional(),
  json: z.boolean(),
  write: z.boolean(),
  date: IsoDateSchema.optional(),
  review: z.string().min(1).optional(),
  fromReview: z.string().min(1).optional(),
});

/**
 * Builds the command. Problems with the record are printed one a line on stderr (exit 1) and nothing is written.
 * @example await createImportCommand(sources)(['hearing.html', '--json'], io) // prints the JSON preview
 */
export function createImportCommand(sources: ImportSources): Command {
  return async (args, io) => {
    const options = readArgs(args);
    try {
      let reading: Reading;
      let sourceText = '';
      let sourceFile: string;
      if (options.fromReview) {
        const review = readReviewTable(readFileSync(options.fromReview, 'utf8'), basename(options.fromReview));
        reading = review.reading;
        sourceFile = review.source;
      } else {
        const source = await readSource(options.file!);
        reading = recognise(source.text, sources.bodies(), source.file);
        sourceText = source.text;
        sourceFile = source.file;
      }
      if (options.date) checkDate(reading, options.date, sourceFile);
      const dated: Reading = { ...reading, date: options.date ?? reading.date };
      io.stdout.write(options.json ? `${JSON.stringify(previewJson(dated))}\n` : previewText(dated));
      if (options.review) {
        writeFileSync(options.review, reviewTable(dated, sourceFile));
        io.stderr.write(
          `import: the reading is in ${options.review}; correct it, then run import --from-review ${options.review}\n`,
        );
      }
      if (!options.write) {
        if (!options.json)
          io.stderr.write('import: nothing written (preview only); add --write to store it in data/hearings/\n');
        return 0;
      }
      const date = dated.date;
      if (!date) throw new ImportError([`${sourceFile}: the text gives no date with its year: give --date YYYY-MM-DD`]);
      const name = hearingName(sourceFile, date);
      const canonical = canonicalHearing(dated, sourceText, { file: sourceFile, name, date });
      const written = storeHearing(sources.dataDir(), name, canonical);
      io.stderr.write(`import: wrote ${written.transcript} and ${written.data}; now run npm run index\n`);
      return 0;
    } catch (error) {
      if (!(error instanceof ImportError)) throw error;
      for (const problem of error.problems) io.stderr.write(`import: ${problem}\n`);
      return 1;
    }
  };
}

/** `--date` must agree with the month and day the text prints, if it prints one. */
function checkDate(reading: Reading, date: string, file: string): void {
  const printed = printedMonthDay([reading.title, ...reading.intro]);
  const [, month, day] = date.split('-').map(Number);
  if (reading.date && reading.date !== date)
    throw new ImportError([`${file}: the text says ${reading.date} but --date says ${date}`]);
  if (printed && (printed.month !== month || printed.day !== day))
    throw new ImportError([`${file}: the text says ${printed.month}月${printed.day}日 but --date says ${date}`]);
}

function readArgs(args: string[]): z.infer<typeof Args> {
  const raw: Record<string, unknown> = { json: false, write: false };
  const words: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--json') raw.json = true;
    else if (arg === '--write') raw.write = true;
    else if (arg === '--date' || arg === '--review' || arg === '--from-review') {
      const value = args[++i];
      if (value === undefined || value.startsWith('--')) throw new UsageError(`import: ${arg} needs a value\n${USAGE}`);
      raw[arg === '--from-review' ? 'fromReview' : arg.slice(2)] = value;
    } else if (arg.startsWith('--')) throw new UsageError(`import: unknown option ${arg}\n${USAGE}`);
    else words.push(arg);
  }
  if (words.length > 1) throw new UsageError(`import: one file at a time\n${USAGE}`);
  raw.file = words[0];
  const parsed = Args.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UsageError(`import: ${issue.path.join('.')}: ${issue.message}\n${USAGE}`);
  }
  if (!parsed.data.file === !parsed.data.fromReview) throw new UsageError(USAGE);
  return parsed.data;
}

/** The data folder `--write` writes into: HEARING_IMPORT_DATA_DIR when set (tests, staging), else data/. */
export function importDataDir(env: NodeJS.ProcessEnv): string {
  const parsed = z.string().trim().min(1).optional().safeParse(env.HEARING_IMPORT_DATA_DIR);
  if (!parsed.success) throw new UsageError('HEARING_IMPORT_DATA_DIR should be a folder path');
  return parsed.data ?? DATA_DIR;
}

export const importRecord: Command = createImportCommand({
  dataDir: () => importDataDir(process.env),
  bodies: () => ({
    bodies: loadGlossary(`${DATA_DIR}/glossary.json`).bodies,
    home: loadCities(citiesFile(importDataDir(process.env))).home,
  }),
});
