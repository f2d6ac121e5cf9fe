// People named by surname and title (胡副主任), title alone (副市长, 三位代表) or order (最后一个提问的), from the hearing.
import { type Entry, personOf } from '../hearing/model.js';
import { entriesByPerson } from './names.js';

/** Someone who asked or gave the overall response, with the entries under their name, in transcript order. */
export interface HearingPerson {
  name: string;
  /** The title as printed: 市人大常委会副主任, 委员, 代表, 市政府副市长. */
  title: string;
  entries: Entry[];
}

/** A reference to people in a message (陈副主任) and everyone it fits, in order of appearance. */
export interface PersonReference {
  /** The words of the message that refer to them. */
  text: string;
  people: HearingPerson[];
}

export interface PeopleFinder {
  readonly people: readonly HearingPerson[];
  /**
   * The references in a normalised text, and the text with them and any other title (委员, 代表) blanked out:
   * a title alone says nothing about which answer is meant.
   */
  find(text: string): { references: PersonReference[]; rest: string };
}

/**
 * Builds the finder from the entries of the parsed hearing(s): every surname, every title, and the order of askers
 * come from there, so a role nobody holds (市委书记) refers to no one. `standsAlone` tells whether the segmenter
 * reads a run of characters as a word of its own (城市长远 holds no 市长, 委员会 no 委员).
 * @example createPeopleFinder(entries, startsWord).find('胡副主任问的那个').references[0]?.people[0]?.name // '胡树华'
 */
