// The hearing's people and order, read from its parsed transcript: each asker's surname, given name, title and kind,
// the position of each question, the bodies that answered, and the official who closed; with the names people type.
import type { AskingWords, MemberKind } from '../hearing/asking.js';
import { bodyOf, type Closing, type Entry, type Hearing, type QaItem, type Theme } from '../hearing/model.js';
import { unique } from './names.js';

/** Someone who asked, or who gave the overall response. */
export interface RosterPerson {
  name: string;
  surname: string;
  given: string;
  /** As printed: 市人大常委会副主任, 委员, 代表, 市政府副市长. */
  title: string;
  /** The kind of member (副主任, 委员, 代表) or official (副市长) the title makes them, from data/asking.json. */
  kind: string | null;
  /** Their entries in transcript order. */
  entries: Entry[];
  /** 1-based place among the askers, in order of first question; null for the official who closed. */
  position: number | null;
}

/** A reference to people in a message, and everyone it fits (none: someone the hearing does not have). */
export interface RosterReference {
  text: string;
  at: number;
  people: RosterPerson[];
  /** By name (full, or by sound), by surname and title, or by a kind of member alone (代表们). */
  how: 'name' | 'title' | 'kind';
}

export interface Roster {
  readonly hearing: Hearing;
  /** Askers in order of asking, then the official who closed. */
  readonly people: readonly RosterPerson[];
  readonly askers: readonly RosterPerson[];
  /** The questions in order (q1…qN). */
  readonly items: readonly QaItem[];
  readonly closing: Closing | null;
  readonly themes: readonly Theme[];
  /** Answering bodies as printed, in order of first answer. */
  readonly bodies: readonly string[];
  /** The kind of member a printed title makes (市人大常委会副主任 → 副主任). */
  kindOf(title: string): string | null;
  /** People referred to in a normalised text: full names (also misheard by sound), surname with a title, or a kind. */
  find(text: string): RosterReference[];
  /** The text with each name that fits one person spelled as printed (王元程 → 汪元程, 程局长 → 程宏刚). */
  spellNames(text: string): string;
  /** The kinds of member named in a text (代表们, 常委会委员), without a surname before them. */
  kindsNamed(text: string): { kind: string; at: number; text: string }[];
}

/**
 * Builds the roster of one hearing. `soundsAlike` compares two characters by sound (王/汪), from the index's pinyin
 * table; a misheard name counts only where one person fits.
 * @example buildRoster(hearing, words, soundsAlike).find('王副市长讲了啥')[0]?.people[0]?.name // '汪元程'
 */
