// Error helpers shared by every room: what went wrong, as one line, whatever was thrown.

/**
 * The message of anything thrown: an Error's message, or the value itself as text (a string, a number, undefined).
 * Use it instead of `(error as Error).message`, which is undefined when a library throws a string.
 * @example messageOf(new Error('disk full')) // 'disk full'
 * @example messageOf('timeout') // 'timeout'
 */
export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string')
    return (error as { message: string }).message;
  return String(error);
}

/** The fix for anything wrong in index/, appended to the error that names the file: the one place it is written. */
export const RUN_INDEX = ' (run npm run index)';