export function createPeopleFinder(
  entries: readonly Entry[],
  normalise: (text: string) => string,
  standsAlone: (text: string, at: number, length: number) => boolean,
  commonSurnames: readonly string[] = [],
  /** The entries' people as {@link entriesByPerson} gives them, when the caller has them already. */
  byPerson: ReadonlyMap<string, Entry[]> = entriesByPerson(entries, normalise),
): PeopleFinder {
  const byName = new Map(
    [...byPerson].map(([key, own]): [string, HearingPerson] => {
      const { name, title } = personOf(own[0]!);
      return [key, { name, title, entries: own }];
    }),
  );
  const people = [...byName.values()];
  const askers = people.filter((p) => p.entries.some((e) => e.kind === 'qa'));
  const titleOf = new Map(people.map((p) => [p, normalise(p.title)]));
  // A role is any ending of a printed title of two characters or more: 副主任 and 主任, 副市长 and 市长.
  const roles = [
    ...new Set(
      people.flatMap((p) => {
        const title = titleOf.get(p)!;
        return [...title].slice(0, -1).map((_, i) => title.slice(i));
      }),
    ),
  ]
    .filter((r) => [...r].length >= 2)
    .sort((a, b) => b.length - a.length);
  // Who holds a role, among everyone or the askers: asked per match, so each answer is kept (a thousand hearings
  // have thousands of people; the roles are the few endings of their titles).
  const holders = new Map<string, readonly HearingPerson[]>();
  const holding = (role: string | undefined, among: readonly HearingPerson[] = people): readonly HearingPerson[] => {
    if (!role) return among;
    if (among !== people && among !== askers) return among.filter((p) => titleOf.get(p)!.endsWith(role));
    const key = `${among === askers ? 'asker' : 'anyone'} ${role}`;
    let found = holders.get(key);
    if (found === undefined) {
      found = among.filter((p) => titleOf.get(p)!.endsWith(role));
      holders.set(key, found);
    }
    return found;
  };
  const surnameOf = new Map(people.map((p) => [p, [...normalise(p.name)][0]!]));
  const surname = (p: HearingPerson) => surnameOf.get(p)!;
  const surnames = new Set(people.map(surname));
  /** Everyone of a surname, in order: a thousand hearings' people are not all read for each 胡副主任. */
  const bySurname = new Map<string, HearingPerson[]>();
  for (const p of people) {
    const own = bySurname.get(surname(p));
    if (own) own.push(p);
    else bySurname.set(surname(p), [p]);
  }
  /** Who holds the role (any, without one) and has the surname: `holding(role).filter(surname)`, by the surname's few. */
  const holdingWithSurname = (role: string | undefined, ch: string | undefined): HearingPerson[] =>
    (bySurname.get(ch ?? '') ?? []).filter((p) => !role || titleOf.get(p)!.endsWith(role));

  const role = `(${roles.map(escapeRegExp).join('|')})`;
  const surnameClass = `([${[...surnames].map(escapeRegExp).join('')}])`;
  const names = [...byName.keys()].sort((a, b) => b.length - a.length);
  const patterns: { pattern: RegExp; resolve: (m: RegExpExecArray, text: string) => HearingPerson[] | undefined }[] = [
    {
      // 汪元程副市长, 胡树华: a full name, with the title after it if there is one (程副市长 is no one else).
      pattern: new RegExp(`(${names.map(escapeRegExp).join('|')})${role}?`, 'g'),
      resolve: (m) => [byName.get(m[1]!)!],
    },
    {
      // 第一个提问的, 最后一个发问的委员, 最后那位委员, 第三位代表: the order of askers (of that role).
      pattern: new RegExp(
        `(?:第([一二两三四五六七八九十\\d]+)|(最后|头))[一那]?[个位名](提问|发问|问|发言)?的?${role}?`,
        'g',
      ),
      resolve: (m) => {
        if (!m[3] && !m[4]) return undefined;
        const among = holding(m[4], askers);
        const at = m[2] === '最后' ? among.length - 1 : m[2] === '头' ? 0 : ordinal(m[1]!) - 1;
        return among[at] ? [among[at]] : [];
      },
    },
    {
      // 姓王的代表, 那个姓李的 (姓张的: nobody).
      pattern: new RegExp(`(?:那位|那个)?(?<!百)姓(\\p{Script=Han})(的|那位|那个)*${role}?`, 'gu'),
      resolve: (m) => (m[2] || m[3] ? holdingWithSurname(m[3], m[1]) : undefined),
    },
    {
      // 胡副主任, 邹委员, 汪副市长.
      pattern: new RegExp(`${surnameClass}${role}`, 'g'),
      resolve: (m) => {
        const found = holdingWithSurname(m[2], m[1]);
        return found.length > 0 ? found : undefined;
      },
    },
    {
      // 张副主任, 李副主任: a surname and a title nobody in the hearing has together refer to no one here.
      pattern: new RegExp(`([${commonSurnames.map(escapeRegExp).join('')}])${role}`, 'g'),
      resolve: () => (commonSurnames.length > 0 ? [] : undefined),
    },
    {
      // 副市长 (held by one person), 三位代表, 那位代表, 副主任们: a title that names few enough people to show each,
      // but not 以…为代表 or 委员会.
      pattern: new RegExp(`((?:[那这哪几两三四五六七八九十\\d])[位个名])?${role}(们)?`, 'g'),
      resolve: (m, text) => {
        const found = holding(m[2]);
        if (!standsAlone(text, m.index + (m[1]?.length ?? 0), m[2]!.length)) return undefined;
        if (found.length === 1) return [...found];
        const leading = m[1] || m[3] || m.index === 0 || !HAN.test(text[m.index - 1]!);
        return leading && found.length <= MAX_PEOPLE_BY_TITLE ? [...found] : undefined;
      },
    },
  ];

  return {
    people,
    find: (text) => {
      const references: PersonReference[] = [];
      let rest = text;
      for (const { pattern, resolve } of patterns) {
        rest = rest.replace(pattern, (...args) => {
          const match = args.slice(0, -2) as unknown as RegExpExecArray;
          match.index = args.at(-2) as number;
          const found = resolve(match, rest);
          if (found === undefined) return match[0];
          references.push({ text: match[0], people: found });
          return ' ';
        });
      }
      // Titles left over (为代表的, 张委员) name no one in particular; 委员会 is no title.
      if (roles.length > 0) {
        const text = rest;
        rest = rest.replace(new RegExp(role, 'g'), (...args) => {
          const [title, at] = [args[0] as string, args.at(-2) as number];
          return standsAlone(text, at, title.length) ? ' ' : title;
        });
      }
      return { references, rest };
    },
  };
}

/** A title held by more people than this (委员: 12) is no reference to anyone in particular. */
const MAX_PEOPLE_BY_TITLE = 5;

const DIGITS: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 三 → 3, 十二 → 12, 二十 → 20, 7 → 7. */
function ordinal(text: string): number {
  if (/^\d+$/.test(text)) return Number(text);
  const [tens, ones] = text.includes('十') ? text.split('十') : ['', text];
  return (text.includes('十') ? (tens ? (DIGITS[tens] ?? 0) : 1) * 10 : 0) + (ones ? (DIGITS[ones] ?? 0) : 0);
}

const HAN = /\p{Script=Han}/u;
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