export function buildRoster(
  hearing: Hearing,
  words: Pick<AskingWords, 'members' | 'notMembers' | 'wrongTitles'>,
  soundsAlike: (a: string, b: string) => boolean,
  commonSurnames: readonly string[] = [],
): Roster {
  const { kindOf, said, titles, commonSet } = titleWords(words, commonSurnames);
  const entries: Entry[] = [...hearing.items, ...(hearing.closing ? [hearing.closing] : [])];
  const byName = new Map<string, RosterPerson>();
  for (const e of entries) {
    const person = e.kind === 'qa' ? e.asker : e.speaker;
    let found = byName.get(person.name);
    if (!found) {
      const chars = [...person.name];
      found = {
        name: person.name,
        surname: chars[0] ?? '',
        given: chars.slice(1).join(''),
        title: person.title,
        kind: kindOf(person.title),
        entries: [],
        position: null,
      };
      byName.set(person.name, found);
    }
    found.entries.push(e);
  }
  const people = [...byName.values()];
  const askers = people.filter((p) => p.entries.some((e) => e.kind === 'qa'));
  askers.forEach((p, i) => {
    p.position = i + 1;
  });
  const titleAt = (text: string, at: number) => titles.find((t) => text.startsWith(t, at));
  const fits = (kind: string | undefined) => (p: RosterPerson) => kind === undefined || p.kind === kind;

  /** Everyone whose surname is this character: as written, else (only then) by sound. */
  const bySurname = (ch: string, among: readonly RosterPerson[]) => {
    const exact = among.filter((p) => p.surname === ch);
    return exact.length > 0 ? exact : among.filter((p) => soundsAlike(ch, p.surname));
  };

  const find = (text: string): RosterReference[] => {
    const chars = [...text];
    // Where each character starts in the string, for titles looked up by string offset.
    const offsets: number[] = [];
    chars.reduce((at, c) => offsets.push(at) && at + c.length, 0);
    offsets.push(text.length);
    const found: RosterReference[] = [];
    const taken = new Set<number>();
    const take = (at: number, length: number, people: RosterPerson[], how: RosterReference['how']) => {
      for (let i = at; i < at + length; i++) taken.add(i);
      found.push({ text: chars.slice(at, at + length).join(''), at, people, how });
    };
    // Full names, as written or misheard by sound (王元程, 李雷委员): only where one person fits.
    for (let at = 0; at < chars.length; at++) {
      if (taken.has(at)) continue;
      if (!surnameSounds(chars[at]!)) continue;
      const fitting = people.filter((p) => {
        const name = [...p.name];
        if (at + name.length > chars.length) return false;
        const typed = chars.slice(at, at + name.length);
        if (!typed.every((c, i) => soundsAlike(c, name[i]!))) return false;
        const exact = typed.filter((c, i) => c === name[i]).length;
        // Two characters as written (王元程), or a title right after it (李雷委员): a name, not a word that sounds alike.
        const titled = titleAt(text, offsets[at + name.length]!) !== undefined;
        return exact === name.length || (exact >= 2 && name.length >= 3) || (exact >= 1 && titled);
      });
      if (fitting.length !== 1) continue;
      const person = fitting[0]!;
      const length = [...person.name].length;
      const after = titleAt(text, offsets[at + length]!);
      take(at, length + (after ? [...after].length : 0), [person], 'name');
      at += length - 1;
    }
    // A surname and a title: 胡主任, 汪副市长, 王市长 (王 for 汪), 程局长 (a wrong title for the only 程).
    for (let at = 0; at + 1 < chars.length; at++) {
      if (taken.has(at) || !isSurname(chars[at]!)) continue;
      const title = titleAt(text, offsets[at + 1]!);
      if (!title) continue;
      const kind = said.find((s) => s.word === title)?.kind;
      const ch = chars[at]!;
      let people = kind ? bySurname(ch, askersAndClosing().filter(fits(kind))) : [];
      if (people.length === 0 && words.wrongTitles.includes(title)) {
        const sameSurname = askersAndClosing().filter((p) => p.surname === ch);
        if (sameSurname.length === 1) people = sameSurname;
      }
      // A character that is no surname here and no title fits: 张委员 names someone the hearing does not have.
      take(at, 1 + [...title].length, people, 'title');
    }
    return found.sort((a, b) => a.at - b.at);
  };
  const askersAndClosing = () => people;
  // Asked of every character of every message: answered once per character (up to a few thousand kept).
  const soundingSurname = new Map<string, boolean>();
  const surnameSounds = (ch: string) => {
    let sounds = soundingSurname.get(ch);
    if (sounds === undefined) {
      sounds = people.some((p) => soundsAlike(ch, p.surname));
      if (soundingSurname.size < MAX_CHARACTERS_KEPT) soundingSurname.set(ch, sounds);
    }
    return sounds;
  };
  // 人大代表 holds no 大代表, 有位副主任 no 位副主任: only a surname someone here has, or a common one, leads a title.
  const surnames = new Set(people.map((p) => p.surname));
  const isSurname = (ch: string) => surnames.has(ch) || commonSet.has(ch);

  /** The text with each name that fits one person spelled as printed (王元程 → 汪元程, 程局长 → 程宏刚). */
  const spellNames = (text: string) => {
    let out = '';
    let last = 0;
    const chars = [...text];
    for (const ref of find(text)) {
      if (ref.people.length !== 1 || ref.at < last) continue;
      const person = ref.people[0]!;
      const typed = [...ref.text];
      // As printed (胡树华, 胡副主任), or a full name misheard in one of three characters (the homophone reader's): as is.
      const asPrinted = ref.how === 'name' ? ref.text.startsWith(person.name) : typed[0] === person.surname;
      const kindFits = said.find((s) => s.word === typed.slice(1).join(''))?.kind === person.kind;
      if (ref.how === 'name' ? asPrinted || !titleAt(ref.text, person.name.length) : asPrinted && kindFits) continue;
      // Keep the title typed when it fits the kind (李雷委员 → 李蕾委员); a wrong one goes (程局长 → 程宏刚).
      const titleTyped = ref.how === 'name' ? typed.slice([...person.name].length).join('') : typed.slice(1).join('');
      const kindTyped = said.find((s) => s.word === titleTyped)?.kind;
      const keep = titleTyped !== '' && kindTyped === person.kind ? titleTyped : '';
      out += chars.slice(last, ref.at).join('') + person.name + keep;
      last = ref.at + typed.length;
    }
    return out + chars.slice(last).join('');
  };

  const kindsNamed = (text: string) => {
    const out: { kind: string; at: number; text: string }[] = [];
    const blocked = new Set<number>();
    // 我们是企业代表 is a company's representative, not the hearing's 代表.
    for (const word of words.notMembers)
      for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1))
        for (let i = 0; i < word.length; i++) blocked.add(at + i);
    for (const { word, kind } of said) {
      for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
        if ([...Array(word.length).keys()].some((i) => blocked.has(at + i))) continue;
        for (let i = 0; i < word.length; i++) blocked.add(at + i);
        out.push({ kind, at, text: word });
      }
    }
    return out.sort((a, b) => a.at - b.at);
  };

  return {
    hearing,
    people,
    askers,
    items: hearing.items,
    closing: hearing.closing,
    themes: hearing.themes,
    bodies: unique(hearing.items.map(bodyOf)),
    kindOf,
    find,
    kindsNamed,
    spellNames,
  };
}

