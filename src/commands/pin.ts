// `pin`: staff pin a question to the answer it must get (data/pins.json), list the pins and remove one; no code needed.
import { basename } from 'node:path';
import { z } from 'zod';
import { displayPerson, shorten } from '../chat/reply.js';
import { messageOf } from '../errors.js';
import { readHearingData } from '../hearing/hearing-data.js';
import { bodyOf, type Entry, type Hearing, personOf } from '../hearing/model.js';
import { parseTranscript } from '../hearing/parse.js';
import { type Pin, PinSchema, pinnedEntry, pinsPath, readPins, writePins } from '../hearing/pins.js';
import { readTranscripts } from '../hearing/transcripts.js';
import { withFileLock } from '../locked-file.js';
import { DATA_DIR, INDEX_DIR } from '../paths.js';
import { staleness, transcriptFiles } from '../search/freshness.js';
import { normaliserOfIndex, questionKey } from '../search/pins.js';
import { type Command, type CommandIO, UsageError } from './io.js';

/** Where the command reads and writes; injected so tests work on copies. Defaults: the project's data/ and index/. */
export interface PinPlaces {
  dataDir?: string;
  indexDir?: string;
}

const USAGE = `usage: pin "<question>" <q5 | closing> [--hearing <id or key>]   pin a question to an answer
       pin --list [--json]                                          the pins
       pin --remove "<question>"                                    remove a pin
then run npm run index to apply the change`;

const Request = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('list'), json: z.boolean() }),
  z.object({ kind: z.literal('remove'), question: z.string() }),
  z.object({
    kind: z.literal('pin'),
    question: z.string(),
    answer: z
      .string()
      .transform((a) => a.trim().toLowerCase())
      .transform((a) => (/^\d+$/.test(a) ? `q${Number(a)}` : a)),
    hearing: z.string().trim().min(1).optional(),
  }),
]);
type Request = z.infer<typeof Request>;

/**
 * Builds the command: `pin "<question>" q5` pins (or re-pins) a question, `--list` shows the pins, `--remove` takes one
 * away. Questions are matched after the engine's normalisation, so 「經開區汽車怎麼說？」 is the pin of 「经开区汽车怎么说」.
 * Works while the index is stale (the pins are what made it so); the answer is checked against data/'s transcripts.
 * @example await createPinCommand({ dataDir })(['经信句有啥措施', 'q3'], io) // 0, data/pins.json holds the pin
 */
export function createPinCommand(places: PinPlaces = {}): Command {
  const dataDir = places.dataDir ?? DATA_DIR;
  const indexDir = places.indexDir ?? INDEX_DIR;
  return async (args, io) => {
    const request = parseArgs(args);
    const path = pinsPath(dataDir);
    // The read and the write it leads to are one edit under the pins' lock: two staff pinning at once keep both pins.
    return request.kind === 'list' ? run(request, path, io) : withFileLock(path, 'pins', () => run(request, path, io));
  };

  function run(request: Request, path: string, io: CommandIO): number {
    const pins = readPins(path);
    const hearings = readHearings(dataDir);
    if (request.kind === 'list') return list(pins, hearings, { path, indexDir, dataDir, json: request.json }, io);
    const normalise = normaliserOfIndex(indexDir);
    const key = questionKey(normalise, request.question);
    const same = (pin: Pin) => questionKey(normalise, pin.question) === key;

    if (request.kind === 'remove') {
      const removed = pins.filter(same);
      if (removed.length === 0)
        throw new UsageError(`pin: no pin for 「${request.question}」 in ${path} (pin --list shows the pins)`);
      writePins(
        path,
        pins.filter((pin) => !same(pin)),
      );
      io.stdout.write(
        `unpinned 「${removed[0]!.question}」 (was ${removed.map((p) => p.answer).join(', ')}) in ${path}\n${APPLY}\n`,
      );
      return 0;
    }

    const question = PinSchema.shape.question.safeParse(request.question);
    if (!question.success) throw new UsageError(`pin: the question ${question.error.issues[0]!.message}\n${USAGE}`);
    const pin: Pin = { question: request.question.trim(), answer: request.answer };
    const answer = PinSchema.shape.answer.safeParse(pin.answer);
    if (!answer.success) throw new UsageError(`pin: ${JSON.stringify(pin.answer)}: ${answer.error.issues[0]!.message}`);
    if (request.hearing !== undefined) pin.hearing = hearingNamed(request.hearing, hearings, dataDir).id;
    let entry: Entry;
    try {
      entry = pinnedEntry(pin, hearings);
    } catch (error) {
      throw new UsageError(`pin: ${messageOf(error)}`);
    }
    // With several hearings the pin names its hearing, so it keeps its meaning when another one adds that id.
    if (hearings.length > 1) pin.hearing = entry.hearing;
    const at = pins.findIndex(same);
    const before = at >= 0 ? pins[at]! : undefined;
    if (before && before.answer === pin.answer && before.hearing === pin.hearing) {
      io.stdout.write(`「${before.question}」 is already pinned to ${pin.answer}; nothing changed\n`);
      return 0;
    }
    writePins(path, at >= 0 ? pins.map((p, i) => (i === at ? pin : p)) : [...pins, pin]);
    const was = before ? ` (was ${before.answer})` : '';
    io.stdout.write(
      `pinned 「${pin.question}」 → ${describe(entry, hearings.length > 1)}${was}\nin ${path}; ${APPLY}\n`,
    );
    return 0;
  }
}

