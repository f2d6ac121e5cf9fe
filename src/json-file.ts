// Reading a JSON file people or the index build wrote: parse, validate with zod, and say what is wrong and where.
import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { messageOf } from './errors.js';

export interface JsonFileOptions {
  /** Who reads it, first in every error: `glossary`, `engine`, `commitments`… */
  room: string;
  /** Appended to every error: how to fix it, e.g. {@link RUN_INDEX}. */
  fix?: string;
  /** Names the place of a schema problem for a person (「市经信局」.aliases.6); default the dotted path. */
  where?: (raw: unknown, issue: z.ZodIssue) => string;
}

/**
 * The file's content, checked against `schema`. Throws `<room> <path>: cannot read it as JSON (…)` or
 * `<room> <path>: <where>: <problem>`, each followed by `fix`.
 * @example readJsonFile('data/glossary.json', GlossarySchema, { room: 'glossary' })
 */
export function readJsonFile<S extends z.ZodTypeAny>(path: string, schema: S, options: JsonFileOptions): z.output<S> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(
      `${options.room} ${path}: cannot read it as JSON (${messageOf(error).split('\n')[0]})${options.fix ?? ''}`,
    );
  }
  return parseJson(path, text, schema, options);
}

/** {@link readJsonFile} for text already read from `path` (the index reader hashes the bytes first). */
export function parseJson<S extends z.ZodTypeAny>(
  path: string,
  text: string,
  schema: S,
  options: JsonFileOptions,
): z.output<S> {
  const fix = options.fix ?? '';
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new Error(`${options.room} ${path}: cannot read it as JSON (${messageOf(error).split('\n')[0]})${fix}`);
  }
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const where = options.where?.(raw, issue) ?? (issue.path.join('.') || '(top level)');
  throw new Error(`${options.room} ${path}: ${where}: ${issue.message}${fix}`);
}
