// What a CLI command may touch: its arguments, standard streams and the engine; injected so tests run commands in-process.
import type { Readable, Writable } from 'node:stream';
import type { SearchEngine } from '../search/engine.js';

export interface CommandIO {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
  /** Loads the engine on first use: commands that fail on their arguments never pay for it. */
  engine: () => SearchEngine;
}

/** A CLI command: resolves to the process exit code. */
export type Command = (args: string[], io: CommandIO) => Promise<number>;

/** A command-line mistake: printed as `cli: <message>` with exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/**
 * Handles write errors on the process's own output, which Node would otherwise turn into a stack trace: a reader
 * that stopped early (`search --jsonl | head -1`, EPIPE) ends the process quietly with status 0, as Unix tools do;
 * any other failure (a full disk, ENOSPC) prints one line on stderr and exits with status 1.
 * @example guardOutput(process.stdout, process.stderr)
 */
export function guardOutput(
  stdout: Writable,
  stderr: Writable,
  exit: (code: number) => void = (code) => process.exit(code),
): void {
  let done = false;
  stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (done) return;
    done = true;
    if (error.code === 'EPIPE') return exit(0);
    try {
      stderr.write(`cli: cannot write the output: ${describeWriteError(error)}\n`);
    } catch {
      // stderr is gone as well: the status says it
    }
    exit(1);
  });
  // Nothing more can be said when stderr itself fails; it must not crash the command.
  stderr.on('error', () => {});
}

function describeWriteError(error: NodeJS.ErrnoException): string {
  if (error.code === 'ENOSPC') return 'the disk is full (ENOSPC); free some space or write the output elsewhere';
  if (error.code === 'EDQUOT') return 'the disk quota is used up (EDQUOT); free some space or write elsewhere';
  return `${error.message.split('\n')[0]}${error.code && !error.message.includes(error.code) ? ` (${error.code})` : ''}`;
}
