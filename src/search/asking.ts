// What a message asks about the hearing's people and order: who asked or answered a topic, a kind of member with a
// topic, a set (a kind, a body, a theme, a surname), a position (第三个, 倒数第二个), a count, the closing, or another place.
import type { HearingPlaces } from '../hearing/cities.js';
import { bodyOf, type Closing, type Entry, type QaItem } from '../hearing/model.js';
import { alternation } from './analyse.js';
import type { SearchEngine } from './engine.js';
import { parseNumber } from './names.js';
import { isHearingWord } from './read-message.js';
import type { Roster, RosterPerson } from './roster.js';

/** What the reply should say about the entry found: the entry itself, who asked it, or which body answered. */
export type Want = 'item' | 'asker' | 'body';

export type Asking =
  /** About a city, province or year other than the hearing's: out of scope. */
  | { kind: 'elsewhere'; place: string }
  /** The overall response, asked any way (副市长收尾, 最后表态, 市领导怎么说); null when the record has none. */
  | { kind: 'closing'; entry: Closing | null }
  /** A place past the end of the order (第十九个问题 of eighteen): how many there are. */
  | { kind: 'beyond'; label: string; count: number }
  /** One place in an order: 第三个问题, 倒数第二个提问的, 第一个提问的代表. */
  | { kind: 'position'; entry: QaItem; want: Want; label: string }
  /** The hearing's themes (一共几个主题, 分哪几个部分). */
  | { kind: 'themes' }
  /** The answering bodies (答复单位有哪些, 一共多少个部门回答, 被问得最多的是哪个部门). */
  | { kind: 'bodies' }
  /** All items of a kind of member, a body, a theme, a surname, a run of the order (前三个), or all of them. */
  | { kind: 'set'; label: string; entries: QaItem[]; people: boolean }
  /** Who asked, or which body answered, the item that answers a topic (the closing, when it answers: 一线城市谁说的). */
  | { kind: 'who'; want: Want; entry: QaItem | Closing; sure: boolean }
  /** A kind of member narrows (有位副主任), the topic picks; or a comparison with the hearing's city (武汉和苏州比). */
  | { kind: 'narrowed'; entry: QaItem }
  /** A reference several people fit and no topic decides (陈主任问了什么): each of their items, in full. */
  | { kind: 'both'; label: string; entries: QaItem[] };

/**
 * Reads a message against one hearing's roster; null when it asks none of these (a topic question, a follow-up).
 * @example readAsking(engine, roster, '人大代表都问了啥', placesOf(loadCities(), '武汉市')) // { kind: 'set', label: '代表', entries: [q3, q14, q17], … }
 */
