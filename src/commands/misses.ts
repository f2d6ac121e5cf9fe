// `misses`: the worklist of questions the bot missed (found nothing, only guessed, or was told it was wrong), for staff.

import { z } from 'zod';
import { messageOf } from '../errors.js';
import { missesPathFromEnv } from '../logs/env.js';
import { type Miss, readMisses } from '../logs/misses.js';
import { logFiles } from '../logs/rotation.js';
import { missTopics, topicWords } from '../logs/topics.js';
import { type MissGroup, missesWorklist } from '../logs/worklist.js';
import { type Command, UsageError } from './io.js';

const USAGE = 'usage: misses [--top N] [--tier none|guess|disliked] [--topics] [--json]';
/** A question is shown cut to this many characters: a pasted document must not fill the screen. */
export const WORKLIST_TEXT_CHARS = 80;

const Args = z.object({
  top: z.coerce.number().int().positive().default(20),
  tier: z.enum(['none', 'guess', 'disliked']).optional(),
  json: z.boolean(),
  topics: z.boolean(),
});

export const misses: Command = async (args, io) => {
  const options = parseArgs(args);
  const path = missesPathFromEnv(process.env);
  if (path === null) {
    io.stderr.write('misses: the log is switched off (HEARING_MISSES_FILE is empty or "off")\n');
    return 0;
  }
  const [all, files] = await Promise.all([readMisses(path), logFiles(path)]);
  if (options.topics)
    return topics(
      all.filter((m) => !options.tier || m.tier === options.tier),
      options,
      path,
      io,
    );
  const top = missesWorklist(all, { normalise: normaliserOf(io), tier: options.tier, limit: options.top });
  if (options.json) {
    io.stdout.write(`${JSON.stringify({ file: path, files, total: all.length, top })}\n`);
    return 0;
  }
  if (all.length === 0) {
    io.stdout.write(`no unanswered questions recorded in ${path}\n`);
    return 0;
  }
  const which = options.tier ? ` (tier ${options.tier})` : '';
  io.stdout.write(
    `${all.length} unanswered in ${path}${files.length > 1 ? ` and ${files.length - 1} rotated file(s)` : ''}; ` +
      `most frequent${which}:\ncount\ttier\tfirst\tlast\tquestion\n`,
  );
  for (const group of top) io.stdout.write(`${worklistLine(group)}\n`);
  return 0;
};

/** One row: count, tier, first and last day seen, the question on one line and cut to 80 characters. */
export function worklistLine(group: MissGroup): string {
  const text = shortened(group.text);
  const answers = group.answers.length > 0 ? `\t(shown: ${group.answers.join(', ')})` : '';
  return `${group.count}\t${group.tier}\t${group.first.slice(0, 10)}\t${group.last.slice(0, 10)}\t${text}${answers}`;
}

/** `--topics`: the misses grouped by shared words, biggest topic first, each with its days and three examples. */
function topics(all: Miss[], options: z.infer<typeof Args>, path: string, io: Parameters<Command>[1]): number {
  const found = missTopics(all, topicWords(io.engine())).slice(0, options.top);
  if (options.json) {
    io.stdout.write(`${JSON.stringify({ file: path, total: all.length, topics: found })}\n`);
    return 0;
  }
  if (all.length === 0) {
    io.stdout.write(`no unanswered questions recorded in ${path}\n`);
    return 0;
  }
  io.stdout.write(`${all.length} unanswered in ${path}; topics, biggest first:\n`);
  for (const topic of found) {
    io.stdout.write(`\n${topic.size}\t${topic.first} – ${topic.last}\t${topic.name}\n`);
    for (const example of topic.examples) io.stdout.write(`\t· ${shortened(example)}\n`);
  }
  return 0;
}

function parseArgs(args: readonly string[]): z.infer<typeof Args> {
  const values: { top?: string; tier?: string; json: boolean; topics: boolean } = { json: false, topics: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--json') values.json = true;
    else if (arg === '--topics') values.topics = true;
    else if ((arg === '--top' || arg === '--tier') && args[i + 1] !== undefined)
      values[arg === '--top' ? 'top' : 'tier'] = args[++i];
    else throw new UsageError(USAGE);
  }
  const parsed = Args.safeParse(values);
  if (!parsed.success) throw new UsageError(USAGE);
  return parsed.data;
}

/** A question on one line, cut to 80 characters. */
function shortened(question: string): string {
  const oneLine = question.replace(/\s+/g, ' ').trim();
  const chars = [...oneLine];
  return chars.length > WORKLIST_TEXT_CHARS ? `${chars.slice(0, WORKLIST_TEXT_CHARS).join('')}…` : oneLine;
}

/**
 * The search engine's normalisation (Traditional → Simplified, width, case), so 數據安全 and 数据安全 are one
 * question; without an index (stale, missing) the worklist still shows, grouped by width and case only.
 */
function normaliserOf(io: Parameters<Command>[1]): ((text: string) => string) | undefined {
  try {
    return io.engine().analyser.normalise;
  } catch (error) {
    io.stderr.write(`misses: grouping without Traditional → Simplified: ${messageOf(error).split('\n')[0]}\n`);
    return undefined;
  }
}
