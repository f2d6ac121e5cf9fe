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
