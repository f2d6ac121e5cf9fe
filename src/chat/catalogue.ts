// The hearings the chat serves, each with key, subject, date and examples (data/hearings/<id>.json by its transcript).

import { join } from 'node:path';
import { RUN_INDEX } from '../errors.js';
import type { AnsweringBody } from '../hearing/glossary.js';
import { readHearingDataFile } from '../hearing/hearing-data.js';
import { bodyOf, chineseDate, type Entry, type Hearing, type HearingData, personOf } from '../hearing/model.js';
import { DATA_DIR } from '../paths.js';
import { answeringBodies, nameKey, resolveBody } from '../search/names.js';
import type { HearingTag } from './reply.js';

/** Keys people can type: a few Chinese characters, letters or digits. */
const KEY = /^[\p{Script=Han}A-Za-z0-9]{1,8}$/u;

/** What `data/hearings/<id>.json` says of a hearing (the schema lives with the hearing model). */
export type HearingLabels = HearingData;

/** Examples with every gap filled from the hearing itself. */
export interface HearingExamples {
  questions: string[];
  dept: string;
  who: string;
  topic: string;
  q: string;
  promises: string;
}

/** One hearing as the chat shows it. */
export interface HearingInfo {
  hearing: Hearing;
  key: string;
  subject: string;
  /** ISO date, or null when no labels file gives it. */
  date: string | null;
  /** The city whose People's Congress held it (南京市): the hearing's (its data file's, else the home city). */
  city: string;
  /** 2023年9月13日; without a date, the month and day of the transcript's meeting line (9月13日), or ''. */
  dateLabel: string;
  /** Its key and heading, for replies when several hearings are loaded. */
  tag: HearingTag;
  examples: HearingExamples;
  /** Its Q&A items and closing response, in order. */
  entries: Entry[];
}

/** The hearings, and how replies name them. */
export interface Catalogue {
  readonly hearings: readonly HearingInfo[];
  /** More than one hearing: ids and theme numbers are qualified with keys, lists grouped by hearing. */
  readonly several: boolean;
  /** The hearing an entry or commitment belongs to. */
  infoOf(thing: FromHearing): HearingInfo;
  /** The tag of an entry's, a commitment's or a hearing's replies; null with one hearing, so nothing changes. */
  tagOf(thing: FromHearing | HearingInfo): HearingTag | null;
  /** The key that qualifies commands for it; null with one hearing. */
  keyOf(thing: FromHearing | HearingInfo): string | null;
  /**
   * Splits a leading hearing key off a command's argument (`智慧交通 2`, `智慧交通q2`, `智慧交通`); with one hearing
   * nothing is split, so arguments mean what they always meant.
   */
  split(arg: string): { hearing: HearingInfo | null; rest: string };
}

/** Anything that names its hearing by id: an entry, a commitment. */
export interface FromHearing {
  hearing: string;
}

/** Where a hearing's labels came from, for errors. */
export interface LabelsFile {
  labels: HearingLabels;
  file: string;
}

/**
 * Reads `data/hearings/<id>.json` for each hearing that has one; throws naming the file and the field when one is
 * malformed.
 * @example readHearingLabels(engine.hearings).get('digital-economy-2023-09-13')?.labels.key // '数字经济'
 */
export function readHearingLabels(hearings: readonly Hearing[], dataDir: string = DATA_DIR): Map<string, LabelsFile> {
  const found = new Map<string, LabelsFile>();
  for (const { id } of hearings) {
    const file = join(dataDir, 'hearings', `${id}.json`);
    const labels = readHearingDataFile(file);
    if (labels) found.set(id, { labels, file });
  }
  return found;
}

/** What the catalogue needs to check examples: the names bodies go by, and the search normaliser. */
export interface CatalogueOptions {
  /** The glossary's bodies; bodies it lacks are known by their printed names. */
  bodies: readonly AnsweringBody[];
  normalise: (text: string) => string;
  /** The city of a hearing that names none (data/cities.json "home"); the index has named every engine hearing's. */
  homeCity: string;
}

/**
 * The catalogue of these hearings with their labels (missing ones derived); throws when two hearings share a key or
 * an example names nothing in its hearing, saying which file to fix.
 * @example createCatalogue(engine.hearings, readHearingLabels(engine.hearings), { bodies, normalise }).several // false
 */
