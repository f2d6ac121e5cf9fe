// The one place that resolves names: what people type → the answering body, person, theme or item they mean (exact
// names, fragments, near misses), and the names of bodies and people as the engine and the chat both look them up.
import type { AnsweringBody } from '../hearing/glossary.js';
import { type Entry, personOf, type Theme } from '../hearing/model.js';

/** Every name a body answers to: printed, official and each alias. */
export const namesOfBody = (body: AnsweringBody): string[] => [body.printed, body.official, ...body.aliases];

/** Each person of the entries (askers and whoever gave a closing response), by normalised name, with their entries in order. */
export function entriesByPerson(entries: readonly Entry[], normalise: (text: string) => string): Map<string, Entry[]> {
  const byName = new Map<string, Entry[]>();
  // The same people ask in hearing after hearing: each printed name is normalised once.
  const keys = new Map<string, string>();
  for (const e of entries) {
    const printed = personOf(e).name;
    let name = keys.get(printed);
    if (name === undefined) keys.set(printed, (name = normalise(printed)));
    const own = byName.get(name);
    if (own) own.push(e);
    else byName.set(name, [e]);
  }
  return byName;
}

/** The people's names as printed, in order of first appearance. */
const personNames = (entries: readonly Entry[]): string[] => unique(entries.map((e) => personOf(e).name));

/** What a name resolved to: one thing, a few near misses to choose from, or nothing. */
export type Resolution<T> = { kind: 'found'; value: T } | { kind: 'did-you-mean'; candidates: T[] } | { kind: 'none' };

export interface ResolveBodyOptions {
  /**
   * Applied to the input and to every name before comparing. Default {@link foldName} (width, case, spaces); the
   * chat passes the search engine's normaliser so Traditional input (經信局) resolves too.
   */
  normalise?: (text: string) => string;
}

/**
 * Finds the answering body a user means among `bodies`: printed or official name, alias, with or without 市/武汉市,
 * a unique fragment either way round (高新 → 东湖高新区管委会, 发改局 contains 发改), or, failing those, the names
 * one wrong character away (经心局 → did you mean 市经信局; two for names of six characters or more).
 * Returns printed names. Words around the name (「经信局的回答」) are ignored.
 * @example resolveBody('经开区', bodies) // { kind: 'found', value: '经开区管委会' }
 * @example resolveBody('经心局', bodies) // { kind: 'did-you-mean', candidates: ['市经信局'] }
 */
export function resolveBody(
  input: string,
  bodies: readonly AnsweringBody[],
  options: ResolveBodyOptions = {},
): Resolution<string> {
  const normalise = options.normalise ?? foldName;
  const query = nameKey(normalise, input).replace(BODY_NOISE, '');
  if (query === '') return { kind: 'none' };
  const names: Array<[string, string]> = [];
  for (const body of bodies) {
    for (const name of namesOfBody(body)) {
      for (const variant of variantsOf(nameKey(normalise, name))) names.push([variant, body.printed]);
    }
  }
  return resolveName(query, names);
}

/**
 * The glossary's entries for the bodies named `printed` (in glossary order), then a bare entry for each printed name
 * the glossary lacks, so a body new in a transcript still resolves by its printed name.
 * @example answeringBodies(glossary.bodies, engine.entries.map(bodyOf))
 */
export function answeringBodies(glossary: readonly AnsweringBody[], printed: Iterable<string>): AnsweringBody[] {
  const wanted = new Set(printed);
  const known = glossary.filter((b) => wanted.has(b.printed));
  const missing = [...wanted].filter((p) => !known.some((b) => b.printed === p));
  return [...known, ...missing.map((p) => ({ printed: p, official: p, aliases: [] }))];
}

/**
 * Matches a query against `[name, value]` pairs (both already keyed): the exact name, then a unique fragment either
 * way round (the longest name inside the query wins a tie), then names one edit away (two from six characters).
 * Shared by the body and person resolvers; `surnameMustMatch` keeps 李雷 from matching 王雷.
 */
