// The command line: `npm run -s cli -- <command>`; one module per command under src/commands/.

import { pathToFileURL } from 'node:url';
import { ask } from './commands/ask.js';
import { chat } from './commands/chat.js';
import { importRecord } from './commands/import.js';
import { type Command, type CommandIO, guardOutput, UsageError } from './commands/io.js';
import { list } from './commands/list.js';
import { misses } from './commands/misses.js';
import { pin } from './commands/pin.js';
import { promises } from './commands/promises.js';
import { search } from './commands/search.js';
import { messageOf } from './errors.js';
import { loadEngine, type SearchEngine } from './search/engine.js';

/** Command name → implementation. Add a command here and in the usage text. */
const COMMANDS: Record<string, Command> = { search, list, promises, ask, chat, misses, pin, import: importRecord };

const USAGE = `usage: npm run -s cli -- <command>
  search --json "<question>"   best matches as JSON (at most 5; "results": [] when nothing is relevant)
  search --jsonl               one JSON line per question read from standard input
  search "<question>"          best matches as text
  list [--json]                every question with its asker and answering body
  ask "<text>"                 the bot's plain-text reply to one message (a question, or /help /dept /who /topic /list /q /promises)
  chat                         the console chat (what npm start runs); Ctrl-D quits
  misses [--top N] [--tier none|guess|disliked] [--json]
                               the worklist of missed questions, grouped (HEARING_MISSES_FILE, default var/misses.jsonl)
  pin "<question>" <q5|closing> [--hearing <id or key>]
                               always answer that question (after normalisation) with that answer (data/pins.json)
  pin --list [--json] | pin --remove "<question>"
                               the pins; remove one. After pin or --remove, run npm run index
  promises [<body>]            commitments (numbers, deadlines, committing verbs): a count per body, or one body's, verbatim
  promises [<body>] --csv      one row per commitment, UTF-8 CSV with BOM for Excel/WPS (--json for tools, with due and status)
  promises set <id> <open|in-progress|done|dropped> [--due YYYY-MM-DD] [--note TEXT] [--source URL]
                               record a commitment's follow-up in the ledger (HEARING_LEDGER_FILE, default data/ledger.json)
  import FILE [--json] [--date D] [--write] [--review FILE.tsv] | import --from-review FILE.tsv
                               read a published hearing (text, GBK, saved web page, .docx) in any shape: preview it,
                               --write it to data/hearings/ (HEARING_IMPORT_DATA_DIR), then run npm run index
  --rebuild (with any command) rebuild index/ first when data/ changed since npm run index, instead of refusing`;

/** Runs one CLI invocation and resolves to its exit code; errors go to stderr, never as a stack trace. */
export async function runCli(
  argv: string[],
  io: Omit<CommandIO, 'engine'> & { engine?: () => SearchEngine },
): Promise<number> {
  let engine: SearchEngine | undefined;
  // --rebuild (anywhere): rebuild a stale index first instead of refusing to start.
  const rebuild = argv.includes('--rebuild') || undefined;
  const full: CommandIO = { ...io, engine: io.engine ?? (() => (engine ??= loadEngine({ rebuild }))) };
  const [name, ...args] = argv.filter((a) => a !== '--rebuild');
  const command = name === undefined ? undefined : COMMANDS[name];
  if (!command) {
    io.stderr.write(
      `${name === undefined || name === 'help' || name === '--help' ? '' : `cli: unknown command ${JSON.stringify(name)}\n`}${USAGE}\n`,
    );
    return name === 'help' || name === '--help' ? 0 : 2;
  }
  try {
    return await command(args, full);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`cli: ${error.message}\n`);
      return 2;
    }
    io.stderr.write(`cli: ${name}: ${messageOf(error)}\n`);
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  guardOutput(process.stdout, process.stderr);
  process.exitCode = await runCli(process.argv.slice(2), {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
  });
}