export function readAsking(
  engine: SearchEngine,
  roster: Roster,
  message: string,
  places: HearingPlaces,
): Asking | null {
  const words = engine.asking;
  const text = engine
    .plain(message)
    .replace(/[\s\p{P}\p{S}]+/gu, ' ')
    .trim();
  if (text === '') return null;
  const has = (list: readonly string[]) => list.some((w) => text.includes(w));

  // Another place or year: out of scope, unless it is compared with the hearing's own city.
  const year = otherHearingYear(text, roster.hearing.date?.slice(0, 4));
  if (year && !has(places.home)) return { kind: 'elsewhere', place: `${year}年` };
  // One other place is what is asked about; several (跑去上海、北京拉企业) are places on the way.
  const named = places.elsewhere.filter((p) => text.includes(p));
  const place = named.length === 1 ? named[0] : undefined;
  if (place && !has(places.home) && !has(words.comparisons)) return { kind: 'elsewhere', place };
  // 武汉和苏州比还缺什么: the hearing's own city against another, asked as against other cities in general.
  if (place) {
    const compared = places.elsewhere.reduce((t, p) => t.split(p).join(OTHER_CITIES), text);
    const hit = engine.consult(compared, { limit: 1 }).answers[0];
    if (hit?.entry.kind === 'qa' && hit.entry.hearing === roster.hearing.id)
      return { kind: 'narrowed', entry: hit.entry };
  }

  const references = roster.find(text);
  // A bare name (汪元程, 陈主任) shows that person's entries as before.
  if (references.length > 0 && references.reduce((t, r) => t.split(r.text).join(''), text).trim() === '') return null;
  const reading = engine.read(text);
  const askersNamed = references.filter((r) => r.people.some((p) => p.position !== null));
  const bodiesNamed = [...reading.bodies].filter((b) => roster.bodies.includes(b));
  const asksAsker = has(words.cues.asker);
  const asksBody = has(words.cues.body);
  const want: Want = asksBody ? 'body' : asksAsker ? 'asker' : 'item';

  // The closing: a strong word, or two weak ones, and no asker or answering body named.
  const closing = roster.closing;
  if (askersNamed.length === 0 && bodiesNamed.length === 0) {
    const closer = references.some((r) => r.people.length === 1 && r.people[0]!.position === null);
    const weak = words.closing.weak.filter((w) => text.includes(w)).length;
    if (closer || has(words.closing.strong) || weak >= 2) return { kind: 'closing', entry: closing };
  }

  // Kinds of member named on their own (代表们, 委员), not as a title after a surname (陈主任).
  const spans = references.map((r) => [r.at, r.at + [...r.text].length] as const);
  const kinds = roster
    .kindsNamed(text)
    .filter((k) => !spans.some(([from, to]) => k.at < to && k.at + k.text.length > from))
    .filter((k) => roster.askers.some((p) => p.kind === k.kind));
  // The question comes last in a long message: 给代表们做简报，几位副主任分别问了什么 asks about the 副主任.
  const kind = kinds.at(-1)?.kind;
  // 委员和代表一共多少人: kinds joined by 和/与/、 ask for all of them together.
  const joined = kinds.every(
    (k, i) => i === 0 || JOINED_KINDS.test(text.slice(kinds[i - 1]!.at + kinds[i - 1]!.text.length, k.at)),
  );
  const kindsAsked = new Set(joined ? kinds.map((k) => k.kind) : kind ? [kind] : []);
  const kindLabel = [...kindsAsked].join('、');
  const ofKind = (people: readonly RosterPerson[]) =>
    kind ? people.filter((p) => p.kind !== null && kindsAsked.has(p.kind)) : [...people];

  // 前三个问题, 最后两位代表: a run of the order, asked as a set.
  const range = readRange(text, words.ranges);
  if (range) {
    const line: readonly QaItem[] = kind ? ofKind(roster.askers).map((p) => firstItem(p)) : roster.items;
    const entries = range.fromEnd ? line.slice(-range.n) : line.slice(0, range.n);
    if (entries.length > 0) return { kind: 'set', label: range.text + (kind ?? ''), entries, people: false };
  }

  const position = readPosition(text, words.cues);
  if (position) {
    const section = words.cues.section.some((w) => text.startsWith(w, position.end));
    // 第三个主题第二个问题, 第二部分的最后一个问题: a place within that theme.
    const within = section ? readPosition(text.slice(position.end), words.cues) : null;
    const theme = roster.themes[position.fromEnd ? roster.themes.length - position.n : position.n - 1];
    if (within && theme && !position.middle) {
      const entry = atPosition(
        roster.items.filter((e) => e.theme.index === theme.index),
        within,
      );
      if (entry) return { kind: 'position', entry, want, label: position.text + within.text };
    }
    if (!section) {
      const byPerson = kind !== undefined || words.cues.people.some((w) => text.startsWith(w, position.end));
      // 第十个发言的委员: the tenth to ask, if a 委员; else the tenth 委员 (第一个提问的代表 is the first 代表).
      const nth = !position.fromEnd && !position.middle ? roster.askers[position.n - 1] : undefined;
      if (kind && nth?.kind === kind) return { kind: 'position', entry: firstItem(nth), want, label: position.text };
      const line: readonly QaItem[] = byPerson ? ofKind(roster.askers).map((p) => firstItem(p)) : roster.items;
      const entry = atPosition(line, position);
      if (entry) return { kind: 'position', entry, want, label: position.text };
      return { kind: 'beyond', label: position.text, count: line.length };
    }
  }

  // What is left once the words that ask (who, which body, all of, a kind) are taken out: the topic, if any. The words
  // asking an answer's figures (数字, 目标) ask nothing here and are a topic's own (数字经济一线城市谁说的).
  const { goals: _figures, ...askingCues } = words.cues;
  const asked = [
    ...Object.values(askingCues).flat(),
    ...words.members.flatMap((m) => m.said),
    ...words.bodyKinds.flatMap((b) => b.said),
    ...references.map((r) => r.text),
  ].sort((a, b) => b.length - a.length);
  const rest = asked.reduce((t, w) => t.split(w).join(' '), text);
  const restReading = engine.read(rest);
  const topicWords = [
    ...restReading.bodies,
    ...restReading.groups.filter((g) => g.terms.length > 0).map((g) => g.word),
  ];
  const topical = restReading.groups.some((g) => g.terms.length > 0);
  const find = <T extends Entry>(allowed: readonly T[]) => searchTopic(engine, [rest, topicWords.join(' ')], allowed);
  const setCue = has(words.cues.set) || kinds.some((k) => text.startsWith('们', k.at + k.text.length));
  const countCue = has(words.cues.count) && has(words.cues.items);

  // A surname for several people (姓李的, 两位陈主任) with a set cue: all of them.
  const surname = new RegExp(`(?:${words.cues.surname.map(escapeRegExp).join('|')})(\\p{Script=Han})`, 'u').exec(text);
  if (words.cues.surname.length > 0 && surname) {
    const people = ofKind(roster.askers).filter((p) => p.surname === surname[1]);
    if (people.length > 0) return set(`姓${surname[1]}的`, people);
  }
  const several = references.find((r) => r.people.length > 1);
  if (several && (setCue || !topical)) {
    const entries = roster.items.filter((e) => several.people.some((p) => p.entries.includes(e)));
    return { kind: 'both', label: several.text, entries };
  }

  // 答复单位有哪些, 一共多少个部门回答: the answering bodies, when no topic, body or person is named.
  const bodySet = words.bodySets.words.filter((w) => text.includes(w));
  if (bodySet.length > 0 && has(words.bodySets.asks) && askersNamed.length === 0 && bodiesNamed.length === 0) {
    const topic = engine.read(bodySet.reduce((t, w) => t.split(w).join(' '), rest)).groups;
    if (!topic.some(isHearingWord)) return { kind: 'bodies' };
  }

  // A kind of body (开发区管委会) or a body with a set cue and no topic: everything it answered.
  const bodyKind = engine.asking.bodyKinds.find((k) => k.said.some((w) => text.includes(w)));
  if (bodyKind && !topical && restReading.bodies.size === 0) {
    const entries = roster.items.filter((e) => bodyKind.printed.some((p) => e.body.endsWith(p)));
    if (entries.length > 0) return { kind: 'set', label: bodyKind.kind, entries, people: false };
  }
  if (bodiesNamed.length === 1 && !topical && (setCue || countCue) && askersNamed.length === 0) {
    const entries = roster.items.filter((e) => bodyOf(e) === bodiesNamed[0]);
    return { kind: 'set', label: bodiesNamed[0]!, entries, people: false };
  }

  // A theme (第二部分, 数字化治理能力那块问了啥) asked as a set; 数字化转型这块有哪些扶持 asks about a topic.
  const theme = readTheme(text, roster, words.cues.section);
  // 一共几个主题, 分哪几个部分: the themes themselves.
  const noneNamed = askersNamed.length === 0 && bodiesNamed.length === 0 && !topical;
  if (!theme && noneNamed && has(words.cues.wholeSection) && (has(words.cues.count) || setCue))
    return { kind: 'themes' };
  const wholeTheme = has(words.cues.wholeSection) || has(words.cues.questions);
  if (theme && wholeTheme && askersNamed.length === 0 && bodiesNamed.length === 0) {
    const entries = roster.items.filter((e) => e.theme.index === theme.index);
    return { kind: 'set', label: theme.title, entries, people: false };
  }

  // A kind of member: with no topic, all of them; with a topic, the one of them it picks.
  if (kind && askersNamed.length === 0) {
    const people = ofKind(roster.askers);
    // 几位代表分别问了什么: all of them, whatever else the message says.
    // A body named (企业代表…商务局讲了哪些) makes it a question about that body's answer.
    if (bodiesNamed.length === 0 && (setCue || !topical)) return set(kindLabel, people);
    const entry = find(people.flatMap((p) => p.entries.filter((e): e is QaItem => e.kind === 'qa')))?.entry;
    if (entry) return asksAsker || asksBody ? { kind: 'who', want, entry, sure: true } : { kind: 'narrowed', entry };
  }

  // 一共几个问题, 总共多少位提问: every question, with the count.
  if (countCue && !topical && askersNamed.length === 0 && bodiesNamed.length === 0)
    return { kind: 'set', label: '全部', entries: [...roster.items], people: false };

  // Who asked, or which body answered, a topic: the item that answers it.
  if ((asksAsker || asksBody) && topicWords.length > 0 && askersNamed.length === 0) {
    const hit = find([...roster.items, ...(closing ? [closing] : [])]);
    if (hit) return { kind: 'who', want, entry: hit.entry, sure: hit.sure };
  }
  return null;

  function set(label: string, people: readonly RosterPerson[]): Asking {
    const entries = roster.items.filter((e) => people.some((p) => p.entries.includes(e)));
    return { kind: 'set', label, entries, people: true };
  }
}

