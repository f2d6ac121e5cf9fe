// Names users type → the body, person, theme or item they mean: exact names, aliases, fragments, near misses.
import type { AnsweringBody } from '../hearing/glossary.js';
import { bodyOf, personOf, type Entry, type Theme } from '../hearing/model.js';

/** What a name resolved to: one thing, a few near misses to choose from, or nothing. */
export type Resolution<T> = { kind: 'found'; value: T } | { kind: 'did-you-mean'; candidates: T[] } | { kind: 'none' };

/** What the resolvers need to know: the entries in order, the glossary's bodies and the search normaliser. */
export interface Directory {
  entries: readonly Entry[];
  bodies: readonly AnsweringBody[];
  themes: readonly Theme[];
  normalise: (text: string) => string;
}

/**
 * Finds the answering body a user means: printed or official name, alias, with or without 市/武汉市, Traditional,
 * a fragment (高新 → 东湖高新区管委会), or one wrong character (经心局 → did you mean 市经信局).
 * @example resolveBody(directory, '經信局') // { kind: 'found', value: '市经信局' }
 */
export function resolveBody(directory: Directory, input: string): Resolution<string> {
  const query = key(directory.normalise, input).replace(BODY_NOISE, '');
  if (query === '') return { kind: 'none' };
  const answering = new Set(directory.entries.map(bodyOf));
  const names: Array<[string, string]> = [];
  for (const body of directory.bodies.filter((b) => answering.has(b.printed))) {
    for (const name of [body.printed, body.official, ...body.aliases]) {
      for (const variant of variantsOf(key(directory.normalise, name))) names.push([variant, body.printed]);
    }
  }
  // Bodies that answered but are missing from the glossary still resolve by their printed name.
  for (const printed of answering) if (!names.some(([, p]) => p === printed)) names.push(...variantsOf(key(directory.normalise, printed)).map((v) => [v, printed] as [string, string]));
  return resolveName(query, names);
}

/**
 * Finds the person a user means (an asker, or the official who gave the closing response), with or without a title.
 * @example resolvePerson(directory, '樊志宏委员') // { kind: 'found', value: '樊志宏' }
 */
export function resolvePerson(directory: Directory, input: string): Resolution<string> {
  let query = key(directory.normalise, input);
  for (const title of TITLES) query = query.split(title).join('');
  if (query === '') return { kind: 'none' };
  const names = unique(directory.entries.map((e) => personOf(e).name)).map((n) => [key(directory.normalise, n), n] as [string, string]);
  return resolveName(query, names, { minFragment: 2, surnameMustMatch: true });
}

/**
 * Finds a theme by number (2, 二) or by a fragment of its title (治理 → 加快提升数字化治理能力).
 * @example resolveTheme(directory, '治理') // { kind: 'found', value: { index: 4, … } }
 */
export function resolveTheme(directory: Directory, input: string): Resolution<Theme> {
  const query = key(directory.normalise, input).replace(/^第/, '').replace(/[个项]?主题$/, '');
  const n = parseNumber(query);
  if (n !== undefined) {
    const theme = directory.themes.find((t) => t.index === n);
    return theme ? { kind: 'found', value: theme } : { kind: 'none' };
  }
  if ([...query].length < 2) return { kind: 'none' };
  const matches = directory.themes.filter((t) => key(directory.normalise, t.title).includes(query));
  if (matches.length === 1) return { kind: 'found', value: matches[0]! };
  return matches.length > 1 ? { kind: 'did-you-mean', candidates: matches } : { kind: 'none' };
}

/**
 * Finds one entry by its number: 5, q5, 第5题, 五, closing, 总体回应.
 * @example resolveItem(directory, 'q5')?.id // 'q5'
 */
export function resolveItem(directory: Directory, input: string): Entry | undefined {
  const query = key(directory.normalise, input).replace(/^第/, '').replace(/[题问个]$/, '');
  if (CLOSING_NAMES.has(query)) return directory.entries.find((e) => e.kind === 'closing');
  const n = parseNumber(query.replace(/^q/, ''));
  return n === undefined ? undefined : directory.entries.find((e) => e.id === `q${n}`);
}