export function createCatalogue(
  hearings: readonly Hearing[],
  labels: ReadonlyMap<string, LabelsFile>,
  options: CatalogueOptions,
): Catalogue {
  const infos = hearings.map((hearing, i) => infoOf(hearing, i, labels.get(hearing.id), options));
  const byId = new Map(infos.map((info) => [info.hearing.id, info]));
  const keyed = new Map<string, HearingInfo>();
  for (const info of infos) {
    const key = nameKey(options.normalise, info.key);
    const other = keyed.get(key);
    if (other)
      throw new Error(
        `hearing labels: ${other.hearing.id} and ${info.hearing.id} share the key 「${info.key}」; give each its own ` +
          `"key" in data/hearings/<name>.json`,
      );
    keyed.set(key, info);
  }
  // Longest first, so a key that starts another key cannot take its place.
  const keys = [...keyed.entries()].sort(([a], [b]) => b.length - a.length);
  const several = infos.length > 1;
  const find = (thing: FromHearing | HearingInfo): HearingInfo => {
    if (typeof thing.hearing !== 'string') return thing as HearingInfo;
    const info = byId.get(thing.hearing);
    if (!info) throw new Error(`catalogue: no hearing ${thing.hearing}${RUN_INDEX}`);
    return info;
  };
  return {
    hearings: infos,
    several,
    infoOf: find,
    tagOf: (thing) => (several ? find(thing).tag : null),
    keyOf: (thing) => (several ? find(thing).key : null),
    split(arg) {
      if (!several) return { hearing: null, rest: arg };
      const text = options.normalise(arg);
      const folded = text.replace(/\s+/g, '');
      for (const [key, info] of keys) {
        if (!folded.startsWith(key)) continue;
        // Walk the unfolded text past the key's characters, so the rest keeps its own spaces.
        let at = 0;
        for (let matched = 0; matched < key.length && at < text.length; at++) if (!/\s/.test(text[at]!)) matched++;
        return { hearing: info, rest: text.slice(at).replace(/^[\s:：,，·]+/u, '') };
      }
      return { hearing: null, rest: arg };
    },
  };
}

function infoOf(hearing: Hearing, index: number, source: LabelsFile | undefined, options: CatalogueOptions) {
  const labels = source?.labels;
  const entries: Entry[] = [...hearing.items, ...(hearing.closing ? [hearing.closing] : [])];
  const quoted = /[“"「]([^”"」]{1,40})[”"」]/.exec(hearing.title)?.[1];
  const subject = labels?.subject ?? quoted ?? hearing.title;
  const derivedKey = KEY.test(subject) ? subject : `询问${index + 1}`;
  const key = labels?.key ?? derivedKey;
  const date = hearing.date ?? labels?.date ?? null;
  const dateLabel = date ? chineseDate(date) : (/\d{1,2}月\d{1,2}日/.exec(hearing.meetingLine)?.[0] ?? '');
  const first = hearing.items[0]!;
  const shortest = [...hearing.items].sort((a, b) => [...a.question].length - [...b.question].length)[0]!;
  const given = labels?.examples ?? {};
  const examples: HearingExamples = {
    questions: given.questions ?? [shortest.question],
    dept: given.dept ?? first.body,
    who: given.who ?? first.asker.name,
    topic: given.topic ?? '1',
    q: given.q ?? '1',
    promises: given.promises ?? given.dept ?? first.body,
  };
  if (source) checkExamples(hearing, entries, examples, source.file, options);
  const heading = `「${subject}」专题询问${dateLabel ? `（${dateLabel}）` : ''}`;
  const city = hearing.city ?? options.homeCity;
  return { hearing, key, subject, date, city, dateLabel, tag: { key, heading }, examples, entries };
}

/** Examples that name nothing in their hearing would send users to a not-found: refuse them at start. */
function checkExamples(
  hearing: Hearing,
  entries: readonly Entry[],
  examples: HearingExamples,
  file: string,
  options: CatalogueOptions,
): void {
  const fail = (field: string, value: string, hint: string): never => {
    throw new Error(`hearing labels ${file}: examples.${field} 「${value}」 ${hint}`);
  };
  const printed = new Set(entries.map(bodyOf));
  const bodies = answeringBodies(options.bodies, printed);
  for (const field of ['dept', 'promises'] as const) {
    const found = resolveBody(examples[field], bodies, { normalise: options.normalise });
    if (found.kind !== 'found')
      fail(field, examples[field], `names no answering body of this hearing; use one of ${[...printed].join('、')}`);
  }
  const people = new Set(entries.map((e) => personOf(e).name));
  if (!people.has(examples.who))
    fail('who', examples.who, `is no asker of this hearing; use one of ${[...people].join('、')}`);
  if (Number(examples.topic) < 1 || Number(examples.topic) > hearing.themes.length)
    fail('topic', examples.topic, `is no theme number of this hearing (1–${hearing.themes.length})`);
  if (Number(examples.q) < 1 || Number(examples.q) > hearing.items.length)
    fail('q', examples.q, `is no question number of this hearing (1–${hearing.items.length})`);
}
