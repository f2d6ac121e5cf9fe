// `promises`: what each answering body committed to (numbers, deadlines, committing verbs) — a count per body, one body's list, CSV or JSON.
import { z } from 'zod';
import { commitmentsCsv } from '../commitments/csv.js';
import { loadCommitments } from '../commitments/load.js';
import type { Commitment } from '../commitments/model.js';
import { type AnsweringBody, type Glossary, loadGlossary } from '../hearing/glossary.js';
import { DATA_DIR } from '../paths.js';
import { answeringBodies, resolveBody } from '../search/names.js';
import { type Command, UsageError } from './io.js';

/** Where the command gets its data; injected so tests can hand it fixtures. Defaults read index/ and data/glossary.json. */
export interface PromisesSources {
  commitments: () => Commitment[];
  glossary: () => Glossary;
}

const USAGE = 'usage: promises [<body>] [--csv | --json]';

const Args = z.object({
  format: z.enum(['text', '--csv', '--json']),
  body: z.string().min(1).optional(),
});

/**
 * Builds the command. Without a body: the count per answering body (text) or every commitment (--csv, --json).
 * With a body (printed name, official name or alias): that body's commitments; an unknown body is a usage error with a did-you-mean.
 */
export function createPromisesCommand(sources: PromisesSources): Command {
  return async (args, io) => {
    const flags = args.filter((a) => a.startsWith('--'));
    const words = args.filter((a) => !a.startsWith('--'));
    const parsed = Args.safeParse({ format: flags[0] ?? 'text', body: words.length ? words.join(' ') : undefined });
    if (!parsed.success || flags.length > 1) throw new UsageError(USAGE);
    const { format, body: typed } = parsed.data;

    const all = sources.commitments();
    const bodies = bodiesOf(sources.glossary(), all);
    let body: AnsweringBody | null = null;
    if (typed !== undefined) {
      const resolved = resolveBody(typed, bodies);
      if (resolved.kind !== 'found')
        throw new UsageError(unknownBody(typed, resolved.kind === 'did-you-mean' ? resolved.candidates : [], bodies));
      body = bodies.find((b) => b.printed === resolved.value)!;
    }
    const chosen = body ? all.filter((c) => c.body === body.printed) : all;

    if (format === '--csv') io.stdout.write(commitmentsCsv(chosen));
    else if (format === '--json')
      io.stdout.write(
        `${JSON.stringify({ body: body?.printed ?? null, count: chosen.length, commitments: chosen })}\n`,
      );
    else io.stdout.write(body ? bodyText(body, chosen) : countsText(bodies, all));
    return 0;
  };
}

export const promises: Command = createPromisesCommand({
  commitments: () => loadCommitments(),
  glossary: () => loadGlossary(`${DATA_DIR}/glossary.json`),
});

/** Glossary bodies, plus any printed body that has commitments but no glossary entry yet (found by its printed name only). */
function bodiesOf(glossary: Glossary, commitments: readonly Commitment[]): AnsweringBody[] {
  return answeringBodies(glossary.bodies, [
    ...glossary.bodies.map((b) => b.printed),
    ...commitments.map((c) => c.body),
  ]);
}

function unknownBody(typed: string, suggestions: readonly string[], bodies: readonly AnsweringBody[]): string {
  const hint = suggestions.length
    ? `did you mean ${suggestions.join(' or ')}?`
    : `known bodies: ${bodies.map((b) => b.printed).join(', ')}`;
  return `promises: no answering body called ${JSON.stringify(typed)}; ${hint}`;
}

/** One line per body in glossary order, bodies without commitments included so their absence is visible. */
function countsText(bodies: readonly AnsweringBody[], all: readonly Commitment[]): string {
  const lines = bodies.map((b) => `${b.printed}\t${all.filter((c) => c.body === b.printed).length}`);
  const withAny = new Set(all.map((c) => c.body)).size;
  return `${all.length} commitments from ${withAny} of ${bodies.length} answering bodies (promises <body> lists them)\n${lines.join('\n')}\n`;
}

/** The body's commitments, verbatim, each with the question id, the asker and the cues that made it a commitment. */
function bodyText(body: AnsweringBody, chosen: readonly Commitment[]): string {
  if (chosen.length === 0) return `${body.printed}: no commitment with a number, a time frame or a committing verb\n`;
  const lines = chosen.map(
    (c) =>
      `${c.id}\t${c.asker.name}${c.asker.title}\t「${c.text}」\t${c.cues.map((cue) => `${cue.kind} ${cue.text}`).join(', ')}`,
  );
  return `${body.printed}: ${chosen.length} commitment${chosen.length === 1 ? '' : 's'}\n${lines.join('\n')}\n`;
}