/** What every roster reads the same way from the words of asking, made once for a thousand hearings' rosters. */
interface TitleWords {
  /** The kind of member a printed title makes (市人大常委会副主任 → 副主任), each title looked up once. */
  kindOf(title: string): string | null;
  said: { word: string; kind: string }[];
  /** Every title people use or get wrong, longest first. */
  titles: string[];
  commonSet: ReadonlySet<string>;
}

const titleWordsMade = new WeakMap<object, WeakMap<readonly string[], TitleWords>>();

function titleWords(
  words: Pick<AskingWords, 'members' | 'wrongTitles'>,
  commonSurnames: readonly string[],
): TitleWords {
  let byCommon = titleWordsMade.get(words);
  if (!byCommon) titleWordsMade.set(words, (byCommon = new WeakMap()));
  let made = byCommon.get(commonSurnames);
  if (made) return made;
  const kinds = new Map<string, string | null>();
  const said = saidTitles(words.members);
  made = {
    kindOf(title) {
      let kind = kinds.get(title);
      if (kind === undefined) {
        kind = words.members.find((m) => m.printed.some((p) => title.endsWith(p)))?.kind ?? null;
        kinds.set(title, kind);
      }
      return kind;
    },
    said,
    titles: unique([...said.map((s) => s.word), ...words.wrongTitles])
      .filter(Boolean)
      .sort((a, b) => b.length - a.length),
    commonSet: new Set(commonSurnames),
  };
  byCommon.set(commonSurnames, made);
  return made;
}

/** How many characters a roster remembers whether they sound like a surname of its people: the common ones. */
const MAX_CHARACTERS_KEPT = 4096;

/** Every title people use for a kind, longest first (常委会副主任 before 副主任 before 主任). */
function saidTitles(members: readonly MemberKind[]): { word: string; kind: string }[] {
  return members
    .flatMap((m) => m.said.map((word) => ({ word, kind: m.kind })))
    .sort((a, b) => b.word.length - a.word.length);
}

/**
 * Spells the names in a text as every roster would in turn (`rosters.reduce((t, r) => r.spellNames(t), text)`), but
 * asks only the rosters that may change it. A roster spells anew only a name followed by a title: a full name typed
 * otherwise than printed (looked up by the sound of its first two characters and its length), a surname that only
 * sounds like that of someone of the title's kind (王副市长), or the surname of someone given a wrong title (程局长).
 * A thousand hearings' rosters are looked up so, not each asked. `readings` must be the table `soundsAlike` is, and
 * `commonSurnames` the rosters' own.
 * @example createNameSpeller(rosters, words, readings, surnames)('王元程副市长讲了啥') // '汪元程副市长讲了啥'
 */
