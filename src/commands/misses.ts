// `misses`: the most frequent questions the bot could not answer, for staff extending the glossary.
import { z } from 'zod';
import { missesPathFromEnv, readMisses, topMisses } from '../chat/misses.js';
import { type Command, UsageError } from './io.js';

const Args = z.object({ top: z.coerce.number().int().positive().default(20), json: z.boolean() });

export const misses: Command = async (args, io) => {
  const topAt = args.indexOf('--top');
  const rest = args.filter((a, i) => a !== '--json' && (topAt < 0 || (i !== topAt && i !== topAt + 1)));
  const parsed = Args.safeParse({ top: topAt >= 0 ? args[topAt + 1] : undefined, json: args.includes('--json') });
  if (!parsed.success || rest.length > 0 || (topAt >= 0 && args[topAt + 1] === undefined))
    throw new UsageError('usage: misses [--top N] [--json]');
  const path = missesPathFromEnv(process.env);
  if (path === null) {
    io.stderr.write('misses: the log is switched off (HEARING_MISSES_FILE is empty or "off")\n');
    return 0;
  }
  const all = await readMisses(path);
  const top = topMisses(all, parsed.data.top);
  if (parsed.data.json) {
    io.stdout.write(`${JSON.stringify({ file: path, total: all.length, top })}\n`);
    return 0;
  }
  if (all.length === 0) {
    io.stdout.write(`no unanswered questions recorded in ${path}\n`);
    return 0;
  }
  io.stdout.write(`${all.length} unanswered in ${path}; most frequent:\n`);
  for (const m of top) io.stdout.write(`${m.count}\t${m.last.slice(0, 10)}\t${m.text}\n`);
  return 0;
};