/**
 * The item of `list` at a position read by {@link readPosition}: 第三 → the third, 倒数第二 → the second from the end,
 * 中间 → the middle one; undefined past either end.
 */
export function atPosition<T>(
  list: readonly T[],
  position: { n: number; fromEnd: boolean; middle: boolean },
): T | undefined {
  const at = position.middle
    ? Math.floor((list.length - 1) / 2)
    : position.fromEnd
      ? list.length - position.n
      : position.n - 1;
  return list[at];
}

/**
 * A position in an order: 第三(个), 倒数第二, 最后(一个), 中间(那个); `end` is where it stops in the text. A place
 * needs a measure word (个, 位, 题), a word for questions, people or a section after it, or the end of the message:
 * 第一批, 第一次, 排名第十五 and 会议最后 are no place in the hearing's order.
 */
export function readPosition(
  text: string,
  cues: {
    first: readonly string[];
    last: readonly string[];
    fromEnd: readonly string[];
    middle: readonly string[];
    items: readonly string[];
    people: readonly string[];
    section: readonly string[];
  },
): { n: number; fromEnd: boolean; middle: boolean; end: number; text: string } | null {
  const pattern = new RegExp(
    `(${alt(cues.fromEnd)})?第\\s*([0-9]{1,3}|[一二两三四五六七八九十百零〇]{1,4})|(${alt(cues.last)})|(${alt(cues.middle)})|(${alt(cues.first)})`,
    'u',
  );
  const m = pattern.exec(text);
  if (!m) return null;
  const tail = /^(?:一)?(?:个|位|名|条|道|题|问|项|那个|那位|那条)?/u.exec(text.slice(m.index + m[0].length))![0];
  const end = m.index + m[0].length + tail.length;
  const next = text.slice(end).replace(/^(?:的|是|那个|那位)/u, '');
  const placed =
    tail !== '' ||
    next.trim() === '' ||
    [...cues.items, ...cues.people, ...cues.section].some((w) => next.startsWith(w));
  if (!placed) return null;
  if (m[3]) return { n: 1, fromEnd: true, middle: false, end, text: m[0] + tail };
  if (m[4]) return { n: 1, fromEnd: false, middle: true, end, text: m[0] + tail };
  if (m[5]) return { n: 1, fromEnd: false, middle: false, end, text: m[0] + tail };
  // A place past any list (第一百个, 第0个) is still a place: past the end.
  const n = parseNumber(m[2]!) ?? Number.MAX_SAFE_INTEGER;
  return { n: n < 1 ? Number.MAX_SAFE_INTEGER : n, fromEnd: Boolean(m[1]), middle: false, end, text: m[0] + tail };
}