export function createNameSpeller(
  rosters: readonly Roster[],
  words: Pick<AskingWords, 'members' | 'wrongTitles'>,
  readings: (ch: string) => readonly number[],
  commonSurnames: readonly string[] = [],
): (text: string) => string {
  // The titles as a roster looks them up (longest first), and the kinds they say: what every roster reads.
  const { said, titles, commonSet: common } = titleWords(words, commonSurnames);
  // A character's sounds: itself and each of its readings (two characters sound alike when they share one).
  type Sound = string | number;
  const soundsOf = (ch: string): Sound[] => [ch, ...readings(ch)];
  const within = <K, V>(map: Map<K, V>, key: K, make: () => V): V => {
    let value = map.get(key);
    if (value === undefined) map.set(key, (value = make()));
    return value;
  };
  /** Rosters by a full name's length and the sounds of its first two characters (or of its one). */
  const byName = new Map<number, Map<Sound, Map<Sound, number[]>>>();
  /** Rosters by a person's kind and surname, and by surname alone. */
  const byKindAndSurname = new Map<string, Map<string, number[]>>();
  const bySurname = new Map<string, number[]>();
  /** Every surname by each of its readings. */
  const surnamesByReading = new Map<number, Set<string>>();
  // The same people sit in hearing after hearing: the lists a person's roster joins are found once per name and kind.
  const listsOf = new Map<string, number[][]>();
  const listOf = <K>(map: Map<K, number[]>, key: K) => within(map, key, () => [] as number[]);
  // Made when a message first holds a title (many never do), not at start: a thousand hearings' sixteen thousand
  // people took a tenth of the engine's start.
  let indexed = false;
  const indexRosters = () => {
    if (indexed) return;
    indexed = true;
    rosters.forEach((roster, i) => {
      for (const person of roster.people) {
        const key = `${person.kind ?? ''}\t${person.name}`;
        let lists = listsOf.get(key);
        if (!lists) {
          lists = [];
          const chars = [...person.name];
          if (chars.length > 0) {
            const byFirst = within(byName, chars.length, () => new Map<Sound, Map<Sound, number[]>>());
            for (const a of soundsOf(chars[0]!)) {
              const bySecond = within(byFirst, a, () => new Map<Sound, number[]>());
              for (const b of chars.length > 1 ? soundsOf(chars[1]!) : ['']) lists.push(listOf(bySecond, b));
            }
            lists.push(listOf(bySurname, person.surname));
            if (person.kind !== null)
              lists.push(
                listOf(
                  within(byKindAndSurname, person.kind, () => new Map()),
                  person.surname,
                ),
              );
            for (const r of readings(person.surname)) within(surnamesByReading, r, () => new Set()).add(person.surname);
          }
          listsOf.set(key, lists);
        }
        // Each roster once per list, in order (a list may be reached twice: two sounds alike of one character).
        for (const list of lists) if (list.at(-1) !== i) list.push(i);
      }
    });
    listsOf.clear();
  };
  const titleStarts = new Set(titles.map((t) => t[0]!));
  // The kind each title says (the first kind that says it).
  const kindSaid = new Map<string, string>();
  for (const s of said) if (!kindSaid.has(s.word)) kindSaid.set(s.word, s.kind);
  const wrongTitles = new Set(words.wrongTitles);
  const titleAt = (text: string, at: number) =>
    titleStarts.has(text[at]!) ? titles.find((t) => text.startsWith(t, at)) : undefined;

  /** The rosters that may change the text, in order. */
  const concerned = (text: string): number[] => {
    const chars = [...text];
    // Where each character starts in the string, and whether a title starts there.
    const offsets: number[] = [];
    chars.reduce((at, c) => offsets.push(at) && at + c.length, 0);
    offsets.push(text.length);
    const titled = offsets.map((at) => titleAt(text, at));
    if (titled.every((t) => t === undefined)) return [];
    indexRosters();
    const found = new Set<number>();
    const addAll = (own: readonly number[] | undefined) => {
      if (own) for (const r of own) found.add(r);
    };
    for (let at = 0; at < chars.length; at++) {
      // A full name typed otherwise, with a title after it.
      for (const [length, byFirst] of byName) {
        if (at + length > chars.length || titled[at + length] === undefined) continue;
        for (const a of soundsOf(chars[at]!)) {
          const bySecond = byFirst.get(a);
          if (!bySecond) continue;
          if (length === 1) addAll(bySecond.get(''));
          else for (const b of soundsOf(chars[at + 1]!)) addAll(bySecond.get(b));
        }
      }
      // A surname and a title: someone of that kind whose surname only sounds like it, or a wrong title.
      const title = at + 1 < chars.length ? titled[at + 1] : undefined;
      if (title === undefined) continue;
      const ch = chars[at]!;
      // Only a common surname, or one someone in that roster has, leads a title (人大代表 holds no 大代表).
      const ownSurname = bySurname.get(ch);
      if (!common.has(ch) && ownSurname === undefined) continue;
      const kind = kindSaid.get(title);
      if (kind !== undefined) {
        const ofKind = byKindAndSurname.get(kind);
        const having = common.has(ch) ? undefined : new Set(ownSurname);
        for (const r of ofKind ? readings(ch) : [])
          for (const surname of surnamesByReading.get(r) ?? [])
            if (surname !== ch) addAll(ofKind!.get(surname)?.filter((roster) => having?.has(roster) ?? true));
      }
      if (wrongTitles.has(title)) addAll(bySurname.get(ch));
    }
    return [...found].sort((x, y) => x - y);
  };

  return (text) => {
    let spelled = text;
    let asked = concerned(spelled);
    for (let i = 0; i < asked.length; i++) {
      const roster = asked[i]!;
      const respelled = rosters[roster]!.spellNames(spelled);
      if (respelled === spelled) continue;
      // A name spelled anew may concern other rosters: those after this one are looked up again.
      spelled = respelled;
      asked = concerned(spelled).filter((r) => r > roster);
      i = -1;
    }
    return spelled;
  };
}
