// `export`: the answer log for a period as CSV (Excel, WPS) or JSON lines, on standard output.
import { readAnswers } from '../logs/answers.js';
import { answersCsv, answersJsonl } from '../logs/export.js';
import { within } from '../logs/period.js';
import { type Command, UsageError } from './io.js';
import { answerLogPath, staffArgs } from './staff-log.js';

const USAGE = 'usage: export [--since YYYY-MM-DD] [--until YYYY-MM-DD] [--format csv|jsonl] > file';

export const exportLog: Command = async (args, io) => {
  const { period, values } = staffArgs(args, { format: 'string' }, USAGE);
  const format = values.format ?? 'csv';
  if (format !== 'csv' && format !== 'jsonl') throw new UsageError(`--format is csv or jsonl\n${USAGE}`);
  const path = answerLogPath(io.stderr, 'export');
  if (path === null) return 0;
  const lines = (await readAnswers(path)).filter((line) => within(period, line.time));
  io.stdout.write(format === 'csv' ? answersCsv(lines) : answersJsonl(lines));
  return 0;
};
