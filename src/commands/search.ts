// `search`: the retrieval contract other tools rely on (--json for one query, --jsonl for a query a line on stdin).
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { bodyOf, personOf } from '../hearing/model.js';
import type { MatchTier, SearchEngine, SearchHit } from '../search/engine.js';
import { type Command, UsageError } from './io.js';

/**
 * One result of the contract: `{"id": "q5", "asker": "樊志宏", "department": "经开区管委会", "score": 12.3,
 * "match": "answer"}`; `hearing` is added only when data/ holds more than one hearing, since ids restart at q1 in
 * each. `match` is `answer` for what the bot would answer with and `guess` for what it would only offer as
 * 「你是不是想问」: answers come first, so a list whose first result is a guess means the bot did not answer.
 */
export interface SearchResultJson {
  hearing?: string;
  id: string;
  asker: string;
  department: string;
  score: number;
  match: MatchTier;
}

const Args = z.union([
  z.object({ mode: z.literal('--jsonl'), query: z.undefined() }),
  z.object({ mode: z.enum(['--json', 'text']), query: z.string() }),
]);

export const search: Command = async (args, io) => {
  const flag = args.find((a) => a.startsWith('--'));
  const rest = args.filter((a) => !a.startsWith('--'));
  const parsed = Args.safeParse({ mode: flag ?? 'text', query: rest.length ? rest.join(' ') : undefined });
  if (!parsed.success || (flag && !['--json', '--jsonl'].includes(flag))) {
    throw new UsageError('usage: search --json "<question>" | search --jsonl < questions.txt | search "<question>"');
  }
  const engine = io.engine();
  if (parsed.data.mode === '--jsonl') {
    for await (const line of createInterface({ input: io.stdin, crlfDelay: Infinity })) {
      io.stdout.write(`${JSON.stringify(searchJson(engine, line))}\n`);
    }
    return 0;
  }
  const query = parsed.data.query;
  if (parsed.data.mode === '--json') {
    io.stdout.write(`${JSON.stringify(searchJson(engine, query))}\n`);
    return 0;
  }
  const { answers, guesses } = engine.consult(query);
  if (answers.length + guesses.length === 0) io.stdout.write('nothing in the hearing matches\n');
  for (const hit of [...answers, ...guesses])
    io.stdout.write(`${hit.entry.id}\t${bodyOf(hit.entry)}\t${personOf(hit.entry).name}\t${hit.score}\t${hit.match}\n`);
  return 0;
};

/** The contract's object for one query: answers, then guesses; an empty or blank query has no results. */
export function searchJson(engine: SearchEngine, query: string): { query: string; results: SearchResultJson[] } {
  const several = engine.hearings.length > 1;
  if (!query.trim()) return { query, results: [] };
  const { answers, guesses } = engine.consult(query);
  return { query, results: [...answers, ...guesses].map((hit) => resultJson(hit, several)) };
}

function resultJson(hit: SearchHit, withHearing: boolean): SearchResultJson {
  const result = {
    id: hit.entry.id,
    asker: personOf(hit.entry).name,
    department: bodyOf(hit.entry),
    score: hit.score,
    match: hit.match,
  };
  return withHearing ? { hearing: hit.entry.hearing, ...result } : result;
}