/**
 * A run of the order before a count: 前三个 → the first three, 最后两位 → the last two. One is no run (前一个 asks about
 * the one before), and a count of time (前两个月) is none.
 */
export function readRange(
  text: string,
  ranges: { first: readonly string[]; last: readonly string[] },
): { n: number; fromEnd: boolean; text: string } | null {
  const m = new RegExp(
    `(?:(${alt(ranges.first)})|(${alt(ranges.last)}))\\s*([0-9]{1,2}|[一二两三四五六七八九十]{1,3})\\s*(?:个|位|名|条|道|问)(?!月|星期|礼拜|季度|小时|钟头|工作日)`,
    'u',
  ).exec(text);
  const n = m ? parseNumber(m[3]!) : undefined;
  if (!m || n === undefined || n < 2) return null;
  return { n, fromEnd: m[2] !== undefined, text: m[0] };
}

/** The theme a message names before a section word (数字化治理能力那块, 第二部分), by the longest run it shares with a title. */
function readTheme(text: string, roster: Roster, sections: readonly string[]) {
  const section = sections.map((w) => ({ w, at: text.indexOf(w) })).find((s) => s.at > 0);
  if (!section) return undefined;
  const before = text.slice(0, section.at);
  const numbered = /第\s*([0-9]|[一二三四五六七八九十])\s*(?:个|大)?$/.exec(before);
  if (numbered) return roster.themes.find((t) => t.index === parseNumber(numbered[1]!));
  const scored = roster.themes
    .map((t) => ({ t, run: longestCommonRun(before, t.title) }))
    .sort((a, b) => b.run - a.run);
  const [best, next] = scored;
  return best && best.run >= 4 && (!next || next.run < best.run) ? best.t : undefined;
}

