// Names users type → the person, theme or item they mean (bodies: src/hearing/bodies.ts): exact names, fragments, near misses.
import { nameKey, type Resolution, resolveName, unique } from '../hearing/bodies.js';
import type { AnsweringBody } from '../hearing/glossary.js';
import { type Entry, personOf, type Theme } from '../hearing/model.js';

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
  const names = unique(directory.entries.map((e) => personOf(e).name)).map(
    (n) => [nameKey(directory.normalise, n), n] as [string, string],
  );
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
          [b.printed, b.official, ...b.aliases].map((n) => ({
            key: key(n),
            miss: { kind: 'body', name: b.printed } as NearMiss,
          })),
        ),
        ...unique(directory.entries.map((e) => personOf(e).name)).map((n) => ({
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
