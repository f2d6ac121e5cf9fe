// Names people type → the answering body they mean (经信局, 經信局, 武汉市经信局, 高新 …), with did-you-mean for near misses; pure.
import type { AnsweringBody } from './glossary.js';

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
    for (const name of [body.printed, body.official, ...body.aliases]) {
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
 * Shared with the chat's person resolver; `surnameMustMatch` keeps 李雷 from matching 王雷.
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

/** Values in first-seen order, once each: the one helper for this, shared with the chat. */
export const unique = <T>(values: Iterable<T>): T[] => [...new Set(values)];

/** Words users add after a body's name that are not part of it. */
const BODY_NOISE = /(?:的)?(?:回答|答复|回应|怎么说的?|说了什么|说了啥)$/u;