/**
 * The item the engine ranks first for a topic, tried as typed and then as its known words alone (a word the hearing
 * does not have, 要建, would otherwise sink it); only among `allowed`. `sure`: a confident answer.
 */
function searchTopic<T extends Entry>(
  engine: SearchEngine,
  queries: readonly string[],
  allowed: readonly T[],
): { entry: T; sure: boolean } | undefined {
  for (const query of queries) {
    if (query.trim() === '') continue;
    const { answers, guesses } = engine.consult(query, { limit: engine.entries.length });
    const ok = (e: Entry): e is T => (allowed as readonly Entry[]).includes(e);
    const answer = answers.find((h) => ok(h.entry));
    if (answer) return { entry: answer.entry as T, sure: true };
    const guess = guesses.find((h) => ok(h.entry));
    if (guess) return { entry: guess.entry as T, sure: false };
  }
  return undefined;
}

const firstItem = (p: RosterPerson): QaItem => p.entries.find((e): e is QaItem => e.kind === 'qa')!;

function longestCommonRun(a: string, b: string): number {
  let best = 0;
  for (let i = 0; i < a.length; i++)
    for (let j = 0; j < b.length; j++) {
      let k = 0;
      while (i + k < a.length && j + k < b.length && a[i + k] === b[j + k]) k++;
      best = Math.max(best, k);
    }
  return best;
}

/**
 * A year that asks about another hearing: one before this hearing's (2021年的数字经济政策), or any year with a hearing
 * word after it (2025年那次询问). A later year is a target (到2030年), and 自2020年以来 a span: both are content.
 */
function otherHearingYear(text: string, own: string | undefined): string | undefined {
  if (!own) return undefined;
  for (const m of text.matchAll(
    /(到|至|截至|截止|从|自)?((?:19|20)\d{2})(?=年|$|\D)(年(?:的)?(那次|那场|专题询问|询问|会上|会议)?(以来|起|至今|开始)?)?/gu,
  )) {
    const [, span, year, , hearing, since] = m;
    if (year === own || span || since) continue;
    if (hearing || year! < own) return year;
  }
  return undefined;
}

/** A regular expression's source matching any of the words (none: nothing). */
const alt = (words: readonly string[]) => alternation(words, '').source;

/** What may stand between two kinds of member asked for together (委员和代表, 副主任、委员). */
const JOINED_KINDS = /^(?:们)?\s*(?:和|与|跟|及|以及|、|还有|加上)?\s*$/u;

/** How the hearing speaks of cities other than its own. */
const OTHER_CITIES = '其他城市';

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
