// A door's main() run in-process with its log lines captured: how the doors' tests start one and read what it said.
import type { RunOptions } from '../../../bots/door/run.js';

/** Runs `main` with `options`, collecting every line it writes; resolves to its exit code and the lines joined. */
export async function runCaptured(
  main: (options?: RunOptions) => Promise<number>,
  options: Omit<RunOptions, 'write'>,
): Promise<{ code: number; text: string }> {
  const lines: string[] = [];
  const code = await main({ ...options, write: (line) => lines.push(line) });
  return { code, text: lines.join('\n') };
}
