// `promises`: what each answering body committed to (numbers, deadlines, committing verbs) — a count per body, one body's list, CSV or JSON, and `promises set` for the ledger.
import { z } from 'zod';
import { commitmentsCsv } from '../commitments/csv.js';
import { type FollowUp, followUps, statusLabel, todayOf } from '../commitments/follow-up.js';
import { ledgerPath, readLedger, StatusSchema, setLedgerEntry } from '../commitments/ledger.js';
import { loadCommitments } from '../commitments/load.js';
import type { Commitment } from '../commitments/model.js';
import { type AnsweringBody, type Glossary, loadGlossary } from '../hearing/glossary.js';
import { IsoDateSchema } from '../hearing/model.js';
import { DATA_DIR } from '../paths.js';
import { answeringBodies, resolveBody } from '../search/names.js';
import { type Command, UsageError } from './io.js';

/**
 * Where the command gets its data; injected so tests can hand it fixtures. Defaults read index/, data/glossary.json,
 * the ledger at `HEARING_LEDGER_FILE` (else data/ledger.json) and today from `HEARING_TODAY` (else the clock).
 */
export interface PromisesSources {
  commitments: () => Commitment[];
  glossary: () => Glossary;
  ledgerFile?: () => string;
  today?: () => string;
}

const USAGE = `usage: promises [<body>] [--csv | --json]
       promises set <id> <open | in-progress | done | dropped> [--due YYYY-MM-DD] [--note TEXT] [--source URL]`;

const SetArgs = z.object({
  key: z.string().min(1),
  status: StatusSchema,
  due: IsoDateSchema.optional(),
  note: z.string().trim().min(1).optional(),
  source: z.string().optional(),
});

const Args = z.object({
  format: z.enum(['text', '--csv', '--json']),
  body: z.string().min(1).optional(),
});

/**
 * Builds the command. Without a body: the count per answering body (text) or every commitment (--csv, --json).
 * With a body (printed name, official name or alias): that body's commitments; an unknown body is a usage error with a did-you-mean.
 */
export function createPromisesCommand(sources: PromisesSources): Command {
  const ledgerFile = sources.ledgerFile ?? (() => ledgerPath());
  const today = sources.today ?? (() => todayOf());
  return async (args, io) => {
    if (args[0] === 'set') {
      io.stdout.write(setStatus(args.slice(1), sources.commitments(), ledgerFile(), today()));
      return 0;
    }
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

    if (format === '--csv') {
      io.stdout.write(commitmentsCsv(chosen));
      return 0;
    }
    const followed = followUps(chosen, readLedger(ledgerFile()), today());
    if (format === '--json')
      io.stdout.write(
        `${JSON.stringify({ body: body?.printed ?? null, count: chosen.length, commitments: followed.map(asJson) })}\n`,
      );
    else io.stdout.write(body ? bodyText(body, followed) : countsText(bodies, all));
    return 0;
  };
}

/** A commitment as `promises --json` shows it: its fields, then the due date that counts and the ledger's status. */
function asJson(f: FollowUp) {
  return {
    ...f.commitment,
    due: f.due,
    recurring: f.recurring,
    status: f.status,
    overdue: f.overdue,
    note: f.entry?.note ?? null,
    source: f.entry?.source ?? null,
  };
}

/** `promises set <id> <status> [--due D] [--note T] [--source U]`: one ledger entry, written under the ledger's lock. */
function setStatus(args: readonly string[], commitments: readonly Commitment[], file: string, today: string): string {
  const rest = [...args];
  const option = (flag: string): string | undefined => {
    const at = rest.indexOf(flag);
    if (at < 0) return undefined;
    const value = rest[at + 1];
    if (value === undefined || value.startsWith('--'))
      throw new UsageError(`promises set: ${flag} needs a value\n${USAGE}`);
    rest.splice(at, 2);
    return value;
  };
  const options = { due: option('--due'), note: option('--note'), source: option('--source') };
  if (rest.length !== 2 || rest.some((a) => a.startsWith('--'))) throw new UsageError(USAGE);
  const parsed = SetArgs.safeParse({ key: rest[0], status: rest[1], ...options });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UsageError(`promises set: ${issue.path.join('.')}: ${issue.message}\n${USAGE}`);
  }
  const { key, status, due, note, source } = parsed.data;
  const commitment = commitments.find((c) => c.key === key.toLowerCase());
  if (!commitment) {
    const sameEntry = commitments.filter((c) => c.key.startsWith(`${key.toLowerCase().split('-')[0]}-`));
    const hint = sameEntry.length
      ? `; ${sameEntry[0]!.id} has ${sameEntry.map((c) => c.key).join(', ')}`
      : ' (promises <body> lists the ids)';
    throw new UsageError(`promises set: no commitment ${JSON.stringify(key)}${hint}`);
  }
  const entry = { status, due, note, source, updated: today };
  try {
    setLedgerEntry(file, commitment.key, entry);
  } catch (error) {
    if (error instanceof z.ZodError)
      throw new UsageError(`promises set: ${error.issues[0]!.path.join('.')}: ${error.issues[0]!.message}`);
    throw error;
  }
  const dated = due ? `, due ${due}` : '';
  return `${commitment.key} ${commitment.body} 「${commitment.text}」: ${status} (${statusLabel(status)})${dated}\nin ${file}\n`;
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

/**
 * The body's commitments, verbatim, each with its ledger id (`q5-1a2b3c`: the question and the id `promises set` takes),
 * the asker, the cues that made it a commitment, the due date and the status.
 */
function bodyText(body: AnsweringBody, chosen: readonly FollowUp[]): string {
  if (chosen.length === 0) return `${body.printed}: no commitment with a number, a time frame or a committing verb\n`;
  const lines = chosen.map(({ commitment: c, ...f }) =>
    [
      c.key,
      `${c.asker.name}${c.asker.title}`,
      `「${c.text}」`,
      c.cues.map((cue) => `${cue.kind} ${cue.text}`).join(', '),
      dueText(f),
      f.status ?? 'no status yet',
    ].join('\t'),
  );
  return `${body.printed}: ${chosen.length} commitment${chosen.length === 1 ? '' : 's'}\n${lines.join('\n')}\n`;
}

function dueText(f: Omit<FollowUp, 'commitment'>): string {
  if (f.due === null) return 'undated';
  return `due ${f.due}${f.recurring ? ' (yearly)' : ''}${f.overdue ? ' (overdue)' : ''}`;
}