/** Arabic or Chinese numerals up to 99 (5, 05, 五, 十二, 二十); undefined for anything else. */
export function parseNumber(text: string): number | undefined {
  if (/^\d{1,3}$/.test(text)) return Number(text);
  const m = /^([一二两三四五六七八九])?(十)?([一二三四五六七八九])?$/.exec(text);
  if (!m || text === '' || (!m[2] && m[1] && m[3])) return undefined;
  const digit = (c: string | undefined) => (c ? '一二三四五六七八九'.indexOf(c === '两' ? '二' : c) + 1 : 0);
  if (!m[2]) return digit(m[1]);
  return (m[1] ? digit(m[1]) : 1) * 10 + digit(m[3]);
}

/** Exact name, then a unique fragment either way round, then names one edit away. */
function resolveName(query: string, names: ReadonlyArray<readonly [string, string]>, options: { minFragment?: number; surnameMustMatch?: boolean } = {}): Resolution<string> {
  const exact = unique(names.filter(([n]) => n === query).map(([, v]) => v));
  if (exact.length === 1) return { kind: 'found', value: exact[0]! };
  const minFragment = options.minFragment ?? 2;
  const fragment = unique(
    names.filter(([n]) => (n.includes(query) && [...query].length >= minFragment) || (query.includes(n) && [...n].length >= minFragment)).map(([, v]) => v),
  );
  if (fragment.length === 1) return { kind: 'found', value: fragment[0]! };
  if (fragment.length > 1) {
    // 「东湖高新区管委会的回答」 contains both 东湖高新区 and 高新区: the longest name inside the query wins.
    const inside = names.filter(([n]) => query.includes(n)).sort((a, b) => b[0].length - a[0].length);
    const longest = inside[0];
    if (longest && unique(inside.filter(([n]) => n.length === longest[0].length).map(([, v]) => v)).length === 1) return { kind: 'found', value: longest[1] };
    return { kind: 'did-you-mean', candidates: fragment };
  }
  const near = unique(
    names
      .filter(([n]) => {
        const length = Math.min([...n].length, [...query].length);
        if (length < 2 || (length < 3 && !options.surnameMustMatch)) return false;
        if (options.surnameMustMatch && [...n][0] !== [...query][0]) return false;
        return editDistance(n, query) <= (length >= 6 ? 2 : 1);
      })
      .map(([, v]) => v),
  );
  return near.length > 0 ? { kind: 'did-you-mean', candidates: near } : { kind: 'none' };
}

/** A name with and without the city in front: 经信局, 市经信局, 武汉市经信局. */
function variantsOf(name: string): string[] {
  const bare = name.replace(/^武汉市/, '').replace(/^武汉/, '').replace(/^市/, '');
  return unique([name, bare, `市${bare}`, `武汉市${bare}`, `武汉${bare}`].filter((n) => [...n].length >= 2));
}

/** Normalised, without spaces and punctuation. */
function key(normalise: (text: string) => string, text: string): string {
  return normalise(text).replace(/[\s\p{P}\p{S}]+/gu, '');
}

/** Levenshtein distance over code points. */
export function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[y.length]!;
}

const unique = <T>(values: T[]): T[] => [...new Set(values)];

/** Words users add around a body's name that are not part of it. */
const BODY_NOISE = /(?:的)?(?:回答|答复|回应|怎么说的?|说了什么|说了啥)$/u;
/** Titles users add to a name (longest first, so 市人大常委会副主任 goes before 副主任). */
const TITLES = ['市人大常委会副主任', '市政府副市长', '人大代表', '副主任', '副市长', '主任', '市长', '委员', '代表', '同志', '的问题', '问了什么', '问的'];
const CLOSING_NAMES = new Set(['closing', '总体回应', '回应', '副市长', '结束']);