export function resolveName(
  query: string,
  names: ReadonlyArray<readonly [string, string]>,
  options: { minFragment?: number; surnameMustMatch?: boolean } = {},
): Resolution<string> {
  const exact = unique(names.filter(([n]) => n === query).map(([, v]) => v));
  if (exact.length === 1) return { kind: 'found', value: exact[0]! };
  const minFragment = options.minFragment ?? 2;
  const fragment = unique(
    names
      .filter(
        ([n]) =>
          (n.includes(query) && [...query].length >= minFragment) ||
          (query.includes(n) && [...n].length >= minFragment),
      )
      .map(([, v]) => v),
  );
  if (fragment.length === 1) return { kind: 'found', value: fragment[0]! };
  if (fragment.length > 1) {
    // 「东湖高新区管委会的回答」 contains both 东湖高新区 and 高新区: the longest name inside the query wins.
    const inside = names.filter(([n]) => query.includes(n)).sort((a, b) => b[0].length - a[0].length);
    const longest = inside[0];
    if (longest && unique(inside.filter(([n]) => n.length === longest[0].length).map(([, v]) => v)).length === 1)
      return { kind: 'found', value: longest[1] };
    return { kind: 'did-you-mean', candidates: fragment };
  }
  const near = unique(
    names
      .filter(([n]) => {
        const length = Math.min([...n].length, [...query].length);
        // One edit in a two-character body name is half of it: too loose to suggest (people's names need the surname).
        if (length < 2 || (length < 3 && !options.surnameMustMatch)) return false;
        if (options.surnameMustMatch && [...n][0] !== [...query][0]) return false;
        return editDistance(n, query) <= (length >= 6 ? 2 : 1);
      })
      .map(([, v]) => v),
  );
  return near.length > 0 ? { kind: 'did-you-mean', candidates: near } : { kind: 'none' };
}

/** A name as compared: normalised, without spaces, punctuation and symbols. */
export function nameKey(normalise: (text: string) => string, text: string): string {
  return normalise(text).replace(/[\s\p{P}\p{S}]+/gu, '');
}

/** The default normaliser: full-width → half-width, lower case (ＣＩＭ = cim). */
export function foldName(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** Levenshtein distance over code points. */
export function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++)
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[y.length]!;
}

/** A name with and without the city in front: 经信局, 市经信局, 武汉市经信局. */
function variantsOf(name: string): string[] {
  const bare = name
    .replace(/^武汉市/, '')
    .replace(/^武汉/, '')
    .replace(/^市/, '');
  return unique([name, bare, `市${bare}`, `武汉市${bare}`, `武汉${bare}`].filter((n) => [...n].length >= 2));
}

/** Values in first-seen order, once each: the one helper for this. */
export const unique = <T>(values: Iterable<T>): T[] => [...new Set(values)];

/** Words users add after a body's name that are not part of it. */
const BODY_NOISE = /(?:的)?(?:回答|答复|回应|怎么说的?|说了什么|说了啥)$/u;

/** What the resolvers need to know: the entries in order, the bodies that answered them, the themes and the search normaliser. */
export interface Directory {
  entries: readonly Entry[];
  /** The bodies that answered (see answeringBodies), for resolveBody. */
  bodies: readonly AnsweringBody[];
  themes: readonly Theme[];
  normalise: (text: string) => string;
  /** Domain terms of the glossary (软件名城, 智慧农业), for near misses; optional. */
  terms?: readonly string[];
}

/**
 * Finds the person a user means (an asker, or the official who gave the closing response), with or without a title.
 * @example resolvePerson(directory, '樊志宏委员') // { kind: 'found', value: '樊志宏' }
 */
export function resolvePerson(directory: Directory, input: string): Resolution<string> {
  let query = nameKey(directory.normalise, input);
  for (const title of TITLES) query = query.split(title).join('');
  if (query === '') return { kind: 'none' };
  const names = personNames(directory.entries).map((n) => [nameKey(directory.normalise, n), n] as [string, string]);
  // A surname alone (/who 陈): the one person of that surname, or each of them to choose from.
  if ([...query].length === 1) {
    const ofSurname = names.filter(([key]) => key.startsWith(query)).map(([, name]) => name);
    if (ofSurname.length === 1) return { kind: 'found', value: ofSurname[0]! };
    return ofSurname.length > 1 ? { kind: 'did-you-mean', candidates: ofSurname } : { kind: 'none' };
  }
  return resolveName(query, names, { minFragment: 2, surnameMustMatch: true });
}

/**
 * Finds a theme by number (2, 二) or by a fragment of its title (治理 → 加快提升数字化治理能力).
 * @example resolveTheme(directory, '治理') // { kind: 'found', value: { index: 4, … } }
 */
export function resolveTheme(directory: Directory, input: string): Resolution<Theme> {
  const query = nameKey(directory.normalise, input)
    .replace(/^第/, '')
    .replace(/[个项]?主题$/, '');
  const n = parseNumber(query);
  if (n !== undefined) {
    const theme = directory.themes.find((t) => t.index === n);
    return theme ? { kind: 'found', value: theme } : { kind: 'none' };
  }
  if ([...query].length < 2) return { kind: 'none' };
  const matches = directory.themes.filter((t) => nameKey(directory.normalise, t.title).includes(query));
  if (matches.length === 1) return { kind: 'found', value: matches[0]! };
  return matches.length > 1 ? { kind: 'did-you-mean', candidates: matches } : { kind: 'none' };
}