/** The command as `cli pin` runs it, on the project's data/ and index/. */
export const pin: Command = createPinCommand();

const APPLY = 'run npm run index to apply it';

function list(
  pins: readonly Pin[],
  hearings: readonly Hearing[],
  where: { path: string; indexDir: string; dataDir: string; json: boolean },
  io: CommandIO,
): number {
  const stale = staleness(where.indexDir, where.dataDir);
  const rows = pins.map((pin) => {
    try {
      return { pin, entry: pinnedEntry(pin, hearings), problem: null };
    } catch (error) {
      return { pin, entry: null, problem: messageOf(error) };
    }
  });
  if (where.json) {
    const json = rows.map(({ pin, entry, problem }) => ({
      question: pin.question,
      answer: pin.answer,
      hearing: entry?.hearing ?? pin.hearing ?? null,
      department: entry ? bodyOf(entry) : null,
      ...(problem ? { problem } : {}),
    }));
    io.stdout.write(`${JSON.stringify({ file: where.path, indexed: stale === null, pins: json })}\n`);
    return 0;
  }
  if (pins.length === 0) {
    io.stdout.write(`no pinned questions in ${where.path}\n`);
    return 0;
  }
  io.stdout.write(`${pins.length} pinned question(s) in ${where.path}:\n`);
  for (const { pin, entry, problem } of rows) {
    const answer = entry
      ? `${hearings.length > 1 ? `${entry.hearing}#` : ''}${entry.id}\t${bodyOf(entry)}`
      : pin.answer;
    io.stdout.write(`${answer}\t${pin.question}${problem ? `\t(${problem})` : ''}\n`);
  }
  if (stale !== null) io.stdout.write(`index/ does not hold them yet (${stale}): run npm run index\n`);
  return 0;
}

/** `q5 经开区管委会 · 樊志宏委员提问：「…」`, so the person pinning sees which answer the id is. */
function describe(entry: Entry, withHearing: boolean): string {
  const person = displayPerson(personOf(entry));
  const asked = entry.kind === 'qa' ? `${person}提问：「${shorten(entry.question, 30)}」` : `${person}总体回应`;
  return `${withHearing ? `${entry.hearing}#` : ''}${entry.id} ${bodyOf(entry)} · ${asked}`;
}

/** The hearing a `--hearing` names: its id (the transcript's name) or its key from data/hearings/<name>.json. */
function hearingNamed(name: string, hearings: readonly Hearing[], dataDir: string): Hearing {
  const fold = (s: string) => s.normalize('NFKC').toLowerCase();
  const files = transcriptFiles(dataDir);
  const found = hearings.find((hearing, i) => {
    const key = files[i] ? readHearingData(files[i]).key : undefined;
    return fold(hearing.id) === fold(name) || (key !== undefined && fold(key) === fold(name));
  });
  if (!found)
    throw new UsageError(
      `pin: no hearing ${JSON.stringify(name)}; data/hearings/ holds ${hearings.map((h) => h.id).join(', ')}`,
    );
  return found;
}

/** The hearings as the index build parses them, from data/ itself: the index may be stale while pins are edited. */
function readHearings(dataDir: string): Hearing[] {
  return readTranscripts(transcriptFiles(dataDir)).map(({ file, text }) =>
    parseTranscript(text, basename(file), readHearingData(file)),
  );
}

function parseArgs(args: readonly string[]): Request {
  const rest = [...args];
  const take = (flag: string): boolean => {
    const at = rest.indexOf(flag);
    if (at >= 0) rest.splice(at, 1);
    return at >= 0;
  };
  const list = take('--list');
  const json = take('--json');
  const remove = take('--remove');
  let hearing: string | undefined;
  const hearingAt = rest.indexOf('--hearing');
  if (hearingAt >= 0) hearing = rest.splice(hearingAt, 2)[1] ?? '';
  if (rest.some((a) => a.startsWith('--'))) throw new UsageError(USAGE);
  let raw: unknown;
  if (list) raw = rest.length === 0 && !remove && hearing === undefined ? { kind: 'list', json } : null;
  else if (remove)
    raw = rest.length > 0 && !json && hearing === undefined ? { kind: 'remove', question: rest.join(' ') } : null;
  else
    raw =
      rest.length >= 2 && !json
        ? { kind: 'pin', question: rest.slice(0, -1).join(' '), answer: rest.at(-1), hearing }
        : null;
  const parsed = Request.safeParse(raw);
  if (!parsed.success) throw new UsageError(USAGE);
  return parsed.data;
}