/**
 * Finds one entry by its number: 5, q5, 第5题, 五, closing, 总体回应.
 * @example resolveItem(directory, 'q5')?.id // 'q5'
 */
export function resolveItem(directory: Directory, input: string): Entry | undefined {
  const query = nameKey(directory.normalise, input)
    .replace(/^第/, '')
    .replace(/[题问个]$/, '');
  if (CLOSING_NAMES.has(query)) return directory.entries.find((e) => e.kind === 'closing');
  const n = parseNumber(query.replace(/^q/, ''));
  return n === undefined ? undefined : directory.entries.find((e) => e.id === `q${n}`);
}

/** A body or person a question seems to name with one character wrong. */
export type NearMiss = { kind: 'body' | 'person' | 'term'; name: string };

/**
 * Names of three or more characters, and domain terms of four or more, that a stretch of the text misses by one
 * character (经信句 → 市经信局, 王元程 → 汪元程, 国咨委 → 市政府国资委, 软件名成 → 软件名城), for a "did you mean"
 * under a not-found reply; at most `limit`.
 * @example nearMissNames(directory, '经信句有啥措施') // [{ kind: 'body', name: '市经信局' }]
 */
export function nearMissNames(directory: Directory, text: string, limit = 3): NearMiss[] {
  const chars = [...nameKey(directory.normalise, text)].slice(0, 200);
  const found = new Map<string, NearMiss>();
  for (const { key, miss } of namesOf(directory)) {
    for (let at = 0; at + key.length <= chars.length && found.size < limit; at++) {
      // Same length, exactly one character different: a typo (句 for 局, 王 for 汪), not another word.
      let wrong = 0;
      for (let i = 0; i < key.length && wrong < 2; i++) if (chars[at + i] !== key[i]) wrong++;
      if (wrong === 1) found.set(`${miss.kind}:${miss.name}`, miss);
    }
  }
  return [...found.values()].slice(0, limit);
}

/** Every candidate name as characters (see nearMissNames); computed once per directory. */
const namesOf = (() => {
  const cache = new WeakMap<Directory, { key: string[]; miss: NearMiss }[]>();
  return (directory: Directory) => {
    let names = cache.get(directory);
    if (!names) {
      const key = (name: string) => [...nameKey(directory.normalise, name)];
      names = [
        ...directory.bodies.flatMap((b) =>
          namesOfBody(b).map((n) => ({
            key: key(n),
            miss: { kind: 'body', name: b.printed } as NearMiss,
          })),
        ),
        ...personNames(directory.entries).map((n) => ({
          key: key(n),
          miss: { kind: 'person', name: n } as NearMiss,
        })),
        // Shorter terms are too close to everyday words (算力 and 算法); names of three characters are distinctive enough.
        ...(directory.terms ?? [])
          .map((t) => ({ key: key(t), miss: { kind: 'term', name: t } as NearMiss }))
          .filter((n) => n.key.length >= 4),
      ].filter((n) => n.key.length >= 3);
      cache.set(directory, names);
    }
    return names;
  };
})();

/** Arabic or Chinese numerals up to 99 (5, 05, 五, 十二, 二十); undefined for anything else. */
export function parseNumber(text: string): number | undefined {
  if (/^\d{1,3}$/.test(text)) return Number(text);
  const m = /^([一二两三四五六七八九])?(十)?([一二三四五六七八九])?$/.exec(text);
  if (!m || text === '' || (!m[2] && m[1] && m[3])) return undefined;
  const digit = (c: string | undefined) => (c ? '一二三四五六七八九'.indexOf(c === '两' ? '二' : c) + 1 : 0);
  if (!m[2]) return digit(m[1]);
  return (m[1] ? digit(m[1]) : 1) * 10 + digit(m[3]);
}

/** Titles users add to a name (longest first, so 市人大常委会副主任 goes before 副主任). */
const TITLES = [
  '市人大常委会副主任',
  '市政府副市长',
  '人大代表',
  '副主任',
  '副市长',
  '主任',
  '市长',
  '委员',
  '代表',
  '同志',
  '的问题',
  '问了什么',
  '问的',
];
const CLOSING_NAMES = new Set(['closing', '总体回应', '回应', '副市长', '结束']);
